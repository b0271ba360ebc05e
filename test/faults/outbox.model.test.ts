import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkOutboxModel } from '../search/outbox-model.js'
import { cloneSharedDatabase, type SharedSearchDeps } from '../search/shared-servers.js'

/**
 * The outbox model test at length: OUTBOX_RUNS runs (default 200) of generated write sequences with
 * worker crashes before send, half-sent batches, crashes between send and mark (a throwing hook, a
 * killed connection), duplicate sends, replays and concurrent workers; the index must equal the
 * projection of PostgreSQL after every run. Commands: test/search/outbox-model.ts.
 */

const RUNS = Number(process.env.OUTBOX_RUNS ?? 200)

let deps: SharedSearchDeps

beforeAll(async () => {
  deps = await cloneSharedDatabase()
})

afterAll(async () => {
  await deps?.close()
})

describe('search outbox model', () => {
  it(`the index equals the projection of PostgreSQL after any sequence of writes and worker crashes (${RUNS} runs)`, async () => {
    const started = performance.now()
    const report = await checkOutboxModel(deps, RUNS, { size: 'medium', ...(process.env.OUTBOX_SEED ? { seed: Number(process.env.OUTBOX_SEED) } : {}) })
    expect(report.runs).toBe(RUNS)
    const faults = Object.entries(report.stats)
      .filter(([key]) => !key.endsWith(':processed'))
      .map(([key, n]) => `${key} ${n}`)
      .join(', ')
    console.info(`outbox model: ${report.runs} runs, ${report.commands} commands in ${((performance.now() - started) / 1000).toFixed(0)} s; workers: ${faults}; 0 divergent runs`)
  })
})
