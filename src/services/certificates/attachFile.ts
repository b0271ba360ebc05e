import { MAX_CERTIFICATE_FILE_BYTES, sniffCertificateFileType } from '../../domain/certificateFile.js'
import { NotFoundError, ServiceError, ValidationError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'

export interface UploadedFile {
  name: string
  bytes: Uint8Array
}

export class UnsupportedFileError extends ServiceError {
  constructor() {
    super('UNSUPPORTED_MEDIA_TYPE', 415, 'Приложите PDF, PNG или JPEG / Attach a PDF, PNG or JPEG file', [
      { path: 'body.file', message: 'Приложите PDF, PNG или JPEG / Attach a PDF, PNG or JPEG file' },
    ])
  }
}

/** Keeps a file name printable and short; the stored name is only ever sent back quoted in a header. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const printable = base.replace(/[\p{C}"]/gu, '').trim().slice(0, 200)
  return printable || 'certificate'
}

/**
 * Attaches (or replaces) the scan of a certificate, for those who keep the organization. The type is
 * sniffed from the content; the certificate goes back to unverified, since a centre checked the old scan.
 */
export async function attachCertificateFile(ctx: ServiceContext, certificateId: string, file: UploadedFile): Promise<void> {
  if (file.bytes.byteLength === 0) throw new ValidationError('Empty file', [{ path: 'body.file', message: 'Файл пуст / The file is empty' }])
  if (file.bytes.byteLength > MAX_CERTIFICATE_FILE_BYTES) {
    throw new ServiceError('PAYLOAD_TOO_LARGE', 413, `Файл больше ${MAX_CERTIFICATE_FILE_BYTES / 1024 / 1024} МБ / The file exceeds ${MAX_CERTIFICATE_FILE_BYTES / 1024 / 1024} MB`)
  }
  const type = sniffCertificateFileType(file.bytes)
  await withTransaction(ctx, async (tx) => {
    const [certificate] = await tx<{ orgId: string }[]>`select org_id from certificates where id = ${certificateId} for update`
    if (!certificate) throw new NotFoundError('Certificate', certificateId)
    await assertOrganizationAccess({ sql: tx, actor: ctx.actor }, certificate.orgId, 'member', { notFound: new NotFoundError('Certificate', certificateId) })
    if (!type) throw new UnsupportedFileError()
    const uploadedBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null
    await tx`
      insert into certificate_files (certificate_id, file_name, content_type, size_bytes, content, uploaded_by)
      values (${certificateId}, ${cleanFileName(file.name)}, ${type}, ${file.bytes.byteLength}, ${Buffer.from(file.bytes)}, ${uploadedBy})
      on conflict (certificate_id) do update set file_name = excluded.file_name, content_type = excluded.content_type,
        size_bytes = excluded.size_bytes, content = excluded.content, uploaded_by = excluded.uploaded_by, uploaded_at = now()`
    await tx`update certificates set status = 'unverified', status_reason = null, updated_at = now() where id = ${certificateId} and status <> 'unverified'`
    await audit(tx, ctx.actor, { action: 'certificate.attach_file', entity: 'certificate', entityId: certificateId, details: { type, bytes: file.bytes.byteLength } })
  })
}
