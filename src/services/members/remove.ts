import { invalidateUserSessions } from '../../auth/session.js'
import { NotFoundError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { assertManagesPeople } from './access.js'
import { selectMembers } from './row.js'
import { assertAnotherAdminRemains, lockOrganization } from './rules.js'

/** Takes a person out of the organization and ends their sessions, which still carry the membership. */
export async function removeMember(ctx: ServiceContext, orgId: string, userId: string): Promise<void> {
  await assertManagesPeople(ctx, orgId)
  await withTransaction(ctx, async (tx) => {
    await lockOrganization(tx, orgId)
    const [current] = await selectMembers(tx, orgId, userId)
    if (!current) throw new NotFoundError('Member', userId)
    if (current.role === 'admin') await assertAnotherAdminRemains(tx, orgId, userId)
    await tx`delete from memberships where org_id = ${orgId} and user_id = ${userId}`
    await invalidateUserSessions(tx, userId)
    await audit(tx, ctx.actor, { action: 'member.remove', entity: 'organization', entityId: orgId, details: { userId, role: current.role } })
  })
}
