import type { Sql } from '../db/client.js'
import type { Logger } from '../lib/log.js'
import type { Search } from '../search/client.js'
import { computeNeedMatches, saveNeedMatches } from '../services/matches/computeForNeed.js'
import { computeSupplierMatches, saveSupplierMatches } from '../services/matches/computeForSupplier.js'
import type { ServiceContext, Tx } from '../services/context.js'
import { selectNeed } from '../services/needs/row.js'
import { pollingLoop } from './loop.js'

export interface MatchWorkerOptions {
  sql: Sql
  search: Search
  log: Logger
  now?: () => Date
  /** Subjects recomputed per transaction: each costs a search and a scoring pass. */
  batchSize?: number
  pollMs?: number
}

export interface MatchWorker {
  start(): void
  stop(): Promise<void>
  /** Processes everything due now; returns the number of outbox rows done. */
  drainOnce(): Promise<number>
}

const MAX_BACKOFF_SECONDS = 60

interface MatchOutboxRow {
  id: string
  subject: 'need' | 'supplier'
  subjectId: string
}

/**
 * Drains `match_outbox`. Rows are claimed with FOR UPDATE SKIP LOCKED and the new results are saved
 * in the same transaction that marks them done, so two app processes never recompute the same row
 * and a crash leaves the rows to be retried, never half-saved.
 */
export function createMatchWorker(options: MatchWorkerOptions): MatchWorker {
  const { sql, search, log } = options
  const batchSize = options.batchSize ?? 20
  const pollMs = options.pollMs ?? 1000
  const ctx: ServiceContext = { sql, actor: { kind: 'system' }, now: options.now ?? (() => new Date()) }
  const loop = pollingLoop(() => drainOnce(), { pollMs, log, what: 'match outbox' })

  async function recompute(tx: Tx, subject: MatchOutboxRow['subject'], subjectId: string): Promise<void> {
    if (subject === 'supplier') {
      await saveSupplierMatches(tx, await computeSupplierMatches(ctx, search, subjectId))
      return
    }
    const need = await selectNeed(sql, subjectId)
    if (need?.status === 'published') await saveNeedMatches(tx, await computeNeedMatches(ctx, search, need))
  }

  async function drainBatch(): Promise<number> {
    let claimed: string[] = []
    try {
      await sql.begin(async (tx) => {
        const rows = await tx<MatchOutboxRow[]>`
          select id::text as id, subject, subject_id from match_outbox
          where processed_at is null and available_at <= now()
          order by id limit ${batchSize} for update skip locked`
        claimed = rows.map((row) => row.id)
        const subjects = new Map(rows.map((row) => [`${row.subject}:${row.subjectId}`, row]))
        for (const row of subjects.values()) await recompute(tx, row.subject, row.subjectId)
        if (claimed.length) await tx`update match_outbox set processed_at = clock_timestamp() where id = any(${tx.array(claimed)}::bigint[])`
      })
      return claimed.length
    } catch (error) {
      if (claimed.length === 0) throw error
      const message = error instanceof Error ? error.message : String(error)
      log.warn('match outbox: batch failed, will retry', { rows: claimed.length, error: message })
      await sql`
        update match_outbox set attempts = attempts + 1, last_error = ${message},
          available_at = now() + least(${MAX_BACKOFF_SECONDS}, power(2, attempts)) * interval '1 second'
        where id = any(${sql.array(claimed)}::bigint[])`
      return -1
    }
  }

  async function drainOnce(): Promise<number> {
    let done = 0
    for (;;) {
      const claimed = await drainBatch()
      if (claimed < 0) return done
      done += claimed
      if (claimed < batchSize || loop.stopping) return done
    }
  }

  return { start: loop.start, stop: loop.stop, drainOnce }
}
