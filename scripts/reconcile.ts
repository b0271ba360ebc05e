/**
 * Compares the Meilisearch indexes with PostgreSQL and repairs every difference: `npm run reconcile`.
 * Uses DATABASE_URL / MEILI_URL when set, like the app; otherwise starts the embedded servers on the
 * app's data folder (so the app must not be running on it at the same time) and stops them afterwards.
 */
import { loadConfig } from '../src/config.js'
import { createSql } from '../src/db/client.js'
import { migrate } from '../src/db/migrate.js'
import { startInfrastructure } from '../src/infrastructure.js'
import { createLogger } from '../src/lib/log.js'
import { createSearch } from '../src/search/client.js'
import { reconcile } from '../src/search/reconcile.js'

const config = loadConfig()
const log = createLogger(config.LOG_LEVEL)
const infrastructure = await startInfrastructure(config, log)
// Needs a second connection: the pass holds one for its advisory lock.
const sql = createSql(infrastructure.databaseUrl, { max: 4 })
const search = createSearch({ url: infrastructure.meiliUrl, ...(infrastructure.meiliKey ? { apiKey: infrastructure.meiliKey } : {}), indexPrefix: config.SEARCH_INDEX_PREFIX })
try {
  // A fresh embedded database has no schema yet; a configured one is migrated by the app.
  if (!config.DATABASE_URL) await migrate(sql)
  const result = await reconcile({ sql, search })
  if (!result) {
    console.log('Another reconcile is running against this database; nothing done.')
  } else {
    for (const index of [result.capacities, result.needs]) {
      console.log(
        `${index.index}: ${index.rows} rows, ${index.documents} documents; missing ${index.missing}, extra ${index.extra}, altered ${index.altered} → re-sent ${index.sent}, deleted ${index.deleted}`,
      )
    }
    console.log(`reconciled in ${(result.ms / 1000).toFixed(1)} s`)
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await search.close()
  await sql.end({ timeout: 5 })
  await infrastructure.stop()
}
