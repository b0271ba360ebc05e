import { z } from '@hono/zod-openapi'

/** Why someone overrides the core, turns a supplier down or rejects a certificate: the audit log answers "why". */
export const reasonSchema = z
  .string()
  .trim()
  .min(3, { error: 'Укажите причину (не короче 3 символов) / Give a reason (at least 3 characters)' })
  .max(2000)
  .openapi({ example: 'Поставщик подтвердил загрузку прессов до марта / The supplier confirmed press capacity until March' })

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ userId: z.string(), name: z.string() }).nullable().openapi({ description: 'null: the platform itself (a job or a worker)' }),
    action: z.string().openapi({ example: 'match.introduce' }),
    entity: z.string().openapi({ example: 'match' }),
    entityId: z.string(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry')

export const needAuditTrailSchema = z
  .object({ needId: z.string(), items: z.array(auditEntrySchema).openapi({ description: 'Newest first' }) })
  .openapi('NeedAuditTrail')

export type AuditEntryView = z.infer<typeof auditEntrySchema>
export type NeedAuditTrail = z.infer<typeof needAuditTrailSchema>
