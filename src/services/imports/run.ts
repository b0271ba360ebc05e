import { isUniqueViolation } from '../../db/errors.js'
import { type UploadedFile, readImportFiles } from '../../domain/import/read.js'
import { ConflictError, ValidationError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { audit } from '../audit.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { assertMayImport } from './access.js'
import { type ImportOptions, unreadableReport } from './check.js'
import { type ImportCounts, type ImportReport, planImport } from './plan.js'
import { type ProgressReporter, writeImportPlan } from './write.js'

export interface ImportResult {
  id: string
  rows: number
  counts: ImportReport['counts']
  ms: number
}

/** Refusal of a file with problems: a 400 whose `report` extension lists them all. */
export class ImportRefusedError extends ValidationError {
  constructor(readonly report: ImportReport) {
    super(
      `Файл не импортирован: проблем — ${report.problems.length}; исправьте их и загрузите снова / Nothing was imported: the file has ${report.problems.length} problem(s) to fix`,
      report.problems.slice(0, 100).map((p) => ({ path: [p.sheet, p.row ?? '', p.column ?? ''].join('.'), message: p.message })),
      { report },
    )
  }
}

/** One lock for all imports: two curators importing the same ИНН at once are serialised, not half-applied. */
const IMPORT_LOCK = 0x1a9_0008

function sum(counts: ImportReport['counts']): number {
  return Object.values(counts).reduce((n, c: ImportCounts) => n + c.create + c.update, 0)
}

/**
 * The import: re-reads and re-validates the files inside one transaction (the database may have changed since the
 * dry run) and writes everything or, if any row has a problem, nothing. The search outbox rows and the audit entry
 * commit with the data.
 */
export async function runImport(
  ctx: ServiceContext,
  files: readonly UploadedFile[],
  options: ImportOptions & { id?: string; progress?: ProgressReporter } = {},
): Promise<ImportResult> {
  await assertMayImport(ctx)
  const started = performance.now()
  const read = await readImportFiles(files)
  const rows = read.sheets.reduce((n, s) => n + s.rows.length, 0)
  if (read.problems.length) throw new ImportRefusedError(unreadableReport(read.problems, rows))
  const id = options.id ?? newId('imp', ctx.now().getTime())
  try {
    const counts = await withTransaction(ctx, async (tx) => {
      await tx`select pg_advisory_xact_lock(${IMPORT_LOCK})`
      const { plan, report } = await planImport(tx, ctx.actor, read.sheets, { clusterIds: options.clusterIds, now: ctx.now() })
      if (!report.ok) throw new ImportRefusedError(report)
      await writeImportPlan(tx, plan, options.progress ?? (async () => {}))
      await audit(tx, ctx.actor, {
        action: 'import.run',
        entity: 'import',
        entityId: id,
        details: { files: files.map((f) => f.name), rows, counts: report.counts, clusterIds: plan.clusterIds, records: sum(report.counts) },
      })
      return report.counts
    })
    return { id, rows, counts, ms: Math.round(performance.now() - started) }
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError('Пока шёл импорт, другая организация заняла ИНН или ОГРН из файла: повторите / While importing, another organization took an INN or OGRN of the file: try again')
    }
    throw error
  }
}
