import { type Certificate, type CertificateInput, type CertificateUpdate, certificateInputSchema } from '../../src/domain/certificate.js'
import type { Lang } from '../i18n/index.js'
import { type FieldOf, type FormErrors, errorsFromIssues } from './errors.js'
import { type FormBody, text } from './values.js'

export interface CertificateFormValues {
  standard: string
  number: string
  issuer: string
  validFrom: string
  /** Blank: the certificate does not expire. */
  validUntil: string
  scope: string
}

export const EMPTY_CERTIFICATE_FORM: CertificateFormValues = { standard: '', number: '', issuer: '', validFrom: '', validUntil: '', scope: '' }

const FIELDS = Object.keys(EMPTY_CERTIFICATE_FORM) as (keyof CertificateFormValues)[]

export function certificateFormValues(body: FormBody): CertificateFormValues {
  return Object.fromEntries(FIELDS.map((field) => [field, text(body, field).trim()])) as unknown as CertificateFormValues
}

export function certificateToForm(certificate: Certificate): CertificateFormValues {
  return {
    standard: certificate.standard,
    number: certificate.number,
    issuer: certificate.issuer,
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil ?? '',
    scope: certificate.scope,
  }
}

export const certificateFieldOf: FieldOf = (path) => {
  const [first = ''] = path.split('.')
  return Object.hasOwn(EMPTY_CERTIFICATE_FORM, first) ? first : null
}

export type CertificateFormResult = { ok: true; input: CertificateInput } | { ok: false; errors: FormErrors }

/** The API's own schema, including "the validity cannot end before it starts". */
export function parseCertificateForm(values: CertificateFormValues, lang: Lang, missing: string): CertificateFormResult {
  const candidate = {
    standard: values.standard || undefined,
    number: values.number || undefined,
    issuer: values.issuer || undefined,
    validFrom: values.validFrom || undefined,
    validUntil: values.validUntil || null,
    scope: values.scope,
  }
  const result = certificateInputSchema.safeParse(candidate)
  if (result.success) return { ok: true, input: result.data }
  return { ok: false, errors: errorsFromIssues(result.error.issues, certificateFieldOf, lang, missing) }
}

/**
 * Only what changed: any edit sends a verified certificate back for verification, so saving the form
 * unchanged must not cost the supplier its centre's check.
 */
export function certificatePatch(current: Certificate, input: CertificateInput): CertificateUpdate {
  const next = { ...input, validUntil: input.validUntil ?? null, scope: input.scope ?? '' }
  const patch: Record<string, unknown> = {}
  for (const field of FIELDS) if (next[field] !== current[field]) patch[field] = next[field]
  return patch as CertificateUpdate
}
