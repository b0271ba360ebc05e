import { invalidateUserSessions } from '../../auth/session.js'
import { NotFoundError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { type MembershipRole, type ServiceContext, withTransaction } from '../context.js'
import { assertManagesPeople } from './access.js'
import { type Member, selectMembers } from './row.js'
import { assertAnotherAdminRemains, lockOrganization } from './rules.js'

/**
 * Makes a member an admin or an admin a member. The person's sessions end: a session carries the
 * roles it was opened with, and rights must not outlive a demotion.
 */
export async function changeMemberRole(ctx: ServiceContext, orgId: string, userId: string, role: MembershipRole): Promise<Member> {
  await assertManagesPeople(ctx, orgId)
  return withTransaction(ctx, async (tx) => {
    await lockOrganization(tx, orgId)
    const [current] = await selectMembers(tx, orgId, userId)
    if (!current) throw new NotFoundError('Member', userId)
    if (current.role === role) return current
    if (current.role === 'admin') await assertAnotherAdminRemains(tx, orgId, userId)
    await tx`update memberships set role = ${role} where org_id = ${orgId} and user_id = ${userId}`
    await invalidateUserSessions(tx, userId)
    await audit(tx, ctx.actor, { action: 'member.change_role', entity: 'organization', entityId: orgId, details: { userId, from: current.role, to: role } })
    return { ...current, role }
  })
}
