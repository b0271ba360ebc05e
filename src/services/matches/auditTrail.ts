import type { NeedAuditTrail } from '../../domain/audit.js'
import { NotFoundError } from '../../lib/errors.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { managesNeed, needStanding } from '../needs/access.js'

interface AuditRow {
  id: string
  at: Date
  actorUserId: string | null
  actorName: string | null
  action: string
  entity: string
  entityId: string
  reason: string | null
  details: Record<string, unknown>
}

/**
 * Everything that happened to a need and its matches, newest first, with who did it. For those who
 * run the need (its contractor, its centre's curators, platform admins); anyone else gets 404.
 */
export async function needAuditTrail(ctx: ServiceContext, needId: string): Promise<NeedAuditTrail> {
  requireSignedIn(ctx.actor)
  const [need] = await ctx.sql<{ orgId: string }[]>`select org_id from needs where id = ${needId}`
  if (!need || !managesNeed(await needStanding(ctx.sql, ctx.actor, need.orgId))) throw new NotFoundError('Need', needId)
  const rows = await ctx.sql<AuditRow[]>`
    select a.id::text as id, a.at, a.actor_user_id, u.name as actor_name, a.action, a.entity, a.entity_id, a.reason, a.details
    from audit_log a left join users u on u.id = a.actor_user_id
    where (a.entity = 'need' and a.entity_id = ${needId})
       or (a.entity = 'match' and starts_with(a.entity_id, ${`${needId}:`}))
    order by a.id desc`
  return {
    needId,
    items: rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actorUserId === null ? null : { userId: row.actorUserId, name: row.actorName ?? '' },
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      reason: row.reason,
      details: row.details,
    })),
  }
}
