import type { MembershipRole, ServiceContext } from '../context.js'
import { assertManagesPeople } from '../members/access.js'
import { type IssuedInvitation, issueInvitation } from './issue.js'

/** An organization's admin (or a curator in scope, or a platform admin) invites a colleague as member or admin. */
export async function inviteColleague(
  ctx: ServiceContext,
  orgId: string,
  input: { email: string; role: MembershipRole },
  publicOrigin: string,
): Promise<IssuedInvitation> {
  await assertManagesPeople(ctx, orgId)
  return issueInvitation(ctx, { kind: 'colleague', orgId, email: input.email, role: input.role, publicOrigin })
}
