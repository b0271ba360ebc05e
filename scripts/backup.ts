/**
 * `npm run backup [-- --out <file>]`: one consistent snapshot of the product database in a gzip file
 * (src/db/backup.ts says what is in it and why it is not pg_dump). Uses DATABASE_URL when set, so it
 * can run next to the live app; otherwise starts the embedded PostgreSQL under DATA_DIR, which the app
 * must not be running on at the same time. Default file: DATA_DIR/backups/podryad-<UTC time>.backup.gz.
 */
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { loadConfig } from '../src/config.js'
import { writeBackup } from '../src/db/backup.js'
import { createSql } from '../src/db/client.js'
import { startInfrastructure } from '../src/infrastructure.js'
import { createLogger } from '../src/lib/log.js'
import { parseOptions, runCli } from './lib/cli.js'

const USAGE = 'Usage: npm run backup [-- --out <file>]\n'

await runCli(USAGE, async () => {
  const { values } = parseOptions(process.argv.slice(2), { out: { type: 'string' } })
  const config = loadConfig()
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, 'Z')
  const file = values.out ?? join(config.DATA_DIR, 'backups', `podryad-${stamp}.backup.gz`)
  await mkdir(dirname(file), { recursive: true })
  const infrastructure = await startInfrastructure(config, createLogger(config.LOG_LEVEL), { search: false })
  const sql = createSql(infrastructure.databaseUrl, { max: 2 })
  try {
    const result = await writeBackup(sql, file)
    const rows = result.manifest.tables.reduce((sum, table) => sum + table.rows, 0)
    const migration = result.manifest.migrations.at(-1)?.name ?? 'none'
    console.log(
      `backup: ${file} — ${result.manifest.tables.length} tables, ${rows} rows, schema at ${migration}, ` +
        `${(result.bytes / 1024).toFixed(1)} KiB in ${(result.ms / 1000).toFixed(2)} s (PostgreSQL ${result.manifest.serverVersion})`,
    )
  } finally {
    await sql.end({ timeout: 5 })
    await infrastructure.stop()
  }
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
