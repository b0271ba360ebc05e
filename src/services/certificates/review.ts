import type { Certificate } from '../../domain/certificate.js'
import { ConflictError, NotFoundError } from '../../lib/errors.js'
import { enqueueOrganizationCapacities } from '../../search/outbox.js'
import { audit } from '../audit.js'
import { ForbiddenError, isCurator, isPlatformAdmin, membershipOf, organizationInCuratorScope, requireSignedIn } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { selectCertificate } from './row.js'

type ReviewStatus = 'unverified' | 'verified' | 'rejected'

/** A centre may change its mind either way; an owner's edit sends the certificate back to unverified (update.ts). */
export const CERTIFICATE_REVIEWS: Record<ReviewStatus, readonly ReviewStatus[]> = {
  unverified: ['verified', 'rejected'],
  verified: ['rejected'],
  rejected: ['verified'],
}

/**
 * A curator of a centre covering the certificate's organization (or a platform admin) sets the
 * verification status. The organization's capacity documents carry its certificates, and the
 * supplier's rankings use their status, so both are queued for a refresh in the same transaction.
 */
export async function reviewCertificate(ctx: ServiceContext, id: string, to: 'verified' | 'rejected', reason: string | null): Promise<Certificate> {
  const actor = requireSignedIn(ctx.actor)
  return withTransaction(ctx, async (tx) => {
    const [current] = await tx<{ orgId: string; status: ReviewStatus }[]>`select org_id, status from certificates where id = ${id} for update`
    if (!current) throw new NotFoundError('Certificate', id)
    const curator = isPlatformAdmin(actor) || (isCurator(actor) && (await organizationInCuratorScope(tx, actor, current.orgId)))
    if (!curator) {
      if (membershipOf(actor, current.orgId)) throw new ForbiddenError('Сертификаты проверяет центр субконтрактации / Certificates are verified by the subcontracting centre')
      throw new NotFoundError('Certificate', id)
    }
    const allowed = CERTIFICATE_REVIEWS[current.status]
    if (!allowed.includes(to)) {
      throw new ConflictError(
        `Сертификат уже в статусе «${current.status}»; допустимо: ${allowed.join(', ')} / The certificate is already "${current.status}"; allowed: ${allowed.join(', ')}`,
        { currentStatus: current.status, allowed },
      )
    }
    await tx`update certificates set status = ${to}, status_reason = ${reason}, status_changed_at = ${ctx.now()}, updated_at = now() where id = ${id}`
    await audit(tx, actor, {
      action: to === 'verified' ? 'certificate.verify' : 'certificate.reject',
      entity: 'certificate',
      entityId: id,
      reason,
      details: { orgId: current.orgId, from: current.status, to },
    })
    await enqueueOrganizationCapacities(tx, current.orgId)
    await tx`insert into match_outbox (subject, subject_id) values ('supplier', ${current.orgId})`
    const reviewed = await selectCertificate(tx, id)
    if (!reviewed) throw new NotFoundError('Certificate', id)
    return reviewed
  })
}
