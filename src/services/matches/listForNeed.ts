import type { MatchQuery, NeedMatches } from '../../domain/match.js'
import { NotFoundError } from '../../lib/errors.js'
import type { Search } from '../../search/client.js'
import { requireSignedIn } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { managesNeed, needStanding } from '../needs/access.js'
import { selectNeed } from '../needs/row.js'
import { computeNeedMatches, saveNeedMatches } from './computeForNeed.js'

interface RunRow {
  computedAt: Date
  needUpdatedAt: Date
  candidates: number
  truncated: boolean
}

/**
 * The ranked suppliers of a need, with reasons and near misses. Results are persisted and refreshed
 * from the outbox when the need or a supplier changes; a read computes only when there is no result
 * for the need's current version yet, or when asked to. The list names suppliers and what they lack, so it
 * is for those who run the need (its contractor, the curators covering it, platform admins): anybody else
 * gets the 404 of a missing need.
 */
export async function listNeedMatches(ctx: ServiceContext, search: Search, needId: string, query: MatchQuery): Promise<NeedMatches> {
  requireSignedIn(ctx.actor)
  const need = await selectNeed(ctx.sql, needId)
  if (!need || !managesNeed(await needStanding(ctx.sql, ctx.actor, need.orgId))) throw new NotFoundError('Need', needId)
  let [run] = await ctx.sql<RunRow[]>`select computed_at, need_updated_at, candidates, truncated from match_runs where need_id = ${needId}`
  if (query.refresh || !run || run.needUpdatedAt.getTime() < new Date(need.updatedAt).getTime()) {
    const fresh = await computeNeedMatches(ctx, search, need)
    await withTransaction(ctx, (tx) => saveNeedMatches(tx, fresh))
    run = { computedAt: fresh.computedAt, needUpdatedAt: fresh.needUpdatedAt, candidates: fresh.candidates.suppliers, truncated: fresh.candidates.truncated }
  }
  const [matches, nearMisses] = await Promise.all([
    ctx.sql`
      select m.supplier_org_id as org_id, o.name, m.score, m.distance_km, m.status, m.explanation, m.capacity_ids, m.certificates,
             m.breakdown, m.computed_at
      from matches m join organizations o on o.id = m.supplier_org_id
      where m.need_id = ${needId}
      order by m.score desc, m.distance_km asc, m.supplier_org_id asc
      limit ${query.limit}`,
    query.nearMisses
      ? ctx.sql`
          select n.supplier_org_id as org_id, o.name, n.failed_constraint, n.miss, n.explanation, n.score, n.distance_km
          from near_misses n join organizations o on o.id = n.supplier_org_id
          where n.need_id = ${needId}
          order by n.score desc, n.supplier_org_id asc
          limit ${query.limit}`
      : Promise.resolve([]),
  ])
  return {
    needId,
    computedAt: run.computedAt.toISOString(),
    candidates: { suppliers: run.candidates, truncated: run.truncated },
    matches: matches.map((row, i) => ({
      rank: i + 1,
      orgId: row.orgId,
      name: row.name,
      score: row.score,
      distanceKm: row.distanceKm,
      status: row.status,
      explanation: row.explanation,
      capacityIds: row.capacityIds,
      certificates: row.certificates,
      ...(query.explain ? { breakdown: row.breakdown } : {}),
      computedAt: (row.computedAt as Date).toISOString(),
    })),
    nearMisses: nearMisses.map((row) => ({
      orgId: row.orgId,
      name: row.name,
      constraint: row.failedConstraint,
      miss: row.miss,
      explanation: row.explanation,
      score: row.score,
      distanceKm: row.distanceKm,
    })),
  }
}
