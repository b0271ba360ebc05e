import { NotFoundError } from '../../lib/errors.js'
import { assertOrganizationAccess } from '../authorization.js'
import type { ServiceContext } from '../context.js'

export interface CertificateFile {
  name: string
  contentType: string
  content: Buffer
}

/**
 * The scan of a certificate, for the organization's people, curators in scope and platform admins: a
 * scan carries signatures and stamps, so it is not part of the public supplier profile.
 */
export async function getCertificateFile(ctx: ServiceContext, certificateId: string): Promise<CertificateFile> {
  const notFound = new NotFoundError('Certificate file', certificateId)
  const [certificate] = await ctx.sql<{ orgId: string }[]>`select org_id from certificates where id = ${certificateId}`
  if (!certificate) throw notFound
  await assertOrganizationAccess(ctx, certificate.orgId, 'member', { notFound })
  const [file] = await ctx.sql<{ fileName: string; contentType: string; content: Buffer }[]>`
    select file_name, content_type, content from certificate_files where certificate_id = ${certificateId}`
  if (!file) throw notFound
  return { name: file.fileName, contentType: file.contentType, content: file.content }
}

export interface CertificateFileInfo {
  name: string
  sizeBytes: number
  uploadedAt: string
}

/** Whether a scan is attached, and which, for those who may download it; null otherwise. */
export async function getCertificateFileInfo(ctx: ServiceContext, certificateId: string): Promise<CertificateFileInfo | null> {
  const [row] = await ctx.sql<{ orgId: string; fileName: string; sizeBytes: number; uploadedAt: Date }[]>`
    select c.org_id, f.file_name, f.size_bytes, f.uploaded_at
    from certificate_files f join certificates c on c.id = f.certificate_id where f.certificate_id = ${certificateId}`
  if (!row) return null
  await assertOrganizationAccess(ctx, row.orgId, 'member', { notFound: new NotFoundError('Certificate file', certificateId) })
  return { name: row.fileName, sizeBytes: row.sizeBytes, uploadedAt: row.uploadedAt.toISOString() }
}
