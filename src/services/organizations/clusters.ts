import { ValidationError } from '../../lib/errors.js'
import type { Tx } from '../context.js'

/** Replaces an organization's cluster memberships; unknown cluster ids are a 400 naming the field. */
export async function setOrganizationClusters(tx: Tx, orgId: string, clusterIds: readonly string[]): Promise<void> {
  const unique = [...new Set(clusterIds)]
  const known = await tx<{ id: string }[]>`select id from clusters where id = any(${tx.array(unique)})`
  const knownIds = new Set(known.map((r) => r.id))
  const errors = clusterIds.flatMap((id, i) =>
    knownIds.has(id) ? [] : [{ path: `body.clusterIds.${i}`, message: `Кластер ${id} не найден / Cluster ${id} not found` }],
  )
  if (errors.length) throw new ValidationError('Unknown cluster ids', errors)
  await tx`delete from organization_clusters where org_id = ${orgId}`
  if (unique.length) await tx`insert into organization_clusters (org_id, cluster_id) select ${orgId}, unnest(${tx.array(unique)}::text[])`
}
