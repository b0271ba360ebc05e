/**
 * `npm run restore -- <file> [--force]`: loads a backup made by `npm run backup` into an empty
 * database (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR with the app stopped). Refuses a
 * database that holds data unless --force, which empties it first (same schema version only). Then
 * run `npm run reindex` to rebuild the search index from the restored rows, and start the app.
 */
import { loadConfig } from '../src/config.js'
import { restoreBackup } from '../src/db/backup.js'
import { createSql } from '../src/db/client.js'
import { startInfrastructure } from '../src/infrastructure.js'
import { createLogger } from '../src/lib/log.js'
import { parseArgs } from 'node:util'
import { runCli, UsageError } from './lib/cli.js'

const USAGE = 'Usage: npm run restore -- <backup file> [--force]\n'

await runCli(USAGE, async () => {
  let parsed
  try {
    parsed = parseArgs({ args: process.argv.slice(2), strict: true, allowPositionals: true, options: { force: { type: 'boolean' } } })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const [file, ...extra] = parsed.positionals
  if (!file || extra.length > 0) throw new UsageError('Give exactly one backup file')
  const config = loadConfig()
  const infrastructure = await startInfrastructure(config, createLogger(config.LOG_LEVEL), { search: false })
  const sql = createSql(infrastructure.databaseUrl, { max: 2 })
  try {
    const result = await restoreBackup(sql, file, { force: parsed.values.force === true })
    console.log(
      `restore: ${result.rows} rows in ${result.tables} tables from ${file} (made ${result.manifest.createdAt}, schema at ${result.manifest.migrations.at(-1)?.name ?? 'none'}) ` +
        `in ${(result.ms / 1000).toFixed(2)} s; row counts match the backup. Next: npm run reindex`,
    )
  } finally {
    await sql.end({ timeout: 5 })
    await infrastructure.stop()
  }
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
