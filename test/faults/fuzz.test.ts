import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fuzzApi } from '../api/fuzz-harness.js'
import { createTestDeps, type TestDeps } from '../helpers/deps.js'

/**
 * The long fuzz: FUZZ_RUNS cases (default 2000) for every route of the app (each operation of
 * /openapi.json, each page, form and file route), FUZZ_CONCURRENCY routes at a time, each route capped
 * at FUZZ_ROUTE_MS (default 12 s) so the slow ones (sign-in and password changes hash passwords) stay
 * bounded; the report lists the cases and answers each route got. Generators: test/api/fuzz-harness.ts.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000)
const ROUTE_MS = Number(process.env.FUZZ_ROUTE_MS ?? 12_000)
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4)

let deps: TestDeps
beforeAll(async () => {
  deps = await createTestDeps()
})
afterAll(async () => {
  await deps.close()
})

describe('API fuzz', () => {
  // Bounded by the per-route cap: routes / concurrency × FUZZ_ROUTE_MS at most, plus the fixtures.
  it(`answers every generated request with < 500, and every 4xx as problem+json with a matching status (${RUNS} cases per route)`, async () => {
    const started = performance.now()
    const reports = await fuzzApi(deps, { numRuns: RUNS, timeLimitMs: ROUTE_MS, concurrency: CONCURRENCY, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) })
    const seconds = (performance.now() - started) / 1000
    const total = reports.reduce((n, r) => n + r.cases, 0)
    const lines = reports.map((r) => `${r.route.padEnd(52)} ${String(r.cases).padStart(5)}  ${JSON.stringify(r.statuses)}`)
    const perRoute = reports.map((r) => r.cases).sort((a, b) => a - b)
    const fivexx = reports.reduce((n, r) => n + Object.entries(r.statuses).filter(([status]) => Number(status) >= 500).reduce((m, [, k]) => m + k, 0), 0)
    console.info(
      `API fuzz: ${reports.length} routes, ${total} cases in ${seconds.toFixed(0)} s (${Math.round(total / seconds)}/s); cases per route min ${perRoute[0]} / median ${perRoute[Math.floor(perRoute.length / 2)]}; ` +
        `${fivexx} answers ≥ 500, ${reports.filter((r) => r.failure).length} routes failing\n  ${lines.join('\n  ')}`,
    )
    const failures = reports.filter((r) => r.failure).map((r) => `${r.route}: ${r.failure}`)
    expect(failures).toEqual([])
    expect(Math.min(...reports.map((r) => r.cases))).toBeGreaterThanOrEqual(Math.min(RUNS, 100))
  }, 1_200_000)
})
