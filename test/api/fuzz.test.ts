import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../helpers/deps.js'
import { call } from '../helpers/http.js'
import { fuzzApi } from './fuzz-harness.js'

/** The quick API fuzz: 20 cases per operation of /openapi.json. `npm run test:faults` runs thousands (test/faults/fuzz.test.ts). */

let deps: TestDeps
beforeAll(async () => {
  deps = await createTestDeps()
})
afterAll(async () => {
  await deps.close()
})

describe('API fuzz (quick)', () => {
  it('answers every generated request with < 500, and every 4xx as problem+json with a matching status', async () => {
    const reports = await fuzzApi(deps, { numRuns: 20, timeLimitMs: 5_000 })
    const failures = reports.filter((r) => r.failure).map((r) => `${r.route}: ${r.failure}`)
    expect(failures).toEqual([])
    expect(reports.length).toBeGreaterThan(50)
    console.info(`API fuzz (quick): ${reports.length} operations, ${reports.reduce((n, r) => n + r.cases, 0)} cases`)
  }, 120_000)

  // Found by the long fuzz: PostgreSQL refuses NUL in text (22021), which used to surface as a 500.
  it('answers text PostgreSQL cannot store (NUL) with 400, in a query and in a body', async () => {
    const asAdmin = await deps.asAdmin()
    const inQuery = await call(deps.app, 'GET', '/api/clusters?q=a%00b', undefined, asAdmin)
    expect(inQuery.status).toBe(400)
    expect(inQuery.headers.get('content-type')).toContain('application/problem+json')
    expect(inQuery.body).toMatchObject({ status: 400, code: 'BAD_REQUEST', detail: expect.stringMatching(/NUL/) })
    const inBody = await call(deps.app, 'POST', '/api/organizations', { name: 'ООО «Ноль\u0000»', inn: '7707083893', kinds: ['supplier'] }, asAdmin)
    expect(inBody.status).toBe(400)
    expect(inBody.body).toMatchObject({ status: 400, code: 'BAD_REQUEST', detail: expect.stringMatching(/NUL/) })
  })
})
