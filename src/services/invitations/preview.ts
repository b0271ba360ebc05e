import type { MembershipRole, ServiceContext } from '../context.js'
import type { InvitationKind } from './row.js'
import { InvitationUnavailableError, hashInvitationToken } from './token.js'

/** What the invitation page shows before the person decides; anybody holding the link may see it. */
export interface InvitationPreview {
  kind: InvitationKind
  organizationName: string
  email: string
  role: MembershipRole
  expiresAt: string
  /** The address already has an account: the page asks for its password instead of a new name and password. */
  existingAccount: boolean
}

export async function previewInvitation(ctx: ServiceContext, token: string): Promise<InvitationPreview> {
  const [row] = await ctx.sql<(Omit<InvitationPreview, 'expiresAt'> & { expiresAt: Date })[]>`
    select i.kind, o.name as organization_name, i.email, i.role, i.expires_at,
           exists (select 1 from users u where lower(u.email) = i.email) as existing_account
    from invitations i join organizations o on o.id = i.org_id
    where i.token_hash = ${hashInvitationToken(token)} and i.accepted_at is null and i.expires_at > ${ctx.now()}`
  if (!row) throw new InvitationUnavailableError()
  return { ...row, expiresAt: row.expiresAt.toISOString() }
}
