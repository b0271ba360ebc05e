import type { Tx } from '../services/context.js'

export type SearchEntity = 'capacity' | 'need'

/** Records, inside the caller's transaction, that these documents must be refreshed in the index. */
export async function enqueueSearch(tx: Tx, entity: SearchEntity, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await tx`insert into search_outbox (entity, entity_id) select ${entity}, unnest(${tx.array([...ids])}::text[])`
  await tx`select pg_notify('search_outbox', '')`
}

/** Capacity documents embed their organization's name, clusters, sites and certificates. */
export async function enqueueOrganizationCapacities(tx: Tx, orgId: string): Promise<void> {
  await tx`insert into search_outbox (entity, entity_id) select 'capacity', id from capacities where org_id = ${orgId}`
  await tx`select pg_notify('search_outbox', '')`
}
