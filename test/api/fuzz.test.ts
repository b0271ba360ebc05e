import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../helpers/deps.js'
import { createTestUser, signInHeaders, TEST_ORIGIN } from '../helpers/auth.js'
import { call } from '../helpers/http.js'
import { fuzzApi } from './fuzz-harness.js'

/** The quick fuzz: 12 cases per route (every operation of /openapi.json and every other route of the app). `npm run test:faults` runs thousands (test/faults/fuzz.test.ts). */

let deps: TestDeps
beforeAll(async () => {
  deps = await createTestDeps()
})
afterAll(async () => {
  await deps.close()
})

/** A platform admin of its own: the fuzz may have deactivated or changed every user it could find, deps.asAdmin's included. */
async function freshAdmin(): Promise<Record<string, string>> {
  const user = await createTestUser(deps.sql, { name: 'Администратор', platformRole: 'admin' })
  return signInHeaders(deps.app, user.email)
}

describe('API fuzz (quick)', () => {
  it('answers every generated request with < 500, and every 4xx as problem+json with a matching status', async () => {
    const reports = await fuzzApi(deps, { numRuns: 12, timeLimitMs: 5_000 })
    const failures = reports.filter((r) => r.failure).map((r) => `${r.route}: ${r.failure}`)
    expect(failures).toEqual([])
    expect(reports.length).toBeGreaterThan(100)
    console.info(`API fuzz (quick): ${reports.length} routes, ${reports.reduce((n, r) => n + r.cases, 0)} cases`)
  }, 120_000)

  // Found by the route fuzz: a page's form route read a multipart body without a boundary and failed with a 500.
  it('answers a form body that cannot be parsed with a 400 page, signed in or not', async () => {
    const asAdmin = await freshAdmin()
    for (const headers of [{ origin: TEST_ORIGIN }, asAdmin]) {
      for (const path of ['/account/password', '/signin', '/organizations/org_0000000000000000000000/sites']) {
        const res = await deps.app.request(path, { method: 'POST', headers: { ...headers, 'content-type': 'multipart/form-data' }, body: 'current=x&password=y' })
        expect(res.status, path).toBe(400)
        expect(res.headers.get('content-type')).toContain('text/html')
      }
    }
  })

  // Found by the route fuzz: a NUL in a page's query reached PostgreSQL and failed as a 500 page; a
  // documentation asset named like an Object.prototype member (`constructor`) failed as a 500 problem.
  it('answers a NUL in a page query with a 400 page, and an unknown docs asset with a 404', async () => {
    const page = await deps.app.request('/needs/new?q=%00', { headers: await freshAdmin() })
    expect(page.status).toBe(400)
    expect(page.headers.get('content-type')).toContain('text/html')
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const asset = await deps.app.request(`/docs/assets/${name}`)
      expect(asset.status, name).toBe(404)
      expect(asset.headers.get('content-type')).toContain('application/problem+json')
    }
  })

  // Found by the long fuzz: PostgreSQL refuses NUL in text (22021), which used to surface as a 500.
  it('answers text PostgreSQL cannot store (NUL) with 400, in a query and in a body', async () => {
    const asAdmin = await freshAdmin()
    const inQuery = await call(deps.app, 'GET', '/api/clusters?q=a%00b', undefined, asAdmin)
    expect(inQuery.status).toBe(400)
    expect(inQuery.headers.get('content-type')).toContain('application/problem+json')
    expect(inQuery.body).toMatchObject({ status: 400, code: 'BAD_REQUEST', detail: expect.stringMatching(/NUL/) })
    const inBody = await call(deps.app, 'POST', '/api/organizations', { name: 'ООО «Ноль\u0000»', inn: '7707083893', kinds: ['supplier'] }, asAdmin)
    expect(inBody.status).toBe(400)
    expect(inBody.body).toMatchObject({ status: 400, code: 'BAD_REQUEST', detail: expect.stringMatching(/NUL/) })
  })
})
