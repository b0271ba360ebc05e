import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fuzzApi } from '../api/fuzz-harness.js'
import { createTestDeps, type TestDeps } from '../helpers/deps.js'

/**
 * The long API fuzz: FUZZ_RUNS cases per operation of /openapi.json (default 2000), each operation
 * capped at FUZZ_ROUTE_MS (default 4 s) so the slow ones (sign-in hashes passwords) stay bounded; the
 * report lists the cases each operation got. Generators: test/api/fuzz-harness.ts.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000)
const ROUTE_MS = Number(process.env.FUZZ_ROUTE_MS ?? 4000)
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4)

let deps: TestDeps
beforeAll(async () => {
  deps = await createTestDeps()
})
afterAll(async () => {
  await deps.close()
})

describe('API fuzz', () => {
  it(`answers every generated request with < 500, and every 4xx as problem+json with a matching status (${RUNS} cases per operation)`, async () => {
    const started = performance.now()
    const reports = await fuzzApi(deps, { numRuns: RUNS, timeLimitMs: ROUTE_MS, concurrency: CONCURRENCY, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) })
    const seconds = (performance.now() - started) / 1000
    const total = reports.reduce((n, r) => n + r.cases, 0)
    const lines = reports.map((r) => `${r.route.padEnd(52)} ${String(r.cases).padStart(5)}  ${JSON.stringify(r.statuses)}`)
    console.info(`API fuzz: ${reports.length} operations, ${total} cases in ${seconds.toFixed(0)} s (${Math.round(total / seconds)}/s)\n  ${lines.join('\n  ')}`)
    const failures = reports.filter((r) => r.failure).map((r) => `${r.route}: ${r.failure}`)
    expect(failures).toEqual([])
    expect(Math.min(...reports.map((r) => r.cases))).toBeGreaterThanOrEqual(Math.min(RUNS, 100))
  })
})
