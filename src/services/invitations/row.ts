import type { Sql } from '../../db/client.js'
import type { MembershipRole, Tx } from '../context.js'

export type InvitationKind = 'organization' | 'colleague'

/** A pending invitation as its organization's admins see it; the token itself is never kept. */
export interface Invitation {
  id: string
  kind: InvitationKind
  orgId: string
  email: string
  role: MembershipRole
  invitedBy: { userId: string; name: string }
  expiresAt: string
  createdAt: string
}

interface InvitationRow {
  id: string
  kind: InvitationKind
  orgId: string
  email: string
  role: MembershipRole
  invitedBy: string
  invitedByName: string
  expiresAt: Date
  createdAt: Date
}

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    kind: row.kind,
    orgId: row.orgId,
    email: row.email,
    role: row.role,
    invitedBy: { userId: row.invitedBy, name: row.invitedByName },
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  }
}

/** Not accepted and not expired at `now`, newest first. */
export async function selectPendingInvitations(sql: Sql | Tx, orgId: string, now: Date): Promise<Invitation[]> {
  const rows = await sql<InvitationRow[]>`
    select i.id, i.kind, i.org_id, i.email, i.role, i.invited_by, u.name as invited_by_name, i.expires_at, i.created_at
    from invitations i join users u on u.id = i.invited_by
    where i.org_id = ${orgId} and i.accepted_at is null and i.expires_at > ${now}
    order by i.created_at desc, i.id desc`
  return rows.map(toInvitation)
}
