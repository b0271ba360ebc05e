/**
 * `npm run import -- register.xlsx` (or one CSV file per sheet): checks the files and, when no row has a problem,
 * imports them in one transaction, as the «Импорт предприятий» page does. `--dry-run` only checks. `--cluster <id>`
 * (repeatable) files the organizations into clusters. Runs as the system against DATABASE_URL or the embedded data
 * folder (the app must not be running on the embedded folder at the same time); the search-outbox rows it writes are
 * indexed by the worker of a running server or at the next start.
 * Exit codes: 0 imported (or, with --dry-run, no problems); 1 the files have problems (the report is printed) or the
 * import failed; 2 wrong usage.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config.js'
import { createSql } from '../src/db/client.js'
import { migrate } from '../src/db/migrate.js'
import { SHEET_KEYS } from '../src/domain/import/layout.js'
import type { UploadedFile } from '../src/domain/import/read.js'
import { startInfrastructure } from '../src/infrastructure.js'
import { ServiceError } from '../src/lib/errors.js'
import { createLogger } from '../src/lib/log.js'
import type { ServiceContext } from '../src/services/context.js'
import { checkImport } from '../src/services/imports/check.js'
import type { ImportReport } from '../src/services/imports/plan.js'
import { ImportRefusedError, runImport } from '../src/services/imports/run.js'
import { UsageError, runCli } from './lib/cli.js'

const USAGE = `Usage: npm run import -- [--dry-run] [--cluster <clu_…>]… <register.xlsx | sheet.csv…>
  Checks the files and imports them when no row has a problem (everything or nothing).
  --dry-run          only check and print the report; write nothing
  --cluster <id>     a cluster the organizations join (repeat for several)
Exit codes: 0 done, 1 the files have problems or the import failed, 2 wrong usage.
`

function printReport(report: ImportReport): void {
  const sheets = { organizations: 'Организации', sites: 'Площадки', capacities: 'Мощности', certificates: 'Сертификаты' } as const
  console.log(`Строк / rows: ${report.rows}`)
  for (const key of SHEET_KEYS) {
    const c = report.counts[key]
    console.log(`  ${sheets[key].padEnd(12)} создать / create ${String(c.create).padStart(5)}   обновить / update ${String(c.update).padStart(5)}`)
  }
  const precisions = ['exact', 'city', 'settlement', 'region'] as const
  if (report.sites.length) {
    console.log(`Точность площадок / site precision: ${precisions.map((p) => `${p} ${report.sites.filter((s) => s.precision === p).length}`).join(', ')}`)
  }
  if (report.problems.length) {
    console.log(`\nПроблемы / problems: ${report.problems.length}`)
    for (const p of report.problems) {
      const where = [p.sheet, p.row === null ? null : `строка ${p.row}`, p.column === null ? null : `«${p.column}»`].filter(Boolean).join(', ')
      console.log(`  ${where}: ${p.message}`)
    }
  }
}

function parseArguments(argv: readonly string[]): { dryRun: boolean; clusterIds: string[]; paths: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, cluster: { type: 'string', multiple: true } },
    })
    return { dryRun: values['dry-run'] ?? false, clusterIds: values.cluster ?? [], paths: positionals }
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

async function main(): Promise<void> {
  const { dryRun, clusterIds, paths } = parseArguments(process.argv.slice(2))
  if (paths.length === 0) throw new UsageError('Name the workbook (.xlsx) or the CSV files to import')
  if (paths.length > SHEET_KEYS.length) throw new UsageError('At most four files: one workbook, or one CSV per sheet')
  const files: UploadedFile[] = []
  for (const path of paths) {
    try {
      files.push({ name: basename(path), bytes: new Uint8Array(await readFile(path)) })
    } catch (error) {
      throw new UsageError(`Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const config = loadConfig()
  const log = createLogger(config.LOG_LEVEL)
  const infrastructure = await startInfrastructure(config, log, { search: false })
  const sql = createSql(infrastructure.databaseUrl, { max: 2 })
  try {
    await migrate(sql)
    const ctx: ServiceContext = { sql, actor: { kind: 'system' }, now: () => new Date() }
    const report = await checkImport(ctx, files, { clusterIds })
    printReport(report)
    if (!report.ok) {
      console.log('\nНичего не записано / Nothing written')
      process.exitCode = 1
      return
    }
    if (dryRun) {
      console.log('\nПроблем нет: файл можно импортировать / No problems: the file can be imported')
      return
    }
    // The import validates again inside its transaction: the database may have changed since the check.
    const result = await runImport(ctx, files, { clusterIds })
    console.log(`\nИмпортировано за ${(result.ms / 1000).toFixed(1)} с (${result.id}) / Imported in ${(result.ms / 1000).toFixed(1)} s`)
  } catch (error) {
    if (error instanceof ImportRefusedError) {
      printReport(error.report)
      console.log('\nНичего не записано / Nothing written')
      process.exitCode = 1
      return
    }
    if (!(error instanceof ServiceError)) throw error
    console.error(error.message)
    process.exitCode = 1
  } finally {
    await sql.end({ timeout: 5 })
    await infrastructure.stop()
  }
}

await runCli(USAGE, main)
