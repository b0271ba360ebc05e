import { type Certificate, type CertificateUpdate, VALIDITY_ORDER_MESSAGE, isValidityOrdered } from '../../domain/certificate.js'
import { NotFoundError, ValidationError } from '../../lib/errors.js'
import { enqueueOrganizationCapacities } from '../../search/outbox.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { selectCertificate } from './row.js'

interface LockedCertificate {
  orgId: string
  validFrom: string
  validUntil: string | null
}

/** As createCertificate, by those who keep the organization. */
export async function updateCertificate(ctx: ServiceContext, id: string, patch: CertificateUpdate): Promise<Certificate> {
  return withTransaction(ctx, async (tx) => {
    const [current] = await tx<LockedCertificate[]>`select org_id, valid_from, valid_until from certificates where id = ${id} for update`
    if (!current) throw new NotFoundError('Certificate', id)
    await assertOrganizationAccess({ sql: tx, actor: ctx.actor }, current.orgId, 'member', { notFound: new NotFoundError('Certificate', id) })
    const values: Record<string, unknown> = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
    if (!isValidityOrdered(patch.validFrom ?? current.validFrom, patch.validUntil === undefined ? current.validUntil : patch.validUntil)) {
      const path = patch.validUntil === undefined ? 'body.validFrom' : 'body.validUntil'
      throw new ValidationError('The validity period ends before it starts', [{ path, message: VALIDITY_ORDER_MESSAGE }])
    }
    if (Object.keys(values).length) {
      // A centre verified what the certificate said before the edit, so any edit sends it back for verification.
      await tx`
        update certificates
        set ${tx(values)}, status = 'unverified', status_reason = null,
            status_changed_at = case when status = 'unverified' then status_changed_at else now() end,
            updated_at = now()
        where id = ${id}`
      // Capacity documents carry the certificates their organization holds.
      await enqueueOrganizationCapacities(tx, current.orgId)
    }
    const updated = await selectCertificate(tx, id)
    if (!updated) throw new NotFoundError('Certificate', id)
    return updated
  })
}
