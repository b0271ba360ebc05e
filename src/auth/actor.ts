import type { Sql } from '../db/client.js'
import type { Actor, Membership, PlatformRole, Tx } from '../services/context.js'

interface ActorRow {
  platformRole: PlatformRole | null
  memberships: Membership[]
}

/**
 * The signed-in person as services see them: platform role and memberships, read fresh on every request,
 * so a role taken away applies at once. Null when the user is gone or deactivated.
 */
export async function loadActor(sql: Sql | Tx, userId: string, sessionId: string): Promise<Actor | null> {
  const [row] = await sql<ActorRow[]>`
    select u.platform_role,
           coalesce((select json_agg(json_build_object('orgId', m.org_id, 'role', m.role) order by m.org_id)
                     from memberships m where m.user_id = u.id), '[]') as memberships
    from users u
    where u.id = ${userId} and u.active`
  if (!row) return null
  return { kind: 'user', userId, sessionId, platformRole: row.platformRole, memberships: row.memberships }
}
