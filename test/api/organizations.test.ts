import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'
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

const supplier = () => ({ name: 'ООО «Прикамский механический цех»', inn: randomInn(), kinds: ['supplier'], smeSize: 'small' })

describe('organizations API', () => {
  it('creates, reads, lists, updates and deletes an organization', async () => {
    const input = supplier()
    const created = await call(deps.app, 'POST', '/api/organizations', input, asAdmin)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: input.name, inn: input.inn, kinds: ['supplier'], verification: 'unverified', clusterIds: [] })
    const id = created.body.id as string
    expect(id).toMatch(/^org_/)

    expect((await call(deps.app, 'GET', `/api/organizations/${id}`, undefined, asAdmin)).body.inn).toBe(input.inn)
    const listed = await call(deps.app, 'GET', `/api/organizations?q=${encodeURIComponent('Прикамский')}&kind=supplier`, undefined, asAdmin)
    expect(listed.status).toBe(200)
    expect(listed.body.items.map((o: { id: string }) => o.id)).toContain(id)

    const updated = await call(deps.app, 'PATCH', `/api/organizations/${id}`, { kinds: ['supplier', 'contractor'], description: 'Токарная и фрезерная обработка' }, asAdmin)
    expect(updated.status).toBe(200)
    expect(updated.body.kinds).toEqual(['supplier', 'contractor'])

    expect((await call(deps.app, 'DELETE', `/api/organizations/${id}`, undefined, asAdmin)).status).toBe(204)
    expect((await call(deps.app, 'GET', `/api/organizations/${id}`, undefined, asAdmin)).status).toBe(404)
  })

  it('rejects an INN with a wrong check digit, naming the field, in Russian by default', async () => {
    const res = await call(deps.app, 'POST', '/api/organizations', { ...supplier(), inn: '1650032059' }, asAdmin)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.inn', message: expect.stringContaining('ИНН') })])
  })

  it('answers a duplicate INN with 409 and writes nothing', async () => {
    const input = supplier()
    expect((await call(deps.app, 'POST', '/api/organizations', input, asAdmin)).status).toBe(201)
    const again = await call(deps.app, 'POST', '/api/organizations', { ...input, name: 'Другое имя' }, asAdmin)
    expect(again.status).toBe(409)
    const [row] = await deps.sql`select count(*)::int as n from organizations where inn = ${input.inn}`
    expect(row?.n).toBe(1)
  })

  it.each([
    ['malformed JSON', '{"name": ', {}],
    ['unknown field', JSON.stringify({ ...supplier(), colour: 'red' }), {}],
    ['wrong type', JSON.stringify({ ...supplier(), kinds: 'supplier' }), {}],
    ['unknown kind', JSON.stringify({ ...supplier(), kinds: ['pirate'] }), {}],
    ['text/plain body', JSON.stringify(supplier()), { 'content-type': 'text/plain' }],
    ['no content type', JSON.stringify(supplier()), { 'content-type': '' }],
  ])('refuses %s with a 4xx problem', async (_label, body, headers) => {
    const res = await deps.app.request('/api/organizations', { method: 'POST', body, headers: { ...asAdmin, 'content-type': 'application/json', ...headers } })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await res.json()) as { status: number; requestId: string }
    expect(problem.status).toBe(res.status)
    expect(problem.requestId).toBeTruthy()
  })

  it('speaks English when asked', async () => {
    const res = await call(deps.app, 'POST', '/api/organizations', { ...supplier(), smeSize: 'huge' }, { ...asAdmin, 'accept-language': 'en-GB,en;q=0.9' })
    expect(res.status).toBe(400)
    expect(res.body.title).toBe('Bad request')
    expect(res.body.errors[0].path).toBe('body.smeSize')
  })

  it('answers an unknown id with 404 and a malformed id with 400', async () => {
    expect((await call(deps.app, 'GET', '/api/organizations/org_0000000000000000000000', undefined, asAdmin)).status).toBe(400)
    expect((await call(deps.app, 'GET', '/api/organizations/org_000000000000000000000', undefined, asAdmin)).status).toBe(404)
  })
})
