/**
 * Freshness: how long after a write a user's search sees it.
 *   - product: a capacity update through the service (row + outbox row in one transaction, NOTIFY on commit),
 *     the outbox worker running as the server runs it (`start()`, woken by LISTEN/NOTIFY), the index polled until
 *     the new value is searchable;
 *   - direct: the same single-document update sent straight to Meilisearch (the straight-load indexes, same
 *     size and settings), timed the same way (enqueue → searchable), and by the engine's own task timestamps
 *     (enqueuedAt → finishedAt).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Sql } from '../../src/db/client.js'
import type { Search } from '../../src/search/client.js'
import { loadCapacityDocuments } from '../../src/search/documents.js'
import { filters } from '../../src/search/filters.js'
import { outboxBacklog } from '../../src/search/worker.js'
import { updateCapacity } from '../../src/services/capacities/update.js'
import { MAX_LEAD_TIME_DAYS, productWorker } from './ingestion.js'
import { progressBar } from './progress.js'
import type { ScratchServers } from './servers.js'
import { type LatencySummary, summarize } from './stats.js'

/** Per path; each sample waits for an indexing batch (about a second at 100k on a busy two-core machine). */
export const FRESHNESS_SAMPLES = 30
/** Poll period: the resolution of the write → searchable figures. */
const POLL_MS = 5
const GIVE_UP_MS = 60_000

export interface FreshnessResult {
  /** Update through the service → visible in search, outbox worker running. */
  product: LatencySummary
  /** Same update sent straight to Meilisearch → visible in search. */
  directVisible: LatencySummary
  /** Same update: Meilisearch task enqueuedAt → finishedAt. */
  directTask: LatencySummary
}

async function waitUntilSearchable(search: Search, indexUid: string, id: string, leadTimeDays: number): Promise<void> {
  const c = filters('capacities')
  const filter = c.build(c.eq('id', id), c.eq('leadTimeDays', leadTimeDays))
  const deadline = performance.now() + GIVE_UP_MS
  for (;;) {
    const result = await search.client.index(indexUid).search('', { filter, limit: 1, attributesToRetrieve: ['id'] })
    if (result.hits.length > 0) return
    if (performance.now() > deadline) throw new Error(`capacity ${id} did not become searchable with leadTimeDays ${leadTimeDays} within ${GIVE_UP_MS} ms`)
    await sleep(POLL_MS)
  }
}

async function waitUntilOutboxDone(sql: Sql): Promise<void> {
  const deadline = performance.now() + GIVE_UP_MS
  while ((await outboxBacklog(sql)).pending > 0) {
    if (performance.now() > deadline) throw new Error(`the outbox worker did not finish its batch within ${GIVE_UP_MS} ms`)
    await sleep(POLL_MS)
  }
}

/** `direct` holds the same documents as the product indexes (directIngestion); it receives the direct updates. */
export async function measureFreshness(servers: ScratchServers, direct: Search, samples = FRESHNESS_SAMPLES): Promise<FreshnessResult> {
  const { sql, search } = servers
  // Spread over the table, the same for every run of a seed; one extra warms up the worker's LISTEN.
  const capacities = await sql<{ id: string; leadTimeDays: number | null }[]>`
    select id, lead_time_days from capacities order by md5(id) limit ${samples + 1}`
  const updates = capacities.map(({ id, leadTimeDays }) => ({ id, leadTimeDays: ((leadTimeDays ?? 0) + 1) % (MAX_LEAD_TIME_DAYS + 1) }))
  const ctx = { sql, actor: { kind: 'system' } as const, now: () => new Date() }

  const product: number[] = []
  const worker = productWorker(sql, search)
  worker.start()
  const measuring = progressBar('freshness via the outbox', updates.length)
  try {
    for (const [i, { id, leadTimeDays }] of updates.entries()) {
      const started = performance.now()
      await updateCapacity(ctx, id, { leadTimeDays })
      await waitUntilSearchable(search, search.indexes.capacities, id, leadTimeDays)
      if (i > 0) product.push(performance.now() - started)
      // The worker commits only after seeing the task succeed; the next write must not queue behind that.
      await waitUntilOutboxDone(sql)
      measuring.update(i + 1)
    }
  } finally {
    await worker.stop()
  }
  measuring.finish()

  const directVisible: number[] = []
  const directTask: number[] = []
  const sending = progressBar('freshness straight', updates.length)
  for (const [i, { id, leadTimeDays }] of updates.entries()) {
    const documents = await loadCapacityDocuments(sql, [id])
    const started = performance.now()
    const { taskUid } = await direct.client.index(direct.indexes.capacities).addDocuments(documents, { primaryKey: 'id' })
    await waitUntilSearchable(direct, direct.indexes.capacities, id, leadTimeDays)
    const visibleMs = performance.now() - started
    const task = await direct.client.tasks.waitForTask(taskUid, { interval: POLL_MS })
    if (i > 0) {
      directVisible.push(visibleMs)
      directTask.push(Date.parse(task.finishedAt ?? '') - Date.parse(task.enqueuedAt))
    }
    sending.update(i + 1)
  }
  sending.finish()
  return { product: summarize(product), directVisible: summarize(directVisible), directTask: summarize(directTask) }
}
