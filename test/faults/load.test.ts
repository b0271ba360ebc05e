import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../src/lib/ids.js'
import { enqueueSearch } from '../../src/search/outbox.js'
import { createOutboxWorker } from '../../src/search/worker.js'
import type { Tx } from '../../src/services/context.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { createOrganizationOfKinds } from '../helpers/fixtures.js'
import { call } from '../helpers/http.js'
import { serveApp, type ServedApp } from './http.js'
import { type LoadRequest, type LoadResult, loadInChild } from './load.js'

/**
 * Load ramp (perf-reliability.md R9): autocannon, in its own process, raises the connections against a
 * search, a match list recomputed on every call, and a write, on the app as served in production (the
 * node adapter, the default load limits of src/app.ts). Below saturation every answer is 2xx; beyond
 * it the app sheds load with 503 + Retry-After (src/lib/concurrency.ts), never a 500, never a
 * connection error or a client timeout. One line per step is printed for the README.
 */

const STEPS = [1, 8, 32, 128, 256]
const SECONDS = 4

let deps: TestDeps
let served: ServedApp
let asAdmin: Record<string, string>
let needId: string
let supplierId: string
let siteId: string

beforeAll(async () => {
  deps = await createTestDeps()
  asAdmin = await deps.asAdmin()
  supplierId = await createOrganizationOfKinds(deps, ['supplier'], 'ООО «Челнинский инструментальный завод»')
  const site = await call(deps.app, 'POST', `/api/organizations/${supplierId}/sites`, { name: 'Механический цех', address: 'Набережные Челны, Республика Татарстан' }, asAdmin)
  expect(site.status, JSON.stringify(site.body)).toBe(201)
  siteId = site.body.id as string
  // Two thousand capacities, so a search and a match retrieval have real candidates to rank.
  const ids = Array.from({ length: 2000 }, () => newId('cap'))
  await deps.sql.begin(async (tx) => {
    await tx`
      insert into capacities (id, org_id, site_id, title, processes, materials, description_ru)
      select id, ${supplierId}, ${siteId},
        (array['Токарная обработка валов', 'Фрезерная обработка корпусов', 'Шлифование шеек валов'])[1 + n % 3] || ' №' || n,
        (array['{MCH.TURN}', '{MCH.MILL3}', '{MCH.GRIND.CYL}'])[1 + n % 3]::text[], '{ST_45}', 'Станки с ЧПУ, партия ' || (n % 17)
      from unnest(${tx.array(ids)}::text[]) with ordinality as t(id, n)`
    await enqueueSearch(tx as unknown as Tx, 'capacity', ids)
  })
  const worker = createOutboxWorker({ sql: deps.sql, search: deps.search, log: { info: () => undefined, warn: () => undefined, error: () => undefined } })
  while ((await worker.drainOnce()) > 0);
  const contractor = await createOrganizationOfKinds(deps, ['contractor'], 'ПАО «КАМАЗ»')
  const need = await call(deps.app, 'POST', `/api/organizations/${contractor}/needs`, {
    title: 'Вал промежуточный коробки передач',
    processes: ['MCH.TURN'],
    materials: ['ST_45'],
    quantity: 2000,
    deadline: '2027-03-31',
    delivery: { address: 'Набережные Челны, Республика Татарстан' },
  }, asAdmin)
  expect(need.status, JSON.stringify(need.body)).toBe(201)
  needId = need.body.id as string
  await publishNeed(deps.ctx, needId)
  served = await serveApp(deps.app)
})

afterAll(async () => {
  await served?.close()
  await deps?.close()
})

interface Step {
  connections: number
  result: LoadResult
}

function summary(route: string, { connections, result }: Step): string {
  const statuses = Object.entries(result.statuses).map(([status, n]) => `${status}×${n}`).join(' ')
  return `load ${route} c=${connections}: ${result.requests} req, ${result.rps.toFixed(0)} rps, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ${statuses}; errors ${result.errors}, timeouts ${result.timeouts}`
}

async function ramp(route: string, request: () => LoadRequest): Promise<Step[]> {
  const steps: Step[] = []
  for (const connections of STEPS) {
    const step = { connections, result: await loadInChild(served.url, request(), connections, SECONDS) }
    console.info(summary(route, step))
    steps.push(step)
  }
  return steps
}

/** What every ramp must show; returns the first step that shed load, for the summary line. */
function expectGracefulRamp(route: string, steps: Step[]): number | undefined {
  const ok = (status: string) => status.startsWith('2')
  for (const { connections, result } of steps) {
    expect(result.errors, `${route} c=${connections}: connection errors`).toBe(0)
    expect(result.timeouts, `${route} c=${connections}: client timeouts`).toBe(0)
    expect(Object.keys(result.statuses).filter((status) => !ok(status) && status !== '503'), `${route} c=${connections}: ${JSON.stringify(result.statuses)}`).toEqual([])
    expect(result.requests).toBeGreaterThan(0)
  }
  const firstShed = steps.find((step) => (step.result.statuses['503'] ?? 0) > 0)
  expect(steps[0]?.result.statuses['503'] ?? 0, `${route}: a single connection must never be refused`).toBe(0)
  // Saturation: the first step whose 2xx throughput is within 10% of the best. While it still grows
  // with the connections the box has room, and nothing may be refused.
  const served = (s: Step) => Object.entries(s.result.statuses).reduce((sum, [status, n]) => sum + (ok(status) ? n : 0), 0) / SECONDS
  const peak = Math.max(...steps.map(served))
  const saturated = steps.findIndex((s) => served(s) >= 0.9 * peak)
  for (const step of steps.slice(0, saturated)) expect(step.result.statuses['503'] ?? 0, `${route} c=${step.connections} is below saturation`).toBe(0)
  console.info(`load ${route}: saturation (2xx throughput within 10% of its peak, ${peak.toFixed(0)}/s) from c=${steps[saturated]?.connections}; first 503 at c=${firstShed?.connections ?? 'none'}`)
  return firstShed?.connections
}

describe('load ramp', () => {
  it('search: 2xx below saturation, 503 (not 500) beyond it, no errors or timeouts', async () => {
    const steps = await ramp('search', () => ({ path: `/api/search/capacities?q=${encodeURIComponent('токарная обработка валов')}&perPage=20`, headers: asAdmin }))
    const shed = expectGracefulRamp('search', steps)
    // 256 connections exceed 8 active + 64 waiting searches: the limiter must have answered some of them.
    expect(shed).toBeDefined()
  })

  it('match list recomputed on every call: 2xx below saturation, 503 beyond it', async () => {
    const steps = await ramp('matches', () => ({ path: `/api/needs/${needId}/matches?refresh=true`, headers: asAdmin }))
    expect(expectGracefulRamp('matches', steps)).toBeDefined()
  })

  it('write (create a capacity): 2xx below saturation, 503 beyond it, and every 2xx is a row', async () => {
    const [before] = await deps.sql<{ n: number }[]>`select count(*)::int as n from capacities where org_id = ${supplierId}`
    const steps = await ramp('write', () => ({
      method: 'POST',
      path: `/api/organizations/${supplierId}/capacities`,
      headers: asAdmin,
      body: { siteId, title: 'Токарная обработка под нагрузкой', processes: ['MCH.TURN'] },
    }))
    expectGracefulRamp('write', steps)
    const created = steps.reduce((sum, s) => sum + (s.result.statuses['201'] ?? 0), 0)
    const [after] = await deps.sql<{ n: number }[]>`select count(*)::int as n from capacities where org_id = ${supplierId}`
    // Requests still in flight when a step ends are dropped by the client but may commit: at most one per connection.
    const rows = (after?.n ?? 0) - (before?.n ?? 0)
    expect(rows).toBeGreaterThanOrEqual(created)
    expect(rows - created).toBeLessThanOrEqual(STEPS.reduce((sum, c) => sum + c, 0))
  })
})
