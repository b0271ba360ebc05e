import type { AlertHit } from '../../domain/alert.js'
import type { ServiceContext } from '../context.js'
import { publishedToOrganizations } from '../needs/view.js'
import { assertAlertsOf } from './access.js'

/** How far back the inbox looks for hits; older needs are in the matching list or gone. */
const HIT_WINDOW_DAYS = 30

interface HitRow extends Omit<AlertHit, 'foundAt'> {
  foundAt: Date
}

/**
 * New needs the organization's active alerts found, newest first, one line per need, as the supplier may
 * see them before an introduction: title, processes, place and deadline, never the contractor. Needs no
 * longer published, past their deadline or no longer shown to the supplier drop out.
 */
export async function listAlertHits(ctx: ServiceContext, orgId: string, query: { limit: number }): Promise<{ items: AlertHit[] }> {
  await assertAlertsOf(ctx.sql, ctx.actor, orgId)
  const { sql } = ctx
  const now = ctx.now()
  const since = new Date(now.getTime() - HIT_WINDOW_DAYS * 24 * 60 * 60 * 1000)
  const rows = await sql<HitRow[]>`
    select * from (
      select distinct on (n.id) h.alert_id, a.name as alert_name, n.id as need_id, n.title, n.processes, n.materials,
             n.delivery_city as city, n.delivery_region_code as region_code, to_char(n.deadline, 'YYYY-MM-DD') as deadline,
             n.quantity, h.score, h.distance_km, h.found_at
      from alert_hits h
      join supplier_alerts a on a.id = h.alert_id and a.status = 'active'
      join needs n on n.id = h.need_id
      where h.org_id = ${orgId} and h.found_at > ${since} and n.deadline >= ${now.toISOString().slice(0, 10)}
        and ${publishedToOrganizations(sql, sql`array[${orgId}::text]`)}
      order by n.id, h.found_at desc, h.alert_id
    ) hits
    order by found_at desc, need_id
    limit ${query.limit}`
  return { items: rows.map((row) => ({ ...row, foundAt: row.foundAt.toISOString() })) }
}
