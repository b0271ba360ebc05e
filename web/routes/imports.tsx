import { Hono } from 'hono'
import { idSchema } from '../../src/domain/common.js'
import { NotFoundError } from '../../src/lib/errors.js'
import { uploadedImport } from '../../src/routes/api/imports/index.js'
import { listImportClusters } from '../../src/services/imports/clusters.js'
import { getImportJob } from '../../src/services/imports/get.js'
import { stageImport } from '../../src/services/imports/stage.js'
import { startImportJob } from '../../src/services/imports/start.js'
import type { WebEnv } from '../env.js'
import { ImportJobPage, ImportStartPage, JobProgress } from '../pages/imports.js'
import { renderPage, renderPartial } from '../render.js'

function jobId(raw: string): string {
  const id = idSchema('imp').safeParse(raw)
  if (!id.success) throw new NotFoundError('Import', raw)
  return id.data
}

/**
 * «Импорт предприятий»: upload → dry-run report (the upload is kept as a checked job) → import button, which
 * re-validates the kept files and runs the import in the background → the job page, polled by htmx for progress.
 */
export const importRoutes = new Hono<WebEnv>()
  .get('/centre/import', async (c) => {
    const clusters = await listImportClusters(c.var.ctx)
    return renderPage(c, { title: c.var.i18n.t('imports.title'), nav: 'centre' }, <ImportStartPage clusters={clusters} />)
  })
  .post('/centre/import', async (c) => {
    // Listing the clusters checks who may import before the upload is read.
    const clusters = await listImportClusters(c.var.ctx)
    const { files, clusterIds } = await uploadedImport(c)
    const job = await stageImport(c.var.ctx, files, { clusterIds })
    const status = job.report.ok ? 200 : 422
    return renderPage(c, { title: c.var.i18n.t('imports.title'), nav: 'centre', status, returnTo: `/centre/import/${job.id}` }, <ImportJobPage job={job} clusters={clusters} />)
  })
  .post('/centre/import/:id/run', async (c) => {
    const id = jobId(c.req.param('id'))
    await startImportJob(c.var.ctx, id)
    return c.redirect(`/centre/import/${id}`, 303)
  })
  .get('/centre/import/:id', async (c) => {
    const job = await getImportJob(c.var.ctx, jobId(c.req.param('id')))
    const clusters = await listImportClusters(c.var.ctx)
    return renderPage(c, { title: c.var.i18n.t('imports.title'), nav: 'centre' }, <ImportJobPage job={job} clusters={clusters} />)
  })
  .get('/centre/import/:id/progress', async (c) => {
    const job = await getImportJob(c.var.ctx, jobId(c.req.param('id')))
    return renderPartial(c, <JobProgress job={job} />)
  })
