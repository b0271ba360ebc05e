import type { Actor, Tx } from './context.js'

export interface AuditEntry {
  /** Dotted verb, e.g. `need.publish`, `match.shortlist`, `certificate.reject`. */
  action: string
  entity: string
  entityId: string
  reason?: string | null
  details?: Record<string, unknown>
}

function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null
}

/** Appends to the audit log inside the caller's transaction: the change and its record commit together. */
export async function audit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx`
    insert into audit_log (actor_user_id, action, entity, entity_id, reason, details)
    values (${actorUserId(actor)}, ${entry.action}, ${entry.entity}, ${entry.entityId}, ${entry.reason ?? null},
            ${tx.json((entry.details ?? {}) as never)})`
}
