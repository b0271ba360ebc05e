import { type NeedShortlist, SHORTLISTED_STATUSES, type ShortlistedSupplier } from '../../domain/analytics.js'
import { NotFoundError } from '../../lib/errors.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { managesNeed, needStanding } from '../needs/access.js'
import { selectNeed } from '../needs/row.js'

interface SupplierRow extends Omit<ShortlistedSupplier, 'statusChangedAt'> {
  statusChangedAt: Date | null
}

/**
 * A need with the suppliers the centre has put forward for it (shortlisted and beyond), best first: what the
 * contractor takes to a purchasing meeting. For those who run the need — its contractor, the curators covering
 * it, platform admins; anybody else gets the 404 of a missing need. Each supplier's place is the site of the
 * capacity the match used.
 */
export async function exportNeedShortlist(ctx: ServiceContext, needId: string): Promise<NeedShortlist> {
  requireSignedIn(ctx.actor)
  const need = await selectNeed(ctx.sql, needId)
  if (!need || !managesNeed(await needStanding(ctx.sql, ctx.actor, need.orgId))) throw new NotFoundError('Need', needId)
  const [[contractor], suppliers] = await Promise.all([
    ctx.sql<{ name: string }[]>`select name from organizations where id = ${need.orgId}`,
    ctx.sql<SupplierRow[]>`
      select m.supplier_org_id as org_id, o.name, o.inn, m.status, m.score, m.distance_km, place.city, place.region_code,
             array(select distinct used ->> 'standard' from jsonb_array_elements(m.certificates) used order by 1) as certificates,
             m.status_changed_at
      from matches m
      join organizations o on o.id = m.supplier_org_id
      left join lateral (
        select s.city, s.region_code from capacities c join sites s on s.id = c.site_id
        where c.id = any(m.capacity_ids) order by c.id limit 1
      ) place on true
      where m.need_id = ${needId} and m.status = any(${ctx.sql.array([...SHORTLISTED_STATUSES])}::text[])
      order by m.score desc, m.distance_km asc, m.supplier_org_id asc`,
  ])
  return {
    need,
    contractorName: contractor?.name ?? '',
    suppliers: suppliers.map((row) => ({ ...row, statusChangedAt: row.statusChangedAt?.toISOString() ?? null })),
  }
}
