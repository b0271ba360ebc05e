import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { assertPlatformAdmin } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'

/**
 * Deletes the cluster (platform admins only): memberships go with it and needs aimed at it lose their
 * cluster, so the members' capacity documents and those needs' documents are refreshed.
 */
export async function deleteCluster(ctx: ServiceContext, id: string): Promise<void> {
  assertPlatformAdmin(ctx.actor)
  await withTransaction(ctx, async (tx) => {
    // The row lock makes a concurrent new membership or need wait until the cluster is gone.
    const [locked] = await tx`select id from clusters where id = ${id} for update`
    if (!locked) throw new NotFoundError('Cluster', id)
    const capacities = await tx<{ id: string }[]>`
      select cap.id from capacities cap join organization_clusters oc on oc.org_id = cap.org_id where oc.cluster_id = ${id}`
    const needs = await tx<{ id: string }[]>`select id from needs where cluster_id = ${id}`
    await tx`delete from clusters where id = ${id}`
    await enqueueSearch(tx, 'capacity', capacities.map((r) => r.id))
    await enqueueSearch(tx, 'need', needs.map((r) => r.id))
  })
}
