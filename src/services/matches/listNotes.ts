import type { MatchNote } from '../../domain/match.js'
import { NotFoundError } from '../../lib/errors.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { matchEntityId, needForCuration } from './pipeline.js'

/** The curators' notes on a pair, oldest first. */
export async function listMatchNotes(ctx: ServiceContext, needId: string, orgId: string): Promise<MatchNote[]> {
  const actor = requireSignedIn(ctx.actor)
  await needForCuration(ctx.sql, actor, needId, { lock: false })
  const [match] = await ctx.sql`select 1 from matches where need_id = ${needId} and supplier_org_id = ${orgId}`
  if (!match) throw new NotFoundError('Match', matchEntityId(needId, orgId))
  const rows = await ctx.sql<{ id: string; authorUserId: string; authorName: string; body: string; createdAt: Date }[]>`
    select n.id::text as id, n.author_user_id, u.name as author_name, n.body, n.created_at
    from match_notes n join users u on u.id = n.author_user_id
    where n.need_id = ${needId} and n.supplier_org_id = ${orgId}
    order by n.id`
  return rows.map((row) => ({ id: row.id, needId, orgId, author: { userId: row.authorUserId, name: row.authorName }, body: row.body, createdAt: row.createdAt.toISOString() }))
}
