import type { UploadedFile } from '../../domain/import/read.js'
import { ConflictError, ServiceError } from '../../lib/errors.js'
import type { ServiceContext } from '../context.js'
import { getImportJob } from './get.js'
import type { ImportJob } from './jobs.js'
import { ImportRefusedError, runImport } from './run.js'

/** Progress is written at most this often: a 2 000-row import would otherwise write its job row thousands of times. */
const PROGRESS_INTERVAL_MS = 200

/**
 * Starts the import of a checked job in the background and returns at once; the page polls the job row. The import
 * re-validates the stored files in its own transaction; progress is written by separate statements outside it, so
 * other requests see it move. `finished` settles when the job row holds the outcome.
 */
export async function startImportJob(ctx: ServiceContext, id: string): Promise<{ job: ImportJob; finished: Promise<void> }> {
  const job = await getImportJob(ctx, id)
  if (!job.report.ok) throw new ConflictError('В файле есть проблемы: исправьте их и загрузите файл снова / The file has problems: fix them and upload it again')
  const [claimed] = await ctx.sql`
    update import_jobs set status = 'running', rows_done = 0, error = null, updated_at = now()
    where id = ${id} and status in ('checked', 'failed') returning id`
  if (!claimed) throw new ConflictError('Этот импорт уже запущен или выполнен / This import is already running or done')
  const files = await ctx.sql<{ name: string; content: Buffer }[]>`select name, content from import_job_files where job_id = ${id} order by position`
  const uploads: UploadedFile[] = files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.content) }))
  let lastWrite = 0
  const progress = async (done: number, total: number) => {
    const now = Date.now()
    if (done < total && now - lastWrite < PROGRESS_INTERVAL_MS) return
    lastWrite = now
    await ctx.sql`update import_jobs set rows_done = ${done}, rows_total = ${total}, updated_at = now() where id = ${id}`
  }
  const finished = runImport(ctx, uploads, { id, clusterIds: job.clusterIds, progress }).then(
    async (result) => {
      await ctx.sql`
        update import_jobs set status = 'done', result = ${ctx.sql.json(result as never)}, rows_done = rows_total, updated_at = now(), finished_at = now()
        where id = ${id}`
      await ctx.sql`delete from import_job_files where job_id = ${id}`
    },
    async (error: unknown) => {
      const report = error instanceof ImportRefusedError ? error.report : null
      const message = error instanceof ServiceError ? error.message : 'Внутренняя ошибка: ничего не записано / Internal error: nothing was written'
      await ctx.sql`
        update import_jobs set status = 'failed', error = ${message}, report = coalesce(${report ? ctx.sql.json(report as never) : null}, report),
               updated_at = now(), finished_at = now()
        where id = ${id}`
    },
  )
  return { job: { ...job, status: 'running', rowsDone: 0 }, finished }
}
