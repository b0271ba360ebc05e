import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { createSupplier, createSupplierSite, insertCapacity, outboxAddedBy } from '../helpers/fixtures.js'
import { call } from '../helpers/http.js'

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

const chelnySite = { name: 'Цех № 2 (механообработка)', address: 'г. Набережные Челны, Республика Татарстан' }

async function siteCount(orgId: string): Promise<number> {
  const [row] = await deps.sql<{ n: number }[]>`select count(*)::int as n from sites where org_id = ${orgId}`
  return row?.n ?? 0
}

describe('sites API', () => {
  it('geocodes a free-text address, and reads, lists and deletes the site', async () => {
    const orgId = await createSupplier(deps)
    const { result: created, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'POST', `/api/organizations/${orgId}/sites`, chelnySite, asAdmin))
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ orgId, name: chelnySite.name, address: chelnySite.address, city: 'Набережные Челны', regionCode: '16', precision: 'city' })
    expect(created.body.lat).toBeCloseTo(55.73, 1)
    expect(created.body.lon).toBeCloseTo(52.41, 1)
    expect(rows).toEqual([])
    const id = created.body.id as string
    expect(id).toMatch(/^site_/)

    expect((await call(deps.app, 'GET', `/api/sites/${id}`, undefined, asAdmin)).body).toEqual(created.body)
    const listed = await call(deps.app, 'GET', `/api/organizations/${orgId}/sites`, undefined, asAdmin)
    expect(listed.status).toBe(200)
    expect(listed.body).toMatchObject({ total: 1, page: 1, items: [{ id }] })

    expect((await call(deps.app, 'DELETE', `/api/sites/${id}`, undefined, asAdmin)).status).toBe(204)
    expect((await call(deps.app, 'GET', `/api/sites/${id}`, undefined, asAdmin)).status).toBe(404)
  })

  it('geocodes a structured address and lets explicit coordinates win', async () => {
    const orgId = await createSupplier(deps, 'АО «Тольяттинский завод штампов»')
    const structured = await call(deps.app, 'POST', `/api/organizations/${orgId}/sites`, { name: 'Штамповочный участок', address: { city: 'Тольятти', region: 'Самарская область' } }, asAdmin)
    expect(structured.status).toBe(201)
    expect(structured.body).toMatchObject({ address: 'Тольятти, Самарская область', city: 'Тольятти', regionCode: '63', precision: 'city' })

    const pinned = await call(deps.app, 'POST', `/api/organizations/${orgId}/sites`, { name: 'Литейный цех', address: 'г. Рыбинск, Ярославская обл.', lat: 58.0612, lon: 38.7891 }, asAdmin)
    expect(pinned.status).toBe(201)
    expect(pinned.body).toMatchObject({ city: 'Рыбинск', regionCode: '76', lat: 58.0612, lon: 38.7891, precision: 'exact' })
  })

  it('refuses an ambiguous city with the candidates, and writes nothing', async () => {
    const orgId = await createSupplier(deps)
    const { result, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'POST', `/api/organizations/${orgId}/sites`, { name: 'Склад', address: 'Киров' }, asAdmin))
    expect(result.status).toBe(400)
    expect(result.headers.get('content-type')).toContain('application/problem+json')
    expect(result.body.errors).toEqual([
      { path: 'body.address', message: expect.stringMatching(/^Киров: Кировская область \(43\) или Калужская область \(40\) — укажите регион \/ .*specify the region$/) },
    ])
    expect(result.body.candidates.map((c: { regionCode: string }) => c.regionCode)).toEqual(['43', '40'])
    expect(rows).toEqual([])
    expect(await siteCount(orgId)).toBe(0)

    const resolved = await call(deps.app, 'POST', `/api/organizations/${orgId}/sites`, { name: 'Склад', address: { city: 'Киров', region: 'Калужская область' } }, asAdmin)
    expect(resolved.body).toMatchObject({ city: 'Киров', regionCode: '40' })
  })

  it.each([
    ['an unknown place', 'Абвгдейка', 'body.address', 'не найден'],
    ['an unknown region', 'Тольятти, Кукуевская область', 'body.address', 'Субъект РФ не распознан'],
    ['an unknown structured region', { city: 'Тольятти', region: 'Кукуевская область' }, 'body.address.region', 'Субъект РФ не распознан'],
    ['an unknown structured city', { city: 'Абвгдейка' }, 'body.address.city', 'не найден'],
  ])('refuses %s, saying what to fix', async (_label, address, path, message) => {
    const orgId = await createSupplier(deps)
    const res = await call(deps.app, 'POST', `/api/organizations/${orgId}/sites`, { name: 'Цех', address }, asAdmin)
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([{ path, message: expect.stringContaining(message) }])
    expect(await siteCount(orgId)).toBe(0)
  })

  it('refreshes exactly the capacities at a changed site', async () => {
    const orgId = await createSupplier(deps)
    const siteId = await createSupplierSite(deps, orgId)
    const otherSiteId = await createSupplierSite(deps, orgId, 'Елабуга, Республика Татарстан')
    const atSite = [await insertCapacity(deps.sql, orgId, siteId), await insertCapacity(deps.sql, orgId, siteId)]
    await insertCapacity(deps.sql, orgId, otherSiteId)
    const expected = atSite.map((id) => `capacity:${id}`).sort()

    const moved = await outboxAddedBy(deps.sql, () => call(deps.app, 'PATCH', `/api/sites/${siteId}`, { address: 'Тольятти' }, asAdmin))
    expect(moved.result.status).toBe(200)
    expect(moved.result.body).toMatchObject({ address: 'Тольятти', city: 'Тольятти', regionCode: '63', precision: 'city' })
    expect(moved.rows).toEqual(expected)

    const pinned = await outboxAddedBy(deps.sql, () => call(deps.app, 'PATCH', `/api/sites/${siteId}`, { lat: 53.5123, lon: 49.2876 }, asAdmin))
    expect(pinned.result.body).toMatchObject({ address: 'Тольятти', city: 'Тольятти', regionCode: '63', lat: 53.5123, lon: 49.2876, precision: 'exact' })
    expect(pinned.rows).toEqual(expected)

    const unpinned = await call(deps.app, 'PATCH', `/api/sites/${siteId}`, { lat: null, lon: null }, asAdmin)
    expect(unpinned.body).toMatchObject({ regionCode: '63', precision: 'city' })
    expect(unpinned.body.lat).not.toBe(53.5123)

    const renamed = await outboxAddedBy(deps.sql, () => call(deps.app, 'PATCH', `/api/sites/${siteId}`, { name: 'Цех № 3' }, asAdmin))
    expect(renamed.result.body).toMatchObject({ name: 'Цех № 3', regionCode: '63' })
    expect(renamed.rows).toEqual(expected)
  })

  it('keeps the site and the outbox untouched when an update cannot be geocoded', async () => {
    const orgId = await createSupplier(deps)
    const siteId = await createSupplierSite(deps, orgId)
    await insertCapacity(deps.sql, orgId, siteId)
    const { result, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'PATCH', `/api/sites/${siteId}`, { name: 'Новое имя', address: 'Железногорск' }, asAdmin))
    expect(result.status).toBe(400)
    expect(result.body.candidates).toHaveLength(2)
    expect(rows).toEqual([])
    expect((await call(deps.app, 'GET', `/api/sites/${siteId}`, undefined, asAdmin)).body).toMatchObject({ name: 'Механический цех', city: 'Набережные Челны' })
  })

  it('deletes the capacities at a deleted site and refreshes their documents', async () => {
    const orgId = await createSupplier(deps)
    const siteId = await createSupplierSite(deps, orgId)
    const capacityId = await insertCapacity(deps.sql, orgId, siteId)
    const { result, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'DELETE', `/api/sites/${siteId}`, undefined, asAdmin))
    expect(result.status).toBe(204)
    expect(rows).toEqual([`capacity:${capacityId}`])
    const [row] = await deps.sql`select count(*)::int as n from capacities where id = ${capacityId}`
    expect(row?.n).toBe(0)
  })

  it('answers 404 for an unknown organization or site, and lists only the organization’s own sites', async () => {
    const unknownOrg = 'org_000000000000000000000'
    expect((await call(deps.app, 'POST', `/api/organizations/${unknownOrg}/sites`, chelnySite, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'GET', `/api/organizations/${unknownOrg}/sites`, undefined, asAdmin)).status).toBe(404)
    const [row] = await deps.sql`select count(*)::int as n from sites where org_id = ${unknownOrg}`
    expect(row?.n).toBe(0)

    const owner = await createSupplier(deps)
    const other = await createSupplier(deps)
    const siteId = await createSupplierSite(deps, owner)
    expect((await call(deps.app, 'GET', `/api/organizations/${other}/sites`, undefined, asAdmin)).body).toMatchObject({ total: 0, items: [] })
    expect((await call(deps.app, 'GET', `/api/organizations/${owner}/sites`, undefined, asAdmin)).body.items.map((s: { id: string }) => s.id)).toEqual([siteId])

    const unknownSite = 'site_000000000000000000000'
    expect((await call(deps.app, 'GET', `/api/sites/${unknownSite}`, undefined, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'PATCH', `/api/sites/${unknownSite}`, { name: 'Цех' }, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'DELETE', `/api/sites/${unknownSite}`, undefined, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'GET', `/api/sites/${owner}`, undefined, asAdmin)).status).toBe(400)
  })

  it.each([
    ['malformed JSON', '{"name": ', 'body'],
    ['unknown field', JSON.stringify({ ...chelnySite, floorArea: 1200 }), 'body'],
    ['wrong address type', JSON.stringify({ ...chelnySite, address: 42 }), 'body.address'],
    ['latitude 91', JSON.stringify({ ...chelnySite, lat: 91, lon: 52.4 }), 'body.lat'],
    ['latitude without longitude', JSON.stringify({ ...chelnySite, lat: 55.7 }), 'body.lon'],
    ['oversized name', JSON.stringify({ ...chelnySite, name: 'Ц'.repeat(201) }), 'body.name'],
    ['oversized address', JSON.stringify({ ...chelnySite, address: 'Набережные Челны, '.repeat(40) }), 'body.address'],
    ['empty structured address', JSON.stringify({ ...chelnySite, address: {} }), 'body.address'],
    ['missing name', JSON.stringify({ address: chelnySite.address }), 'body.name'],
  ])('refuses %s with a 4xx problem and writes nothing', async (_label, body, path) => {
    const orgId = await createSupplier(deps)
    const res = await deps.app.request(`/api/organizations/${orgId}/sites`, { method: 'POST', body, headers: { ...asAdmin, 'content-type': 'application/json' } })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await res.json()) as { errors?: { path: string }[] }
    if (path !== 'body') expect(problem.errors?.map((e) => e.path)).toContain(path)
    expect(await siteCount(orgId)).toBe(0)
  })
})
