import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../src/lib/ids.js'
import { createTestUser, signInHeaders } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { type SitePlace, createOrganizationOfKinds, insertSite, outboxAddedBy } from '../helpers/fixtures.js'
import { type JsonResponse, call } from '../helpers/http.js'

/** The clock the app sees: every deadline below is judged against 20 November 2026. */
const NOW = new Date('2026-11-20T09:00:00Z')

let deps: TestDeps
let kamaCluster: string
/** Headers of a signed-in platform admin: needs are posted, read and published by those who run them, which an admin does. */
let asAdmin: Record<string, string>
/** Headers of someone signed in who belongs to no organization: a draft is none of their business. */
let asOutsider: Record<string, string>
beforeAll(async () => {
  deps = await createTestDeps({ now: () => NOW })
  asAdmin = await deps.asAdmin()
  asOutsider = await signInHeaders(deps.app, (await createTestUser(deps.sql, { name: 'Посторонний' })).email)
  kamaCluster = newId('clu')
  await deps.sql`
    insert into clusters (id, name_ru, name_en, sector, region_codes, lat, lon)
    values (${kamaCluster}, 'Камский инновационный территориально-производственный кластер', 'Kama Innovative Territorial Production Cluster',
            'automotive', array['16'], 55.74, 52.4)`
})
afterAll(async () => {
  await deps.close()
})

const KAMAZ_PLANT: SitePlace = { address: 'г. Набережные Челны, Автозаводский пр., 2', city: 'Набережные Челны', regionCode: '16', lat: 55.7436, lon: 52.3958 }

/** КАМАЗ buys stamped exhaust brackets from 08пс from IATF 16949 suppliers within a day's drive. */
const bracketNeed = (clusterId: string) => ({
  title: 'Кронштейн крепления глушителя, штампованный',
  description: 'Кронштейн для автомобилей КАМАЗ К5: лист 08пс толщиной 3 мм, последовательный штамп, цинкование по ГОСТ 9.306',
  processes: ['STP.PROG', 'SRF.GALV'],
  materials: ['ST_08PS'],
  envelope: { lengthMm: 240, widthMm: 120, heightMm: 60, massKg: 0.8 },
  itGrade: 12,
  roughnessRa: 6.3,
  quantity: 120_000,
  batchSize: 10_000,
  machineHours: 400,
  requiredCerts: ['IATF16949'],
  preferredCerts: ['ISO14001'],
  strictNational: false,
  delivery: { address: 'Набережные Челны, Республика Татарстан' },
  maxDistanceKm: 400,
  deadline: '2027-03-31',
  visibility: 'cluster',
  clusterId,
  weights: { proximity: 0.3 },
})

const createKamaz = () => createOrganizationOfKinds(deps, ['contractor'], 'ПАО «КАМАЗ»')

async function rowCounts(): Promise<{ needs: number; outbox: number }> {
  const [row] = await deps.sql<{ needs: number; outbox: number }[]>`
    select (select count(*)::int from needs) as needs, (select count(*)::int from search_outbox) as outbox`
  if (!row) throw new Error('no counts')
  return row
}

function expectProblem(res: JsonResponse, status: number, path?: string): void {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  expect(res.body.status).toBe(status)
  if (path !== undefined) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
}

function messageAt(res: JsonResponse, path: string): string {
  return res.body.errors.find((e: { path: string }) => e.path === path)?.message ?? ''
}

const ids = (res: JsonResponse) => res.body.items.map((item: { id: string }) => item.id)

describe('needs API', () => {
  it('creates a draft, reads, updates, publishes and deletes it, enqueuing one search refresh per write', async () => {
    const kamaz = await createKamaz()
    const input = bracketNeed(kamaCluster)

    const { result: created, rows: createdRows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, input, asAdmin))
    expect(created.status).toBe(201)
    const id = created.body.id as string
    expect(id).toMatch(/^need_/)
    const { delivery: _typed, ...fields } = input
    expect(created.body).toMatchObject({ ...fields, orgId: kamaz, status: 'draft', publishedAt: null })
    expect(created.body.delivery).toMatchObject({ address: 'Набережные Челны, Республика Татарстан', city: 'Набережные Челны', regionCode: '16', precision: 'city' })
    expect(created.body.delivery.lat).toBeCloseTo(55.73, 1)
    expect(createdRows).toEqual([`need:${id}`])

    expect((await call(deps.app, 'GET', `/api/needs/${id}`, undefined, asAdmin)).body).toEqual(created.body)
    expectProblem(await call(deps.app, 'GET', `/api/needs/${id}`, undefined, asOutsider), 404)

    const { result: updated, rows: updatedRows } = await outboxAddedBy(deps.sql, () =>
      call(deps.app, 'PATCH', `/api/needs/${id}`, {
        deadline: '2027-04-30',
        quantity: 150_000,
        delivery: { city: 'Набережные Челны', region: 'Республика Татарстан', lat: 55.7436, lon: 52.3958 },
      }, asAdmin),
    )
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({
      deadline: '2027-04-30',
      quantity: 150_000,
      title: input.title,
      delivery: { address: 'Набережные Челны, Республика Татарстан', city: 'Набережные Челны', regionCode: '16', lat: 55.7436, lon: 52.3958, precision: 'exact' },
    })
    expect(updatedRows).toEqual([`need:${id}`])

    const { result: unchanged, rows: unchangedRows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'PATCH', `/api/needs/${id}`, {}, asAdmin))
    expect(unchanged.body).toEqual(updated.body)
    expect(unchangedRows).toEqual([])

    const { result: published, rows: publishedRows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'POST', `/api/needs/${id}/publish`, undefined, asAdmin))
    expect(published.status).toBe(200)
    expect(published.body).toMatchObject({ status: 'published', publishedAt: NOW.toISOString() })
    expect(publishedRows).toEqual([`need:${id}`])

    const { result: deleted, rows: deletedRows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'DELETE', `/api/needs/${id}`, undefined, asAdmin))
    expect(deleted.status).toBe(204)
    expect(deletedRows).toEqual([`need:${id}`])
    expectProblem(await call(deps.app, 'GET', `/api/needs/${id}`, undefined, asAdmin), 404)
    expectProblem(await call(deps.app, 'DELETE', `/api/needs/${id}`, undefined, asAdmin), 404)
    expectProblem(await call(deps.app, 'POST', `/api/needs/${id}/publish`, undefined, asAdmin), 404)
  })

  it('delivers to a site of the posting organization', async () => {
    const kamaz = await createKamaz()
    const siteId = await insertSite(deps.sql, kamaz, KAMAZ_PLANT)
    const created = await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, { ...bracketNeed(kamaCluster), delivery: { siteId } }, asAdmin)
    expect(created.status).toBe(201)
    expect(created.body.delivery).toEqual({ ...KAMAZ_PLANT, precision: 'city' })
  })

  it('delivers to the centre of a region named alone', async () => {
    const kamaz = await createKamaz()
    const res = await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, { ...bracketNeed(kamaCluster), delivery: { region: 'Республика Татарстан' } }, asAdmin)
    expect(res.status).toBe(201)
    expect(res.body.delivery).toMatchObject({ address: 'Республика Татарстан', city: null, regionCode: '16', precision: 'region' })
  })

  it('lets a centre post, and refuses a supplier or an unknown organization', async () => {
    const centre = await createOrganizationOfKinds(deps, ['centre'], 'АНО «Центр субконтрактации Республики Татарстан»')
    expect((await call(deps.app, 'POST', `/api/organizations/${centre}/needs`, bracketNeed(kamaCluster), asAdmin)).status).toBe(201)

    const supplier = await createOrganizationOfKinds(deps, ['supplier'], 'ООО «Челнинский штамповочный завод»')
    const before = await rowCounts()
    const refused = await call(deps.app, 'POST', `/api/organizations/${supplier}/needs`, bracketNeed(kamaCluster), asAdmin)
    expectProblem(refused, 409)
    expect(refused.body.detail).toContain('contractor')
    expectProblem(await call(deps.app, 'POST', '/api/organizations/org_000000000000000000000/needs', bracketNeed(kamaCluster), asAdmin), 404)
    expectProblem(await call(deps.app, 'GET', '/api/organizations/org_000000000000000000000/needs', undefined, asAdmin), 404)
    expect(await rowCounts()).toEqual(before)
  })

  it('publishes only drafts and submitted needs whose deadline is still ahead, saying which statuses are allowed next', async () => {
    const kamaz = await createKamaz()
    const post = async () => (await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, bracketNeed(kamaCluster), asAdmin)).body.id as string
    const publish = (id: string) => call(deps.app, 'POST', `/api/needs/${id}/publish`, undefined, asAdmin)
    const submitted = await post()
    await deps.sql`update needs set status = 'submitted' where id = ${submitted}`
    expect((await publish(submitted)).body.status).toBe('published')

    const before = await rowCounts()
    const again = await publish(submitted)
    expectProblem(again, 409)
    expect(again.body).toMatchObject({ currentStatus: 'published', allowed: ['closed', 'cancelled'] })
    expect(again.body.detail).toContain('closed, cancelled')

    const cancelled = await post()
    await deps.sql`update needs set status = 'cancelled' where id = ${cancelled}`
    expect((await publish(cancelled)).body).toMatchObject({ status: 409, currentStatus: 'cancelled', allowed: [] })

    const overdue = await post()
    await deps.sql`update needs set deadline = '2026-11-20' where id = ${overdue}`
    const late = await publish(overdue)
    expectProblem(late, 409)
    expect(late.body.deadline).toBe('2026-11-20')
    expect(await rowCounts()).toEqual({ needs: before.needs + 2, outbox: before.outbox + 2 })
  })

  it('lists needs across organizations with filters and sorting', async () => {
    const kamaz = await createKamaz()
    const plant = await createOrganizationOfKinds(deps, ['contractor'], 'АО «Ульяновский автомобильный завод»')
    const brackets = (await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, bracketNeed(kamaCluster), asAdmin)).body.id as string
    const housings = (
      await call(deps.app, 'POST', `/api/organizations/${plant}/needs`, {
        title: 'Корпус раздаточной коробки, механообработка',
        processes: ['MCH.MILL4', 'MCH.TURN'],
        materials: ['AL_AK9CH'],
        itGrade: 7,
        requiredCerts: ['IATF16949'],
        delivery: { city: 'Ульяновск', region: 'Ульяновская область' },
        deadline: '2027-02-15',
        visibility: 'public',
      }, asAdmin)
    ).body.id as string
    await call(deps.app, 'POST', `/api/needs/${housings}/publish`, undefined, asAdmin)

    const list = (query: string) => call(deps.app, 'GET', `/api/needs?${query}`, undefined, asAdmin)
    const cases: [string, string[], string[]][] = [
      ['status=published', [housings], [brackets]],
      ['status=draft,submitted', [brackets], [housings]],
      ['process=STP.PROG', [brackets], [housings]],
      ['process=MCH.TURN,SRF.GALV', [brackets, housings], []],
      ['regionCode=73', [housings], [brackets]],
      [`clusterId=${kamaCluster}`, [brackets], [housings]],
      ['visibility=public', [housings], [brackets]],
      [`orgId=${plant}`, [housings], [brackets]],
    ]
    for (const [query, included, excluded] of cases) {
      const res = await list(query)
      expect(res.status, query).toBe(200)
      expect(ids(res), query).toEqual(expect.arrayContaining(included))
      for (const id of excluded) expect(ids(res), query).not.toContain(id)
    }

    const ours = (res: JsonResponse) => ids(res).filter((id: string) => id === brackets || id === housings)
    expect(ours(await list('process=MCH.MILL4,STP.PROG&sort=deadline&perPage=100'))).toEqual([housings, brackets])
    expect(ours(await list('process=MCH.MILL4,STP.PROG&sort=-deadline&perPage=100'))).toEqual([brackets, housings])
    expect(ours(await list('process=MCH.MILL4,STP.PROG&sort=-createdAt&perPage=100'))).toEqual([housings, brackets])

    const own = await call(deps.app, 'GET', `/api/organizations/${kamaz}/needs`, undefined, asAdmin)
    expect(own.body).toMatchObject({ total: 1, items: [{ id: brackets }] })
  })

  describe('refuses bad input with a 400 naming the field and writes nothing', () => {
    const needWith = (changes: Record<string, unknown>) => ({ ...bracketNeed(kamaCluster), ...changes })
    const cases: [string, () => unknown, string][] = [
      ['an unknown field', () => needWith({ price: 12.5 }), 'body'],
      ['a status (set only by publishing)', () => needWith({ status: 'published' }), 'body'],
      ['a wrong type', () => needWith({ quantity: '120000' }), 'body.quantity'],
      ['no processes at all', () => ({ ...needWith({}), processes: undefined }), 'body.processes'],
      ['an empty process list', () => needWith({ processes: [] }), 'body.processes'],
      ['IT grade 0', () => needWith({ itGrade: 0 }), 'body.itGrade'],
      ['IT grade 19', () => needWith({ itGrade: 19 }), 'body.itGrade'],
      ['maxDistanceKm 0', () => needWith({ maxDistanceKm: 0 }), 'body.maxDistanceKm'],
      ['maxDistanceKm -5', () => needWith({ maxDistanceKm: -5 }), 'body.maxDistanceKm'],
      ['maxDistanceKm beyond 10 000', () => needWith({ maxDistanceKm: 10_001 }), 'body.maxDistanceKm'],
      ['a deadline in the past', () => needWith({ deadline: '2026-11-19' }), 'body.deadline'],
      ['a deadline of today', () => needWith({ deadline: '2026-11-20' }), 'body.deadline'],
      ['an impossible date', () => needWith({ deadline: '2027-02-30' }), 'body.deadline'],
      ['a date-time deadline', () => needWith({ deadline: '2027-03-31T12:00:00Z' }), 'body.deadline'],
      ['an unknown process code', () => needWith({ processes: ['STP.TELEPORT'] }), 'body.processes.0'],
      ['an unknown material code', () => needWith({ materials: ['ST_08PS', 'UNOBTAINIUM'] }), 'body.materials.1'],
      ['an unknown required certificate', () => needWith({ requiredCerts: ['ISO9999'] }), 'body.requiredCerts.0'],
      ['an unknown preferred certificate', () => needWith({ preferredCerts: ['ISO14001', 'GOST_XYZ'] }), 'body.preferredCerts.1'],
      ['a certificate both required and preferred', () => needWith({ preferredCerts: ['ISO14001', 'IATF16949'] }), 'body.preferredCerts.1'],
      ['a repeated certificate', () => needWith({ requiredCerts: ['IATF16949', 'IATF16949'] }), 'body.requiredCerts.1'],
      ['21 required certificates', () => needWith({ requiredCerts: Array.from({ length: 21 }, () => 'ISO9001') }), 'body.requiredCerts'],
      ['a batch larger than the quantity', () => needWith({ quantity: 5000, batchSize: 10_000 }), 'body.batchSize'],
      ['a zero quantity', () => needWith({ quantity: 0 }), 'body.quantity'],
      ['a negative envelope', () => needWith({ envelope: { lengthMm: 240, widthMm: -120, heightMm: 60, massKg: 0.8 } }), 'body.envelope.widthMm'],
      ['an unknown visibility', () => needWith({ visibility: 'secret' }), 'body.visibility'],
      ['cluster visibility without a cluster', () => needWith({ clusterId: null }), 'body.visibility'],
      ['an unknown cluster', () => needWith({ clusterId: 'clu_000000000000000000000' }), 'body.clusterId'],
      ['a weight above its bound', () => needWith({ weights: { proximity: 0.9 } }), 'body.weights.proximity'],
      ['an unknown weight', () => needWith({ weights: { price: 0.3 } }), 'body.weights'],
      ['no delivery', () => ({ ...needWith({}), delivery: undefined }), 'body.delivery'],
      ['an empty delivery', () => needWith({ delivery: {} }), 'body.delivery'],
      ['a site together with an address', () => needWith({ delivery: { siteId: 'site_000000000000000000000', address: 'Набережные Челны' } }), 'body.delivery.siteId'],
      ['an address together with a city', () => needWith({ delivery: { address: 'Набережные Челны', city: 'Набережные Челны' } }), 'body.delivery.address'],
      ['a latitude without a longitude', () => needWith({ delivery: { city: 'Набережные Челны', lat: 55.74 } }), 'body.delivery.lon'],
      ['a latitude of 95', () => needWith({ delivery: { city: 'Набережные Челны', lat: 95, lon: 52.4 } }), 'body.delivery.lat'],
      ['an unknown delivery field', () => needWith({ delivery: { address: 'Набережные Челны', street: 'Автозаводский пр.' } }), 'body.delivery'],
      ['an unknown site', () => needWith({ delivery: { siteId: 'site_000000000000000000000' } }), 'body.delivery.siteId'],
      ['a 301-character title', () => needWith({ title: 'К'.repeat(301) }), 'body.title'],
      ['a 10 001-character description', () => needWith({ description: 'ж'.repeat(10_001) }), 'body.description'],
      ['31 processes', () => needWith({ processes: Array.from({ length: 31 }, () => 'STP.PROG') }), 'body.processes'],
    ]

    it.each(cases)('%s', async (_label, body, path) => {
      const kamaz = await createKamaz()
      const before = await rowCounts()
      expectProblem(await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, body(), asAdmin), 400, path)
      expect(await rowCounts()).toEqual(before)
    })

    it('a delivery city that cannot be found, saying what to fix', async () => {
      const kamaz = await createKamaz()
      const before = await rowCounts()
      const res = await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, needWith({ delivery: { city: 'Урюпинскоград' } }), asAdmin)
      expectProblem(res, 400, 'body.delivery')
      expect(messageAt(res, 'body.delivery')).toMatch(/проверьте написание.*check the spelling/)
      expect(await rowCounts()).toEqual(before)
    })

    it.each([
      ['as a city and region', { city: 'Урюпинскоград', region: 'Республика Татарстан' }],
      ['in a one-line address', { address: 'Урюпинскоград, Республика Татарстан' }],
    ])('a delivery place missing from the named region, given %s, instead of silently using the region centre', async (_label, delivery) => {
      const kamaz = await createKamaz()
      const before = await rowCounts()
      const res = await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, needWith({ delivery }), asAdmin)
      expectProblem(res, 400, 'body.delivery')
      expect(messageAt(res, 'body.delivery')).toMatch(/Урюпинскоград.*не найден.*Республика Татарстан/)
      expect(await rowCounts()).toEqual(before)
    })

    it('an unknown delivery region', async () => {
      const kamaz = await createKamaz()
      const res = await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, needWith({ delivery: { address: 'Набережные Челны, Нарнийская область' } }), asAdmin)
      expectProblem(res, 400, 'body.delivery')
      expect(messageAt(res, 'body.delivery')).toContain('Республика Татарстан')
    })

    it('an ambiguous delivery city, listing the candidates', async () => {
      const kamaz = await createKamaz()
      const before = await rowCounts()
      const res = await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, needWith({ delivery: { city: 'Железногорск' } }), asAdmin)
      expectProblem(res, 400, 'body.delivery')
      expect(messageAt(res, 'body.delivery')).toMatch(/Курская область \(46\).*Красноярский край \(24\).*укажите регион/)
      expect(res.body.candidates).toEqual([
        expect.objectContaining({ city: 'Железногорск', regionCode: '46' }),
        expect.objectContaining({ city: 'Железногорск', regionCode: '24' }),
      ])
      expect(await rowCounts()).toEqual(before)
    })

    it('a delivery site of another organization', async () => {
      const kamaz = await createKamaz()
      const otherPlant = await createOrganizationOfKinds(deps, ['contractor'], 'ПАО «АвтоВАЗ»')
      const foreignSite = await insertSite(deps.sql, otherPlant, KAMAZ_PLANT)
      const before = await rowCounts()
      expectProblem(await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, needWith({ delivery: { siteId: foreignSite } }), asAdmin), 400, 'body.delivery.siteId')
      expect(await rowCounts()).toEqual(before)
    })

    it('several problems at once, all reported', async () => {
      const kamaz = await createKamaz()
      const res = await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, needWith({ deadline: '2026-01-01', delivery: { city: 'Киров' }, preferredCerts: ['IATF16949'] }), asAdmin)
      expectProblem(res, 400)
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.deadline', 'body.delivery', 'body.preferredCerts.0'])
    })

    it.each([
      ['malformed JSON', '{"title": ', {}],
      ['a JSON string', '"Кронштейн"', {}],
      ['a text/plain body', JSON.stringify({ title: 'Кронштейн' }), { 'content-type': 'text/plain' }],
    ])('%s', async (_label, body, headers) => {
      const kamaz = await createKamaz()
      const before = await rowCounts()
      const res = await deps.app.request(`/api/organizations/${kamaz}/needs`, { method: 'POST', body, headers: { ...asAdmin, 'content-type': 'application/json', ...headers } })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(await rowCounts()).toEqual(before)
    })

    it.each([
      ['a status', { status: 'closed' }, 'body'],
      ['a deadline in the past', { deadline: '2026-06-01' }, 'body.deadline'],
      ['an ambiguous delivery', { delivery: { address: 'Киров' } }, 'body.delivery'],
      ['a preferred certificate that is already required', { preferredCerts: ['IATF16949'] }, 'body.preferredCerts.0'],
      ['a required certificate that is already preferred', { requiredCerts: ['ISO14001'] }, 'body.requiredCerts.0'],
      ['a quantity below the stored batch size', { quantity: 500 }, 'body.quantity'],
      ['dropping the cluster of a cluster-only need', { clusterId: null }, 'body.clusterId'],
      ['an emptied process list', { processes: [] }, 'body.processes'],
      ['a null deadline', { deadline: null }, 'body.deadline'],
    ])('a patch with %s', async (_label, patch, path) => {
      const kamaz = await createKamaz()
      const created = await call(deps.app, 'POST', `/api/organizations/${kamaz}/needs`, bracketNeed(kamaCluster), asAdmin)
      const before = await rowCounts()
      const res = await call(deps.app, 'PATCH', `/api/needs/${created.body.id}`, patch, asAdmin)
      expectProblem(res, 400, path)
      expect(await rowCounts()).toEqual(before)
      expect((await call(deps.app, 'GET', `/api/needs/${created.body.id}`, undefined, asAdmin)).body).toEqual(created.body)
    })

    it.each([
      ['status=archived', 'query.status.0'],
      ['process=STP.TELEPORT', 'query.process.0'],
      ['regionCode=XX', 'query.regionCode'],
      ['clusterId=КИТПК', 'query.clusterId'],
      ['visibility=secret', 'query.visibility'],
      ['sort=price', 'query.sort'],
      ['page=0', 'query.page'],
    ])('a list query with %s', async (query, path) => {
      expectProblem(await call(deps.app, 'GET', `/api/needs?${query}`, undefined, asAdmin), 400, path)
    })
  })

  it('answers a malformed id with 400 and an unknown one with 404', async () => {
    expectProblem(await call(deps.app, 'GET', '/api/needs/cap_000000000000000000000', undefined, asAdmin), 400, 'param.id')
    expectProblem(await call(deps.app, 'GET', '/api/needs/need_000000000000000000000', undefined, asAdmin), 404)
    expectProblem(await call(deps.app, 'PATCH', '/api/needs/need_000000000000000000000', { title: 'Кронштейн' }, asAdmin), 404)
  })
})
