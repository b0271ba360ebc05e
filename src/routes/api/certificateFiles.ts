import { Hono } from 'hono'
import { idSchema } from '../../domain/common.js'
import { ValidationError } from '../../lib/errors.js'
import { attachCertificateFile } from '../../services/certificates/attachFile.js'
import { getCertificateFile } from '../../services/certificates/getFile.js'
import type { AppEnv } from '../env.js'

/** Matches the upload paths (API and page), so app.ts can give them a larger body limit than JSON routes. */
export const CERTIFICATE_FILE_PATH = /^(\/api\/certificates\/[^/]+|\/organizations\/[^/]+\/certificates\/[^/]+)\/file$/

const certificateId = idSchema('cert')

function parseId(raw: string): string {
  const parsed = certificateId.safeParse(raw)
  if (!parsed.success) throw new ValidationError('Invalid certificate id', [{ path: 'params.id', message: parsed.error.issues[0]?.message ?? 'invalid' }])
  return parsed.data
}

/**
 * The certificate scan: `POST /api/certificates/{id}/file` (multipart/form-data, field `file`: PDF, PNG or
 * JPEG up to 5 MB, type sniffed from the content) and `GET` it back as an attachment. Plain routes rather
 * than OpenAPI ones: the body is a file, not JSON.
 */
export const certificateFilesApi = new Hono<AppEnv>()
  .post('/api/certificates/:id/file', async (c) => {
    const id = parseId(c.req.param('id'))
    const type = c.req.header('content-type') ?? ''
    if (!type.toLowerCase().startsWith('multipart/form-data')) {
      throw new ValidationError('Send the file as multipart/form-data', [{ path: 'body.file', message: 'Отправьте файл как multipart/form-data / Send the file as multipart/form-data' }])
    }
    const form = await c.req.formData().catch(() => undefined)
    const file = form?.get('file')
    if (!(file instanceof File)) throw new ValidationError('No file', [{ path: 'body.file', message: 'Приложите файл / Attach a file' }])
    await attachCertificateFile(c.var.ctx, id, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })
    return c.body(null, 204)
  })
  .get('/api/certificates/:id/file', async (c) => {
    const file = await getCertificateFile(c.var.ctx, parseId(c.req.param('id')))
    return c.body(new Uint8Array(file.content), 200, {
      'content-type': file.contentType,
      // Always a download, never rendered in our origin; the name travels RFC 5987-encoded.
      'content-disposition': `attachment; filename="certificate"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    })
  })
