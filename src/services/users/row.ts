import type { Sql } from '../../db/client.js'
import type { Me, User } from '../../domain/user.js'
import type { Tx } from '../context.js'

interface UserRow extends Omit<User, 'createdAt' | 'updatedAt'> {
  createdAt: Date
  updatedAt: Date
}

export async function selectUser(sql: Sql | Tx, id: string): Promise<User | undefined> {
  const [row] = await sql<UserRow[]>`
    select id, email, name, platform_role, active, language, created_at, updated_at from users where id = ${id}`
  return row ? { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() } : undefined
}

/** The signed-in person's own view: who they are and which organizations they act for. */
export async function selectMe(sql: Sql | Tx, id: string): Promise<Me | undefined> {
  const [row] = await sql<Me[]>`
    select u.id, u.email, u.name, u.platform_role, u.language,
           coalesce((select json_agg(json_build_object('orgId', o.id, 'orgName', o.name, 'role', m.role) order by o.name, o.id)
                     from memberships m join organizations o on o.id = m.org_id
                     where m.user_id = u.id), '[]') as memberships
    from users u
    where u.id = ${id} and u.active`
  return row
}
