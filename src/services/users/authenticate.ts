import { hashForUnknownUser, hashPassword, verifyPassword } from '../../auth/password.js'
import { createSession } from '../../auth/session.js'
import { accountThrottleKey, addressThrottleKey, assertNotThrottled, recordFailure, recordSuccess } from '../../auth/throttle.js'
import type { Me } from '../../domain/user.js'
import { ServiceError } from '../../lib/errors.js'
import type { ServiceContext } from '../context.js'
import { selectMe } from './row.js'

/** One answer for an unknown email, a wrong password and a deactivated account: none of them is confirmed. */
export class InvalidCredentialsError extends ServiceError {
  constructor() {
    super('UNAUTHORIZED', 401, 'Неверный адрес почты или пароль / Wrong email or password')
  }
}

export interface SignInInput {
  email: string
  password: string
  userAgent: string | null
  address: string | null
}

interface Credentials {
  id: string
  passwordHash: string
  active: boolean
}

/**
 * Opens a new session on every sign-in (never reuses one a browser already had, so a planted session id is
 * worthless). The throttle is checked before any hashing, so a blocked flood costs one indexed read.
 */
export async function signIn(ctx: ServiceContext, input: SignInInput): Promise<{ token: string; user: Me }> {
  const now = ctx.now()
  const accountKey = accountThrottleKey(input.email)
  const keys = input.address ? [accountKey, addressThrottleKey(input.address)] : [accountKey]
  await assertNotThrottled(ctx.sql, keys, now)

  const [user] = await ctx.sql<Credentials[]>`select id, password_hash, active from users where lower(email) = ${input.email.trim().toLowerCase()}`
  const { ok, needsRehash } = await verifyPassword(user?.passwordHash ?? (await hashForUnknownUser()), input.password)
  if (!user || !ok || !user.active) {
    await recordFailure(ctx.sql, keys, now)
    throw new InvalidCredentialsError()
  }
  if (needsRehash) {
    const upgraded = await hashPassword(input.password)
    // Only if nobody changed the password meanwhile: the check must not overwrite a newer password.
    await ctx.sql`update users set password_hash = ${upgraded} where id = ${user.id} and password_hash = ${user.passwordHash}`
  }
  await recordSuccess(ctx.sql, accountKey)
  const { token } = await createSession(ctx.sql, user.id, { userAgent: input.userAgent, address: input.address }, now)
  const me = await selectMe(ctx.sql, user.id)
  if (!me) throw new InvalidCredentialsError()
  return { token, user: me }
}
