import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { type SitePlace, createOrganizationOfKinds, insertSite, outboxAddedBy } from '../helpers/fixtures.js'
import { type JsonResponse, call } from '../helpers/http.js'

let deps: TestDeps
/** Headers of a signed-in platform admin: these tests are about the data, not about who may write it. */
let asAdmin: Record<string, string>
beforeAll(async () => {
  deps = await createTestDeps()
  asAdmin = await deps.asAdmin()
})
afterAll(async () => {
  await deps.close()
})

const ULYANOVSK: SitePlace = { address: 'г. Ульяновск, Ульяновская область, ул. Металлистов, 16', city: 'Ульяновск', regionCode: '73', lat: 54.3282, lon: 48.3866 }
const CHELNY: SitePlace = { address: 'г. Набережные Челны, Республика Татарстан, Промзона', city: 'Набережные Челны', regionCode: '16', lat: 55.7254, lon: 52.4112 }

/** An aerospace machine shop in Ульяновск: 5-axis milling of Д16Т and В95 under AS9100D. */
const fiveAxisMilling = (siteId: string) => ({
  siteId,
  title: '5-осевая фрезерная обработка деталей из Д16Т и В95',
  processes: ['MCH.MILL5', 'MCH.MILL3'],
  equipment: 'DMG MORI DMU 65 monoBLOCK, Haas VF-2',
  materials: ['AL_D16', 'AL_V95'],
  envelope: { lengthMm: 650, widthMm: 650, heightMm: 500, massKg: 600 },
  itGrade: 7,
  roughnessRa: 0.8,
  batchMin: 1,
  batchMax: 500,
  freeHours: [
    { month: '2027-01', hours: 320 },
    { month: '2026-12', hours: 160 },
  ],
  leadTimeDays: 21,
  descriptionRu: 'Кронштейны, нервюры и фитинги для авиастроения; СМК сертифицирована по AS9100D',
  descriptionEn: 'Brackets, ribs and fittings for aircraft makers; QMS certified to AS9100D',
})

/** A stamping shop in Набережные Челны for КАМАЗ: progressive dies on 08пс. */
const progressiveStamping = (siteId: string) => ({
  siteId,
  title: 'Листовая штамповка в последовательных штампах',
  processes: ['STP.PROG', 'SHT.BEND'],
  equipment: 'Пресс КД2128, пресс AIDA NC1-250',
  materials: ['ST_08PS', 'ST_08YU'],
  envelope: { lengthMm: 1200, widthMm: 800, heightMm: 300, massKg: 25 },
  itGrade: 12,
  batchMin: 1000,
  batchMax: 200_000,
})

async function createAerospaceSupplier(): Promise<{ orgId: string; siteId: string }> {
  const orgId = await createOrganizationOfKinds(deps, ['supplier'], 'ООО «Авиационные технологии Поволжья»')
  return { orgId, siteId: await insertSite(deps.sql, orgId, ULYANOVSK) }
}

async function createStampingSupplier(): Promise<{ orgId: string; siteId: string }> {
  const orgId = await createOrganizationOfKinds(deps, ['supplier'], 'ООО «Челнинский штамповочный завод»')
  return { orgId, siteId: await insertSite(deps.sql, orgId, CHELNY) }
}

async function rowCounts(): Promise<{ capacities: number; outbox: number }> {
  const [row] = await deps.sql<{ capacities: number; outbox: number }[]>`
    select (select count(*)::int from capacities) as capacities, (select count(*)::int from search_outbox) as outbox`
  if (!row) throw new Error('no counts')
  return row
}

function expectProblem(res: JsonResponse, status: number, path?: string): void {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  expect(res.body.status).toBe(status)
  if (path !== undefined) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
}

const ids = (res: JsonResponse) => res.body.items.map((item: { id: string }) => item.id)

describe('capacities API', () => {
  it('creates, reads, updates and deletes a capacity, enqueuing one search refresh per write', async () => {
    const { orgId, siteId } = await createAerospaceSupplier()
    const input = fiveAxisMilling(siteId)

    const { result: created, rows: createdRows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'POST', `/api/organizations/${orgId}/capacities`, input, asAdmin))
    expect(created.status).toBe(201)
    const id = created.body.id as string
    expect(id).toMatch(/^cap_/)
    expect(created.body).toMatchObject({
      ...input,
      orgId,
      // Months come back in calendar order whatever order they were sent in.
      freeHours: [
        { month: '2026-12', hours: 160 },
        { month: '2027-01', hours: 320 },
      ],
    })
    expect(createdRows).toEqual([`capacity:${id}`])

    expect((await call(deps.app, 'GET', `/api/capacities/${id}`, undefined, asAdmin)).body).toEqual(created.body)

    const { result: updated, rows: updatedRows } = await outboxAddedBy(deps.sql, () =>
      call(deps.app, 'PATCH', `/api/capacities/${id}`, { itGrade: 6, roughnessRa: null, envelope: null, freeHours: [{ month: '2027-02', hours: 672 }] }, asAdmin),
    )
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ itGrade: 6, roughnessRa: null, envelope: null, freeHours: [{ month: '2027-02', hours: 672 }], title: input.title })
    expect(updatedRows).toEqual([`capacity:${id}`])

    const { result: unchanged, rows: unchangedRows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'PATCH', `/api/capacities/${id}`, {}, asAdmin))
    expect(unchanged.status).toBe(200)
    expect(unchanged.body.updatedAt).toBe(updated.body.updatedAt)
    expect(unchangedRows).toEqual([])

    const { result: deleted, rows: deletedRows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'DELETE', `/api/capacities/${id}`, undefined, asAdmin))
    expect(deleted.status).toBe(204)
    expect(deletedRows).toEqual([`capacity:${id}`])
    expectProblem(await call(deps.app, 'GET', `/api/capacities/${id}`, undefined, asAdmin), 404)
    expectProblem(await call(deps.app, 'DELETE', `/api/capacities/${id}`, undefined, asAdmin), 404)
  })

  it('moves a capacity to another site of the same organization', async () => {
    const { orgId, siteId } = await createAerospaceSupplier()
    const secondSite = await insertSite(deps.sql, orgId, { ...ULYANOVSK, address: 'г. Ульяновск, Заволжский район, Инженерный пр., 5' })
    const created = await call(deps.app, 'POST', `/api/organizations/${orgId}/capacities`, fiveAxisMilling(siteId), asAdmin)
    const moved = await call(deps.app, 'PATCH', `/api/capacities/${created.body.id}`, { siteId: secondSite }, asAdmin)
    expect(moved.status).toBe(200)
    expect(moved.body.siteId).toBe(secondSite)
  })

  it('lists capacities across organizations with filters, sorting and pages', async () => {
    const aero = await createAerospaceSupplier()
    const stamping = await createStampingSupplier()
    const milling = (await call(deps.app, 'POST', `/api/organizations/${aero.orgId}/capacities`, fiveAxisMilling(aero.siteId), asAdmin)).body.id as string
    const pressing = (await call(deps.app, 'POST', `/api/organizations/${stamping.orgId}/capacities`, progressiveStamping(stamping.siteId), asAdmin)).body.id as string
    // A shop that takes any carbon steel declares the family, not each grade.
    const anyCarbon = (
      await call(deps.app, 'POST', `/api/organizations/${stamping.orgId}/capacities`, { siteId: stamping.siteId, title: 'Гибка листа', processes: ['SHT.BEND'], materials: ['STEEL_CARBON'] }, asAdmin)
    ).body.id as string

    const list = (query: string) => call(deps.app, 'GET', `/api/capacities?${query}`, undefined, asAdmin)
    const cases: [string, string[], string[]][] = [
      ['process=MCH.MILL5', [milling], [pressing, anyCarbon]],
      ['process=STP.PROG,MCH.MILL5', [milling, pressing], [anyCarbon]],
      ['processGroup=FRG', [pressing], [milling, anyCarbon]],
      ['material=AL_D16', [milling], [pressing, anyCarbon]],
      ['material=ALUMINIUM', [milling], [pressing, anyCarbon]],
      ['material=ST_08PS', [pressing, anyCarbon], [milling]],
      ['regionCode=73', [milling], [pressing, anyCarbon]],
      [`orgId=${stamping.orgId}`, [pressing, anyCarbon], [milling]],
      [`siteId=${aero.siteId}`, [milling], [pressing, anyCarbon]],
      ['itGradeAtMost=8', [milling], [pressing, anyCarbon]],
    ]
    for (const [query, included, excluded] of cases) {
      const res = await list(query)
      expect(res.status, query).toBe(200)
      expect(ids(res), query).toEqual(expect.arrayContaining(included))
      for (const id of excluded) expect(ids(res), query).not.toContain(id)
    }

    const finestFirst = await list(`orgId=${stamping.orgId}&sort=itGrade`)
    expect(ids(finestFirst)).toEqual([pressing, anyCarbon])

    const secondPage = await list(`orgId=${stamping.orgId}&sort=-createdAt&perPage=1&page=2`)
    expect(secondPage.body).toMatchObject({ total: 2, page: 2, perPage: 1 })
    expect(ids(secondPage)).toHaveLength(1)

    const own = await call(deps.app, 'GET', `/api/organizations/${aero.orgId}/capacities`, undefined, asAdmin)
    expect(own.status).toBe(200)
    expect(own.body).toMatchObject({ total: 1, items: [{ id: milling, orgId: aero.orgId }] })
  })

  it('refuses to add a capacity for an organization that is not a supplier, or does not exist', async () => {
    const kamaz = await createOrganizationOfKinds(deps, ['contractor'], 'ПАО «КАМАЗ»')
    const siteId = await insertSite(deps.sql, kamaz, CHELNY)
    const before = await rowCounts()

    const contractor = await call(deps.app, 'POST', `/api/organizations/${kamaz}/capacities`, progressiveStamping(siteId), asAdmin)
    expectProblem(contractor, 409)
    expect(contractor.body.detail).toContain('supplier')

    expectProblem(await call(deps.app, 'POST', '/api/organizations/org_000000000000000000000/capacities', progressiveStamping(siteId), asAdmin), 404)
    expectProblem(await call(deps.app, 'GET', '/api/organizations/org_000000000000000000000/capacities', undefined, asAdmin), 404)
    expect(await rowCounts()).toEqual(before)
  })

  it("refuses another organization's site on create and on update, writing nothing", async () => {
    const aero = await createAerospaceSupplier()
    const stamping = await createStampingSupplier()
    const created = await call(deps.app, 'POST', `/api/organizations/${aero.orgId}/capacities`, fiveAxisMilling(aero.siteId), asAdmin)
    const before = await rowCounts()

    const foreignOnCreate = await call(deps.app, 'POST', `/api/organizations/${aero.orgId}/capacities`, fiveAxisMilling(stamping.siteId), asAdmin)
    expectProblem(foreignOnCreate, 400, 'body.siteId')
    expect(foreignOnCreate.body.errors[0].message).toContain(stamping.siteId)

    expectProblem(await call(deps.app, 'PATCH', `/api/capacities/${created.body.id}`, { siteId: stamping.siteId }, asAdmin), 400, 'body.siteId')
    expectProblem(await call(deps.app, 'PATCH', `/api/capacities/${created.body.id}`, { siteId: 'site_000000000000000000000' }, asAdmin), 400, 'body.siteId')
    expect(await rowCounts()).toEqual(before)
    expect((await call(deps.app, 'GET', `/api/capacities/${created.body.id}`, undefined, asAdmin)).body.siteId).toBe(aero.siteId)
  })

  it('checks a patched batch bound against the stored one', async () => {
    const { orgId, siteId } = await createAerospaceSupplier()
    const created = await call(deps.app, 'POST', `/api/organizations/${orgId}/capacities`, fiveAxisMilling(siteId), asAdmin)
    const before = await rowCounts()
    expectProblem(await call(deps.app, 'PATCH', `/api/capacities/${created.body.id}`, { batchMin: 501 }, asAdmin), 400, 'body.batchMin')
    expectProblem(await call(deps.app, 'PATCH', `/api/capacities/${created.body.id}`, { batchMax: 0 }, asAdmin), 400, 'body.batchMax')
    expect(await rowCounts()).toEqual(before)
    const cleared = await call(deps.app, 'PATCH', `/api/capacities/${created.body.id}`, { batchMax: null, batchMin: 1000 }, asAdmin)
    expect(cleared.status).toBe(200)
    expect(cleared.body).toMatchObject({ batchMin: 1000, batchMax: null })
  })

  describe('refuses bad input with a 400 naming the field and writes nothing', () => {
    const twentyFiveMonths = Array.from({ length: 25 }, (_, i) => ({ month: `${2027 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, hours: 100 }))
    const cases: [string, (siteId: string) => unknown, string | undefined][] = [
      ['an unknown field', (s) => ({ ...fiveAxisMilling(s), colour: 'red' }), 'body'],
      ['a wrong type', (s) => ({ ...fiveAxisMilling(s), itGrade: '7' }), 'body.itGrade'],
      ['no processes', (s) => ({ ...fiveAxisMilling(s), processes: [] }), 'body.processes'],
      ['a missing site', (s) => ({ ...fiveAxisMilling(s), siteId: undefined }), 'body.siteId'],
      ['an unknown process code', (s) => ({ ...fiveAxisMilling(s), processes: ['MCH.TELEPORT'] }), 'body.processes.0'],
      ['a repeated process', (s) => ({ ...fiveAxisMilling(s), processes: ['MCH.MILL5', 'MCH.MILL5'] }), 'body.processes.1'],
      ['an unknown material code', (s) => ({ ...fiveAxisMilling(s), materials: ['AL_D16', 'UNOBTAINIUM'] }), 'body.materials.1'],
      ['IT grade 0', (s) => ({ ...fiveAxisMilling(s), itGrade: 0 }), 'body.itGrade'],
      ['IT grade 19', (s) => ({ ...fiveAxisMilling(s), itGrade: 19 }), 'body.itGrade'],
      ['a fractional IT grade', (s) => ({ ...fiveAxisMilling(s), itGrade: 7.5 }), 'body.itGrade'],
      ['roughness Ra 0', (s) => ({ ...fiveAxisMilling(s), roughnessRa: 0 }), 'body.roughnessRa'],
      ['roughness Ra 200 µm', (s) => ({ ...fiveAxisMilling(s), roughnessRa: 200 }), 'body.roughnessRa'],
      ['a negative envelope length', (s) => ({ ...fiveAxisMilling(s), envelope: { lengthMm: -650, widthMm: 650, heightMm: 500, massKg: 600 } }), 'body.envelope.lengthMm'],
      ['a 101 m envelope', (s) => ({ ...fiveAxisMilling(s), envelope: { lengthMm: 101_000, widthMm: 650, heightMm: 500, massKg: 600 } }), 'body.envelope.lengthMm'],
      ['an envelope without mass', (s) => ({ ...fiveAxisMilling(s), envelope: { lengthMm: 650, widthMm: 650, heightMm: 500 } }), 'body.envelope.massKg'],
      ['batchMin above batchMax', (s) => ({ ...fiveAxisMilling(s), batchMin: 600, batchMax: 500 }), 'body.batchMin'],
      ['a zero batch', (s) => ({ ...fiveAxisMilling(s), batchMin: 0 }), 'body.batchMin'],
      ['a repeated free-hours month', (s) => ({ ...fiveAxisMilling(s), freeHours: [{ month: '2027-01', hours: 100 }, { month: '2027-01', hours: 50 }] }), 'body.freeHours.1.month'],
      ['a month that does not exist', (s) => ({ ...fiveAxisMilling(s), freeHours: [{ month: '2027-13', hours: 100 }] }), 'body.freeHours.0.month'],
      ['more hours than a month has', (s) => ({ ...fiveAxisMilling(s), freeHours: [{ month: '2027-01', hours: 745 }] }), 'body.freeHours.0.hours'],
      ['more hours than February has', (s) => ({ ...fiveAxisMilling(s), freeHours: [{ month: '2027-02', hours: 700 }] }), 'body.freeHours.0.hours'],
      ['negative free hours', (s) => ({ ...fiveAxisMilling(s), freeHours: [{ month: '2027-01', hours: -1 }] }), 'body.freeHours.0.hours'],
      ['25 months of free hours', (s) => ({ ...fiveAxisMilling(s), freeHours: twentyFiveMonths }), 'body.freeHours'],
      ['a negative lead time', (s) => ({ ...fiveAxisMilling(s), leadTimeDays: -1 }), 'body.leadTimeDays'],
      ['a 301-character title', (s) => ({ ...fiveAxisMilling(s), title: 'Ф'.repeat(301) }), 'body.title'],
      ['a blank title', (s) => ({ ...fiveAxisMilling(s), title: '   ' }), 'body.title'],
      ['an oversized equipment list', (s) => ({ ...fiveAxisMilling(s), equipment: 'Haas VF-2, '.repeat(200) }), 'body.equipment'],
      ['51 materials', (s) => ({ ...fiveAxisMilling(s), materials: Array.from({ length: 51 }, () => 'AL_D16') }), 'body.materials'],
      ['a malformed site id', (s) => ({ ...fiveAxisMilling(s), siteId: 'Цех 2' }), 'body.siteId'],
    ]

    it.each(cases)('%s', async (_label, body, path) => {
      const { orgId, siteId } = await createAerospaceSupplier()
      const before = await rowCounts()
      expectProblem(await call(deps.app, 'POST', `/api/organizations/${orgId}/capacities`, body(siteId), asAdmin), 400, path)
      expect(await rowCounts()).toEqual(before)
    })

    it.each([
      ['malformed JSON', '{"title": ', {}],
      ['a JSON array', '[]', {}],
      ['a text/plain body', JSON.stringify({ title: 'Токарная обработка' }), { 'content-type': 'text/plain' }],
    ])('%s', async (_label, body, headers) => {
      const { orgId } = await createAerospaceSupplier()
      const before = await rowCounts()
      const res = await deps.app.request(`/api/organizations/${orgId}/capacities`, { method: 'POST', body, headers: { ...asAdmin, 'content-type': 'application/json', ...headers } })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(await rowCounts()).toEqual(before)
    })

    it.each([
      ['an unknown field', { owner: 'someone' }, 'body'],
      ['a null title', { title: null }, 'body.title'],
      ['an emptied process list', { processes: [] }, 'body.processes'],
      ['IT grade 19', { itGrade: 19 }, 'body.itGrade'],
      ['an unknown material', { materials: ['UNOBTAINIUM'] }, 'body.materials.0'],
    ])('a patch with %s', async (_label, patch, path) => {
      const { orgId, siteId } = await createAerospaceSupplier()
      const created = await call(deps.app, 'POST', `/api/organizations/${orgId}/capacities`, fiveAxisMilling(siteId), asAdmin)
      const before = await rowCounts()
      expectProblem(await call(deps.app, 'PATCH', `/api/capacities/${created.body.id}`, patch, asAdmin), 400, path)
      expect(await rowCounts()).toEqual(before)
      expect((await call(deps.app, 'GET', `/api/capacities/${created.body.id}`, undefined, asAdmin)).body).toEqual(created.body)
    })

    it.each([
      ['process=MCH.TELEPORT', 'query.process.0'],
      ['processGroup=MAGIC', 'query.processGroup'],
      ['material=UNOBTAINIUM', 'query.material'],
      ['itGradeAtMost=0', 'query.itGradeAtMost'],
      ['itGradeAtMost=abc', 'query.itGradeAtMost'],
      ['regionCode=XX', 'query.regionCode'],
      ['orgId=КАМАЗ', 'query.orgId'],
      ['sort=price', 'query.sort'],
      ['perPage=1000', 'query.perPage'],
    ])('a list query with %s', async (query, path) => {
      expectProblem(await call(deps.app, 'GET', `/api/capacities?${query}`, undefined, asAdmin), 400, path)
    })
  })

  it('answers a malformed id with 400 and an unknown one with 404', async () => {
    expectProblem(await call(deps.app, 'GET', '/api/capacities/need_000000000000000000000', undefined, asAdmin), 400, 'param.id')
    expectProblem(await call(deps.app, 'GET', '/api/capacities/cap_000000000000000000000', undefined, asAdmin), 404)
    expectProblem(await call(deps.app, 'PATCH', '/api/capacities/cap_000000000000000000000', { itGrade: 8 }, asAdmin), 404)
  })
})
