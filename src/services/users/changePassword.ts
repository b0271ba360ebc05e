import { assertNewPassword, hashPassword, verifyPassword } from '../../auth/password.js'
import { createSession, invalidateUserSessions } from '../../auth/session.js'
import { accountThrottleKey, assertNotThrottled, recordFailure } from '../../auth/throttle.js'
import { ValidationError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { UnauthorizedError } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'

interface Account {
  id: string
  email: string
  passwordHash: string
}

/**
 * Every session of the user ends, the caller's included (whoever knew the old password may hold one); the
 * caller gets a new session so they stay signed in on this device. Wrong current passwords count towards
 * the account's throttle: a stolen session must not become a way to guess the password.
 */
export async function changePassword(ctx: ServiceContext, input: { current: string; next: string }): Promise<{ token: string }> {
  const actor = ctx.actor
  if (actor.kind !== 'user' || !actor.sessionId) throw new UnauthorizedError()
  const sessionId = actor.sessionId
  const now = ctx.now()
  const [account] = await ctx.sql<Account[]>`select id, email, password_hash from users where id = ${actor.userId} and active`
  if (!account) throw new UnauthorizedError()

  const accountKey = accountThrottleKey(account.email)
  await assertNotThrottled(ctx.sql, [accountKey], now)
  const { ok } = await verifyPassword(account.passwordHash, input.current)
  if (!ok) {
    await recordFailure(ctx.sql, [accountKey], now)
    throw new ValidationError('Текущий пароль неверен / The current password is wrong', [{ path: 'body.current', message: 'Текущий пароль неверен / The current password is wrong' }])
  }
  assertNewPassword(input.next, account.email, 'body.next')
  const passwordHash = await hashPassword(input.next)

  return withTransaction(ctx, async (tx) => {
    const [current] = await tx<{ userAgent: string | null; address: string | null }[]>`select user_agent, address from sessions where id = ${sessionId}`
    await tx`update users set password_hash = ${passwordHash}, password_changed_at = ${now}, updated_at = ${now} where id = ${account.id}`
    await invalidateUserSessions(tx, account.id)
    const { token } = await createSession(tx, account.id, { userAgent: current?.userAgent ?? null, address: current?.address ?? null }, now)
    await audit(tx, ctx.actor, { action: 'user.change_password', entity: 'user', entityId: account.id })
    return { token }
  })
}
