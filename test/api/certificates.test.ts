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

const iatf = () => ({
  standard: 'IATF16949',
  number: 'RU-IATF-0457812',
  issuer: 'ООО «Интерсертифика-ТЮФ»',
  validFrom: '2025-03-14',
  validUntil: '2028-03-13',
  scope: 'Механическая обработка и сборка узлов рулевого управления для автомобилей КАМАЗ',
})

/** A supplier with capacities at its site, so that certificate writes have documents to refresh. */
async function supplierWithCapacities(): Promise<{ orgId: string; expected: string[] }> {
  const orgId = await createSupplier(deps)
  const siteId = await createSupplierSite(deps, orgId)
  const capacities = [await insertCapacity(deps.sql, orgId, siteId), await insertCapacity(deps.sql, orgId, siteId)]
  return { orgId, expected: capacities.map((id) => `capacity:${id}`).sort() }
}

async function certificateCount(orgId: string): Promise<number> {
  const [row] = await deps.sql<{ n: number }[]>`select count(*)::int as n from certificates where org_id = ${orgId}`
  return row?.n ?? 0
}

describe('certificates API', () => {
  it('creates an unverified certificate with its closure and refreshes exactly the holder’s capacities', async () => {
    const { orgId, expected } = await supplierWithCapacities()
    const bystander = await createSupplier(deps, 'ООО «Рыбинский литейный цех»')
    await insertCapacity(deps.sql, bystander, await createSupplierSite(deps, bystander, 'Рыбинск'))

    const { result, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, iatf(), asAdmin))
    expect(result.status).toBe(201)
    expect(result.body).toMatchObject({ ...iatf(), orgId, id: expect.stringMatching(/^cert_/), status: 'unverified', statusReason: null })
    expect(result.body.satisfies).toEqual([
      { code: 'GOST_R_ISO9001', credit: 1 },
      { code: 'ISO9001', credit: 1 },
      { code: 'GOST_R_58139', credit: 0.7 },
    ])
    expect(rows).toEqual(expected)

    const id = result.body.id as string
    expect((await call(deps.app, 'GET', `/api/certificates/${id}`, undefined, asAdmin)).body).toEqual(result.body)
    const listed = await call(deps.app, 'GET', `/api/organizations/${orgId}/certificates`, undefined, asAdmin)
    expect(listed.body).toMatchObject({ total: 1, items: [{ id }] })
  })

  it('accepts a certificate without expiry, and ISO 13485 satisfies nothing else', async () => {
    const orgId = await createSupplier(deps, 'ООО «Тольяттинский медицинский приборный завод»')
    const res = await call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, { standard: 'ISO13485', number: '13485-2024-117', issuer: 'АНО «Тест-С.-Петербург»', validFrom: '2024-06-01', validUntil: null }, asAdmin)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ validUntil: null, scope: '', satisfies: [] })
  })

  it.each([
    ['an unknown standard', { standard: 'ISO9999' }, 'body.standard', 'ISO9999'],
    ['a validity that ends before it starts', { validFrom: '2026-05-01', validUntil: '2026-04-30' }, 'body.validUntil', 'validUntil'],
    ['an impossible date', { validFrom: '2026-02-30' }, 'body.validFrom', ''],
    ['a settable status', { status: 'verified' }, 'body', ''],
  ])('refuses %s, naming the field, and writes nothing', async (_label, change, path, message) => {
    const { orgId } = await supplierWithCapacities()
    const { result, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, { ...iatf(), ...change }, asAdmin))
    expect(result.status).toBe(400)
    expect(result.headers.get('content-type')).toContain('application/problem+json')
    expect(result.body.errors).toEqual([{ path, message: expect.stringContaining(message) }])
    expect(rows).toEqual([])
    expect(await certificateCount(orgId)).toBe(0)
  })

  it('updates a certificate, refreshing the capacities and sending a verified one back to verification', async () => {
    const { orgId, expected } = await supplierWithCapacities()
    const id = (await call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, iatf(), asAdmin)).body.id as string
    await deps.sql`update certificates set status = 'verified', status_reason = 'Проверено ЦС РТ', status_changed_at = now() where id = ${id}`

    const { result, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'PATCH', `/api/certificates/${id}`, { validUntil: '2029-03-13', number: 'RU-IATF-0457813' }, asAdmin))
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({ validUntil: '2029-03-13', number: 'RU-IATF-0457813', issuer: iatf().issuer, status: 'unverified', statusReason: null })
    expect(rows).toEqual(expected)

    const noExpiry = await call(deps.app, 'PATCH', `/api/certificates/${id}`, { validUntil: null }, asAdmin)
    expect(noExpiry.body.validUntil).toBeNull()
  })

  it.each([
    ['validUntil before the stored validFrom', { validUntil: '2025-01-01' }, 'body.validUntil'],
    ['validFrom after the stored validUntil', { validFrom: '2028-04-01' }, 'body.validFrom'],
    ['an unknown standard', { standard: 'GOST_R_0000' }, 'body.standard'],
  ])('refuses an update with %s and leaves the certificate and outbox as they were', async (_label, patch, path) => {
    const { orgId } = await supplierWithCapacities()
    const created = await call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, iatf(), asAdmin)
    const { result, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'PATCH', `/api/certificates/${created.body.id}`, { ...patch, number: 'изменён' }, asAdmin))
    expect(result.status).toBe(400)
    expect(result.body.errors.map((e: { path: string }) => e.path)).toEqual([path])
    expect(rows).toEqual([])
    expect((await call(deps.app, 'GET', `/api/certificates/${created.body.id}`, undefined, asAdmin)).body).toEqual(created.body)
  })

  it('deletes a certificate and refreshes the holder’s capacities', async () => {
    const { orgId, expected } = await supplierWithCapacities()
    const id = (await call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, iatf(), asAdmin)).body.id as string
    const { result, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'DELETE', `/api/certificates/${id}`, undefined, asAdmin))
    expect(result.status).toBe(204)
    expect(rows).toEqual(expected)
    expect((await call(deps.app, 'GET', `/api/certificates/${id}`, undefined, asAdmin)).status).toBe(404)
  })

  it('answers 404 for an unknown organization or certificate, and lists only the organization’s own certificates', async () => {
    const unknownOrg = 'org_000000000000000000000'
    const { result, rows } = await outboxAddedBy(deps.sql, () => call(deps.app, 'POST', `/api/organizations/${unknownOrg}/certificates`, iatf(), asAdmin))
    expect(result.status).toBe(404)
    expect(rows).toEqual([])
    expect((await call(deps.app, 'GET', `/api/organizations/${unknownOrg}/certificates`, undefined, asAdmin)).status).toBe(404)

    const holder = await createSupplier(deps)
    const other = await createSupplier(deps)
    const id = (await call(deps.app, 'POST', `/api/organizations/${holder}/certificates`, iatf(), asAdmin)).body.id as string
    expect((await call(deps.app, 'GET', `/api/organizations/${other}/certificates`, undefined, asAdmin)).body).toMatchObject({ total: 0, items: [] })
    expect((await call(deps.app, 'GET', `/api/organizations/${holder}/certificates`, undefined, asAdmin)).body.items.map((c: { id: string }) => c.id)).toEqual([id])

    const unknown = 'cert_000000000000000000000'
    expect((await call(deps.app, 'GET', `/api/certificates/${unknown}`, undefined, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'PATCH', `/api/certificates/${unknown}`, { number: '1' }, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'DELETE', `/api/certificates/${unknown}`, undefined, asAdmin)).status).toBe(404)
    expect((await call(deps.app, 'GET', `/api/certificates/${holder}`, undefined, asAdmin)).status).toBe(400)
  })

  it.each([
    ['malformed JSON', '{"standard": ', 'body'],
    ['unknown field', JSON.stringify({ ...iatf(), fileUrl: 'https://example.org/c.pdf' }), 'body'],
    ['a numeric date', JSON.stringify({ ...iatf(), validFrom: 20250314 }), 'body.validFrom'],
    ['a wrong date format', JSON.stringify({ ...iatf(), validFrom: '14.03.2025' }), 'body.validFrom'],
    ['a number as standard', JSON.stringify({ ...iatf(), standard: 9001 }), 'body.standard'],
    ['an oversized number', JSON.stringify({ ...iatf(), number: '7'.repeat(101) }), 'body.number'],
    ['an oversized scope', JSON.stringify({ ...iatf(), scope: 'Обработка. '.repeat(200) }), 'body.scope'],
    ['a missing issuer', JSON.stringify({ ...iatf(), issuer: undefined }), 'body.issuer'],
  ])('refuses %s with a 4xx problem', async (_label, body, path) => {
    const orgId = await createSupplier(deps)
    const res = await deps.app.request(`/api/organizations/${orgId}/certificates`, { method: 'POST', body, headers: { ...asAdmin, 'content-type': 'application/json' } })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await res.json()) as { errors?: { path: string }[] }
    if (path !== 'body') expect(problem.errors?.map((e) => e.path)).toContain(path)
    expect(await certificateCount(orgId)).toBe(0)
  })
})
