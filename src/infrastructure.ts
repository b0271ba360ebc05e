import { join, resolve } from 'node:path'
import type { Config } from './config.js'
import { startEmbeddedMeilisearch } from './embedded/meilisearch.js'
import { startEmbeddedPostgres } from './embedded/postgres.js'
import type { Logger } from './lib/log.js'

export interface Infrastructure {
  databaseUrl: string
  meiliUrl: string
  meiliKey: string | undefined
  /** What was started here, for the start-up banner: empty when both servers are external. */
  embedded: string[]
  /** Stops the servers this process started (none when both URLs were configured). */
  stop(): Promise<void>
}

/**
 * Uses the configured PostgreSQL and Meilisearch, or starts embedded ones with their data under
 * DATA_DIR (`search: false` for tools that need only the database). Both start in parallel; if one fails, the other is stopped again before the error surfaces.
 */
export async function startInfrastructure(config: Config, log: Logger, options: { search?: boolean } = {}): Promise<Infrastructure> {
  const dataDir = resolve(config.DATA_DIR)
  const [postgres, meili] = await Promise.allSettled([
    config.DATABASE_URL
      ? undefined
      : startEmbeddedPostgres({ dir: join(dataDir, 'postgres'), database: 'podryad', log: (line) => log.debug(line, { source: 'postgres' }) }),
    config.MEILI_URL || options.search === false
      ? undefined
      : startEmbeddedMeilisearch({ dir: join(dataDir, 'meilisearch'), ...(config.MEILI_BIN ? { binary: config.MEILI_BIN } : {}), log: (line) => log.debug(line, { source: 'meilisearch' }) }),
  ])
  const started = [postgres, meili].flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []))
  const failure = [postgres, meili].find((r) => r.status === 'rejected')
  if (failure?.status === 'rejected') {
    await Promise.all(started.map((s) => s.stop()))
    throw failure.reason
  }
  const pg = postgres.status === 'fulfilled' ? postgres.value : undefined
  const ms = meili.status === 'fulfilled' ? meili.value : undefined
  return {
    databaseUrl: config.DATABASE_URL ?? pg?.url ?? '',
    meiliUrl: config.MEILI_URL ?? ms?.url ?? '',
    meiliKey: config.MEILI_MASTER_KEY ?? ms?.masterKey,
    embedded: [pg ? `PostgreSQL on ${pg.port}` : '', ms ? `Meilisearch on ${ms.port}` : ''].filter(Boolean),
    // Meilisearch first: it may still be applying a task that the worker is waiting for; PostgreSQL last.
    stop: async () => {
      await ms?.stop()
      await pg?.stop()
    },
  }
}
