import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkOutboxModel } from './outbox-model.js'
import { cloneSharedDatabase, type SharedSearchDeps } from './shared-servers.js'

/** The quick version of the outbox model test; `npm run test:faults` runs it 200+ times (test/faults/outbox.model.test.ts). */

let deps: SharedSearchDeps

beforeAll(async () => {
  deps = await cloneSharedDatabase()
})

afterAll(async () => {
  await deps?.close()
})

describe('search outbox model', () => {
  it('the index equals the projection of PostgreSQL after any sequence of writes and worker crashes (20 runs)', async () => {
    const started = performance.now()
    const report = await checkOutboxModel(deps, 20)
    expect(report.runs).toBe(20)
    console.info(`outbox model: ${report.runs} runs, ${report.commands} commands in ${((performance.now() - started) / 1000).toFixed(1)} s`, report.stats)
  }, 120_000)
})
