import type { Certificate, CertificateInput } from '../../domain/certificate.js'
import { NotFoundError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { enqueueOrganizationCapacities } from '../../search/outbox.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { selectCertificate } from './row.js'

/**
 * By the organization's members, a curator covering it or a platform admin. Starts unverified: only a centre
 * can verify a certificate.
 */
export async function createCertificate(ctx: ServiceContext, orgId: string, input: CertificateInput): Promise<Certificate> {
  await assertOrganizationAccess(ctx, orgId, 'member')
  const id = newId('cert', ctx.now().getTime())
  return withTransaction(ctx, async (tx) => {
    // The key-share lock keeps the organization from being deleted under the insert.
    const [organization] = await tx`select id from organizations where id = ${orgId} for key share`
    if (!organization) throw new NotFoundError('Organization', orgId)
    await tx`
      insert into certificates (id, org_id, standard, number, issuer, valid_from, valid_until, scope)
      values (${id}, ${orgId}, ${input.standard}, ${input.number}, ${input.issuer}, ${input.validFrom}, ${input.validUntil ?? null}, ${input.scope ?? ''})`
    // Capacity documents carry the certificates their organization holds.
    await enqueueOrganizationCapacities(tx, orgId)
    const created = await selectCertificate(tx, id)
    if (!created) throw new Error(`certificate ${id} vanished inside its own transaction`)
    return created
  })
}
