import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../src/lib/ids.js'
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

const kamaCluster = () => ({
  nameRu: 'Камский инновационный территориально-производственный кластер',
  nameEn: 'Kama Innovative Territorial Production Cluster',
  sector: 'automotive',
  regionCodes: ['16'],
  lat: 55.7436,
  lon: 52.3959,
})

async function createCluster(body: unknown = kamaCluster()): Promise<string> {
  const res = await call(deps.app, 'POST', '/api/clusters', body, asAdmin)
  expect(res.status).toBe(201)
  return res.body.id as string
}

describe('clusters API', () => {
  it('creates, reads, lists, updates and deletes a cluster without touching the search outbox', async () => {
    const { result: created, rows: createRows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'POST', '/api/clusters', kamaCluster(), asAdmin))
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ ...kamaCluster(), id: expect.stringMatching(/^clu_/) })
    expect(createRows).toEqual([])
    const id = created.body.id as string

    expect((await call(deps.app, 'GET', `/api/clusters/${id}`, undefined, asAdmin)).body.nameRu).toBe(kamaCluster().nameRu)
    const listed = await call(deps.app, 'GET', `/api/clusters?q=${encodeURIComponent('Камский')}&sector=automotive&regionCode=16`, undefined, asAdmin)
    expect(listed.status).toBe(200)
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(id)
    const elsewhere = await call(deps.app, 'GET', '/api/clusters?regionCode=76', undefined, asAdmin)
    expect(elsewhere.body.items.map((c: { id: string }) => c.id)).not.toContain(id)

    const { result: updated, rows: updateRows } = await outboxAddedBy(deps.sql, () =>
      call(deps.app, 'PATCH', `/api/clusters/${id}`, { regionCodes: ['16', '02'], nameEn: 'Kama Automotive Cluster' }, asAdmin),
    )
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ regionCodes: ['16', '02'], nameEn: 'Kama Automotive Cluster', sector: 'automotive' })
    expect(updateRows).toEqual([])

    expect((await call(deps.app, 'DELETE', `/api/clusters/${id}`, undefined, asAdmin)).status).toBe(204)
    expect((await call(deps.app, 'GET', `/api/clusters/${id}`, undefined, asAdmin)).status).toBe(404)
  })

  it('refreshes the capacities of member organizations and the needs aimed at a deleted cluster', async () => {
    const clusterId = await createCluster({ ...kamaCluster(), nameRu: 'Авиационный кластер Ульяновской области', nameEn: 'Ulyanovsk Aviation Cluster', sector: 'aviation', regionCodes: ['73'] })
    const member = await createSupplier(deps)
    const outsider = await createSupplier(deps, 'ООО «Рыбинский литейный цех»')
    expect((await call(deps.app, 'PATCH', `/api/organizations/${member}`, { clusterIds: [clusterId] }, asAdmin)).status).toBe(200)
    const memberSite = await createSupplierSite(deps, member, 'Ульяновск, Ульяновская область')
    const memberCapacities = [await insertCapacity(deps.sql, member, memberSite), await insertCapacity(deps.sql, member, memberSite)]
    await insertCapacity(deps.sql, outsider, await createSupplierSite(deps, outsider, 'Рыбинск'))
    const needId = newId('need')
    await deps.sql`
      insert into needs (id, org_id, title, processes, delivery_address, delivery_region_code, delivery_lat, delivery_lon, delivery_precision, deadline, cluster_id)
      values (${needId}, ${outsider}, 'Валы-шестерни', ${deps.sql.array(['MCH.TURN'])}, 'Ульяновск', '73', 54.3142, 48.4031, 'city', '2027-06-30', ${clusterId})`

    const { result, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'DELETE', `/api/clusters/${clusterId}`, undefined, asAdmin))
    expect(result.status).toBe(204)
    expect(rows).toEqual([...memberCapacities.map((id) => `capacity:${id}`), `need:${needId}`].sort())
    expect((await call(deps.app, 'GET', `/api/organizations/${member}`, undefined, asAdmin)).body.clusterIds).toEqual([])
    const [need] = await deps.sql`select cluster_id from needs where id = ${needId}`
    expect(need?.clusterId).toBeNull()
  })

  it('names the unknown region code and writes nothing', async () => {
    const nameRu = 'Кластер с несуществующим регионом'
    const res = await call(deps.app, 'POST', '/api/clusters', { ...kamaCluster(), nameRu, regionCodes: ['16', '88'] }, asAdmin)
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.regionCodes.1', message: expect.stringContaining('субъекта') })])
    const [row] = await deps.sql`select count(*)::int as n from clusters where name_ru = ${nameRu}`
    expect(row?.n).toBe(0)
  })

  it('leaves a cluster unchanged when its update is refused', async () => {
    const id = await createCluster()
    const res = await call(deps.app, 'PATCH', `/api/clusters/${id}`, { regionCodes: ['16', '16'] }, asAdmin)
    expect(res.status).toBe(400)
    expect(res.body.errors[0].path).toBe('body.regionCodes')
    expect((await call(deps.app, 'GET', `/api/clusters/${id}`, undefined, asAdmin)).body.regionCodes).toEqual(['16'])
  })

  it.each([
    ['malformed JSON', '{"nameRu": ', 'body'],
    ['unknown field', JSON.stringify({ ...kamaCluster(), members: [] }), 'body'],
    ['wrong type', JSON.stringify({ ...kamaCluster(), regionCodes: '16' }), 'body.regionCodes'],
    ['latitude 91', JSON.stringify({ ...kamaCluster(), lat: 91 }), 'body.lat'],
    ['unknown sector', JSON.stringify({ ...kamaCluster(), sector: 'pharma' }), 'body.sector'],
    ['oversized name', JSON.stringify({ ...kamaCluster(), nameRu: 'К'.repeat(301) }), 'body.nameRu'],
    ['no region', JSON.stringify({ ...kamaCluster(), regionCodes: [] }), 'body.regionCodes'],
  ])('refuses %s with a 4xx problem', async (_label, body, path) => {
    const res = await deps.app.request('/api/clusters', { method: 'POST', body, headers: { ...asAdmin, 'content-type': 'application/json' } })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await res.json()) as { errors?: { path: string }[] }
    if (path !== 'body') expect(problem.errors?.map((e) => e.path)).toContain(path)
  })

  it('answers unknown ids with 404 and malformed ids with 400', async () => {
    const unknown = 'clu_000000000000000000000'
    expect((await call(deps.app, 'GET', `/api/clusters/${unknown}`, undefined, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'PATCH', `/api/clusters/${unknown}`, { nameEn: 'Nowhere' }, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'DELETE', `/api/clusters/${unknown}`, undefined, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'GET', '/api/clusters/org_000000000000000000000', undefined, asAdmin)).status).toBe(400)
  })
})
