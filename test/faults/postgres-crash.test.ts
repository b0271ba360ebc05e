import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { createSql, type Sql } from '../../src/db/client.js'
import { migrate } from '../../src/db/migrate.js'
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '../../src/embedded/meilisearch.js'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/embedded/postgres.js'
import { createSearch, type Search } from '../../src/search/client.js'
import { ensureIndexes } from '../../src/search/settings.js'
import { createOutboxWorker, outboxBacklog, type OutboxWorker, type SearchLog } from '../../src/search/worker.js'
import { randomInn } from '../helpers/fixtures.js'
import { indexDrift, NO_DRIFT } from '../search/projection.js'
import { seeded, serveApp, signInAdmin, sleep, waitFor, type HttpResponse, type ServedApp } from './http.js'

/**
 * PostgreSQL crash under write load (perf-reliability.md R1/R2). The app runs on its own PostgreSQL;
 * eight writers create organizations, sites and capacities through the API as a platform admin; at a
 * seeded random moment the postmaster is SIGKILLed, left down for a seeded while, and restarted on the
 * same data folder and port. Afterwards every write that was acknowledged with a 2xx must be there;
 * while it is down the API must answer 503 with Retry-After (never another 5xx); and the app must
 * recover by itself within seconds of the restart, with no restart of its own.
 */

const SEEDS = (process.env.FAULT_SEEDS ?? '1,2,3,4,5,6,7,8').split(',').map(Number)
const WRITERS = 8

const quiet: SearchLog = { info: () => undefined, warn: () => undefined, error: () => undefined }

let root: string
let pg: EmbeddedPostgres
let meili: EmbeddedMeilisearch
let sql: Sql
let search: Search
let served: ServedApp
let worker: OutboxWorker
let asAdmin: Record<string, string>
const uncaught: unknown[] = []
const onUncaught = (error: unknown): void => {
  uncaught.push(error)
}

async function startPostgres(port?: number): Promise<EmbeddedPostgres> {
  // The killed postmaster's backends notice its death and exit within moments; until they have, its
  // shared memory is still attached and a new postmaster refuses to start on the folder.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startEmbeddedPostgres({ dir: join(root, 'postgres'), database: 'podryad_crash', ...(port ? { port } : {}) })
    } catch (error) {
      if (attempt >= 20) throw error
      await sleep(250)
    }
  }
}

beforeAll(async () => {
  process.on('uncaughtException', onUncaught)
  root = await mkdtemp(join(tmpdir(), 'podryad-pgcrash-'))
  await chmod(root, 0o755)
  meili = await startEmbeddedMeilisearch({ dir: join(root, 'meilisearch') })
  pg = await startPostgres()
  sql = createSql(pg.url, { max: 10 })
  await migrate(sql)
  search = createSearch({ url: meili.url, apiKey: meili.masterKey, indexPrefix: 'crash_' })
  await ensureIndexes(search)
  served = await serveApp(createApp({ sql, search }))
  worker = createOutboxWorker({ sql, search, log: quiet })
  worker.start()
  asAdmin = await signInAdmin(sql, served)
})

afterAll(async () => {
  process.off('uncaughtException', onUncaught)
  await worker?.stop()
  await served?.close()
  await sql?.end({ timeout: 5 })
  await search?.close()
  await meili?.stop()
  await pg?.stop()
  await rm(root, { recursive: true, force: true })
})

interface Acked {
  organizations: string[]
  sites: string[]
  capacities: string[]
}

interface Observed {
  byStatus: Record<string, number>
  /** 503 without Retry-After, any other 5xx, transport errors: each one a failure. */
  bad: string[]
  /** Latency of 503 answers, ms. */
  unavailableMs: number[]
  /** Slowest answer of any kind, ms. */
  slowestMs: number
  /** When each 2xx answer arrived (performance.now()). */
  successesAt: number[]
}

function record(observed: Observed, what: string, res: HttpResponse): boolean {
  observed.byStatus[res.status] = (observed.byStatus[res.status] ?? 0) + 1
  observed.slowestMs = Math.max(observed.slowestMs, res.ms)
  if (res.status >= 200 && res.status < 300) {
    observed.successesAt.push(performance.now())
    return true
  }
  if (res.status === 503) {
    observed.unavailableMs.push(res.ms)
    if (!res.headers['retry-after']) observed.bad.push(`${what}: 503 without Retry-After`)
    if (!String(res.headers['content-type']).startsWith('application/problem+json') || res.body?.status !== 503) observed.bad.push(`${what}: 503 that is no problem document`)
  } else if (res.status >= 500) {
    observed.bad.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`)
  }
  return false
}

/** One writer: an organization with a site, then capacities there; a new organization now and then. */
async function writer(id: number, acked: Acked, observed: Observed, running: () => boolean): Promise<void> {
  let site: { orgId: string; siteId: string } | undefined
  let n = 0
  while (running()) {
    n++
    try {
      if (!site || n % 10 === 0) {
        const org = await served.request('POST', '/api/organizations', { name: `ООО «Писатель ${id}-${n}»`, inn: randomInn(), kinds: ['supplier'] }, asAdmin)
        if (!record(observed, 'POST organization', org)) continue
        acked.organizations.push(org.body.id)
        const created = await served.request('POST', `/api/organizations/${org.body.id}/sites`, { name: 'Цех', address: 'г. Набережные Челны, Республика Татарстан' }, asAdmin)
        if (!record(observed, 'POST site', created)) continue
        acked.sites.push(created.body.id)
        site = { orgId: org.body.id, siteId: created.body.id }
      }
      const capacity = await served.request(
        'POST',
        `/api/organizations/${site.orgId}/capacities`,
        { siteId: site.siteId, title: `Токарная обработка ${id}-${n}`, processes: ['MCH.TURN'] },
        asAdmin,
      )
      if (record(observed, 'POST capacity', capacity)) acked.capacities.push(capacity.body.id)
    } catch (error) {
      observed.bad.push(`transport: ${error instanceof Error ? error.message : String(error)}`)
      await sleep(50)
    }
  }
}

async function missing(table: 'organizations' | 'sites' | 'capacities', ids: string[]): Promise<string[]> {
  const present = await sql<{ id: string }[]>`select id from ${sql(table)} where id = any(${sql.array(ids)}::text[])`
  const found = new Set(present.map((r) => r.id))
  return ids.filter((id) => !found.has(id))
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

describe('PostgreSQL crash under write load', () => {
  const rows: string[] = []
  const totals = { seeds: 0, acknowledged: 0, lost: 0, unavailable: 0, other5xx: 0, slowest503Ms: 0, slowestRecoveryMs: 0 }

  for (const seed of SEEDS) {
    it(`seed ${seed}: SIGKILL of the postmaster loses no acknowledged write and answers 503, never 500`, async () => {
      const random = seeded(seed)
      const killAfterMs = 300 + Math.floor(random() * 1200)
      const downForMs = 1000 + Math.floor(random() * 1500)
      const acked: Acked = { organizations: [], sites: [], capacities: [] }
      const observed: Observed = { byStatus: {}, bad: [], unavailableMs: [], successesAt: [], slowestMs: 0 }
      let running = true
      const writers = Array.from({ length: WRITERS }, (_, i) => writer(i, acked, observed, () => running))

      await sleep(killAfterMs)
      const port = pg.port
      const exited = new Promise<void>((resolve) => pg.child.once('exit', () => resolve()))
      pg.child.kill('SIGKILL')
      await exited
      const killedAt = performance.now()
      await sleep(downForMs)
      const restartAt = performance.now()
      pg = await startPostgres(port)
      const readyAt = performance.now()
      // Recovery: the first acknowledged write after the server is ready again.
      const recoveryMs = await waitFor('first 2xx after restart', async () => observed.successesAt.some((t) => t > readyAt), 15_000, 20)
      await sleep(1500)
      running = false
      await Promise.all(writers)

      const lost = {
        organizations: await missing('organizations', acked.organizations),
        sites: await missing('sites', acked.sites),
        capacities: await missing('capacities', acked.capacities),
      }
      // Business row and outbox row commit together: no capacity without its outbox row.
      const [orphans] = await sql<{ n: number }[]>`
        select count(*)::int as n from capacities c where not exists (select 1 from search_outbox o where o.entity = 'capacity' and o.entity_id = c.id)`
      const ackedTotal = acked.organizations.length + acked.sites.length + acked.capacities.length
      const lostTotal = lost.organizations.length + lost.sites.length + lost.capacities.length
      const row =
        `seed ${seed}: kill after ${killAfterMs} ms, down ${downForMs} ms (restart took ${(readyAt - restartAt).toFixed(0)} ms) — ` +
        `acknowledged ${ackedTotal} (orgs ${acked.organizations.length}, sites ${acked.sites.length}, capacities ${acked.capacities.length}), lost ${lostTotal}; ` +
        `answers ${JSON.stringify(observed.byStatus)}, 503 p50 ${percentile(observed.unavailableMs, 50).toFixed(0)} ms / max ${Math.max(0, ...observed.unavailableMs).toFixed(0)} ms, slowest answer ${observed.slowestMs.toFixed(0)} ms; ` +
        `first 2xx ${recoveryMs.toFixed(0)} ms after ready (${(readyAt + recoveryMs - killedAt).toFixed(0)} ms after the kill)`
      rows.push(row)
      console.info(`postgres crash: ${row}`)
      totals.seeds++
      totals.acknowledged += ackedTotal
      totals.lost += lostTotal
      totals.unavailable += observed.byStatus['503'] ?? 0
      totals.other5xx += Object.entries(observed.byStatus).filter(([status]) => Number(status) >= 500 && status !== '503').reduce((n, [, k]) => n + k, 0)
      totals.slowest503Ms = Math.max(totals.slowest503Ms, ...observed.unavailableMs)
      totals.slowestRecoveryMs = Math.max(totals.slowestRecoveryMs, recoveryMs)

      expect(observed.bad).toEqual([])
      expect(uncaught).toEqual([])
      expect(lost).toEqual({ organizations: [], sites: [], capacities: [] })
      expect(orphans?.n).toBe(0)
      expect(observed.byStatus['503'] ?? 0).toBeGreaterThan(0)
      expect(ackedTotal).toBeGreaterThan(0)
      expect(recoveryMs).toBeLessThan(5_000)
      // No request is held longer than one connection attempt may take (connect_timeout 5 s, against a
      // postmaster that is listening but still recovering) plus the reconnect delay (≤ 1 s).
      expect(observed.slowestMs).toBeLessThan(7_000)
    })
  }

  it('the search index catches up with everything written across the crashes', async () => {
    await waitFor('outbox drained', async () => (await outboxBacklog(sql)).pending === 0, 60_000, 250)
    expect(await indexDrift(sql, search)).toEqual(NO_DRIFT)
    console.info(
      `postgres crash summary: ${totals.seeds} seeds, ${totals.acknowledged} writes acknowledged, ${totals.lost} lost; ${totals.unavailable} answers 503 (slowest ${totals.slowest503Ms.toFixed(0)} ms), ` +
        `${totals.other5xx} other 5xx; first 2xx at most ${totals.slowestRecoveryMs.toFixed(0)} ms after PostgreSQL was ready\n  ${rows.join('\n  ')}`,
    )
  })
})
