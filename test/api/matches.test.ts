import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOutboxWorker } from '../../src/search/worker.js'
import { queueMatchRecomputation } from '../../src/services/matches/queue.js'
import { silentLogger } from '../../src/lib/log.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { createMatchWorker } from '../../src/workers/matches.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { createOrganizationOfKinds } from '../helpers/fixtures.js'
import { call } from '../helpers/http.js'

let deps: TestDeps
/** Headers of a signed-in platform admin: these tests are about the data, not about who may write it. */
let asAdmin: Record<string, string>
let drain: () => Promise<void>

const NOW = new Date('2026-11-22T09:00:00Z')

beforeAll(async () => {
  deps = await createTestDeps({ now: () => NOW })
  asAdmin = await deps.asAdmin()
  const searchWorker = createOutboxWorker({ sql: deps.sql, search: deps.search, log: silentLogger, onIndexed: queueMatchRecomputation })
  const matchWorker = createMatchWorker({ sql: deps.sql, search: deps.search, log: silentLogger, now: () => NOW })
  drain = async () => {
    await searchWorker.drainOnce()
    await matchWorker.drainOnce()
  }
})
afterAll(async () => {
  await deps.close()
})

async function supplier(name: string, address: string, certificates: { standard: string; validUntil: string | null; }[], capacity: Record<string, unknown>) {
  const orgId = await createOrganizationOfKinds(deps, ['supplier'], name)
  const site = await call(deps.app, 'POST', `/api/organizations/${orgId}/sites`, { name: 'Производственная площадка', address }, asAdmin)
  expect(site.status).toBe(201)
  for (const certificate of certificates) {
    const res = await call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, {
      standard: certificate.standard, number: `RU-${Math.floor(Math.random() * 1e6)}`, issuer: 'Русский Регистр', validFrom: '2024-01-15', validUntil: certificate.validUntil,
    }, asAdmin)
    expect(res.status).toBe(201)
  }
  const created = await call(deps.app, 'POST', `/api/organizations/${orgId}/capacities`, { siteId: site.body.id, ...capacity }, asAdmin)
  expect(created.status).toBe(201)
  return { orgId, capacityId: created.body.id as string }
}

const stamping = {
  title: 'Листовая штамповка в последовательных штампах, прессы до 400 т',
  processes: ['STP.PROG'],
  materials: ['ST_08PS'],
  envelope: { lengthMm: 800, widthMm: 600, heightMm: 200, massKg: 25 },
  itGrade: 10,
  batchMin: 1000,
  batchMax: 200_000,
}

describe('matching through the API', () => {
  let needId: string
  let contractorName: string
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    contractorName = 'ПАО «КАМАЗ»'
    const contractor = await createOrganizationOfKinds(deps, ['contractor'], contractorName)
    ids.elabuga = (await supplier('ООО «Алабуга Штамп»', 'Елабуга, Республика Татарстан', [{ standard: 'IATF16949', validUntil: '2028-06-30' }], stamping)).orgId
    ids.chelny = (await supplier('ООО «Челны Металл»', 'Набережные Челны, Республика Татарстан', [{ standard: 'ISO9001', validUntil: '2028-06-30' }], stamping)).orgId
    ids.expired = (await supplier('ООО «Кама Пресс»', 'Нижнекамск, Республика Татарстан', [{ standard: 'IATF16949', validUntil: '2026-12-31' }], stamping)).orgId
    ids.far = (await supplier('ООО «Уралштамп»', 'Екатеринбург, Свердловская обл.', [{ standard: 'IATF16949', validUntil: '2029-01-01' }], stamping)).orgId
    ids.unrelated = (await supplier('ООО «Литейщик»', 'Набережные Челны, Республика Татарстан', [{ standard: 'IATF16949', validUntil: '2029-01-01' }], {
      title: 'Литьё в песчаные формы', processes: ['CST.SAND'], materials: ['ST_08PS'],
    })).orgId

    const need = await call(deps.app, 'POST', `/api/organizations/${contractor}/needs`, {
      title: 'Кронштейн крепления топливного бака, штамповка, 08пс',
      processes: ['STP.PROG'],
      materials: ['ST_08PS'],
      envelope: { lengthMm: 320, widthMm: 140, heightMm: 60, massKg: 1.2 },
      itGrade: 12,
      quantity: 120_000,
      batchSize: 10_000,
      requiredCerts: ['IATF16949'],
      delivery: { address: 'Набережные Челны, Республика Татарстан' },
      maxDistanceKm: 400,
      deadline: '2027-03-01',
    }, asAdmin)
    expect(need.status).toBe(201)
    needId = need.body.id
    await publishNeed(deps.ctx, needId)
    await drain()
  })

  it('ranks the certified nearby stamping shop first and explains why', async () => {
    const res = await call(deps.app, 'GET', `/api/needs/${needId}/matches`, undefined, asAdmin)
    expect(res.status).toBe(200)
    expect(res.body.matches.map((m: { orgId: string }) => m.orgId)).toEqual([ids.elabuga])
    const [top] = res.body.matches
    expect(top.score).toBeGreaterThan(0)
    expect(top.score).toBeLessThanOrEqual(1)
    expect(top.distanceKm).toBeGreaterThan(20)
    expect(top.distanceKm).toBeLessThan(80)
    expect(top.explanation.ru).toMatch(/IATF 16949/)
    expect(top.explanation.en).toMatch(/km/)
    expect(top.breakdown).toHaveProperty('capability')
    expect(top.certificates[0]).toMatchObject({ standard: 'IATF16949' })
  })

  it('lists near misses with the failing constraint and its size', async () => {
    const res = await call(deps.app, 'GET', `/api/needs/${needId}/matches`, undefined, asAdmin)
    const misses = new Map(res.body.nearMisses.map((m: { orgId: string; constraint: string }) => [m.orgId, m]))
    expect(misses.get(ids.chelny)).toMatchObject({ constraint: 'certificate', miss: { certificate: 'IATF16949' } })
    expect(misses.get(ids.expired)).toMatchObject({ constraint: 'certificate' })
    expect(misses.get(ids.far)).toMatchObject({ constraint: 'distance', miss: { maxKm: 400 } })
    expect((misses.get(ids.far) as { miss: { km: number } }).miss.km).toBeGreaterThan(400)
    expect(misses.has(ids.unrelated)).toBe(false)
  })

  it('persists results and serves them without recomputing', async () => {
    const [run] = await deps.sql`select computed_at from match_runs where need_id = ${needId}`
    expect(run).toBeDefined()
    const [row] = await deps.sql`select score, status from matches where need_id = ${needId} and supplier_org_id = ${ids.elabuga ?? ""}`
    expect(row).toMatchObject({ status: 'suggested' })
    const again = await call(deps.app, 'GET', `/api/needs/${needId}/matches?explain=false`, undefined, asAdmin)
    expect(again.body.computedAt).toBe(new Date(run!.computedAt).toISOString())
    expect(again.body.matches[0]).not.toHaveProperty('breakdown')
  })

  it("shows the need in the supplier's matching needs without naming the contractor", async () => {
    const res = await call(deps.app, 'GET', `/api/organizations/${ids.elabuga}/matching-needs`, undefined, asAdmin)
    expect(res.status).toBe(200)
    expect(res.body.items.map((i: { needId: string }) => i.needId)).toEqual([needId])
    expect(JSON.stringify(res.body)).not.toContain('КАМАЗ')
  })

  it('re-ranks through the outbox when a supplier gains the missing certificate', async () => {
    const res = await call(deps.app, 'POST', `/api/organizations/${ids.chelny}/certificates`, {
      standard: 'IATF16949', number: 'RU-777', issuer: 'Русский Регистр', validFrom: '2025-02-01', validUntil: '2028-02-01',
    }, asAdmin)
    expect(res.status).toBe(201)
    await drain()
    const matches = await call(deps.app, 'GET', `/api/needs/${needId}/matches`, undefined, asAdmin)
    const ranked = matches.body.matches.map((m: { orgId: string }) => m.orgId)
    expect(ranked).toContain(ids.chelny)
    expect(ranked).toContain(ids.elabuga)
    expect(matches.body.nearMisses.map((m: { orgId: string }) => m.orgId)).not.toContain(ids.chelny)
  })

  it('answers 404 for a need that does not exist and 400 for a malformed id', async () => {
    expect((await call(deps.app, 'GET', '/api/needs/need_000000000000000000000/matches', undefined, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'GET', '/api/needs/org_000000000000000000000/matches', undefined, asAdmin)).status).toBe(400)
    expect((await call(deps.app, 'GET', `/api/needs/${needId}/matches?limit=0`, undefined, asAdmin)).status).toBe(400)
  })
})
