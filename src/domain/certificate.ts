import { z } from '@hono/zod-openapi'
import { dateSchema } from './common.js'
import { certificateCodeSchema, closureOf, satisfiersOf } from './taxonomy/index.js'

export const CERTIFICATE_STATUSES = ['unverified', 'verified', 'rejected'] as const

export const VALIDITY_ORDER_MESSAGE = 'Дата окончания не может быть раньше даты начала / validUntil cannot be before validFrom'

/** ISO calendar dates compare correctly as strings; null means the certificate does not expire. */
export function isValidityOrdered(validFrom: string, validUntil: string | null | undefined): boolean {
  return validUntil == null || validUntil >= validFrom
}

const certificateFields = z.object({
  standard: certificateCodeSchema,
  number: z.string().trim().min(1).max(100).openapi({ example: 'РОСС RU.З1234.04ЖЛК0.01234' }),
  issuer: z.string().trim().min(2).max(300).openapi({ example: 'ООО «Русский Регистр — Поволжье»' }),
  validFrom: dateSchema,
  validUntil: dateSchema.nullable().optional().openapi({ description: 'null: no expiry' }),
  scope: z.string().trim().max(2000).optional().openapi({ example: 'Механическая обработка деталей для автомобильной промышленности' }),
})

export const certificateInputSchema = certificateFields
  .strict()
  .refine((c) => isValidityOrdered(c.validFrom, c.validUntil), { error: VALIDITY_ORDER_MESSAGE, path: ['validUntil'] })
  .openapi('CertificateInput')

/** The order of the dates is checked against the stored ones by the update service. */
export const certificateUpdateSchema = certificateFields.partial().strict().openapi('CertificateUpdate')

export const certificateCreditSchema = z
  .object({ code: z.string(), credit: z.number().openapi({ description: '1 = full credit, below 1 = partial (similar or older scheme)' }) })
  .openapi('CertificateCredit')

export const certificateSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    standard: z.string(),
    number: z.string(),
    issuer: z.string(),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    scope: z.string(),
    status: z.enum(CERTIFICATE_STATUSES),
    statusReason: z.string().nullable(),
    satisfies: z.array(certificateCreditSchema).openapi({ description: 'Other catalogue codes this standard satisfies through the implication graph' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Certificate')

export type CertificateInput = z.infer<typeof certificateInputSchema>
export type CertificateUpdate = z.infer<typeof certificateUpdateSchema>
export type CertificateCredit = z.infer<typeof certificateCreditSchema>
export type Certificate = z.infer<typeof certificateSchema>

function otherCodesByCredit(credits: ReadonlyMap<string, number>, code: string): CertificateCredit[] {
  return [...credits]
    .filter(([other]) => other !== code)
    .map(([other, credit]) => ({ code: other, credit }))
    .sort((a, b) => b.credit - a.credit || a.code.localeCompare(b.code))
}

/** What holding `code` satisfies besides itself, strongest credit first. */
export function certificateSatisfies(code: string): CertificateCredit[] {
  return otherCodesByCredit(closureOf(code), code)
}

/** Which other certificates satisfy a requirement for `code`, strongest credit first. */
export function certificateSatisfiedBy(code: string): CertificateCredit[] {
  return otherCodesByCredit(satisfiersOf(code), code)
}
