import { type UploadedFile, readImportFiles } from '../../domain/import/read.js'
import type { ServiceContext } from '../context.js'
import { assertMayImport } from './access.js'
import { type ImportReport, planImport } from './plan.js'

export interface ImportOptions {
  /** The clusters the organizations join; a curator of a single-cluster centre may leave it out. */
  clusterIds?: readonly string[] | undefined
}

/** A report with nothing planned: the files could not be read far enough to plan. */
export function unreadableReport(problems: ImportReport['problems'], rows: number): ImportReport {
  const none = { create: 0, update: 0 }
  return { ok: false, rows, problems, counts: { organizations: none, sites: none, capacities: none, certificates: none }, organizations: [], sites: [], clusterIds: [] }
}

/** The dry run: reads and validates every row, reports every problem and what would be created or updated; writes nothing. */
export async function checkImport(ctx: ServiceContext, files: readonly UploadedFile[], options: ImportOptions = {}): Promise<ImportReport> {
  await assertMayImport(ctx)
  const read = await readImportFiles(files)
  const rows = read.sheets.reduce((n, s) => n + s.rows.length, 0)
  if (read.problems.length) return unreadableReport(read.problems, rows)
  const { report } = await planImport(ctx.sql, ctx.actor, read.sheets, { clusterIds: options.clusterIds, now: ctx.now() })
  return report
}
