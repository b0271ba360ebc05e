import { loadConfig } from '../src/config.js'
import { createSql } from '../src/db/client.js'
import { migrate } from '../src/db/migrate.js'
import { startInfrastructure } from '../src/infrastructure.js'
import { createLogger } from '../src/lib/log.js'

/** `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database under DATA_DIR. */
const config = loadConfig()
const log = createLogger(config.LOG_LEVEL)
const infrastructure = await startInfrastructure(config, log, { search: false })
const sql = createSql(infrastructure.databaseUrl, { max: 1 })
try {
  const applied = await migrate(sql)
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply: the schema is up to date.')
} finally {
  await sql.end()
  await infrastructure.stop()
}
