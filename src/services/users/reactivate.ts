import type { User } from '../../domain/user.js'
import { NotFoundError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { assertPlatformAdmin } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { selectUser } from './row.js'

/** Lets a deactivated person sign in again with their existing password; no session is created for them. */
export async function reactivateUser(ctx: ServiceContext, userId: string): Promise<User> {
  assertPlatformAdmin(ctx.actor)
  return withTransaction(ctx, async (tx) => {
    const [current] = await tx<{ active: boolean }[]>`select active from users where id = ${userId} for update`
    if (!current) throw new NotFoundError('User', userId)
    if (!current.active) {
      await tx`update users set active = true, updated_at = ${ctx.now()} where id = ${userId}`
      await audit(tx, ctx.actor, { action: 'user.reactivate', entity: 'user', entityId: userId })
    }
    const user = await selectUser(tx, userId)
    if (!user) throw new NotFoundError('User', userId)
    return user
  })
}
