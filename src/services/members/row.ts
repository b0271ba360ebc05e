import type { Sql } from '../../db/client.js'
import type { MembershipRole, Tx } from '../context.js'

export interface Member {
  userId: string
  name: string
  email: string
  role: MembershipRole
  joinedAt: string
}

interface MemberRow extends Omit<Member, 'joinedAt'> {
  joinedAt: Date
}

function toMember(row: MemberRow): Member {
  return { ...row, joinedAt: row.joinedAt.toISOString() }
}

/** Admins first, then by name; `userId` narrows to one person. */
export async function selectMembers(sql: Sql | Tx, orgId: string, userId?: string): Promise<Member[]> {
  const rows = await sql<MemberRow[]>`
    select u.id as user_id, u.name, u.email, m.role, m.created_at as joined_at
    from memberships m join users u on u.id = m.user_id
    where m.org_id = ${orgId} and (${userId ?? null}::text is null or m.user_id = ${userId ?? null})
    order by m.role = 'admin' desc, u.name, u.id`
  return rows.map(toMember)
}
