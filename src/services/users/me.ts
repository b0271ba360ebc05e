import type { Me } from '../../domain/user.js'
import { UnauthorizedError } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { selectMe } from './row.js'

export async function getMe(ctx: ServiceContext): Promise<Me> {
  if (ctx.actor.kind !== 'user') throw new UnauthorizedError()
  const me = await selectMe(ctx.sql, ctx.actor.userId)
  if (!me) throw new UnauthorizedError()
  return me
}
