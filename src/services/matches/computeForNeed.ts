import type { Need } from '../../domain/need.js'
import { type NearMiss, type SupplierCandidate, type SupplierMatch, matchSuppliers } from '../../matching/index.js'
import type { Search } from '../../search/client.js'
import type { ServiceContext, Tx } from '../context.js'
import { loadSupplierCandidates } from './inputs.js'
import { toMatchNeed } from './inputs.js'
import { announceNeedToSuppliers } from './announce.js'
import { upsertMatches, upsertNearMisses } from './persist.js'
import { CANDIDATE_LIMIT, retrieveSuppliers } from './retrieve.js'

export interface NeedMatchRun {
  needId: string
  computedAt: Date
  needUpdatedAt: Date
  candidates: { suppliers: number; capacityHits: number; limit: number; truncated: boolean }
  matches: SupplierMatch[]
  nearMisses: NearMiss[]
}

/** A need limited to a cluster or to invited suppliers is matched only with them, as they alone may see it. */
function isOfferedTo(need: Need, supplier: SupplierCandidate): boolean {
  if (need.visibility === 'invited') return need.invitedOrgIds.includes(supplier.orgId)
  if (need.visibility === 'cluster') return supplier.sites.some((site) => need.clusterId !== null && site.clusterIds.includes(need.clusterId))
  return true
}

/** Retrieves candidates from the index, loads them from PostgreSQL and lets the core rank them. Reads only. */
export async function computeNeedMatches(ctx: ServiceContext, search: Search, need: Need): Promise<NeedMatchRun> {
  const matchNeed = toMatchNeed(need)
  const retrieval = await retrieveSuppliers(search, matchNeed)
  const candidates = await loadSupplierCandidates(ctx.sql, [...retrieval.orgIds, ...retrieval.nearMissOrgIds])
  const suppliers = candidates.filter((supplier) => isOfferedTo(need, supplier))
  const computedAt = ctx.now()
  const { matches, nearMisses } = matchSuppliers(matchNeed, suppliers, { now: computedAt.toISOString() })
  return {
    needId: need.id,
    computedAt,
    needUpdatedAt: new Date(need.updatedAt),
    candidates: { suppliers: suppliers.length, capacityHits: retrieval.hits, limit: CANDIDATE_LIMIT, truncated: retrieval.truncated },
    matches,
    nearMisses,
  }
}

/**
 * Replaces a need's persisted results with a run. Suggested pairs that no longer match are dropped;
 * pairs a curator has acted on stay, so the pipeline never loses a decision. Suppliers paired with
 * a published need for the first time are told about it.
 */
export async function saveNeedMatches(tx: Tx, run: NeedMatchRun): Promise<void> {
  const matchedOrgIds = run.matches.map((m) => m.orgId)
  const known = await tx<{ supplierOrgId: string }[]>`select supplier_org_id from matches where need_id = ${run.needId}`
  const knownOrgIds = new Set(known.map((row) => row.supplierOrgId))
  await upsertMatches(tx, run.matches.map((pair) => ({ needId: run.needId, orgId: pair.orgId, pair })), run.computedAt)
  await tx`delete from matches where need_id = ${run.needId} and status = 'suggested' and not (supplier_org_id = any(${tx.array(matchedOrgIds)}::text[]))`
  await tx`delete from near_misses where need_id = ${run.needId}`
  await upsertNearMisses(tx, run.nearMisses.map((miss) => ({ needId: run.needId, orgId: miss.orgId, miss })), run.computedAt)
  await tx`
    insert into match_runs (need_id, computed_at, need_updated_at, candidates, truncated)
    values (${run.needId}, ${run.computedAt}, ${run.needUpdatedAt}, ${run.candidates.suppliers}, ${run.candidates.truncated})
    on conflict (need_id) do update set computed_at = excluded.computed_at, need_updated_at = excluded.need_updated_at,
      candidates = excluded.candidates, truncated = excluded.truncated`
  await announceNeedToSuppliers(tx, run.needId, matchedOrgIds.filter((orgId) => !knownOrgIds.has(orgId)))
}
