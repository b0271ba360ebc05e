import { needInputSchema, type NeedInput } from '../../src/domain/need.js'
import type { Lang } from '../i18n/index.js'
import { type FieldOf, type FormErrors, NO_ERRORS, errorsFromIssues, mergeErrors } from './errors.js'
import { type FormBody, parseNumber, text, texts } from './values.js'

/** The form exactly as typed, so a page with errors shows it back unchanged. */
export interface NeedFormValues {
  title: string
  description: string
  processes: string[]
  materials: string[]
  lengthMm: string
  widthMm: string
  heightMm: string
  massKg: string
  itGrade: string
  roughnessRa: string
  quantity: string
  batchSize: string
  machineHours: string
  requiredCerts: string[]
  preferredCerts: string[]
  strictNational: boolean
  delivery: string
  deadline: string
  visibility: string
  clusterId: string
  invitedOrgIds: string
  maxDistanceKm: string
  /** Texts typed into the pickers' search boxes. */
  processQuery: string
  materialQuery: string
}

export const EMPTY_NEED_FORM: NeedFormValues = {
  title: '',
  description: '',
  processes: [],
  materials: [],
  lengthMm: '',
  widthMm: '',
  heightMm: '',
  massKg: '',
  itGrade: '',
  roughnessRa: '',
  quantity: '',
  batchSize: '',
  machineHours: '',
  requiredCerts: [],
  preferredCerts: [],
  strictNational: false,
  delivery: '',
  deadline: '',
  visibility: 'public',
  clusterId: '',
  invitedOrgIds: '',
  maxDistanceKm: '',
  processQuery: '',
  materialQuery: '',
}

const LIST_FIELDS = ['processes', 'materials', 'requiredCerts', 'preferredCerts'] as const
const NUMBER_FIELDS = ['lengthMm', 'widthMm', 'heightMm', 'massKg', 'roughnessRa', 'quantity', 'batchSize', 'machineHours', 'maxDistanceKm'] as const
const ENVELOPE_FIELDS = ['lengthMm', 'widthMm', 'heightMm', 'massKg'] as const
type NumberField = (typeof NUMBER_FIELDS)[number]

/** Reads a urlencoded body (parsed with `all: true`, so repeated names stay lists). */
export function needFormValues(body: FormBody): NeedFormValues {
  const values: NeedFormValues = { ...EMPTY_NEED_FORM, strictNational: text(body, 'strictNational') === 'on' }
  for (const key of Object.keys(EMPTY_NEED_FORM) as (keyof NeedFormValues)[]) {
    if (key === 'strictNational') continue
    if ((LIST_FIELDS as readonly string[]).includes(key)) (values[key] as string[]) = [...new Set(texts(body, key))]
    else (values[key] as string) = text(body, key).trim()
  }
  return values
}

function numbers(values: NeedFormValues, notANumber: string): { parsed: Partial<Record<NumberField, number>>; errors: FormErrors } {
  const parsed: Partial<Record<NumberField, number>> = {}
  const fields: Record<string, string[]> = {}
  for (const field of NUMBER_FIELDS) {
    if (values[field] === '') continue
    const number = parseNumber(values[field])
    if (number === undefined) fields[field] = [notANumber]
    else parsed[field] = number
  }
  return { parsed, errors: { fields, form: [] } }
}

/** The shape `needInputSchema` expects; blanks are left out so the schema alone decides what is required. */
function candidate(values: NeedFormValues, parsed: Partial<Record<NumberField, number>>): Record<string, unknown> {
  const envelopeTyped = ENVELOPE_FIELDS.some((field) => values[field] !== '')
  const invited = values.invitedOrgIds.split(/[\s,;]+/).filter(Boolean)
  const input: Record<string, unknown> = {
    title: values.title,
    description: values.description || undefined,
    processes: values.processes,
    materials: values.materials.length ? values.materials : undefined,
    envelope: envelopeTyped ? { lengthMm: parsed.lengthMm, widthMm: parsed.widthMm, heightMm: parsed.heightMm, massKg: parsed.massKg } : undefined,
    itGrade: values.itGrade === '' ? undefined : Number(values.itGrade),
    roughnessRa: parsed.roughnessRa,
    quantity: parsed.quantity,
    batchSize: parsed.batchSize,
    machineHours: parsed.machineHours,
    requiredCerts: values.requiredCerts.length ? values.requiredCerts : undefined,
    preferredCerts: values.preferredCerts.length ? values.preferredCerts : undefined,
    strictNational: values.strictNational || undefined,
    delivery: values.delivery ? { address: values.delivery } : {},
    maxDistanceKm: parsed.maxDistanceKm,
    deadline: values.deadline || undefined,
    visibility: values.visibility || undefined,
    clusterId: values.clusterId || undefined,
    invitedOrgIds: invited.length ? invited : undefined,
  }
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined))
}

/** `envelope.massKg` → massKg, `processes.2` → processes, `delivery.address` → delivery. */
export const needFieldOf: FieldOf = (path) => {
  const [first = '', second] = path.split('.')
  if (first === 'envelope') return second && (ENVELOPE_FIELDS as readonly string[]).includes(second) ? second : 'envelope'
  if (first === '') return null
  return Object.hasOwn(EMPTY_NEED_FORM, first) ? first : null
}

export type NeedFormResult = { ok: true; input: NeedInput } | { ok: false; errors: FormErrors }

/** Validates with the API's own schema (needInputSchema): the web adds parsing of typed numbers, no rules. */
export function parseNeedForm(values: NeedFormValues, lang: Lang, messages: { notANumber: string; missing: string }): NeedFormResult {
  const { parsed, errors: numberErrors } = numbers(values, messages.notANumber)
  const result = needInputSchema.safeParse(candidate(values, parsed))
  const schemaErrors = result.success ? NO_ERRORS : errorsFromIssues(result.error.issues, needFieldOf, lang, messages.missing)
  // A field that is not a number is left out of the candidate; "required" on top of "enter a number" would say the same twice.
  const otherFields = Object.fromEntries(Object.entries(schemaErrors.fields).filter(([field]) => !(field in numberErrors.fields)))
  const errors = mergeErrors(numberErrors, { fields: otherFields, form: schemaErrors.form })
  if (!result.success || errors.form.length > 0 || Object.keys(errors.fields).length > 0) return { ok: false, errors }
  return { ok: true, input: result.data }
}
