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
