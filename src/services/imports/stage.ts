import type { UploadedFile } from '../../domain/import/read.js'
import { newId } from '../../lib/ids.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { type ImportOptions, checkImport } from './check.js'
import { type ImportJob, selectImportJob } from './jobs.js'

/** Uploads kept for the import button; older dry runs nobody imported are dropped as new ones arrive. */
const KEEP_CHECKED_DAYS = 2

/**
 * The web's dry run: checks the files as checkImport does and keeps them with the report as an import job, so the
 * import button refers to exactly the file the curator has seen. Writes no business data.
 */
export async function stageImport(ctx: ServiceContext, files: readonly UploadedFile[], options: ImportOptions = {}): Promise<ImportJob> {
  const report = await checkImport(ctx, files, options)
  const id = newId('imp', ctx.now().getTime())
  const createdBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null
  await withTransaction(ctx, async (tx) => {
    await tx`delete from import_jobs where status = 'checked' and created_at < now() - make_interval(days => ${KEEP_CHECKED_DAYS})`
    await tx`
      insert into import_jobs (id, created_by, file_names, cluster_ids, status, report, rows_total)
      values (${id}, ${createdBy}, ${tx.array(files.map((f) => f.name))}, ${tx.array(report.clusterIds)}, 'checked', ${tx.json(report as never)}, ${report.rows})`
    for (const [position, file] of files.entries()) {
      await tx`insert into import_job_files (job_id, position, name, content) values (${id}, ${position}, ${file.name}, ${Buffer.from(file.bytes)})`
    }
  })
  const job = await selectImportJob(ctx.sql, id)
  if (!job) throw new Error(`import job ${id} vanished after its insert`)
  return job
}
