import { defineConfig } from 'vitest/config'

/**
 * `npm run test:faults`: the slow reliability battery (crashes, outages, fuzzing, model runs). Files run
 * one after the other: several of them measure latencies and recovery times, which a CPU-bound
 * neighbour on a 2-core machine would distort. Files that need only a database and a Meilisearch use
 * the same global setup as `npm test`; those that kill servers start their own.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
})
