import type { IndexedDocuments } from '../../search/worker.js'
import type { Tx } from '../context.js'

/**
 * The search worker's `onIndexed` hook: once changed documents are searchable, queue the match
 * recomputations they call for, in the same transaction that marks the search outbox done.
 * A published need is re-ranked; a supplier whose capacity changed (or vanished) re-ranks its needs.
 */
export async function queueMatchRecomputation(tx: Tx, indexed: IndexedDocuments): Promise<void> {
  const needIds = indexed.needs.filter((need) => need.status === 'published').map((need) => need.id)
  const supplierIds = [...new Set(indexed.capacities.map((capacity) => capacity.orgId))]
  if (needIds.length) await tx`insert into match_outbox (subject, subject_id) select 'need', unnest(${tx.array(needIds)}::text[])`
  if (supplierIds.length) await tx`insert into match_outbox (subject, subject_id) select 'supplier', unnest(${tx.array(supplierIds)}::text[])`
  if (indexed.capacitiesGone.length) {
    await tx`
      insert into match_outbox (subject, subject_id)
      select distinct 'supplier', supplier_org_id from matches where capacity_ids && ${tx.array(indexed.capacitiesGone)}::text[]`
  }
}
