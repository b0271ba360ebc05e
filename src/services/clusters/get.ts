import type { Cluster } from '../../domain/cluster.js'
import { NotFoundError } from '../../lib/errors.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { selectCluster } from './row.js'

export async function getCluster(ctx: ServiceContext, id: string): Promise<Cluster> {
  requireSignedIn(ctx.actor)
  const cluster = await selectCluster(ctx.sql, id)
  if (!cluster) throw new NotFoundError('Cluster', id)
  return cluster
}
