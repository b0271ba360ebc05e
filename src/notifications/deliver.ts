import type { Sql } from '../db/client.js'
import type { Logger } from '../lib/log.js'
import type { MailMessage } from './message.js'
import type { MailTransport } from './transport.js'
import { pollingLoop } from '../workers/loop.js'

export interface NotificationWorkerOptions {
  sql: Sql
  transport: MailTransport
  log: Logger
  /** Messages claimed per transaction: the claim (row locks) lasts while they are sent. */
  batchSize?: number
  pollMs?: number
}

export interface NotificationWorker {
  start(): void
  /** Lets the current batch finish, then stops polling. */
  stop(): Promise<void>
  /** Sends everything due now; returns the number of messages sent. */
  drainOnce(): Promise<number>
}

/** A failing message waits 10 s, doubling up to an hour: long enough to ride out an SMTP outage quietly. */
const FIRST_BACKOFF_SECONDS = 10
const MAX_BACKOFF_SECONDS = 3600

interface OutboxRow {
  id: string
  kind: string
  recipient: string
  subject: string
  body: string
  createdAt: Date
}

function toMessage(row: OutboxRow): MailMessage {
  return { id: row.id, kind: row.kind, to: row.recipient, subject: row.subject, text: row.body, createdAt: row.createdAt }
}

/**
 * Drains `notification_outbox`. A batch is claimed with FOR UPDATE SKIP LOCKED, sent, and marked
 * `sent_at` in that same transaction: while one process holds a row no other can claim it, and once
 * it commits the row is no longer due, so two processes never send the same row. Delivery is at least
 * once: if the process dies after sending but before committing, the row is sent again later (with
 * the same Message-ID). A message that fails is pushed back with an exponential delay and its error
 * recorded; the rest of the batch is still sent.
 */
export function createNotificationWorker(options: NotificationWorkerOptions): NotificationWorker {
  const { sql, transport, log } = options
  const batchSize = options.batchSize ?? 20
  const loop = pollingLoop(() => drainOnce(), { pollMs: options.pollMs ?? 5000, log, what: 'notification outbox' })

  async function drainBatch(): Promise<{ claimed: number; sent: number }> {
    return sql.begin(async (tx) => {
      const rows = await tx<OutboxRow[]>`
        select id::text as id, kind, recipient, subject, body, created_at from notification_outbox
        where sent_at is null and available_at <= now()
        order by available_at, id limit ${batchSize} for update skip locked`
      const sent: string[] = []
      for (const row of rows) {
        try {
          await transport.send(toMessage(row))
          sent.push(row.id)
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          log.warn('notification: sending failed, will retry', { id: row.id, kind: row.kind, error: message })
          await tx`
            update notification_outbox set attempts = attempts + 1, last_error = ${message},
              available_at = now() + least(${MAX_BACKOFF_SECONDS}, ${FIRST_BACKOFF_SECONDS} * power(2, attempts)) * interval '1 second'
            where id = ${row.id}`
        }
      }
      if (sent.length) await tx`update notification_outbox set sent_at = clock_timestamp(), last_error = null where id = any(${tx.array(sent)}::bigint[])`
      return { claimed: rows.length, sent: sent.length }
    })
  }

  async function drainOnce(): Promise<number> {
    let sent = 0
    for (;;) {
      const batch = await drainBatch()
      sent += batch.sent
      if (batch.claimed < batchSize || loop.stopping) return sent
    }
  }

  return { start: loop.start, stop: loop.stop, drainOnce }
}
