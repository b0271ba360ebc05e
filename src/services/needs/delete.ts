import type { NeedStatus } from '../../domain/need.js'
import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { assertEditsNeed } from './access.js'

/**
 * Who may: assertEditsNeed. The outbox row tells the worker to delete the search document, since the need
 * row is gone.
 */
export async function deleteNeed(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [current] = await tx<{ orgId: string; status: NeedStatus }[]>`select org_id, status from needs where id = ${id} for update`
    if (!current) throw new NotFoundError('Need', id)
    await assertEditsNeed(tx, ctx.actor, { id, ...current })
    await tx`delete from needs where id = ${id}`
    await enqueueSearch(tx, 'need', [id])
  })
}
