import type { MatchingNeeds } from '../../domain/match.js'
import { NotFoundError } from '../../lib/errors.js'
import type { Search } from '../../search/client.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { computeSupplierMatches, saveSupplierMatches } from './computeForSupplier.js'

/**
 * The supplier's inbox: published needs it matches, best first. The contractor is not named: its
 * identity is revealed only by an introduction. `needId` narrows it to the supplier's pair on one need. For the supplier's members, the curators covering it and
 * platform admins; anybody else gets the 404 of a missing organization.
 */
export async function listMatchingNeeds(ctx: ServiceContext, search: Search, orgId: string, query: { limit: number; refresh: boolean; needId?: string }): Promise<MatchingNeeds> {
  await assertOrganizationAccess(ctx, orgId, 'member')
  const [organization] = await ctx.sql`select id from organizations where id = ${orgId}`
  if (!organization) throw new NotFoundError('Organization', orgId)
  if (query.refresh) {
    const run = await computeSupplierMatches(ctx, search, orgId)
    await withTransaction(ctx, (tx) => saveSupplierMatches(tx, run))
  }
  const today = ctx.now().toISOString().slice(0, 10)
  const rows = await ctx.sql`
    select n.id as need_id, n.title, n.processes, n.materials, n.delivery_city as city, n.delivery_region_code as region_code,
           n.deadline, n.quantity, m.score, m.distance_km, m.status, m.explanation, m.computed_at
    from matches m join needs n on n.id = m.need_id
    where m.supplier_org_id = ${orgId} and n.status = 'published' and n.deadline >= ${today}
      ${query.needId ? ctx.sql`and n.id = ${query.needId}` : ctx.sql``}
    order by m.score desc, n.deadline asc, n.id asc
    limit ${query.limit}`
  return {
    orgId,
    items: rows.map((row) => ({
      needId: row.needId,
      title: row.title,
      processes: row.processes,
      materials: row.materials,
      city: row.city,
      regionCode: row.regionCode,
      deadline: row.deadline,
      quantity: row.quantity,
      score: row.score,
      distanceKm: row.distanceKm,
      status: row.status,
      explanation: row.explanation,
      computedAt: (row.computedAt as Date).toISOString(),
    })),
  }
}
