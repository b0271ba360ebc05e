import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { capacityIdsAtSite } from './row.js'

/**
 * Deletes the site with the capacities at it (the schema cascades), and their search documents; as
 * createSite, by those who keep the organization.
 */
export async function deleteSite(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    // The row lock makes a concurrent new capacity at this site wait until the site is gone.
    const [locked] = await tx<{ orgId: string }[]>`select org_id from sites where id = ${id} for update`
    if (!locked) throw new NotFoundError('Site', id)
    await assertOrganizationAccess({ sql: tx, actor: ctx.actor }, locked.orgId, 'member', { notFound: new NotFoundError('Site', id) })
    const capacities = await capacityIdsAtSite(tx, id)
    await tx`delete from sites where id = ${id}`
    await enqueueSearch(tx, 'capacity', capacities)
  })
}
