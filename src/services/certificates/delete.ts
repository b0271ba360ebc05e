import { NotFoundError } from '../../lib/errors.js'
import { enqueueOrganizationCapacities } from '../../search/outbox.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'

/** As createCertificate, by those who keep the organization. */
export async function deleteCertificate(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [current] = await tx<{ orgId: string }[]>`select org_id from certificates where id = ${id} for update`
    if (!current) throw new NotFoundError('Certificate', id)
    await assertOrganizationAccess({ sql: tx, actor: ctx.actor }, current.orgId, 'member', { notFound: new NotFoundError('Certificate', id) })
    await tx`delete from certificates where id = ${id}`
    // Capacity documents carry the certificates their organization holds.
    await enqueueOrganizationCapacities(tx, current.orgId)
  })
}
