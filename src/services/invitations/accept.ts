import { verifyPassword } from '../../auth/password.js'
import { createSession } from '../../auth/session.js'
import { accountThrottleKey, addressThrottleKey, assertNotThrottled, recordFailure, recordSuccess } from '../../auth/throttle.js'
import { ServiceError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { type Actor, type MembershipRole, type ServiceContext, withTransaction } from '../context.js'
import { createUser } from '../users/createUser.js'
import { InvitationUnavailableError, hashInvitationToken } from './token.js'

export interface AcceptInvitationInput {
  /** Needed only when the invitation creates the account. */
  name?: string | undefined
  password: string
}

export interface AcceptedInvitation {
  userId: string
  orgId: string
  role: MembershipRole
  newAccount: boolean
  session: { token: string; sessionId: string }
}

export interface SessionMeta {
  userAgent: string | null
  address: string | null
}

/** The same answer for a wrong password and a deactivated account, as at sign-in. */
export class WrongPasswordError extends ServiceError {
  constructor() {
    super('UNAUTHORIZED', 401, 'Пароль не подходит к учётной записи с этим адресом / The password does not match the account with this address')
  }
}

/**
 * Turns an invitation into a membership and signs the person in. Whoever already has an account with
 * the invited address proves it with their password (throttled like a sign-in: this is a password
 * check too); anybody else gets an account.
 * The conditional update is the single-use gate: of two concurrent accepts, the second waits for the
 * first's row lock, then finds `accepted_at` set and gets the same 404 as an unknown token. A failed
 * accept (weak or wrong password) rolls back and leaves the invitation usable.
 */
export async function acceptInvitation(ctx: ServiceContext, token: string, input: AcceptInvitationInput, meta: SessionMeta): Promise<AcceptedInvitation> {
  const now = ctx.now()
  const tokenHash = hashInvitationToken(token)
  const [pending] = await ctx.sql<{ email: string }[]>`
    select email from invitations where token_hash = ${tokenHash} and accepted_at is null and expires_at > ${now}`
  if (!pending) throw new InvitationUnavailableError()
  const accountKey = accountThrottleKey(pending.email)
  const throttleKeys = meta.address ? [accountKey, addressThrottleKey(meta.address)] : [accountKey]
  await assertNotThrottled(ctx.sql, throttleKeys, now)

  let accepted: Omit<AcceptedInvitation, 'session'>
  try {
    accepted = await withTransaction(ctx, async (tx) => {
      const [invitation] = await tx<{ id: string; orgId: string; email: string; role: MembershipRole; kind: string }[]>`
        update invitations set accepted_at = ${now}
        where token_hash = ${tokenHash} and accepted_at is null and expires_at > ${now}
        returning id, org_id, email, role, kind`
      if (!invitation) throw new InvitationUnavailableError()

      const [existing] = await tx<{ id: string; passwordHash: string; active: boolean }[]>`
        select id, password_hash, active from users where lower(email) = ${invitation.email}`
      let userId: string
      if (existing) {
        const { ok } = await verifyPassword(existing.passwordHash, input.password)
        if (!ok || !existing.active) throw new WrongPasswordError()
        userId = existing.id
      } else {
        userId = await createUser(tx, { email: invitation.email, name: input.name ?? '', password: input.password })
      }

      await tx`update invitations set accepted_by = ${userId} where id = ${invitation.id}`
      // Accepting never demotes: an admin who follows an old member invitation stays admin.
      const [membership] = await tx<{ role: MembershipRole }[]>`
        insert into memberships (user_id, org_id, role) values (${userId}, ${invitation.orgId}, ${invitation.role})
        on conflict (user_id, org_id) do update set role = case when memberships.role = 'admin' then 'admin' else excluded.role end
        returning role`
      const person: Actor = { kind: 'user', userId, sessionId: null, platformRole: null, memberships: [] }
      await audit(tx, person, {
        action: 'invitation.accept',
        entity: 'invitation',
        entityId: invitation.id,
        details: { orgId: invitation.orgId, kind: invitation.kind, role: invitation.role, newAccount: !existing },
      })
      return { userId, orgId: invitation.orgId, role: membership?.role ?? invitation.role, newAccount: !existing }
    })
  } catch (err) {
    // Recorded outside the rolled-back transaction, so the failure counts.
    if (err instanceof WrongPasswordError) await recordFailure(ctx.sql, throttleKeys, now)
    throw err
  }
  if (!accepted.newAccount) await recordSuccess(ctx.sql, accountKey)
  // Opened only once the membership is committed: a rolled-back accept leaves no session behind.
  const session = await createSession(ctx.sql, accepted.userId, meta, now)
  return { ...accepted, session }
}
