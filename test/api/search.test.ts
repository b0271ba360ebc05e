import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { getProcess } from '../../src/domain/taxonomy/index.js'
import { newId } from '../../src/lib/ids.js'
import { createSearch } from '../../src/search/client.js'
import { createOutboxWorker } from '../../src/search/worker.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { createOrganizationOfKinds } from '../helpers/fixtures.js'
import { type JsonResponse, call } from '../helpers/http.js'

/** The clock the app sees: deadlines below are judged against 20 November 2026. */
const NOW = new Date('2026-11-20T09:00:00Z')

let deps: TestDeps
/** Headers of a signed-in platform admin: these tests are about the data, not about who may write it. */
let asAdmin: Record<string, string>
let drain: () => Promise<number>

beforeAll(async () => {
  deps = await createTestDeps({ now: () => NOW })
  asAdmin = await deps.asAdmin()
  const worker = createOutboxWorker({ sql: deps.sql, search: deps.search })
  drain = () => worker.drainOnce()
})
afterAll(async () => {
  await deps.close()
})

const CHELNY = 'Набережные Челны, Республика Татарстан'
const ELABUGA = 'Елабуга, Татарстан'
const ULYANOVSK = 'Ульяновск'
const TOLYATTI = 'Тольятти, Самарская обл.'

interface Supplier {
  orgId: string
  siteId: string
}

/** A supplier with one production site, geocoded from its Russian address, and the certificates it holds. */
async function createSupplier(name: string, address: string, certificates: string[] = []): Promise<Supplier> {
  const orgId = await createOrganizationOfKinds(deps, ['supplier'], name)
  const site = await call(deps.app, 'POST', `/api/organizations/${orgId}/sites`, { name: 'Производственная площадка', address }, asAdmin)
  expect(site.status, JSON.stringify(site.body)).toBe(201)
  for (const standard of certificates) {
    const res = await call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, {
      standard,
      number: `RU-${standard}-${orgId.slice(-6)}`,
      issuer: 'ООО «Русский Регистр — Поволжье»',
      validFrom: '2024-01-15',
      validUntil: null,
    }, asAdmin)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  }
  return { orgId, siteId: site.body.id as string }
}

async function createCapacity(supplier: Supplier, input: Record<string, unknown>): Promise<string> {
  const res = await call(deps.app, 'POST', `/api/organizations/${supplier.orgId}/capacities`, { siteId: supplier.siteId, ...input }, asAdmin)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.id as string
}

async function createNeed(contractorId: string, input: Record<string, unknown>, publish: boolean): Promise<string> {
  const res = await call(deps.app, 'POST', `/api/organizations/${contractorId}/needs`, { deadline: '2027-03-31', ...input }, asAdmin)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const id = res.body.id as string
  if (publish) await publishNeed(deps.ctx, id)
  return id
}

const searchCapacities = (query: string) => call(deps.app, 'GET', `/api/search/capacities?${query}`, undefined, asAdmin)
const searchNeeds = (query: string) => call(deps.app, 'GET', `/api/search/needs?${query}`, undefined, asAdmin)
const hitIds = (res: JsonResponse): string[] => res.body.hits.map((hit: { id: string }) => hit.id)
const q = (text: string) => encodeURIComponent(text)

function expectOk(res: JsonResponse): void {
  expect(res.status, JSON.stringify(res.body)).toBe(200)
}

function expectProblem(res: JsonResponse, status: number, path?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  expect(res.body.status).toBe(status)
  if (path !== undefined) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
}

/** The Kama cluster's suppliers and an aerospace shop and a press shop outside 100 road km of Набережные Челны. */
const corpus = {} as {
  chelny: Supplier
  elabuga: Supplier
  ulyanovsk: Supplier
  tolyatti: Supplier
  housingMilling: string
  stamping: string
  shaftTurning: string
  fiveAxis: string
  bracketPressing: string
  kamaz: string
  kamaCluster: string
  bracketNeed: string
  shaftNeed: string
  doorNeed: string
  draftNeed: string
  clusterNeed: string
  invitedNeed: string
}

beforeAll(async () => {
  corpus.chelny = await createSupplier('ООО «Челнинский инструментальный завод»', CHELNY)
  corpus.elabuga = await createSupplier('ООО «Елабужский механический завод»', ELABUGA, ['ISO9001'])
  corpus.ulyanovsk = await createSupplier('ООО «Авиационные технологии Поволжья»', ULYANOVSK, ['AS9100'])
  corpus.tolyatti = await createSupplier('ООО «Тольяттинский прессовый завод»', TOLYATTI, ['IATF16949'])

  corpus.housingMilling = await createCapacity(corpus.chelny, {
    title: 'Фрезерная обработка корпусных деталей на станках с ЧПУ',
    processes: ['MCH.MILL3', 'MCH.MILL4'],
    equipment: 'Hermle C 42, DMU 50',
    materials: ['ST_40KH', 'ST_45'],
    envelope: { lengthMm: 800, widthMm: 500, heightMm: 500, massKg: 300 },
    itGrade: 8,
    leadTimeDays: 14,
  })
  corpus.stamping = await createCapacity(corpus.chelny, {
    title: 'Листовая штамповка в последовательных штампах',
    processes: ['STP.PROG', 'SHT.BEND'],
    materials: ['ST_08PS'],
    envelope: { lengthMm: 1200, widthMm: 800, heightMm: 300, massKg: 25 },
    itGrade: 12,
    leadTimeDays: 30,
  })
  corpus.shaftTurning = await createCapacity(corpus.elabuga, {
    title: 'Токарная обработка валов и осей',
    processes: ['MCH.TURN'],
    materials: ['ST_45', 'ST_40KH'],
    envelope: { lengthMm: 1000, widthMm: 300, heightMm: 300, massKg: 150 },
    itGrade: 7,
    leadTimeDays: 10,
  })
  corpus.fiveAxis = await createCapacity(corpus.ulyanovsk, {
    title: '5-осевая фрезерная обработка деталей из Д16Т и В95',
    processes: ['MCH.MILL5', 'MCH.MILL3'],
    materials: ['AL_D16', 'AL_V95'],
    envelope: { lengthMm: 650, widthMm: 650, heightMm: 500, massKg: 600 },
    itGrade: 6,
    leadTimeDays: 21,
  })
  corpus.bracketPressing = await createCapacity(corpus.tolyatti, {
    title: 'Холодная штамповка кронштейнов',
    processes: ['STP.PROG'],
    materials: ['STEEL_CARBON'],
    itGrade: 11,
    leadTimeDays: 25,
  })

  corpus.kamaz = await createOrganizationOfKinds(deps, ['contractor'], 'ПАО «КАМАЗ»')
  corpus.kamaCluster = newId('clu')
  await deps.sql`
    insert into clusters (id, name_ru, name_en, sector, region_codes, lat, lon)
    values (${corpus.kamaCluster}, 'Камский инновационный территориально-производственный кластер', 'Kama Innovative Territorial Production Cluster',
            'automotive', array['16'], 55.74, 52.4)`
  corpus.bracketNeed = await createNeed(
    corpus.kamaz,
    {
      title: 'Кронштейн крепления глушителя, штампованный',
      description: 'Лист 08пс толщиной 3 мм, последовательный штамп, цинкование',
      processes: ['STP.PROG'],
      materials: ['ST_08PS'],
      itGrade: 12,
      quantity: 120_000,
      requiredCerts: ['IATF16949'],
      delivery: { address: CHELNY },
    },
    true,
  )
  corpus.shaftNeed = await createNeed(
    corpus.kamaz,
    { title: 'Вал-шестерня редуктора отбора мощности', processes: ['MCH.TURN', 'MCH.GEAR'], materials: ['ST_40KH'], quantity: 2_000, deadline: '2027-02-15', delivery: { address: ELABUGA } },
    true,
  )
  corpus.doorNeed = await createNeed(
    corpus.kamaz,
    { title: 'Панель двери кабины, глубокая вытяжка', processes: ['STP.DEEP'], materials: ['ST_08YU'], quantity: 30_000, deadline: '2027-05-01', delivery: { address: TOLYATTI } },
    true,
  )
  corpus.draftNeed = await createNeed(corpus.kamaz, { title: 'Кронштейн аккумулятора, черновик', processes: ['STP.PROG'], delivery: { address: CHELNY } }, false)
  corpus.clusterNeed = await createNeed(
    corpus.kamaz,
    { title: 'Кронштейн для участников кластера', processes: ['STP.PROG'], delivery: { address: CHELNY }, visibility: 'cluster', clusterId: corpus.kamaCluster },
    true,
  )
  corpus.invitedNeed = await createNeed(corpus.kamaz, { title: 'Кронштейн по приглашению', processes: ['STP.PROG'], delivery: { address: CHELNY }, visibility: 'invited' }, true)
  await drain()
})

/** Suppliers never learn who posted a need: neither the contractor's id nor its name appears anywhere. */
function expectNoContractor(res: JsonResponse): void {
  const text = JSON.stringify(res.body)
  expect(text).not.toContain(corpus.kamaz)
  expect(text).not.toContain('КАМАЗ')
}

describe('GET /api/search/capacities', () => {
  it('finds Russian text despite a typo and returns a compact, labelled hit', async () => {
    const res = await searchCapacities(`q=${q('фрезерня')}`)
    expectOk(res)
    expect(hitIds(res)).toEqual(expect.arrayContaining([corpus.housingMilling, corpus.fiveAxis]))
    expect(hitIds(res)).not.toContain(corpus.shaftTurning)
    const hit = res.body.hits.find((h: { id: string }) => h.id === corpus.housingMilling)
    expect(hit).toEqual({
      id: corpus.housingMilling,
      title: 'Фрезерная обработка корпусных деталей на станках с ЧПУ',
      orgId: corpus.chelny.orgId,
      orgName: 'ООО «Челнинский инструментальный завод»',
      city: 'Набережные Челны',
      regionCode: '16',
      processes: [
        { code: 'MCH.MILL3', label: { ru: getProcess('MCH.MILL3')?.nameRu, en: getProcess('MCH.MILL3')?.nameEn } },
        { code: 'MCH.MILL4', label: { ru: getProcess('MCH.MILL4')?.nameRu, en: getProcess('MCH.MILL4')?.nameEn } },
      ],
      materials: [
        { code: 'ST_40KH', label: { ru: '40Х', en: '40Х' } },
        { code: 'ST_45', label: { ru: '45', en: '45' } },
      ],
      itGrade: 8,
      envelope: { lengthMm: 800, widthMm: 500, heightMm: 500, massKg: 300 },
      leadTimeDays: 14,
    })
    expect(res.body).toMatchObject({ page: 1, perPage: 20, totalIsExact: true })
    expect(res.body.totalHits).toBe(res.body.hits.length)
    expect(res.body.processingTimeMs).toBeGreaterThanOrEqual(0)
  })

  it('filters by process, process group, material grade or family, precision and region', async () => {
    const cases: [string, string[], string[]][] = [
      ['process=MCH.MILL5&material=AL_D16', [corpus.fiveAxis], [corpus.housingMilling, corpus.shaftTurning]],
      ['material=ALUMINIUM', [corpus.fiveAxis], [corpus.housingMilling, corpus.stamping]],
      // A grade also finds shops that take its whole family, never shops of a sibling grade only.
      ['material=ST_08PS', [corpus.stamping, corpus.bracketPressing], [corpus.housingMilling, corpus.shaftTurning]],
      ['process=MCH.MILL3,MCH.TURN&material=ST_40KH', [corpus.housingMilling, corpus.shaftTurning], [corpus.fiveAxis, corpus.stamping]],
      ['processGroup=FRG', [corpus.stamping, corpus.bracketPressing], [corpus.housingMilling, corpus.fiveAxis]],
      ['itGradeAtMost=7', [corpus.fiveAxis, corpus.shaftTurning], [corpus.housingMilling, corpus.stamping]],
      ['regionCode=16&process=MCH.MILL3', [corpus.housingMilling], [corpus.fiveAxis]],
    ]
    for (const [query, included, excluded] of cases) {
      const res = await searchCapacities(query)
      expectOk(res)
      expect(hitIds(res), query).toEqual(expect.arrayContaining(included))
      for (const id of excluded) expect(hitIds(res), query).not.toContain(id)
    }
  })

  it('takes a part that fits the machine in any orientation, as matching does', async () => {
    // 1000 × 300 mm fits the 1200 × 800 × 300 press bed turned, and the 1000 × 300 × 300 lathe as is.
    const res = await searchCapacities('lengthMm=300&widthMm=1000&massKg=20')
    expectOk(res)
    expect(hitIds(res)).toEqual(expect.arrayContaining([corpus.stamping, corpus.shaftTurning]))
    expect(hitIds(res)).not.toContain(corpus.fiveAxis)
    // Too heavy for the press, too long for the lathe.
    const heavy = await searchCapacities('lengthMm=1100&massKg=30')
    expect(hitIds(heavy)).not.toContain(corpus.stamping)
    expect(hitIds(heavy)).not.toContain(corpus.shaftTurning)
  })

  it('filters on held certificates, optionally through the implication graph', async () => {
    const strict = await searchCapacities('certificate=ISO9001')
    expect(hitIds(strict)).toEqual([corpus.shaftTurning])
    const closure = await searchCapacities('certificate=ISO9001&certificateClosure=true')
    expect(hitIds(closure).sort()).toEqual([corpus.shaftTurning, corpus.fiveAxis, corpus.bracketPressing].sort())
  })

  it('counts facets exactly as PostgreSQL does and names their values', async () => {
    const res = await searchCapacities('facets=processes,regionCode,materialFamilies,certificates&perPage=1')
    expectOk(res)
    const counts = (attribute: string) => Object.fromEntries(res.body.facets[attribute].map((v: { value: string; count: number }) => [v.value, v.count]))

    const processRows = await deps.sql<{ code: string; count: number }[]>`select p as code, count(*)::int from capacities, unnest(processes) p group by p`
    expect(counts('processes')).toEqual(Object.fromEntries(processRows.map((r) => [r.code, r.count])))
    const regionRows = await deps.sql<{ code: string; count: number }[]>`
      select s.region_code as code, count(*)::int from capacities c join sites s on s.id = c.site_id group by 1`
    expect(counts('regionCode')).toEqual(Object.fromEntries(regionRows.map((r) => [r.code, r.count])))
    expect(res.body.totalHits).toBe(regionRows.reduce((sum, r) => sum + r.count, 0))

    expect(res.body.facets.regionCode.find((v: { value: string }) => v.value === '16').label).toEqual({ ru: 'Республика Татарстан', en: 'Republic of Tatarstan' })
    expect(res.body.facets.processes.find((v: { value: string }) => v.value === 'MCH.TURN').label.ru).toBe(getProcess('MCH.TURN')?.nameRu)
    expect(res.body.facets.materialFamilies.find((v: { value: string }) => v.value === 'ALUMINIUM')).toMatchObject({ count: 1, label: { en: expect.any(String) } })
    expect(res.body.facets.certificates.find((v: { value: string }) => v.value === 'AS9100')).toMatchObject({ count: 1 })
    const sorted = res.body.facets.processes.map((v: { count: number }) => v.count)
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a))

    const tatarstan = await searchCapacities('regionCode=16&facets=processes')
    const tatarstanRows = await deps.sql<{ code: string; count: number }[]>`
      select p as code, count(*)::int from capacities c join sites s on s.id = c.site_id, unnest(c.processes) p where s.region_code = '16' group by p`
    expect(Object.fromEntries(tatarstan.body.facets.processes.map((v: { value: string; count: number }) => [v.value, v.count]))).toEqual(
      Object.fromEntries(tatarstanRows.map((r) => [r.code, r.count])),
    )
    expect(Object.keys(tatarstan.body.facets)).toEqual(['processes'])
    expect((await searchCapacities('facets=')).body.facets).toEqual({})
  })

  it('keeps suppliers within a radius in road km, with plausible distances', async () => {
    const near = await searchCapacities(`near=${q(CHELNY)}&radiusKm=100&facets=regionCode,processes`)
    expectOk(near)
    expect(hitIds(near).sort()).toEqual([corpus.housingMilling, corpus.stamping, corpus.shaftTurning].sort())
    const distance = (res: JsonResponse, id: string) => res.body.hits.find((h: { id: string }) => h.id === id)?.distanceKm as number
    expect(distance(near, corpus.housingMilling)).toBeLessThan(10)
    // Елабуга is ~25 km from Набережные Челны in a straight line, ~30 road km.
    expect(distance(near, corpus.shaftTurning)).toBeGreaterThan(20)
    expect(distance(near, corpus.shaftTurning)).toBeLessThan(60)
    expect(near.body).toMatchObject({ totalHits: 3, totalIsExact: true })
    // Facets count the circle, not the bounding box Meilisearch was given.
    expect(near.body.facets.regionCode).toEqual([{ value: '16', count: 3, label: { ru: 'Республика Татарстан', en: 'Republic of Tatarstan' } }])
    expect(near.body.facets.processes.find((v: { value: string }) => v.value === 'MCH.MILL3').count).toBe(1)

    const byCoordinates = await searchCapacities('lat=55.7254&lon=52.4112&radiusKm=100')
    expect(hitIds(byCoordinates).sort()).toEqual(hitIds(near).sort())

    // Ульяновск is ~300 km away in a straight line but ~390 by road: the radius is road km.
    const roadShort = await searchCapacities(`near=${q(CHELNY)}&radiusKm=350&process=MCH.MILL5`)
    expect(hitIds(roadShort)).toEqual([])
    const roadEnough = await searchCapacities(`near=${q(CHELNY)}&radiusKm=450&process=MCH.MILL5`)
    expect(hitIds(roadEnough)).toEqual([corpus.fiveAxis])
    expect(distance(roadEnough, corpus.fiveAxis)).toBeGreaterThan(360)
    expect(distance(roadEnough, corpus.fiveAxis)).toBeLessThan(420)

    const withoutRadius = await searchCapacities('q=фрезерная')
    for (const hit of withoutRadius.body.hits) expect(hit).not.toHaveProperty('distanceKm')
  })

  it('pages stably, with and without a radius, and sorts by lead time', async () => {
    const grinder = await createSupplier('ООО «Самарский подшипниковый завод»', TOLYATTI)
    const ids: string[] = []
    for (let i = 1; i <= 7; i++) {
      ids.push(await createCapacity(grinder, { title: `Круглое шлифование колец подшипников, линия ${i}`, processes: ['MCH.GRIND.CYL'], leadTimeDays: 8 - i }))
    }
    await drain()

    for (const area of ['', `&near=${q(TOLYATTI)}&radiusKm=50`]) {
      const pages = await Promise.all([1, 2, 3].map((page) => searchCapacities(`process=MCH.GRIND.CYL&perPage=3&page=${page}${area}`)))
      for (const page of pages) expect(page.body).toMatchObject({ totalHits: 7, totalIsExact: true, perPage: 3 })
      expect(pages.map((page) => page.body.hits.length)).toEqual([3, 3, 1])
      const seen = pages.flatMap(hitIds)
      expect(new Set(seen).size).toBe(7)
      expect(seen.sort()).toEqual([...ids].sort())
      expect(hitIds(await searchCapacities(`process=MCH.GRIND.CYL&perPage=3&page=1${area}`))).toEqual(hitIds(pages[0] as JsonResponse))
      expect(hitIds(await searchCapacities(`process=MCH.GRIND.CYL&perPage=3&page=4${area}`))).toEqual([])
    }

    const byLeadTime = await searchCapacities('process=MCH.GRIND.CYL&sort=leadTimeDays')
    expect(hitIds(byLeadTime)).toEqual([...ids].reverse())
  })

  it('drops a hit whose row is gone from PostgreSQL but not yet from the index', async () => {
    const wireCut = await createCapacity(corpus.ulyanovsk, { title: 'Электроэрозионная проволочная резка матриц', processes: ['MCH.EDM.WIRE'] })
    await drain()
    expect(hitIds(await searchCapacities('process=MCH.EDM.WIRE'))).toEqual([wireCut])

    expect((await call(deps.app, 'DELETE', `/api/capacities/${wireCut}`, undefined, asAdmin)).status).toBe(204)
    const stale = await searchCapacities('process=MCH.EDM.WIRE')
    expect(stale.body).toMatchObject({ hits: [], totalHits: 0, totalIsExact: false })
    const staleNear = await searchCapacities(`process=MCH.EDM.WIRE&near=${q(ULYANOVSK)}&radiusKm=50`)
    expect(staleNear.body).toMatchObject({ hits: [], totalHits: 0 })

    await drain()
    expect((await searchCapacities('process=MCH.EDM.WIRE')).body).toMatchObject({ hits: [], totalHits: 0, totalIsExact: true })
  })

  it('refuses or neutralises filter injection: never a 500, never wider results', async () => {
    expectProblem(await searchCapacities(`regionCode=${q('16" OR regionCode != "x')}`), 400, 'query.regionCode')
    expectProblem(await searchCapacities(`process=${q('MCH.TURN" OR processes EXISTS OR processes = "x')}`), 400, 'query.process.0')
    expectProblem(await searchCapacities(`clusterId=${q('clu_x" OR clusterIds EXISTS')}`), 400, 'query.clusterId')
    expectProblem(await searchCapacities(`material=${q('AL_D16"')}`), 400, 'query.material')
    expectProblem(await searchCapacities(`sort=${q('_geoPoint(0,0):asc')}`), 400, 'query.sort')
    expectProblem(await searchCapacities('facets=orgId'), 400, 'query.facets.0')

    const baseline = hitIds(await searchCapacities('regionCode=73&perPage=50'))
    for (const text of ['фрезерная" OR regionCode != "73', '\\', '"\\"', '"""', 'фрезерная\\" OR 1=1 --', "'; drop table capacities; --"]) {
      const res = await searchCapacities(`regionCode=73&perPage=50&q=${q(text)}`)
      expectOk(res)
      for (const hit of res.body.hits) expect(hit.regionCode, text).toBe('73')
      for (const id of hitIds(res)) expect(baseline, text).toContain(id)
    }
  })

  it('answers bad input with problem details naming the field', async () => {
    expectProblem(await searchCapacities('process=NOPE.X'), 400, 'query.process.0')
    for (const radius of ['0', '-1', '99999', 'abc']) expectProblem(await searchCapacities(`near=${q(CHELNY)}&radiusKm=${radius}`), 400, 'query.radiusKm')
    expectProblem(await searchCapacities('perPage=500'), 400, 'query.perPage')
    expectProblem(await searchCapacities('page=0'), 400, 'query.page')
    expectProblem(await searchCapacities('page=21&perPage=50'), 400, 'query.page')
    expectProblem(await searchCapacities('lat=55.7&radiusKm=100'), 400, 'query.lon')
    expectProblem(await searchCapacities('lat=95&lon=52&radiusKm=100'), 400, 'query.lat')
    expectProblem(await searchCapacities(`near=${q(CHELNY)}&lat=55.7&lon=52.4&radiusKm=100`), 400, 'query.near')
    expectProblem(await searchCapacities('radiusKm=100'), 400, 'query.radiusKm')
    expectProblem(await searchCapacities(`near=${q(CHELNY)}`), 400, 'query.radiusKm')
    expectProblem(await searchCapacities(`near=${q('Несуществующий Град, Марс')}&radiusKm=100`), 400, 'query.near')
    expectProblem(await searchCapacities(`q=${'ф'.repeat(201)}`), 400, 'query.q')
    expectProblem(await searchCapacities('lengthMm=-5'), 400, 'query.lengthMm')
    expectProblem(await searchCapacities('itGradeAtMost=0'), 400, 'query.itGradeAtMost')
    expectProblem(await searchCapacities('certificate=ISO9001&certificateClosure=yes'), 400, 'query.certificateClosure')
    expectProblem(await searchCapacities('sort=title'), 400, 'query.sort')
  })
})

describe('GET /api/search/needs', () => {
  it('shows only published public needs, whatever the client asks, and never the contractor', async () => {
    const visible = [corpus.bracketNeed, corpus.shaftNeed, corpus.doorNeed]
    const hidden = [corpus.draftNeed, corpus.clusterNeed, corpus.invitedNeed]
    for (const query of ['perPage=50', 'perPage=50&status=draft&visibility=cluster', `perPage=50&q=${q('кронштейн')}`, `perPage=50&clusterId=${corpus.kamaCluster}`, `perPage=50&q=${q('" OR status = "draft')}`]) {
      const res = await searchNeeds(query)
      expectOk(res)
      for (const id of hidden) expect(hitIds(res), query).not.toContain(id)
      expectNoContractor(res)
    }
    const all = await searchNeeds('perPage=50&facets=processes,clusterId')
    expect(hitIds(all).sort()).toEqual([...visible].sort())
    expect(all.body.facets.processes.find((v: { value: string }) => v.value === 'STP.PROG').count).toBe(1)
    expect(all.body.facets.clusterId).toEqual([])

    const bracket = all.body.hits.find((hit: { id: string }) => hit.id === corpus.bracketNeed)
    expect(bracket).toEqual({
      id: corpus.bracketNeed,
      title: 'Кронштейн крепления глушителя, штампованный',
      processes: [{ code: 'STP.PROG', label: { ru: getProcess('STP.PROG')?.nameRu, en: getProcess('STP.PROG')?.nameEn } }],
      materials: [{ code: 'ST_08PS', label: { ru: '08пс', en: '08пс' } }],
      requiredCerts: [{ code: 'IATF16949', label: { ru: expect.stringContaining('IATF 16949'), en: expect.stringContaining('IATF 16949') } }],
      city: 'Набережные Челны',
      regionCode: '16',
      deadline: '2027-03-31',
      itGrade: 12,
      quantity: 120_000,
    })
  })

  it('finds needs by typo-tolerant text and by filters', async () => {
    expect(hitIds(await searchNeeds(`q=${q('кроншейн')}`))).toEqual([corpus.bracketNeed])
    const cases: [string, string[]][] = [
      ['process=STP.PROG', [corpus.bracketNeed]],
      ['processGroup=FRG', [corpus.bracketNeed, corpus.doorNeed]],
      ['requiredCert=IATF16949', [corpus.bracketNeed]],
      ['deadlineBefore=2027-03-01', [corpus.shaftNeed]],
      ['deadlineAfter=2027-03-31&deadlineBefore=2027-04-30', [corpus.bracketNeed]],
      ['regionCode=63', [corpus.doorNeed]],
      ['material=ST_40KH', [corpus.shaftNeed]],
      ['material=STEEL_CARBON', [corpus.bracketNeed, corpus.doorNeed]],
    ]
    for (const [query, expected] of cases) {
      const res = await searchNeeds(query)
      expectOk(res)
      expect(hitIds(res).sort(), query).toEqual([...expected].sort())
      expectNoContractor(res)
    }
    expect(hitIds(await searchNeeds('sort=deadline'))).toEqual([corpus.shaftNeed, corpus.bracketNeed, corpus.doorNeed])
  })

  it('keeps needs within a radius, measured to a coarse delivery point', async () => {
    const res = await searchNeeds(`near=${q(ELABUGA)}&radiusKm=100`)
    expectOk(res)
    expect(hitIds(res).sort()).toEqual([corpus.bracketNeed, corpus.shaftNeed].sort())
    for (const hit of res.body.hits) {
      expect(Number.isInteger(hit.distanceKm)).toBe(true)
      expect(hit.distanceKm).toBeLessThan(60)
    }
    expectNoContractor(res)
  })

  it('drops a need that is no longer published before the index hears of it', async () => {
    const id = await createNeed(corpus.kamaz, { title: 'Ступица колеса, механообработка', processes: ['MCH.VTL'], delivery: { address: CHELNY } }, true)
    await drain()
    expect(hitIds(await searchNeeds('process=MCH.VTL'))).toEqual([id])
    await deps.sql`update needs set status = 'closed' where id = ${id}`
    expect((await searchNeeds('process=MCH.VTL')).body).toMatchObject({ hits: [], totalHits: 0, totalIsExact: false })
  })

  it('leaves out a need whose deadline has passed', async () => {
    const id = await createNeed(corpus.kamaz, { title: 'Гильза цилиндра, хонингование', processes: ['MCH.FINISH'], delivery: { address: CHELNY } }, true)
    await drain()
    expect(hitIds(await searchNeeds('process=MCH.FINISH'))).toEqual([id])
    await deps.sql`update needs set deadline = '2020-01-31' where id = ${id}`
    expect(hitIds(await searchNeeds('process=MCH.FINISH'))).toEqual([])
    await deps.sql`insert into search_outbox (entity, entity_id) values ('need', ${id})`
    await drain()
    expect((await searchNeeds('process=MCH.FINISH')).body).toMatchObject({ hits: [], totalHits: 0 })
  })

  it('answers bad input with problem details naming the field', async () => {
    expectProblem(await searchNeeds('requiredCert=NOPE'), 400, 'query.requiredCert.0')
    expectProblem(await searchNeeds('deadlineAfter=2027-02-30'), 400, 'query.deadlineAfter')
    expectProblem(await searchNeeds('deadlineAfter=2027-05-01&deadlineBefore=2027-01-01'), 400, 'query.deadlineBefore')
    expectProblem(await searchNeeds('sort=-updatedAt'), 400, 'query.sort')
    expectProblem(await searchNeeds(`regionCode=${q('16" OR visibility = "cluster')}`), 400, 'query.regionCode')
    expectProblem(await searchNeeds('lon=52.4&radiusKm=10'), 400, 'query.lat')
  })
})

describe('search with Meilisearch unreachable', () => {
  it('answers 503 with Retry-After quickly, never 500', async () => {
    const down = createSearch({ url: 'http://127.0.0.1:1', indexPrefix: deps.indexPrefix })
    const app = createApp({ sql: deps.sql, search: down })
    try {
      for (const path of ['/api/search/capacities?q=фрезерная', `/api/search/needs?near=${q(CHELNY)}&radiusKm=100`]) {
        const started = performance.now()
        const res = await call(app, 'GET', path, undefined, asAdmin)
        const elapsedMs = performance.now() - started
        expectProblem(res, 503)
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
        expect(elapsedMs).toBeLessThan(2_000)
      }
    } finally {
      await down.close()
    }
  })
})
