import { type NeedMatch, type NeedNearMiss, matchNeeds } from '../../matching/index.js'
import type { Search } from '../../search/client.js'
import type { ServiceContext, Tx } from '../context.js'
import { type NeedRow, selectNeeds, toNeed } from '../needs/row.js'
import { loadSupplierCandidates, toMatchNeed } from './inputs.js'
import { upsertMatches, upsertNearMisses } from './persist.js'
import { retrieveNeedIds } from './retrieve.js'

export interface SupplierMatchRun {
  orgId: string
  computedAt: Date
  matches: NeedMatch[]
  nearMisses: NeedNearMiss[]
  truncated: boolean
}

/** The supplier's direction: published needs it could answer, ranked by the same core. Reads only. */
export async function computeSupplierMatches(ctx: ServiceContext, search: Search, orgId: string): Promise<SupplierMatchRun> {
  const computedAt = ctx.now()
  const [supplier] = await loadSupplierCandidates(ctx.sql, [orgId])
  if (!supplier) return { orgId, computedAt, matches: [], nearMisses: [], truncated: false }
  const today = computedAt.toISOString().slice(0, 10)
  const { ids: indexedIds, truncated } = await retrieveNeedIds(search, supplier, today)
  // The index does not know whom a need invites, so invitations are looked up in PostgreSQL.
  const invited = await ctx.sql<{ id: string }[]>`
    select id from needs where status = 'published' and visibility = 'invited' and ${orgId} = any(invited_org_ids) and deadline >= ${today}`
  const ids = [...new Set([...indexedIds, ...invited.map((row) => row.id)])]
  // The index may lag: only needs PostgreSQL still holds as published, and visible to this supplier, are scored.
  const rows = ids.length
    ? await ctx.sql<NeedRow[]>`
        ${selectNeeds(ctx.sql)}
        where n.id = any(${ctx.sql.array(ids)}::text[]) and n.status = 'published'
          and (n.visibility <> 'invited' or ${orgId} = any(n.invited_org_ids))
          and (n.visibility <> 'cluster' or exists (select 1 from organization_clusters oc where oc.org_id = ${orgId} and oc.cluster_id = n.cluster_id))`
    : []
  const { matches, nearMisses } = matchNeeds(supplier, rows.map((row) => toMatchNeed(toNeed(row))), { now: computedAt.toISOString() })
  return { orgId, computedAt, matches, nearMisses, truncated }
}

/** Replaces this supplier's suggested pairs and near misses with a run; curated pairs stay. */
export async function saveSupplierMatches(tx: Tx, run: SupplierMatchRun): Promise<void> {
  const matchedNeedIds = run.matches.map((m) => m.needId)
  await upsertMatches(tx, run.matches.map((pair) => ({ needId: pair.needId, orgId: run.orgId, pair })), run.computedAt)
  await tx`delete from matches where supplier_org_id = ${run.orgId} and status = 'suggested' and not (need_id = any(${tx.array(matchedNeedIds)}::text[]))`
  await tx`delete from near_misses where supplier_org_id = ${run.orgId}`
  await upsertNearMisses(tx, run.nearMisses.map((miss) => ({ needId: miss.needId, orgId: run.orgId, miss })), run.computedAt)
}
