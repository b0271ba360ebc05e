import { invalidateUserSessions } from '../../auth/session.js'
import type { User } from '../../domain/user.js'
import { NotFoundError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { assertPlatformAdmin } from '../authorization.js'
import { type PlatformRole, type ServiceContext, withTransaction } from '../context.js'
import { selectUser } from './row.js'
import { assertAnotherActiveAdminRemains, lockActiveAdmins } from './rules.js'

/**
 * Blocks a person from signing in and ends every session they have, at once. The row stays: audit
 * entries, notes and invitations keep pointing at who wrote them.
 */
export async function deactivateUser(ctx: ServiceContext, userId: string): Promise<User> {
  assertPlatformAdmin(ctx.actor)
  return withTransaction(ctx, async (tx) => {
    const activeAdminIds = await lockActiveAdmins(tx)
    const [current] = await tx<{ platformRole: PlatformRole | null; active: boolean }[]>`select platform_role, active from users where id = ${userId} for update`
    if (!current) throw new NotFoundError('User', userId)
    if (current.active) {
      if (current.platformRole === 'admin') assertAnotherActiveAdminRemains(activeAdminIds, userId)
      await tx`update users set active = false, updated_at = ${ctx.now()} where id = ${userId}`
      await audit(tx, ctx.actor, { action: 'user.deactivate', entity: 'user', entityId: userId })
    }
    // Also when already inactive: a session that slipped through a race must not outlive this call.
    await invalidateUserSessions(tx, userId)
    const user = await selectUser(tx, userId)
    if (!user) throw new NotFoundError('User', userId)
    return user
  })
}
