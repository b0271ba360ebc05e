import type { RecordAny } from 'meilisearch'
import type { Sql } from '../db/client.js'
import type { Tx } from '../services/context.js'
import type { Search } from './client.js'
import {
  loadCapacityDocuments,
  loadCapacityDocumentsPage,
  loadNeedDocuments,
  loadNeedDocumentsPage,
  type CapacityDocument,
  type NeedDocument,
} from './documents.js'
import { DOCUMENT_ID, lockSearchDocuments } from './locks.js'
import type { SearchEntity } from './outbox.js'
import { ensureIndexes } from './settings.js'

/**
 * Reconciliation: compares every document in the index with the projection of PostgreSQL and repairs
 * the difference in one pass. It catches what the outbox cannot: documents lost or altered inside
 * Meilisearch (a restored snapshot, a manual edit, a bug), rows changed without an outbox row, and the
 * date-dependent fields (`certificates` valid today, `freeHoursTotal` from this month) that go stale
 * with no write at all.
 *
 * 1. Every id in the index (paged `GET /documents?fields=id`).
 * 2. PostgreSQL in id order, a page at a time, projected exactly as the worker would send it; the
 *    stored documents of that page are fetched by id and compared whole (canonical JSON): absent →
 *    missing, different → altered. Ids seen in PostgreSQL are struck off the list of step 1.
 * 3. What is left of step 1 has no row: extra.
 * 4. Repair, in chunks: take the worker's per-document locks, re-read the rows, send what exists and
 *    delete what does not, wait for the tasks to succeed. Because the rows are re-read under the lock
 *    the worker also takes, a repair can never overwrite a newer document with an older one, and a
 *    false alarm (a row written while the scan ran) only re-sends the current document.
 *
 * Cost: one read of every document (by pages of `pageSize`) and one of every row; about what a
 * reindex costs in reads, without rebuilding anything.
 */

export interface ReconcileOptions {
  sql: Sql
  search: Search
  /** Rows and documents compared, and documents repaired, per round trip. */
  pageSize?: number
  /** Stops between pages (the daily job passes the app's shutdown signal); what was repaired stays repaired. */
  signal?: AbortSignal
}

export interface ReconciledIndex {
  index: string
  /** Rows in PostgreSQL (that Meilisearch can store). */
  rows: number
  /** Documents in the index when the scan started. */
  documents: number
  /** Rows without a document. */
  missing: number
  /** Documents without a row. */
  extra: number
  /** Documents that differ from the projection of their row (including date-dependent fields gone stale). */
  altered: number
  /** Documents re-sent by the repair. */
  sent: number
  /** Documents deleted by the repair. */
  deleted: number
}

export interface ReconcileResult {
  capacities: ReconciledIndex
  needs: ReconciledIndex
  ms: number
}

type Document = CapacityDocument | NeedDocument
type PageLoader = (sql: Sql, afterId: string | null, limit: number) => Promise<Document[]>
type Loader = (tx: Tx, ids: readonly string[]) => Promise<Document[]>

/** Session advisory lock (bigint key space): one reconcile at a time across all app processes. */
const RECONCILE_LOCK_ID = 7_302_114_003

/** Key order does not matter to Meilisearch or to us: compare documents as canonical JSON. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

async function indexIds(search: Search, uid: string, pageSize: number, signal: AbortSignal | undefined): Promise<Set<string>> {
  const ids = new Set<string>()
  for (let offset = 0; ; offset += pageSize) {
    signal?.throwIfAborted()
    const page = await search.client.index(uid).getDocuments({ fields: ['id'], offset, limit: pageSize })
    for (const document of page.results) ids.add(String(document.id))
    if (page.results.length < pageSize) return ids
  }
}

async function storedDocuments(search: Search, uid: string, ids: string[]): Promise<Map<string, RecordAny>> {
  if (ids.length === 0) return new Map()
  const page = await search.client.index(uid).getDocuments({ ids, limit: ids.length })
  return new Map(page.results.map((document) => [String(document.id), document]))
}

async function repair(sql: Sql, search: Search, entity: SearchEntity, uid: string, load: Loader, ids: string[], pageSize: number, signal: AbortSignal | undefined) {
  let sent = 0
  let deleted = 0
  for (const chunk of chunks(ids, pageSize)) {
    signal?.throwIfAborted()
    await sql.begin(async (tx) => {
      await lockSearchDocuments(tx as Tx, new Map([[entity, chunk]]))
      const documents = await load(tx as Tx, chunk)
      const found = new Set(documents.map((document) => document.id))
      const gone = chunk.filter((id) => !found.has(id))
      if (documents.length > 0) await search.addDocuments(uid, documents)
      if (gone.length > 0) await search.deleteDocuments(uid, gone)
      sent += documents.length
      deleted += gone.length
    })
  }
  return { sent, deleted }
}

async function reconcileIndex(
  sql: Sql,
  search: Search,
  entity: SearchEntity,
  uid: string,
  loadPage: PageLoader,
  load: Loader,
  pageSize: number,
  signal: AbortSignal | undefined,
): Promise<ReconciledIndex> {
  const unseen = await indexIds(search, uid, Math.max(pageSize, 1000), signal)
  const documents = unseen.size
  const missing: string[] = []
  const altered: string[] = []
  let rows = 0
  let afterId: string | null = null
  for (;;) {
    signal?.throwIfAborted()
    const page = await loadPage(sql, afterId, pageSize)
    if (page.length === 0) break
    afterId = page[page.length - 1]?.id ?? null
    // The worker skips ids Meilisearch cannot store; so does the comparison.
    const storable = page.filter((document) => DOCUMENT_ID.test(document.id))
    const stored = await storedDocuments(search, uid, storable.map((document) => document.id))
    for (const document of storable) {
      rows++
      unseen.delete(document.id)
      const current = stored.get(document.id)
      if (!current) missing.push(document.id)
      else if (canonicalJson(current) !== canonicalJson(document)) altered.push(document.id)
    }
    if (page.length < pageSize) break
  }
  const extra = [...unseen]
  const { sent, deleted } = await repair(sql, search, entity, uid, load, [...missing, ...altered, ...extra], pageSize, signal)
  return { index: uid, rows, documents, missing: missing.length, extra: extra.length, altered: altered.length, sent, deleted }
}

/**
 * Compares both indexes with PostgreSQL and repairs every difference; returns what it found and did,
 * or null when another reconcile holds the lock (every app process may schedule it; one runs).
 * Needs a pool of at least two connections: one holds the lock while the others work.
 */
export async function reconcile(options: ReconcileOptions): Promise<ReconcileResult | null> {
  const { sql, search, signal } = options
  const pageSize = options.pageSize ?? 1000
  const started = performance.now()
  let result: ReconcileResult | null = null
  // The lock lives in a transaction that does nothing else (read committed, no snapshot kept between
  // statements, so it holds nothing back); a dropped connection releases it by itself. A transaction
  // rather than a reserved session: see src/db/client.ts for what postgres.js does with a reserved
  // connection that dies.
  await sql.begin(async (lockTx) => {
    const [lock] = await lockTx<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(${RECONCILE_LOCK_ID}) as locked`
    if (!lock?.locked) return
    // A dropped index is the largest drift of all: recreate it (with its settings) and refill it.
    await ensureIndexes(search)
    const capacities = await reconcileIndex(sql, search, 'capacity', search.indexes.capacities, loadCapacityDocumentsPage, loadCapacityDocuments, pageSize, signal)
    const needs = await reconcileIndex(sql, search, 'need', search.indexes.needs, loadNeedDocumentsPage, loadNeedDocuments, pageSize, signal)
    result = { capacities, needs, ms: Math.round(performance.now() - started) }
  })
  return result
}

export interface ReconcileLog {
  info(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export interface ScheduledReconcile {
  /** Clears the timer and stops a run in progress at its next page; resolves once it has. */
  stop(): Promise<void>
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Runs `reconcile` every `everyMs` (a day) until stopped; failures are logged and retried next time. */
export function scheduleReconcile(options: { sql: Sql; search: Search; log: ReconcileLog; everyMs?: number }): ScheduledReconcile {
  const { sql, search, log } = options
  const abort = new AbortController()
  let running: Promise<void> | undefined
  const run = (): void => {
    if (running) return
    running = reconcile({ sql, search, signal: abort.signal })
      .then((result) => {
        if (result) log.info('search reconcile', { capacities: result.capacities, needs: result.needs, ms: result.ms })
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) log.error('search reconcile failed', { error })
      })
      .finally(() => {
        running = undefined
      })
  }
  const timer = setInterval(run, options.everyMs ?? DAY_MS)
  return {
    async stop() {
      clearInterval(timer)
      abort.abort()
      await running
    },
  }
}
