import type { Sql } from '../db/client.js'
import type { Tx } from '../services/context.js'

export interface NotificationInput {
  /** What the message is about, e.g. `introduction`, `need-match`, `certificate-expiry`, `invitation`. */
  kind: string
  /** One e-mail address. */
  recipient: string
  subject: string
  /** Plain text, Russian first and English second. */
  body: string
  /** A second message with the same key is dropped, so re-running a job or a transition sends nothing twice. */
  dedupeKey?: string | null
}

/**
 * Queues an e-mail inside the caller's transaction: the message exists exactly when the change that
 * caused it commits. The delivery worker (deliver.ts) sends it later. Returns false when a message
 * with the same dedupe key was already queued.
 */
export async function enqueueNotification(tx: Tx | Sql, input: NotificationInput): Promise<boolean> {
  const inserted = await tx`
    insert into notification_outbox (kind, recipient, subject, body, dedupe_key)
    values (${input.kind}, ${input.recipient}, ${input.subject}, ${input.body}, ${input.dedupeKey ?? null})
    on conflict (dedupe_key) do nothing
    returning id`
  return inserted.length > 0
}

export interface OrganizationMessage {
  kind: string
  subject: string
  body: string
  /** Suffixed with each admin's user id: every admin gets one copy, once. */
  dedupeKey: string
}

/**
 * Sends one copy to each active admin of the organization, each with its own row so that one bad
 * address does not hold back the others. Returns how many messages were newly queued.
 */
export async function notifyOrganizationAdmins(tx: Tx | Sql, orgId: string, message: OrganizationMessage): Promise<number> {
  const admins = await tx<{ userId: string; email: string }[]>`
    select u.id as user_id, u.email from memberships m join users u on u.id = m.user_id
    where m.org_id = ${orgId} and m.role = 'admin' and u.active
    order by u.id`
  let queued = 0
  for (const admin of admins) {
    const added = await enqueueNotification(tx, {
      kind: message.kind,
      recipient: admin.email,
      subject: message.subject,
      body: message.body,
      dedupeKey: `${message.dedupeKey}:${admin.userId}`,
    })
    if (added) queued += 1
  }
  return queued
}
