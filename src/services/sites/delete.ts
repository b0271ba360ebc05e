import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { capacityIdsAtSite } from './row.js'

/** Deletes the site with the capacities at it (the schema cascades), and their search documents. */
export async function deleteSite(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    // The row lock makes a concurrent new capacity at this site wait until the site is gone.
    const [locked] = await tx`select id from sites where id = ${id} for update`
    if (!locked) throw new NotFoundError('Site', id)
    const capacities = await capacityIdsAtSite(tx, id)
    await tx`delete from sites where id = ${id}`
    await enqueueSearch(tx, 'capacity', capacities)
  })
}
