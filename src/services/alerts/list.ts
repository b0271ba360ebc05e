import type { AlertList } from '../../domain/alert.js'
import type { ServiceContext } from '../context.js'
import { assertAlertsOf } from './access.js'
import { type AlertRow, selectAlerts, toAlert } from './row.js'

/** The organization's alerts, oldest first, and whether the signed-in member gets the daily digest of them. */
export async function listAlerts(ctx: ServiceContext, orgId: string): Promise<AlertList> {
  await assertAlertsOf(ctx.sql, ctx.actor, orgId)
  const { sql } = ctx
  const rows = await sql<AlertRow[]>`${selectAlerts(sql)} where a.org_id = ${orgId} order by a.created_at, a.id`
  const userId = ctx.actor.kind === 'user' ? ctx.actor.userId : null
  const [optOut] = userId ? await sql`select 1 from alert_digest_opt_outs where user_id = ${userId} and org_id = ${orgId}` : []
  return { items: rows.map(toAlert), digestSubscribed: userId !== null && optOut === undefined }
}
