import type { EnqueuedTask, Settings } from 'meilisearch'
import type { Sql } from '../db/client.js'
import { SearchTaskError, type Search } from './client.js'
import { loadCapacityDocumentsPage, loadNeedDocumentsPage, type CapacityDocument, type NeedDocument } from './documents.js'
import type { SearchEntity } from './outbox.js'
import { CAPACITY_SETTINGS, ensureIndex, NEED_SETTINGS } from './settings.js'

/**
 * Full rebuild of both indexes from PostgreSQL, without a moment of empty search: each index is built
 * as `<name>_next` with the same settings, swapped in atomically, and the old one deleted.
 *
 * Changes made while a rebuild runs: rows still pending are applied by the worker to whatever index
 * holds the name when it sends, i.e. the new one once swapped. But a change the worker sent *before* the
 * swap went into the old index, and the page holding that row may have been read before the change
 * committed. So once swapped, every document whose outbox row was processed since the rebuild
 * started, or is still pending (perhaps mid-send to the old index), is enqueued once more. Documents
 * are full snapshots keyed by id, so the extra sends are harmless.
 */

export interface ReindexOptions {
  sql: Sql
  search: Search
  /** Rows read from PostgreSQL and sent to Meilisearch per page. */
  pageSize?: number
}

export interface ReindexedIndex {
  index: string
  documents: number
  /** Outbox rows added to replay changes made during the rebuild. */
  replayed: number
}

export interface ReindexResult {
  capacities: ReindexedIndex
  needs: ReindexedIndex
  ms: number
}

/** Session advisory lock (bigint key space) so two rebuilds never swap over each other. */
const REINDEX_LOCK_ID = 7_302_114_002

/**
 * Meilisearch indexes consecutive additions as one batch, so the first page's task finishes only with
 * the last: about a minute per million documents here (measurements.md).
 */
const BULK_TASK_TIMEOUT_MS = 30 * 60 * 1000

type PageLoader = (sql: Sql, afterId: string | null, limit: number) => Promise<(CapacityDocument | NeedDocument)[]>

/** Deletes index `uid` and waits; an index that is not there is fine. */
async function deleteIndexIfExists(search: Search, uid: string): Promise<void> {
  const task = await search.client.tasks.waitForTask(await search.client.deleteIndex(uid))
  if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') throw new SearchTaskError(task)
}

async function rebuild(
  sql: Sql,
  search: Search,
  entity: SearchEntity,
  live: string,
  settings: Settings,
  loadPage: PageLoader,
  pageSize: number,
): Promise<ReindexedIndex> {
  const next = `${live}_next`
  await ensureIndex(search, live, settings)
  await deleteIndexIfExists(search, next)
  // Settings before documents: changing them afterwards would index everything twice.
  await ensureIndex(search, next, settings)

  // Kept as PostgreSQL's text: a JS Date would drop the microseconds the comparison below needs.
  const [clock] = await sql<{ startedAt: string }[]>`select clock_timestamp()::text as started_at`
  if (!clock) throw new Error('clock_timestamp() returned no row')
  const enqueued: EnqueuedTask[] = []
  let documents = 0
  let afterId: string | null = null
  for (;;) {
    const page = await loadPage(sql, afterId, pageSize)
    if (page.length === 0) break
    // Enqueue every page before waiting: Meilisearch batches consecutive additions into one indexing run.
    enqueued.push(await search.client.index(next).addDocuments(page, { primaryKey: 'id' }))
    documents += page.length
    afterId = page[page.length - 1]?.id ?? null
    if (page.length < pageSize) break
  }
  for (const task of enqueued) await search.waitOk(Promise.resolve(task), { timeout: BULK_TASK_TIMEOUT_MS })

  await search.waitOk(search.client.swapIndexes([{ indexes: [live, next], rename: false }]))
  await search.waitOk(search.client.deleteIndex(next))

  const replay = await sql`
    insert into search_outbox (entity, entity_id)
    select distinct entity, entity_id from search_outbox
    where entity = ${entity} and (processed_at is null or processed_at >= ${clock.startedAt}::timestamptz)`
  if (replay.count > 0) await sql`select pg_notify('search_outbox', '')`
  return { index: live, documents, replayed: replay.count }
}

/** Rebuilds both indexes from PostgreSQL into fresh indexes and swaps them in; refuses to run twice at once. */
export async function reindex(options: ReindexOptions): Promise<ReindexResult> {
  const { sql, search } = options
  const pageSize = options.pageSize ?? 5000
  const started = performance.now()
  const session = await sql.reserve()
  try {
    const [lock] = await session<{ locked: boolean }[]>`select pg_try_advisory_lock(${REINDEX_LOCK_ID}) as locked`
    if (!lock?.locked) throw new Error('Another reindex is running against this database')
    try {
      const capacities = await rebuild(sql, search, 'capacity', search.indexes.capacities, CAPACITY_SETTINGS, loadCapacityDocumentsPage, pageSize)
      const needs = await rebuild(sql, search, 'need', search.indexes.needs, NEED_SETTINGS, loadNeedDocumentsPage, pageSize)
      return { capacities, needs, ms: Math.round(performance.now() - started) }
    } finally {
      await session`select pg_advisory_unlock(${REINDEX_LOCK_ID})`
    }
  } finally {
    session.release()
  }
}
