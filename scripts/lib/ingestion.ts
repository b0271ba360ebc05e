/**
 * Ingestion through the product's own path (PostgreSQL → search_outbox → outbox worker → Meilisearch) and the
 * same documents sent straight to Meilisearch, for `bench:match` (load + index) and `bench` (throughput).
 */
import { Pool } from 'undici'
import type { Sql } from '../../src/db/client.js'
import { silentLogger } from '../../src/lib/log.js'
import { type Search, createSearch } from '../../src/search/client.js'
import { loadCapacityDocumentsPage, loadNeedDocumentsPage } from '../../src/search/documents.js'
import { enqueueSearch } from '../../src/search/outbox.js'
import { ensureIndexes } from '../../src/search/settings.js'
import { DEFAULT_OUTBOX_BATCH_SIZE, type OutboxWorker, createOutboxWorker } from '../../src/search/worker.js'
import type { Tx } from '../../src/services/context.js'
import { queueMatchRecomputation } from '../../src/services/matches/queue.js'
import { generateDataset } from '../data/generate.js'
import { type LoadCounts, loadDataset } from '../data/load.js'
import { progressBar } from './progress.js'
import type { ScratchServers } from './servers.js'
import { round } from './stats.js'

export interface DatasetSpec {
  seed: number
  capacities: number
  /** 'YYYY-MM-DD': the dataset's today. */
  now: string
}

/** Generates the dataset and loads it into PostgreSQL with its search_outbox rows, as user edits would leave them. */
export async function loadGeneratedDataset(sql: Sql, spec: DatasetSpec): Promise<LoadCounts> {
  const dataset = generateDataset({ seed: spec.seed, capacities: spec.capacities, now: spec.now })
  const loading = progressBar('loading PostgreSQL', dataset.plan.capacities)
  const counts = await loadDataset(sql, dataset, { onProgress: (table, rows) => table === 'capacities' && loading.update(rows) })
  loading.finish()
  return counts
}

export interface Throughput {
  documents: number
  seconds: number
  documentsPerSecond: number
}

function throughput(documents: number, ms: number): Throughput {
  return { documents, seconds: round(ms / 1000, 2), documentsPerSecond: Math.round(documents / (ms / 1000)) }
}

/**
 * The worker as the server runs it (src/server.ts): its default batch size unless a trial sets one, and indexing
 * queues match recomputation in the same transaction. `onBatch` hears of each batch's documents as it is indexed
 * (before its commit), for progress bars.
 */
export function productWorker(sql: Sql, search: Search, options: { batchSize?: number; onBatch?: (documents: number) => void } = {}): OutboxWorker {
  const { batchSize, onBatch } = options
  return createOutboxWorker({
    sql,
    search,
    ...(batchSize !== undefined ? { batchSize } : {}),
    log: silentLogger,
    onIndexed: async (tx, indexed) => {
      await queueMatchRecomputation(tx, indexed)
      onBatch?.(indexed.capacities.length + indexed.capacitiesGone.length + indexed.needs.length + indexed.needsGone.length)
    },
  })
}

/**
 * Drains the outbox with a product worker until nothing is due. `expected` is the number of due rows: the worker
 * stops at a failed batch (and backs its rows off), so a shortfall is an error rather than a flattering figure.
 */
export async function drainOutbox(sql: Sql, search: Search, expected: number, label: string, batchSize?: number): Promise<Throughput> {
  const draining = progressBar(label, expected)
  let indexed = 0
  const worker = productWorker(sql, search, { ...(batchSize !== undefined ? { batchSize } : {}), onBatch: (documents) => draining.update((indexed += documents)) })
  const started = performance.now()
  let drained = 0
  for (let done = await worker.drainOnce(); done > 0; done = await worker.drainOnce()) drained += done
  const ms = performance.now() - started
  if (drained !== expected) {
    const [failing] = await sql<{ lastError: string }[]>`select last_error from search_outbox where last_error is not null order by id desc limit 1`
    throw new Error(`the outbox worker drained ${drained} of ${expected} rows; last error: ${failing?.lastError ?? 'none recorded'}`)
  }
  draining.finish()
  return throughput(drained, ms)
}

/** A Search on the scratch Meilisearch whose indexes carry `prefix`, created with the product's settings. */
async function prefixedSearch(servers: ScratchServers, prefix: string): Promise<Search> {
  const search = createSearch({ url: servers.meiliUrl, apiKey: servers.meiliKey, indexPrefix: prefix })
  await ensureIndexes(search)
  return search
}

/** Deletes a prefixed Search's indexes (so they stop taking Meilisearch's memory) and closes it. */
export async function dropPrefixedSearch(search: Search): Promise<void> {
  for (const uid of Object.values(search.indexes)) await search.waitOk(search.client.deleteIndex(uid))
  await search.close()
}

export const BATCH_SIZE_CANDIDATES = [500, 2000, 5000, DEFAULT_OUTBOX_BATCH_SIZE, 20_000] as const
export const TUNING_SAMPLE = 20_000
const TUNING_ROUNDS = 2
/** The schema's bound on capacities.lead_time_days: benchmark updates cycle below it. */
export const MAX_LEAD_TIME_DAYS = 730

export interface BatchSizeTrial extends Throughput {
  batchSize: number
  /** Every round's seconds; the throughput reported is the best round's. */
  roundSeconds: number[]
}

export interface BatchSizeTuning {
  sample: number
  /** Capacity documents the index already held: the regime the trials ran in. */
  indexedCapacities: number
  trials: BatchSizeTrial[]
  best: number
}

/** What an API update does to each capacity, all at once: the row changes and its outbox row commits with it. */
async function enqueueChangeBurst(sql: Sql, ids: readonly string[]): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`
      update capacities set lead_time_days = (coalesce(lead_time_days, 0) + 1) % ${MAX_LEAD_TIME_DAYS + 1}, updated_at = now()
      where id = any(${tx.array([...ids])}::text[])`
    await enqueueSearch(tx as Tx, 'capacity', ids)
  })
}

/**
 * Drains a burst of `sample` changed capacities with each worker batch size into `full`, indexes that already
 * hold every document. That is the regime the worker lives in, and it matters: Meilisearch pays a fixed cost per
 * indexing batch that grows with the index (it rewrites its whole geo R-tree), which a sample drained into an
 * empty index would hide. Rounds are interleaved so drift hits every size alike; the best round counts. The
 * pending outbox rows of the initial load are held back meanwhile (available_at = infinity) and released after.
 */
export async function tuneWorkerBatchSize(servers: ScratchServers, full: Search, sample: number): Promise<BatchSizeTuning> {
  const { sql } = servers
  const ids = (await sql<{ id: string }[]>`select id from capacities order by md5(id) limit ${sample}`).map((row) => row.id)
  await sql`update search_outbox set available_at = 'infinity' where processed_at is null`
  const rounds = new Map<number, number[]>(BATCH_SIZE_CANDIDATES.map((batchSize) => [batchSize, []]))
  try {
    for (let round = 1; round <= TUNING_ROUNDS; round++) {
      for (const batchSize of BATCH_SIZE_CANDIDATES) {
        await enqueueChangeBurst(sql, ids)
        const result = await drainOutbox(sql, full, ids.length, `batch ${batchSize}, round ${round}`, batchSize)
        rounds.get(batchSize)?.push(result.seconds)
      }
    }
  } finally {
    await sql`update search_outbox set available_at = now() where processed_at is null and available_at = 'infinity'`
  }
  const trials = BATCH_SIZE_CANDIDATES.map((batchSize) => {
    const roundSeconds = rounds.get(batchSize) ?? []
    return { batchSize, roundSeconds, ...throughput(ids.length, Math.min(...roundSeconds) * 1000) }
  })
  const best = trials.reduce((a, b) => (b.documentsPerSecond > a.documentsPerSecond ? b : a))
  const { numberOfDocuments } = await full.client.index(full.indexes.capacities).getStats()
  return { sample: ids.length, indexedCapacities: numberOfDocuments, trials, best: best.batchSize }
}

/** Vacuums and checkpoints after bulk writes, so autovacuum and the checkpointer keep out of the next timed phase. */
export async function settle(sql: Sql): Promise<void> {
  await sql`vacuum (analyze)`
  await sql`checkpoint`
}

/** Page size of the straight load; Meilisearch's guide suggests one payload below 100k documents, 50–100k above. */
export const DIRECT_BATCH = 10_000

export interface DirectIngestion extends Throughput {
  /** Reading and serialising the documents from PostgreSQL beforehand (not part of the throughput). */
  readSeconds: number
  /** Size of all the JSON sent: what a worker batch of N documents weighs, N × this / documents. */
  megabytes: number
  /** The indexes the documents went to, kept for tuning and the single-document freshness comparison; drop when done. */
  search: Search
}

/**
 * The same documents, capacities and needs, read first with the product's document mappers, then sent straight
 * to separate indexes with the same settings: every batch enqueued at once, then all tasks awaited, which lets
 * Meilisearch batch them as it sees fit (the fastest a bulk loader can go). Batches are held as UTF-8 JSON
 * (what meilisearch-js `addDocuments` sends) rather than objects, so a million documents fit in memory.
 */
export async function directIngestion(servers: ScratchServers, expected: number): Promise<DirectIngestion> {
  const search = await prefixedSearch(servers, 'direct-')
  const payloads: { indexUid: string; body: Buffer; documents: number }[] = []
  let documents = 0
  const reading = progressBar('reading documents', expected)
  const readStarted = performance.now()
  for (const [indexUid, page] of [
    [search.indexes.capacities, loadCapacityDocumentsPage],
    [search.indexes.needs, loadNeedDocumentsPage],
  ] as const) {
    for (let after: string | null = null; ; ) {
      const batch: { id: string }[] = await page(servers.sql, after, DIRECT_BATCH)
      if (batch.length === 0) break
      payloads.push({ indexUid, body: Buffer.from(JSON.stringify(batch)), documents: batch.length })
      documents += batch.length
      after = batch[batch.length - 1]?.id ?? null
      reading.update(documents)
    }
  }
  const readSeconds = round((performance.now() - readStarted) / 1000, 2)
  reading.finish()

  const meili = new Pool(servers.meiliUrl, { connections: 1 })
  const indexing = progressBar('indexing straight', documents)
  const started = performance.now()
  try {
    const taskUids: number[] = []
    for (const { indexUid, body } of payloads) {
      const res = await meili.request({
        method: 'POST',
        path: `/indexes/${indexUid}/documents?primaryKey=id`,
        headers: { authorization: `Bearer ${servers.meiliKey}`, 'content-type': 'application/json' },
        body,
      })
      const answer = (await res.body.json()) as { taskUid?: number }
      if (res.statusCode !== 202 || answer.taskUid === undefined) throw new Error(`Meilisearch refused a batch: ${res.statusCode} ${JSON.stringify(answer).slice(0, 300)}`)
      taskUids.push(answer.taskUid)
    }
    let finished = 0
    for await (const task of search.client.tasks.waitForTasksIter(taskUids, { timeout: 60 * 60_000, interval: 50 })) {
      if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`)
      indexing.update((finished += payloads[taskUids.indexOf(task.uid)]?.documents ?? 0))
    }
  } finally {
    await meili.close()
  }
  const ms = performance.now() - started
  indexing.finish()
  const megabytes = round(payloads.reduce((sum, payload) => sum + payload.body.length, 0) / 2 ** 20, 1)
  return { ...throughput(documents, ms), readSeconds, megabytes, search }
}

export interface IndexingBatches {
  /** Meilisearch's own indexing batches that added or updated documents in these indexes. */
  batches: number
  /** Their summed durations (startedAt → finishedAt): the engine's busy time, without the waits between batches. */
  seconds: number
  /** Tasks per batch, averaged: above 1 when Meilisearch merged tasks that were waiting together. */
  tasksPerBatch: number
}

/**
 * How Meilisearch itself batched the document additions into `indexUids` so far (GET /batches). It pays a cost
 * per batch that grows with the index, so the number of batches explains most of a gap between two loads.
 */
export async function indexingBatches(search: Search, indexUids: readonly string[]): Promise<IndexingBatches> {
  const seen: { ms: number; tasks: number }[] = []
  for (let from: number | undefined; ; ) {
    const page = await search.client.batches.getBatches({ indexUids: [...indexUids], limit: 1000, ...(from !== undefined ? { from } : {}) })
    for (const batch of page.results) {
      if (!batch.stats.types.documentAdditionOrUpdate || !batch.finishedAt) continue
      seen.push({ ms: Date.parse(batch.finishedAt) - Date.parse(batch.startedAt), tasks: batch.stats.totalNbTasks })
    }
    if (page.next === null || page.next === undefined) break
    from = page.next
  }
  const tasks = seen.reduce((sum, b) => sum + b.tasks, 0)
  return {
    batches: seen.length,
    seconds: round(seen.reduce((sum, b) => sum + b.ms, 0) / 1000, 2),
    tasksPerBatch: seen.length ? round(tasks / seen.length, 1) : 0,
  }
}
