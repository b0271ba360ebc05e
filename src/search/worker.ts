import type { Sql } from '../db/client.js'
import type { Tx } from '../services/context.js'
import type { Search } from './client.js'
import { loadCapacityDocuments, loadNeedDocuments, type CapacityDocument, type NeedDocument } from './documents.js'
import { SearchUnavailableError, unwrapSearchError } from './http.js'
import { DOCUMENT_ID, lockSearchDocuments } from './locks.js'
import type { SearchEntity } from './outbox.js'
import { ensureIndexes } from './settings.js'

/**
 * The outbox worker carries committed changes from PostgreSQL to Meilisearch, at least once.
 *
 * One transaction per batch: claim up to `batchSize` due rows with `FOR UPDATE SKIP LOCKED`, re-read
 * the current rows, send full documents, wait until Meilisearch reports the tasks `succeeded`, mark the
 * rows processed, commit. The row locks are held while sending on purpose: a row is "claimed" only
 * by an open transaction, so two workers (in one process or many) never send the same row at once,
 * and a crash or kill releases the claim by itself; nothing is left half-claimed. The batch size
 * bounds how long that transaction stays open.
 *
 * On failure the claiming transaction rolls back and a second, short one records the attempt, so a
 * down Meilisearch delays search but never loses a write. What happens next depends on the failure:
 * - Meilisearch did not answer (down, restarting, frozen): the rows stay due. The worker itself waits a
 *   poll interval before trying again (and ignores NOTIFY meanwhile), so an outage costs one failing
 *   request per poll, and the backlog starts draining within one poll of Meilisearch coming back.
 *   (Backing these rows off one by one, as for the failures below, had kept a backlog written during
 *   a 20 s outage waiting 15 s more after the restart, and up to 60 s after a long outage:
 *   test/faults/meilisearch.test.ts.)
 * - anything else (a task that failed, a refused payload, our own bug): the rows are pushed back by an
 *   exponential delay (1 s doubling to 60 s), so a poison batch does not spin.
 */

export interface SearchLog {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

export interface OutboxWorkerOptions {
  sql: Sql
  /** Must have been through `ensureIndexes`; the worker re-checks the indexes after any failure. */
  search: Search
  /** Outbox rows claimed per transaction (default DEFAULT_OUTBOX_BATCH_SIZE). */
  batchSize?: number
  /** Backstop poll: NOTIFY wakes the worker at once, the poll catches anything a lost notification missed. */
  pollMs?: number
  /** How long to wait for a batch's Meilisearch task (default DEFAULT_OUTBOX_TASK_TIMEOUT_MS). */
  taskTimeoutMs?: number
  log?: SearchLog
  /**
   * Runs inside the outbox transaction once the documents are searchable and before the rows are
   * marked done: work that must follow indexing (match recomputation) is queued atomically with it.
   */
  onIndexed?: (tx: Tx, indexed: IndexedDocuments) => Promise<void>
}

/** What one outbox batch made searchable or removed. */
export interface IndexedDocuments {
  capacities: CapacityDocument[]
  capacitiesGone: string[]
  needs: NeedDocument[]
  needsGone: string[]
}

export interface OutboxWorker {
  /** Starts the background loop (idempotent). */
  start(): void
  /** Lets the current batch finish, then stops listening and polling. */
  stop(): Promise<void>
  /** Processes due rows batch by batch until none is left or a batch fails; returns the rows processed. */
  drainOnce(): Promise<number>
}

/**
 * Outbox rows one transaction claims unless told otherwise. A batch takes whatever is due up to this, so a
 * single edit still goes out on its own at once; the size matters when a backlog drains (a bulk import, a
 * replay after an outage or a reindex). Meilisearch pays a cost per indexing batch that grows with the
 * index: `npm run bench` measured about 3 s per batch at 100k documents on two cores, so 500 rows a batch
 * drained ~200 documents/s and 10,000 ~1,200. Bounded by the payload (about 2 KB per document, far below
 * Meilisearch's 100 MB) and the time the claiming transaction stays open; the document locks it takes are
 * bucketed (locks.ts), so their number does not grow with it.
 */
export const DEFAULT_OUTBOX_BATCH_SIZE = 10_000

/**
 * A full batch into a large index takes a while: about 12 s per 10,000 documents at 300k on a busy two-core
 * machine, more at 1M. Giving up sooner would not make the task fail; it would re-send the same documents
 * behind it, which only lengthens the queue. A Meilisearch that stops answering is still noticed at once:
 * every poll of the task has its own request deadline (http.ts).
 */
export const DEFAULT_OUTBOX_TASK_TIMEOUT_MS = 10 * 60_000

const CHANNEL = 'search_outbox'
const MAX_BACKOFF_SECONDS = 60
const PRUNE_EVERY_MS = 60 * 60 * 1000
const KEEP_PROCESSED_DAYS = 7

interface OutboxRow {
  id: string
  entity: SearchEntity
  entityId: string
}

interface BatchResult {
  claimed: number
  failed: boolean
}

const consoleLog: SearchLog = {
  info: (message, fields) => console.info(message, fields ?? ''),
  warn: (message, fields) => console.warn(message, fields ?? ''),
  error: (message, fields) => console.error(message, fields ?? ''),
}

function describe(error: unknown): string {
  const ours = unwrapSearchError(error)
  const message = ours?.message ?? (error instanceof Error ? error.message : String(error))
  return message.slice(0, 2000)
}

/** Entity → distinct ids, in first-seen order: several changes to one row become one document. */
function coalesce(rows: readonly OutboxRow[]): Map<SearchEntity, string[]> {
  const byEntity = new Map<SearchEntity, Set<string>>()
  for (const row of rows) {
    let ids = byEntity.get(row.entity)
    if (!ids) byEntity.set(row.entity, (ids = new Set()))
    ids.add(row.entityId)
  }
  return new Map([...byEntity].map(([entity, ids]) => [entity, [...ids]]))
}

/** Creates the outbox worker; call `start()` after `ensureIndexes`, `stop()` before closing the pools. */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { sql, search } = options
  const batchSize = options.batchSize ?? DEFAULT_OUTBOX_BATCH_SIZE
  const pollMs = options.pollMs ?? 1000
  const taskWait = { timeout: options.taskTimeoutMs ?? DEFAULT_OUTBOX_TASK_TIMEOUT_MS }
  const log = options.log ?? consoleLog

  let loop: Promise<void> | null = null
  let stopping = false
  let indexesVerified = false
  let lastPrune = 0
  let lastPassFailed = false
  let woken = false
  let wakeUp: (() => void) | null = null
  let listening: Promise<(() => Promise<void>) | null> | null = null

  /** NOTIFY handler. After a failed pass it only notes the wake-up: retries wait out the poll. */
  function wake(): void {
    woken = true
    if (!lastPassFailed) wakeUp?.()
  }

  async function send(tx: Tx, wanted: Map<SearchEntity, string[]>): Promise<IndexedDocuments> {
    if (!indexesVerified) {
      await ensureIndexes(search)
      indexesVerified = true
    }
    const work: { index: string; documents: (CapacityDocument | NeedDocument)[]; gone: string[] }[] = []
    for (const [entity, allIds] of wanted) {
      const ids = allIds.filter((id) => DOCUMENT_ID.test(id))
      const skipped = allIds.filter((id) => !DOCUMENT_ID.test(id))
      if (skipped.length > 0) log.error('search outbox: ids Meilisearch cannot store, skipped', { entity, ids: skipped })
      const documents = entity === 'capacity' ? await loadCapacityDocuments(tx, ids) : await loadNeedDocuments(tx, ids)
      const found = new Set(documents.map((document) => document.id))
      const index = entity === 'capacity' ? search.indexes.capacities : search.indexes.needs
      work.push({ index, documents, gone: ids.filter((id) => !found.has(id)) })
    }
    // Indexes are independent, so their payloads travel together; every task must succeed.
    const results = await Promise.allSettled(
      work.map(async ({ index, documents, gone }) => {
        if (documents.length > 0) await search.addDocuments(index, documents, taskWait)
        if (gone.length > 0) await search.deleteDocuments(index, gone, taskWait)
      }),
    )
    const failure = results.find((result) => result.status === 'rejected')
    if (failure) throw failure.reason
    const of = (index: string) => work.find((w) => w.index === index)
    return {
      capacities: (of(search.indexes.capacities)?.documents ?? []) as CapacityDocument[],
      capacitiesGone: of(search.indexes.capacities)?.gone ?? [],
      needs: (of(search.indexes.needs)?.documents ?? []) as NeedDocument[],
      needsGone: of(search.indexes.needs)?.gone ?? [],
    }
  }

  async function recordFailure(rowIds: string[], error: unknown): Promise<void> {
    const message = describe(error)
    // No answer at all: retry on the next poll (see the module comment); otherwise back off per row.
    const unreachable = unwrapSearchError(error) instanceof SearchUnavailableError
    try {
      await sql`
        update search_outbox
        set attempts = attempts + 1, last_error = ${message},
          available_at = now() + ${unreachable ? sql`interval '0 seconds'` : sql`least(${MAX_BACKOFF_SECONDS}, power(2, attempts)) * interval '1 second'`}
        where id = any(${sql.array(rowIds)}::bigint[]) and processed_at is null`
      log.warn('search outbox: batch failed, will retry', { rows: rowIds.length, error: message, unreachable })
    } catch (recordError) {
      // PostgreSQL is failing too; the rows stay due and are retried on the next poll.
      log.error('search outbox: could not record a failed batch', { rows: rowIds.length, error: message, recordError: describe(recordError) })
    }
  }

  async function drainBatch(): Promise<BatchResult> {
    let claimed: string[] = []
    try {
      await sql.begin(async (tx) => {
        const rows = await tx<OutboxRow[]>`
          select id::text as id, entity, entity_id from search_outbox
          where processed_at is null and available_at <= now()
          order by id limit ${batchSize}
          for update skip locked`
        claimed = rows.map((row) => row.id)
        if (rows.length === 0) return
        const wanted = coalesce(rows)
        // Two workers can hold rows for one document (two changes claimed apart): the one that read the
        // older row must not send after the other. Reconcile takes the same lock.
        await lockSearchDocuments(tx as Tx, wanted)
        const indexed = await send(tx as Tx, wanted)
        await options.onIndexed?.(tx as Tx, indexed)
        // clock_timestamp, not now(): reindex compares it with its own start to find what it must replay.
        await tx`update search_outbox set processed_at = clock_timestamp() where id = any(${tx.array(claimed)}::bigint[])`
      })
      return { claimed: claimed.length, failed: false }
    } catch (error) {
      if (claimed.length === 0) throw error
      indexesVerified = false
      await recordFailure(claimed, error)
      return { claimed: claimed.length, failed: true }
    }
  }

  async function drainOnce(): Promise<number> {
    let processed = 0
    for (;;) {
      const batch = await drainBatch()
      lastPassFailed = batch.failed
      if (batch.failed) return processed
      processed += batch.claimed
      if (batch.claimed < batchSize || stopping) return processed
    }
  }

  /** Keeps the outbox table and Meilisearch's task store (capped at 20 GiB) from growing forever. */
  async function pruneIfDue(): Promise<void> {
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return
    lastPrune = Date.now()
    await sql`delete from search_outbox where processed_at < now() - make_interval(days => ${KEEP_PROCESSED_DAYS})`
    await search.client.tasks.deleteTasks({
      statuses: ['succeeded'],
      indexUids: [search.indexes.capacities, search.indexes.needs],
      beforeEnqueuedAt: new Date(Date.now() - KEEP_PROCESSED_DAYS * 86_400_000).toISOString(),
    })
  }

  /** postgres.js re-subscribes a listener after reconnecting; only the first subscription can fail. */
  function listenInBackground(): void {
    if (listening) return
    listening = sql
      .listen(CHANNEL, wake)
      .then((meta) => meta.unlisten)
      .catch((error: unknown) => {
        log.warn('search outbox: LISTEN failed, polling only for now', { error: describe(error) })
        listening = null
        return null
      })
  }

  async function sleep(ms: number): Promise<void> {
    // After a failure, writes (each one a NOTIFY) must not turn into a retry storm.
    if (woken && !lastPassFailed) {
      woken = false
      return
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        wakeUp = null
        resolve()
      }
      wakeUp = done
    })
    woken = false
  }

  async function run(): Promise<void> {
    while (!stopping) {
      listenInBackground()
      try {
        await drainOnce()
      } catch (error) {
        log.error('search outbox: could not read the outbox from PostgreSQL', { error: describe(error) })
      }
      await pruneIfDue().catch((error: unknown) => log.warn('search outbox: pruning failed', { error: describe(error) }))
      if (!stopping) await sleep(pollMs)
    }
  }

  return {
    start() {
      if (loop) return
      stopping = false
      loop = run()
    },
    async stop() {
      stopping = true
      wakeUp?.()
      await loop
      loop = null
      const unlisten = await listening
      listening = null
      await unlisten?.().catch(() => undefined)
    },
    drainOnce,
  }
}

export interface OutboxBacklog {
  /** Rows not yet processed, due or backing off. */
  pending: number
  /** Pending rows that failed at least once. */
  failing: number
  /** Age of the oldest pending row; 0 when there is none. */
  oldestAgeSeconds: number
}

/** Outbox health for `/health` and metrics: how far the index lags behind PostgreSQL. */
export async function outboxBacklog(sql: Sql): Promise<OutboxBacklog> {
  const [row] = await sql<OutboxBacklog[]>`
    select count(*)::int as pending,
      (count(*) filter (where attempts > 0))::int as failing,
      coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest_age_seconds
    from search_outbox
    where processed_at is null`
  return row ?? { pending: 0, failing: 0, oldestAgeSeconds: 0 }
}
