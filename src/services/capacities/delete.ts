import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'

/**
 * As createCapacity, by those who keep the organization. The outbox row tells the worker to delete the
 * search document, since the capacity row is gone.
 */
export async function deleteCapacity(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [current] = await tx<{ orgId: string }[]>`select org_id from capacities where id = ${id} for update`
    if (!current) throw new NotFoundError('Capacity', id)
    await assertOrganizationAccess({ sql: tx, actor: ctx.actor }, current.orgId, 'member', { notFound: new NotFoundError('Capacity', id) })
    await tx`delete from capacities where id = ${id}`
    await enqueueSearch(tx, 'capacity', [id])
  })
}
