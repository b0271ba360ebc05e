import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { idSchema } from '../../../domain/common.js'
import { SHEET_KEYS, type SheetKey, sheetSpec } from '../../../domain/import/layout.js'
import { MAX_IMPORT_FILE_BYTES, type UploadedFile } from '../../../domain/import/read.js'
import { importTemplateCsv, importTemplateXlsx } from '../../../domain/import/write.js'
import { NotFoundError, ValidationError } from '../../../lib/errors.js'
import { requireSignedIn } from '../../../services/authorization.js'
import { assertMayImport } from '../../../services/imports/access.js'
import { checkImport } from '../../../services/imports/check.js'
import { getImportJob } from '../../../services/imports/get.js'
import { runImport } from '../../../services/imports/run.js'
import type { AppEnv } from '../../env.js'
import { accessProblems, createApiRouter, jsonResponse, problemResponses } from '../../openapi.js'

/** The multipart paths (API and page) that carry a workbook: app.ts gives them a larger body limit than JSON routes. */
export const IMPORT_UPLOAD_PATH = /^\/(api\/imports(\/dry-run)?|centre\/import)$/
/** Up to four CSV files (one per sheet) or one workbook, plus the multipart envelope. */
export const MAX_IMPORT_BODY_BYTES = 4 * MAX_IMPORT_FILE_BYTES + 64 * 1024

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The files (field `file`, repeated for CSV sheets) and the chosen clusters (field `clusterId`, repeated) of an upload form. */
export async function uploadedImport(c: Context): Promise<{ files: UploadedFile[]; clusterIds: string[] }> {
  const type = c.req.header('content-type') ?? ''
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new ValidationError('Send the files as multipart/form-data', [{ path: 'body.file', message: 'Отправьте файлы как multipart/form-data / Send the files as multipart/form-data' }])
  }
  const form = await c.req.formData().catch(() => undefined)
  if (!form) throw new ValidationError('Unreadable form', [{ path: 'body', message: 'Форма не читается / The form cannot be read' }])
  const files: UploadedFile[] = []
  for (const file of form.getAll('file')) {
    if (file instanceof File && file.size > 0) files.push({ name: file.name || 'import', bytes: new Uint8Array(await file.arrayBuffer()) })
  }
  if (files.length === 0) throw new ValidationError('No file', [{ path: 'body.file', message: 'Приложите книгу XLSX или файлы CSV / Attach an XLSX workbook or CSV files' }])
  if (files.length > SHEET_KEYS.length) {
    throw new ValidationError('Too many files', [{ path: 'body.file', message: 'Не больше четырёх файлов: по одному на лист / At most four files, one per sheet' }])
  }
  const clusterIds = form.getAll('clusterId').filter((v): v is string => typeof v === 'string' && v !== '')
  return { files, clusterIds }
}

const countsSchema = z.object({ create: z.number().int(), update: z.number().int() })
const problemItemSchema = z.object({ sheet: z.string(), row: z.number().int().nullable(), column: z.string().nullable(), message: z.string() }).openapi('ImportProblem')

export const importReportSchema = z
  .object({
    ok: z.boolean(),
    rows: z.number().int(),
    problems: z.array(problemItemSchema),
    counts: z.object({ organizations: countsSchema, sites: countsSchema, capacities: countsSchema, certificates: countsSchema }),
    organizations: z.array(z.object({ row: z.number().int().nullable(), inn: z.string(), name: z.string(), action: z.enum(['create', 'update']) })),
    sites: z.array(z.object({ row: z.number().int(), inn: z.string(), name: z.string(), city: z.string().nullable(), regionCode: z.string(), precision: z.enum(['exact', 'city', 'settlement', 'region']) })),
    clusterIds: z.array(z.string()),
  })
  .openapi('ImportReport')

const importResultSchema = z
  .object({ id: z.string(), rows: z.number().int(), counts: importReportSchema.shape.counts, ms: z.number() })
  .openapi('ImportResult')

const uploadBody = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: z.object({
        file: z.array(z.string().openapi({ format: 'binary' })).openapi({ description: 'One XLSX workbook, or one CSV file per sheet (up to four)' }),
        clusterId: z.array(z.string()).optional().openapi({ description: 'Clusters the organizations join; a curator of a single-cluster centre may leave it out' }),
      }),
    },
  },
} as const

const templateSheet = z.enum(SHEET_KEYS)
const importId = idSchema('imp')

/**
 * Bulk import (multipart, so plain handlers; the paths are registered in the OpenAPI document by hand): the Russian
 * template, the dry run, the import and its job.
 */
export const importsApi = createApiRouter()
importsApi.openAPIRegistry.registerPath({
  method: 'post',
  path: '/dry-run',
  tags: ['imports'],
  summary: 'Check a workbook: every problem by sheet, row and column, and what would be created or updated; writes nothing',
  request: { body: uploadBody },
  responses: { 200: jsonResponse(importReportSchema, 'The report (ok false when any row has a problem)'), ...problemResponses, ...accessProblems },
})
importsApi.openAPIRegistry.registerPath({
  method: 'post',
  path: '/',
  tags: ['imports'],
  summary: 'Import a workbook in one transaction; refused as a whole (400 with the report in `report`) if any row has a problem',
  request: { body: uploadBody },
  responses: { 201: jsonResponse(importResultSchema, 'Imported'), ...problemResponses, ...accessProblems },
})
importsApi.openAPIRegistry.registerPath({
  method: 'get',
  path: '/{id}',
  tags: ['imports'],
  summary: 'An import job started from the web page: status and progress',
  request: { params: z.object({ id: importId.openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: { 200: { description: 'The job' }, ...problemResponses, ...accessProblems },
})
importsApi.openAPIRegistry.registerPath({
  method: 'get',
  path: '/template.xlsx',
  tags: ['imports'],
  summary: 'The Russian template: four sheets with an example row each, and the reference sheet of accepted names',
  responses: { 200: { description: 'XLSX workbook', content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } } } },
})
importsApi.openAPIRegistry.registerPath({
  method: 'get',
  path: '/template/{sheet}.csv',
  tags: ['imports'],
  summary: 'One sheet of the template as CSV (UTF-8 with BOM, «;»)',
  request: { params: z.object({ sheet: templateSheet.openapi({ param: { name: 'sheet', in: 'path' } }) }) },
  responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, 404: problemResponses[404] },
})

export function templateXlsxResponse(c: Context): Promise<Response> {
  return importTemplateXlsx().then((bytes) =>
    c.body(new Uint8Array(bytes), 200, { 'content-type': XLSX_TYPE, 'content-disposition': `attachment; filename="podryad-import.xlsx"; filename*=UTF-8''${encodeURIComponent('Шаблон импорта.xlsx')}` }),
  )
}

export function templateCsvResponse(c: Context, sheet: SheetKey): Response {
  const name = `Шаблон импорта — ${sheetSpec(sheet).nameRu}.csv`
  return c.body(new Uint8Array(importTemplateCsv(sheet)), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${sheetSpec(sheet).csvName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  })
}

// The templates are for those who import, like the page that links them.
importsApi.get('/template.xlsx', async (c: Context<AppEnv>) => {
  await assertMayImport(c.var.ctx)
  return templateXlsxResponse(c)
})
importsApi.get('/template/:file', async (c: Context<AppEnv>) => {
  await assertMayImport(c.var.ctx)
  const file = c.req.param('file') ?? ''
  const sheet = templateSheet.safeParse(file.replace(/\.csv$/u, ''))
  if (!sheet.success || !file.endsWith('.csv')) throw new NotFoundError('Template', file)
  return templateCsvResponse(c, sheet.data)
})
// Who may import is settled before the upload is read: a refused caller learns that, not what is wrong with the body.
importsApi.post('/dry-run', async (c: Context<AppEnv>) => {
  await assertMayImport(c.var.ctx)
  const { files, clusterIds } = await uploadedImport(c)
  return c.json(await checkImport(c.var.ctx, files, { clusterIds }), 200)
})
importsApi.post('/', async (c: Context<AppEnv>) => {
  await assertMayImport(c.var.ctx)
  const { files, clusterIds } = await uploadedImport(c)
  return c.json(await runImport(c.var.ctx, files, { clusterIds }), 201)
})
importsApi.get('/:id', async (c: Context<AppEnv>) => {
  // The anonymous are asked to sign in whatever the id looks like.
  requireSignedIn(c.var.ctx.actor)
  const id = importId.safeParse(c.req.param('id'))
  if (!id.success) throw new ValidationError('Invalid import id', [{ path: 'params.id', message: id.error.issues[0]?.message ?? 'invalid' }])
  return c.json(await getImportJob(c.var.ctx, id.data), 200)
})
