import type { Certificate } from '../../domain/certificate.js'
import { NotFoundError } from '../../lib/errors.js'
import { hasOrganizationAccess, requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { selectCertificate, withoutRejectionReason } from './row.js'

/** Public inside the platform, as the rest of a supplier's profile, except the reason of a rejection. */
export async function getCertificate(ctx: ServiceContext, id: string): Promise<Certificate> {
  requireSignedIn(ctx.actor)
  const certificate = await selectCertificate(ctx.sql, id)
  if (!certificate) throw new NotFoundError('Certificate', id)
  return (await hasOrganizationAccess(ctx.sql, ctx.actor, certificate.orgId, 'member')) ? certificate : withoutRejectionReason(certificate)
}
