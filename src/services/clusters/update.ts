import type { Cluster, ClusterUpdate } from '../../domain/cluster.js'
import { NotFoundError } from '../../lib/errors.js'
import { assertPlatformAdmin } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { selectCluster } from './row.js'

/**
 * Platform admins only (clusters are platform-wide). Search documents carry only cluster ids, so renaming or
 * moving a cluster leaves the index as it is.
 */
export async function updateCluster(ctx: ServiceContext, id: string, patch: ClusterUpdate): Promise<Cluster> {
  assertPlatformAdmin(ctx.actor)
  return withTransaction(ctx, async (tx) => {
    const values: Record<string, unknown> = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
    if (Array.isArray(values.regionCodes)) values.regionCodes = tx.array(values.regionCodes as string[])
    const [updated] = Object.keys(values).length
      ? await tx`update clusters set ${tx(values)}, updated_at = now() where id = ${id} returning id`
      : await tx`select id from clusters where id = ${id}`
    if (!updated) throw new NotFoundError('Cluster', id)
    const cluster = await selectCluster(tx, id)
    if (!cluster) throw new NotFoundError('Cluster', id)
    return cluster
  })
}
