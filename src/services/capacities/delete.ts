import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { type ServiceContext, withTransaction } from '../context.js'

/** The outbox row tells the worker to delete the search document, since the capacity row is gone. */
export async function deleteCapacity(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [deleted] = await tx`delete from capacities where id = ${id} returning id`
    if (!deleted) throw new NotFoundError('Capacity', id)
    await enqueueSearch(tx, 'capacity', [id])
  })
}
