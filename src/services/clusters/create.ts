import type { Cluster, ClusterInput } from '../../domain/cluster.js'
import { newId } from '../../lib/ids.js'
import { assertPlatformAdmin } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { selectCluster } from './row.js'

/**
 * Clusters are the platform's map, not a tenant's data: platform admins keep it. A new cluster has no
 * members yet, so no search document changes.
 */
export async function createCluster(ctx: ServiceContext, input: ClusterInput): Promise<Cluster> {
  assertPlatformAdmin(ctx.actor)
  const id = newId('clu', ctx.now().getTime())
  return withTransaction(ctx, async (tx) => {
    await tx`
      insert into clusters (id, name_ru, name_en, sector, region_codes, lat, lon)
      values (${id}, ${input.nameRu}, ${input.nameEn}, ${input.sector}, ${tx.array(input.regionCodes)}, ${input.lat}, ${input.lon})`
    const created = await selectCluster(tx, id)
    if (!created) throw new Error(`cluster ${id} vanished inside its own transaction`)
    return created
  })
}
