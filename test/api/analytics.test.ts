import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AnalyticsDataset, NOW, PERIOD, S5_NAME, seedAnalytics } from '../helpers/analyticsDataset.js'
import { signInHeaders } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { call } from '../helpers/http.js'

let deps: TestDeps
let data: AnalyticsDataset
let as: Record<keyof AnalyticsDataset['users'], Record<string, string>>

const period = `from=${PERIOD.from}&to=${PERIOD.to}`

beforeAll(async () => {
  deps = await createTestDeps({ now: () => NOW })
  data = await seedAnalytics(deps.sql)
  const entries = await Promise.all(Object.entries(data.users).map(async ([role, user]) => [role, await signInHeaders(deps.app, user.email)] as const))
  as = Object.fromEntries(entries) as typeof as
})

afterAll(async () => {
  await deps?.close()
})

describe('unmet demand', () => {
  it('counts the needs of the period with fewer than 3 qualified suppliers, by process, material, certificate and region', async () => {
    const res = await call(deps.app, 'GET', `/api/analytics/unmet-demand?${period}`, undefined, as.curatorA)
    expect(res.status).toBe(200)
    expect(res.body.period).toEqual({ ...PERIOD, clusterId: null })
    expect(res.body.threshold).toBe(3)
    // N1…N4: N5 was published at 23:00 Moscow time on 31 July, N1 at 01:00 on 1 August.
    expect({ needs: res.body.needs, unmet: res.body.unmet }).toEqual({ needs: 4, unmet: 3 })
    expect(res.body.byProcess).toEqual([
      { key: 'MCH.TURN', needs: 3, unmet: 2, withoutSupplier: 0 },
      { key: 'MCH.MILL3', needs: 1, unmet: 1, withoutSupplier: 0 },
      { key: 'STP.PROG', needs: 1, unmet: 1, withoutSupplier: 1 },
    ])
    expect(res.body.byMaterial).toEqual([
      { key: 'AL_D16', needs: 1, unmet: 1, withoutSupplier: 0 },
      { key: 'ST_08PS', needs: 1, unmet: 1, withoutSupplier: 1 },
      { key: null, needs: 1, unmet: 1, withoutSupplier: 0 },
      { key: 'ST_40KH', needs: 1, unmet: 0, withoutSupplier: 0 },
    ])
    expect(res.body.byCertificate).toEqual([
      { key: 'IATF16949', needs: 3, unmet: 2, withoutSupplier: 0 },
      { key: 'ISO9001', needs: 1, unmet: 1, withoutSupplier: 1 },
    ])
    expect(res.body.byRegion).toEqual([{ key: '16', needs: 4, unmet: 3, withoutSupplier: 1 }])
  })

  it('defaults to the last 90 days up to today (Moscow)', async () => {
    const res = await call(deps.app, 'GET', '/api/analytics/unmet-demand', undefined, as.curatorA)
    expect(res.status).toBe(200)
    expect(res.body.period).toEqual({ from: '2026-07-23', to: '2026-10-20', clusterId: null })
    // N5 (31 July) is inside the default window, N4 (1 October) too.
    expect(res.body.needs).toBe(5)
  })

  it('narrows to one of the curator\'s clusters', async () => {
    const res = await call(deps.app, 'GET', `/api/analytics/unmet-demand?${period}&clusterId=${data.clusterA}`, undefined, as.curatorA)
    expect(res.status).toBe(200)
    expect(res.body.needs).toBe(4)
  })
})

describe('certification gap', () => {
  it('lists each certificate with the suppliers failing only on it and the needs it would unlock, most needs first', async () => {
    const res = await call(deps.app, 'GET', `/api/analytics/certification-gap?${period}`, undefined, as.curatorA)
    expect(res.status).toBe(200)
    expect(res.body.certificates).toEqual([
      { certificate: 'IATF16949', suppliers: 2, needs: 3, unmetNeeds: 2 },
      { certificate: 'ISO9001', suppliers: 1, needs: 1, unmetNeeds: 1 },
    ])
    expect(res.body.suppliers).toEqual([
      { orgId: data.suppliers.s4, name: 'ООО «Бугульма Мех»', certificate: 'IATF16949', needs: 2, unmetNeeds: 1 },
      { orgId: data.suppliers.s5, name: S5_NAME, certificate: 'IATF16949', needs: 1, unmetNeeds: 1 },
      { orgId: data.suppliers.s5, name: S5_NAME, certificate: 'ISO9001', needs: 1, unmetNeeds: 1 },
    ])
  })
})

describe('cooperation indicators', () => {
  it('counts the funnel, the median hours to the first introduction and the share met inside the cluster, with a monthly trend', async () => {
    const res = await call(deps.app, 'GET', `/api/analytics/cooperation?${period}`, undefined, as.curatorA)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ published: 4, matched: 3, introduced: 3, contracted: 1, met: 3, metInsideCluster: 2 })
    // First introductions after 10, 20 and 40 hours (N1's second, after 30 hours, is not its first).
    expect(res.body.medianHoursToIntroduction).toBe(20)
    expect(res.body.insideClusterShare).toBeCloseTo(2 / 3, 10)
    expect(res.body.trend).toEqual([
      { month: '2026-08', published: 1, matched: 1, introduced: 1, contracted: 1 },
      { month: '2026-09', published: 2, matched: 2, introduced: 2, contracted: 0 },
      { month: '2026-10', published: 1, matched: 0, introduced: 0, contracted: 0 },
    ])
  })

  it('says null, not zero, for a median and a share over no needs', async () => {
    const res = await call(deps.app, 'GET', '/api/analytics/cooperation?from=2025-01-01&to=2025-02-15', undefined, as.curatorA)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ published: 0, medianHoursToIntroduction: null, insideClusterShare: null })
    expect(res.body.trend.map((month: { month: string }) => month.month)).toEqual(['2025-01', '2025-02'])
  })
})

describe('the monthly report', () => {
  it('holds the indicators, unmet demand and certification gap of one month', async () => {
    const res = await call(deps.app, 'GET', '/api/analytics/monthly-report?month=2026-09', undefined, as.curatorA)
    expect(res.status).toBe(200)
    expect(res.body.month).toBe('2026-09')
    expect(res.body.indicators.period).toEqual({ from: '2026-09-01', to: '2026-09-30', clusterId: null })
    expect(res.body.indicators).toMatchObject({ published: 2, introduced: 2, contracted: 0, medianHoursToIntroduction: 30 })
    expect(res.body.unmetDemand.unmet).toBe(2)
    expect(res.body.certificationGap.certificates).toEqual([{ certificate: 'IATF16949', suppliers: 2, needs: 2, unmetNeeds: 2 }])
  })

  it('is about the last complete month when none is named', async () => {
    const res = await call(deps.app, 'GET', '/api/analytics/monthly-report', undefined, as.curatorA)
    expect(res.status).toBe(200)
    expect(res.body.month).toBe('2026-09')
  })
})

describe('who sees the analytics', () => {
  it('shows another centre\'s curator only their own cluster\'s needs', async () => {
    const res = await call(deps.app, 'GET', `/api/analytics/cooperation?${period}`, undefined, as.curatorB)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ published: 1, matched: 1, introduced: 0 })
  })

  it('answers 404 for a cluster outside the curator\'s centre, as for a missing one', async () => {
    const res = await call(deps.app, 'GET', `/api/analytics/unmet-demand?${period}&clusterId=${data.clusterA}`, undefined, as.curatorB)
    expect(res.status).toBe(404)
  })

  it.each(['supplierS1', 'contractorK'] as const)('refuses a %s with 403, and anonymous callers with 401', async (role) => {
    for (const path of ['unmet-demand', 'certification-gap', 'cooperation']) {
      expect((await call(deps.app, 'GET', `/api/analytics/${path}?${period}`, undefined, as[role])).status).toBe(403)
      expect((await call(deps.app, 'GET', `/api/analytics/${path}?${period}`)).status).toBe(401)
    }
  })

  it('lets a platform admin see every contractor', async () => {
    const res = await call(deps.app, 'GET', `/api/analytics/cooperation?${period}`, undefined, await deps.asAdmin())
    expect(res.status).toBe(200)
    expect(res.body.published).toBe(5)
  })
})

describe('bad periods', () => {
  it('answers 400 with the field path for a period that ends before it starts, is too long or is no date', async () => {
    const backwards = await call(deps.app, 'GET', '/api/analytics/unmet-demand?from=2026-10-01&to=2026-09-01', undefined, as.curatorA)
    expect(backwards.status).toBe(400)
    expect(backwards.body.errors).toEqual([expect.objectContaining({ path: 'query.from' })])
    // Who may not look at all learns nothing about the period: 401 before 400.
    expect((await call(deps.app, 'GET', '/api/analytics/unmet-demand?from=2026-10-01&to=2026-09-01')).status).toBe(401)
    const long = await call(deps.app, 'GET', '/api/analytics/unmet-demand?from=2020-01-01&to=2026-09-01', undefined, as.curatorA)
    expect(long.status).toBe(400)
    const notADate = await call(deps.app, 'GET', '/api/analytics/unmet-demand?from=2026-02-30', undefined, { ...as.curatorA, 'accept-language': 'en' })
    expect(notADate.status).toBe(400)
    expect(notADate.body.errors[0].path).toBe('query.from')
    const badMonth = await call(deps.app, 'GET', '/api/analytics/monthly-report?month=2026-13', undefined, as.curatorA)
    expect(badMonth.status).toBe(400)
    expect(badMonth.body.errors[0].path).toBe('query.month')
  })
})

describe('the need shortlist export', () => {
  it('gives the need and its suppliers from shortlisted on, best first, to its contractor and its curators', async () => {
    for (const role of ['contractorK', 'curatorA'] as const) {
      const res = await call(deps.app, 'GET', `/api/needs/${data.needs.n3}/shortlist`, undefined, as[role])
      expect(res.status).toBe(200)
      expect(res.body.need.id).toBe(data.needs.n3)
      expect(res.body.contractorName).toBe('ПАО «КАМАЗ»')
      expect(res.body.suppliers.map((s: { orgId: string; status: string }) => [s.orgId, s.status])).toEqual([
        [data.suppliers.s6, 'interested'],
        [data.suppliers.s4, 'shortlisted'],
      ])
    }
  })

  it.each(['contractorL', 'curatorB', 'supplierS1'] as const)('is the 404 of a missing need for %s', async (role) => {
    const res = await call(deps.app, 'GET', `/api/needs/${data.needs.n3}/shortlist`, undefined, as[role])
    expect(res.status).toBe(404)
  })
})

describe('the OpenAPI document', () => {
  it('describes the analytics endpoints', async () => {
    const res = await call(deps.app, 'GET', '/openapi.json')
    for (const path of ['/api/analytics/unmet-demand', '/api/analytics/certification-gap', '/api/analytics/cooperation', '/api/analytics/monthly-report', '/api/needs/{id}/shortlist']) {
      expect(res.body.paths[path]?.get, path).toBeDefined()
    }
  })
})
