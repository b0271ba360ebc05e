import { NotFoundError } from '../../lib/errors.js'
import { enqueueOrganizationCapacities } from '../../search/outbox.js'
import { type ServiceContext, withTransaction } from '../context.js'

export async function deleteCertificate(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [deleted] = await tx<{ orgId: string }[]>`delete from certificates where id = ${id} returning org_id`
    if (!deleted) throw new NotFoundError('Certificate', id)
    // Capacity documents carry the certificates their organization holds.
    await enqueueOrganizationCapacities(tx, deleted.orgId)
  })
}
