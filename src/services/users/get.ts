import type { User } from '../../domain/user.js'
import { NotFoundError } from '../../lib/errors.js'
import { assertPlatformAdmin } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { selectUser } from './row.js'

export async function getUser(ctx: ServiceContext, userId: string): Promise<User> {
  assertPlatformAdmin(ctx.actor)
  const user = await selectUser(ctx.sql, userId)
  if (!user) throw new NotFoundError('User', userId)
  return user
}
