import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { assertAlertsOf } from './access.js'

/** The signed-in member turns the daily digest of the organization's alerts on or off, for themselves only. */
export async function subscribeAlertDigest(ctx: ServiceContext, orgId: string, subscribed: boolean): Promise<{ subscribed: boolean }> {
  const actor = requireSignedIn(ctx.actor)
  await assertAlertsOf(ctx.sql, actor, orgId)
  if (actor.kind !== 'user') return { subscribed }
  if (subscribed) await ctx.sql`delete from alert_digest_opt_outs where user_id = ${actor.userId} and org_id = ${orgId}`
  else await ctx.sql`insert into alert_digest_opt_outs (user_id, org_id) values (${actor.userId}, ${orgId}) on conflict do nothing`
  return { subscribed }
}
