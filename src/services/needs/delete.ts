import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { type ServiceContext, withTransaction } from '../context.js'

/** The outbox row tells the worker to delete the search document, since the need row is gone. */
export async function deleteNeed(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [deleted] = await tx`delete from needs where id = ${id} returning id`
    if (!deleted) throw new NotFoundError('Need', id)
    await enqueueSearch(tx, 'need', [id])
  })
}
