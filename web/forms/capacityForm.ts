import { type Capacity, type CapacityInput, capacityInputSchema } from '../../src/domain/capacity.js'
import type { Lang } from '../i18n/index.js'
import { type FieldOf, type FormErrors, NO_ERRORS, errorsFromIssues, mergeErrors } from './errors.js'
import { type FormBody, parseNumbers, text, texts } from './values.js'

/** The capacity form as typed; free hours by month ('YYYY-MM' → typed hours). */
export interface CapacityFormValues {
  siteId: string
  title: string
  processes: string[]
  materials: string[]
  equipment: string
  lengthMm: string
  widthMm: string
  heightMm: string
  massKg: string
  itGrade: string
  roughnessRa: string
  batchMin: string
  batchMax: string
  leadTimeDays: string
  descriptionRu: string
  descriptionEn: string
  hours: Record<string, string>
  processQuery: string
  materialQuery: string
}

export const EMPTY_CAPACITY_FORM: CapacityFormValues = {
  siteId: '',
  title: '',
  processes: [],
  materials: [],
  equipment: '',
  lengthMm: '',
  widthMm: '',
  heightMm: '',
  massKg: '',
  itGrade: '',
  roughnessRa: '',
  batchMin: '',
  batchMax: '',
  leadTimeDays: '',
  descriptionRu: '',
  descriptionEn: '',
  hours: {},
  processQuery: '',
  materialQuery: '',
}

const NUMBER_FIELDS = ['lengthMm', 'widthMm', 'heightMm', 'massKg', 'roughnessRa', 'batchMin', 'batchMax', 'leadTimeDays'] as const
const ENVELOPE_FIELDS = ['lengthMm', 'widthMm', 'heightMm', 'massKg'] as const
const TEXT_FIELDS = ['siteId', 'title', 'equipment', 'itGrade', 'descriptionRu', 'descriptionEn', 'processQuery', 'materialQuery', ...NUMBER_FIELDS] as const
const HOURS_FIELD = /^hours-(\d{4}-\d{2})$/

/** The field name of one month's free hours. */
export function hoursField(month: string): string {
  return `hours-${month}`
}

/** 'YYYY-MM' of the month `offset` months after the one `day` ('YYYY-MM-DD') falls in. */
function monthAfter(day: string, offset: number): string {
  const year = Number(day.slice(0, 4))
  const month = Number(day.slice(5, 7)) - 1 + offset
  return `${year + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`
}

/** The months the form offers: a year from the current month, plus any month that already has hours. */
export function formMonths(today: string, hours: Record<string, string>): string[] {
  const window = Array.from({ length: 12 }, (_, i) => monthAfter(today, i))
  return [...new Set([...Object.keys(hours), ...window])].sort()
}

export function capacityFormValues(body: FormBody): CapacityFormValues {
  const values: CapacityFormValues = { ...EMPTY_CAPACITY_FORM, processes: [...new Set(texts(body, 'processes'))], materials: [...new Set(texts(body, 'materials'))], hours: {} }
  for (const field of TEXT_FIELDS) values[field] = text(body, field).trim()
  for (const key of Object.keys(body)) {
    const month = HOURS_FIELD.exec(key)?.[1]
    if (month) values.hours[month] = text(body, key).trim()
  }
  return values
}

const decimal = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n).replace('.', ','))

/** A stored capacity as the form shows it for editing. */
export function capacityToForm(capacity: Capacity): CapacityFormValues {
  return {
    ...EMPTY_CAPACITY_FORM,
    siteId: capacity.siteId,
    title: capacity.title,
    processes: capacity.processes,
    materials: capacity.materials,
    equipment: capacity.equipment,
    lengthMm: decimal(capacity.envelope?.lengthMm),
    widthMm: decimal(capacity.envelope?.widthMm),
    heightMm: decimal(capacity.envelope?.heightMm),
    massKg: decimal(capacity.envelope?.massKg),
    itGrade: capacity.itGrade === null ? '' : String(capacity.itGrade),
    roughnessRa: decimal(capacity.roughnessRa),
    batchMin: capacity.batchMin === null ? '' : String(capacity.batchMin),
    batchMax: capacity.batchMax === null ? '' : String(capacity.batchMax),
    leadTimeDays: capacity.leadTimeDays === null ? '' : String(capacity.leadTimeDays),
    descriptionRu: capacity.descriptionRu,
    descriptionEn: capacity.descriptionEn,
    hours: Object.fromEntries(capacity.freeHours.map((entry) => [entry.month, String(entry.hours)])),
  }
}

export type CapacityFormResult = { ok: true; input: CapacityInput } | { ok: false; errors: FormErrors }

/**
 * Validates with the API's own schema (capacityInputSchema). Every field is sent, blanks as "none", so the
 * same input creates a capacity or replaces all of an existing one's fields.
 */
export function parseCapacityForm(values: CapacityFormValues, lang: Lang, messages: { notANumber: string; missing: string }): CapacityFormResult {
  const months = Object.keys(values.hours)
    .filter((month) => values.hours[month] !== '')
    .sort()
  const hourValues = Object.fromEntries(months.map((month) => [hoursField(month), values.hours[month] ?? '']))
  const numbers = parseNumbers({ ...values, ...hourValues } as unknown as Record<string, string>, [...NUMBER_FIELDS, ...Object.keys(hourValues)], messages.notANumber)
  const n = numbers.parsed as Partial<Record<string, number>>
  const envelopeTyped = ENVELOPE_FIELDS.some((field) => values[field] !== '')
  const candidate = {
    siteId: values.siteId || undefined,
    title: values.title,
    processes: values.processes,
    materials: values.materials,
    equipment: values.equipment,
    envelope: envelopeTyped ? { lengthMm: n.lengthMm, widthMm: n.widthMm, heightMm: n.heightMm, massKg: n.massKg } : null,
    itGrade: values.itGrade === '' ? null : Number(values.itGrade),
    roughnessRa: values.roughnessRa === '' ? null : n.roughnessRa,
    batchMin: values.batchMin === '' ? null : n.batchMin,
    batchMax: values.batchMax === '' ? null : n.batchMax,
    leadTimeDays: values.leadTimeDays === '' ? null : n.leadTimeDays,
    freeHours: months.filter((month) => n[hoursField(month)] !== undefined).map((month) => ({ month, hours: n[hoursField(month)] })),
    descriptionRu: values.descriptionRu,
    descriptionEn: values.descriptionEn,
  }
  const sentMonths = candidate.freeHours.map((entry) => entry.month)
  const fieldOf: FieldOf = (path) => {
    const [first = '', second, third] = path.split('.')
    if (first === 'envelope') return second && (ENVELOPE_FIELDS as readonly string[]).includes(second) ? second : 'envelope'
    if (first === 'freeHours') {
      const month = sentMonths[Number(second)]
      return month && third !== undefined ? hoursField(month) : 'freeHours'
    }
    if (first === 'processes' || first === 'materials') return first
    return Object.hasOwn(EMPTY_CAPACITY_FORM, first) ? first : null
  }
  const result = capacityInputSchema.safeParse(candidate)
  const schemaErrors = result.success ? NO_ERRORS : errorsFromIssues(result.error.issues, fieldOf, lang, messages.missing)
  // A field that is not a number is already explained; "required" on top of "enter a number" says the same twice.
  const otherFields = Object.fromEntries(Object.entries(schemaErrors.fields).filter(([field]) => !(field in numbers.fields)))
  const errors = mergeErrors({ fields: numbers.fields, form: [] }, { fields: otherFields, form: schemaErrors.form })
  if (!result.success || errors.form.length > 0 || Object.keys(errors.fields).length > 0) return { ok: false, errors }
  return { ok: true, input: result.data }
}

/** Service field paths (`body.batchMin`, `body.siteId`) → form fields. */
export const capacityFieldOf: FieldOf = (path) => {
  const [first = ''] = path.split('.')
  return Object.hasOwn(EMPTY_CAPACITY_FORM, first) ? first : null
}
