import { NotFoundError } from '../../lib/errors.js'
import { isPlatformAdmin, requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { type ImportJob, STALE_JOB_MS, selectImportJob } from './jobs.js'

/**
 * An import job, for the person who started it and platform admins; to anybody else it does not exist. A running
 * job whose server stopped is shown as failed: its transaction was rolled back with the server.
 */
export async function getImportJob(ctx: ServiceContext, id: string): Promise<ImportJob> {
  const actor = requireSignedIn(ctx.actor)
  const job = await selectImportJob(ctx.sql, id)
  const own = job && (isPlatformAdmin(actor) || (actor.kind === 'user' && job.createdBy === actor.userId))
  if (!job || !own) throw new NotFoundError('Import', id)
  if (job.status === 'running' && ctx.now().getTime() - Date.parse(job.updatedAt) > STALE_JOB_MS) {
    return { ...job, status: 'failed', error: 'Импорт прерван остановкой сервера; ничего не записано / The import was interrupted by a server stop; nothing was written' }
  }
  return job
}
