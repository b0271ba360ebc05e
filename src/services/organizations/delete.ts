import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { type ServiceContext, withTransaction } from '../context.js'

/** Deletes the organization with its sites, certificates, capacities and needs, and their search documents. */
export async function deleteOrganization(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const capacities = await tx<{ id: string }[]>`select id from capacities where org_id = ${id}`
    const needs = await tx<{ id: string }[]>`select id from needs where org_id = ${id}`
    const [deleted] = await tx`delete from organizations where id = ${id} returning id`
    if (!deleted) throw new NotFoundError('Organization', id)
    await enqueueSearch(tx, 'capacity', capacities.map((r) => r.id))
    await enqueueSearch(tx, 'need', needs.map((r) => r.id))
  })
}
