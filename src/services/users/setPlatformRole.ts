import { invalidateUserSessions } from '../../auth/session.js'
import type { User } from '../../domain/user.js'
import { NotFoundError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { assertPlatformAdmin } from '../authorization.js'
import { type PlatformRole, type ServiceContext, withTransaction } from '../context.js'
import { selectUser } from './row.js'
import { assertAnotherActiveAdminRemains, lockActiveAdmins } from './rules.js'

/**
 * Makes someone a curator or a platform admin, or takes the role away (null). Their sessions end: a session
 * must not keep rights its owner no longer has, and a new role is best picked up by signing in again.
 */
export async function setPlatformRole(ctx: ServiceContext, userId: string, role: PlatformRole | null): Promise<User> {
  assertPlatformAdmin(ctx.actor)
  return withTransaction(ctx, async (tx) => {
    const activeAdminIds = await lockActiveAdmins(tx)
    const [current] = await tx<{ platformRole: PlatformRole | null; active: boolean }[]>`select platform_role, active from users where id = ${userId} for update`
    if (!current) throw new NotFoundError('User', userId)
    if (current.platformRole !== role) {
      if (current.platformRole === 'admin' && current.active) assertAnotherActiveAdminRemains(activeAdminIds, userId)
      await tx`update users set platform_role = ${role}, updated_at = ${ctx.now()} where id = ${userId}`
      await invalidateUserSessions(tx, userId)
      await audit(tx, ctx.actor, { action: 'user.set_platform_role', entity: 'user', entityId: userId, details: { from: current.platformRole, to: role } })
    }
    const user = await selectUser(tx, userId)
    if (!user) throw new NotFoundError('User', userId)
    return user
  })
}
