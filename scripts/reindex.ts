/**
 * Rebuilds the Meilisearch indexes from PostgreSQL: `npm run reindex`.
 * Uses DATABASE_URL / MEILI_URL when set, like the app; otherwise starts the embedded servers on the
 * app's data folder (so the app must not be running on it at the same time) and stops them afterwards.
 */
import { join } from 'node:path'
import { loadConfig } from '../src/config.js'
import { createSql } from '../src/db/client.js'
import { migrate } from '../src/db/migrate.js'
import { startEmbeddedMeilisearch } from '../src/embedded/meilisearch.js'
import { startEmbeddedPostgres } from '../src/embedded/postgres.js'
import { createSearch } from '../src/search/client.js'
import { reindex } from '../src/search/reindex.js'
import { ensureIndexes } from '../src/search/settings.js'

async function main(): Promise<void> {
  const config = loadConfig()
  const started: { stop(): Promise<void> }[] = []
  try {
    let databaseUrl = config.DATABASE_URL
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dir: join(config.DATA_DIR, 'postgres'), database: 'podryad' })
      started.push(pg)
      databaseUrl = pg.url
    }
    let meiliUrl = config.MEILI_URL
    let meiliKey = config.MEILI_MASTER_KEY
    if (!meiliUrl) {
      const meili = await startEmbeddedMeilisearch({
        dir: join(config.DATA_DIR, 'meilisearch'),
        ...(config.MEILI_BIN ? { binary: config.MEILI_BIN } : {}),
      })
      started.push(meili)
      meiliUrl = meili.url
      meiliKey = meili.masterKey
    }

    // Needs a second connection: the rebuild holds one for its advisory lock.
    const sql = createSql(databaseUrl, { max: 4 })
    const search = createSearch({ url: meiliUrl, ...(meiliKey ? { apiKey: meiliKey } : {}), indexPrefix: config.SEARCH_INDEX_PREFIX })
    try {
      // A fresh embedded database has no schema yet; a configured one is migrated by the app.
      if (!config.DATABASE_URL) await migrate(sql)
      await ensureIndexes(search)
      const result = await reindex({ sql, search })
      for (const index of [result.capacities, result.needs]) {
        console.log(`${index.index}: ${index.documents} documents, ${index.replayed} changes replayed`)
      }
      console.log(`reindexed in ${(result.ms / 1000).toFixed(1)} s`)
    } finally {
      await search.close()
      await sql.end({ timeout: 5 })
    }
  } finally {
    for (const server of started.reverse()) await server.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
