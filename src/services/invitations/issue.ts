import { ConflictError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { enqueueNotification } from '../../notifications/outbox.js'
import { audit } from '../audit.js'
import { ForbiddenError, requireSignedIn } from '../authorization.js'
import { type Actor, type MembershipRole, type ServiceContext, withTransaction } from '../context.js'
import { lockOrganization } from '../members/rules.js'
import { invitationEmail } from './email.js'
import type { Invitation, InvitationKind } from './row.js'
import { invitationLink, newInvitationToken } from './token.js'

export const INVITATION_LIFETIME_DAYS = 7
const INVITATION_LIFETIME_MS = INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000

/** The invitation with its link: the only time the link exists outside the e-mail. */
export interface IssuedInvitation extends Invitation {
  link: string
}

export interface InvitationRequest {
  kind: InvitationKind
  orgId: string
  email: string
  role: MembershipRole
  /** Where the web app is served; the link points at its invitation page. */
  publicOrigin: string
}

/** An invitation records the person who sent it, so the app itself (scripts, workers) cannot send one. */
export function requireInviter(actor: Actor): Extract<Actor, { kind: 'user' }> {
  const signedIn = requireSignedIn(actor)
  if (signedIn.kind !== 'user') throw new ForbiddenError('Приглашение отправляет человек / Invitations are sent by a person')
  return signedIn
}

/**
 * Stores the invitation (its token hashed), e-mails the link and audits, in one transaction. A pending
 * invitation to the same address replaces the earlier one, so only the newest link works.
 * Authorization is the caller's: each kind has its own rule.
 */
export async function issueInvitation(ctx: ServiceContext, request: InvitationRequest): Promise<IssuedInvitation> {
  const inviter = requireInviter(ctx.actor)
  const now = ctx.now()
  const id = newId('inv', now.getTime())
  const email = request.email.trim().toLowerCase()
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS)
  const { token, hash } = newInvitationToken()
  const link = invitationLink(request.publicOrigin, token)

  return withTransaction(ctx, async (tx) => {
    const organization = await lockOrganization(tx, request.orgId)
    if (request.kind === 'organization') {
      const [admin] = await tx`select 1 from memberships where org_id = ${request.orgId} and role = 'admin' limit 1`
      if (admin) throw new ConflictError('У организации уже есть администратор: коллег приглашает он / The organization already has an admin, who invites colleagues')
    } else {
      const [member] = await tx`
        select 1 from memberships m join users u on u.id = m.user_id where m.org_id = ${request.orgId} and lower(u.email) = ${email}`
      if (member) throw new ConflictError('Этот человек уже состоит в организации / This person is already a member', { field: 'body.email' })
    }

    const replaced = await tx<{ id: string }[]>`
      delete from invitations where org_id = ${request.orgId} and email = ${email} and accepted_at is null returning id`
    for (const old of replaced) {
      await audit(tx, inviter, { action: 'invitation.revoke', entity: 'invitation', entityId: old.id, reason: 'replaced', details: { orgId: request.orgId, email, replacedBy: id } })
    }

    await tx`
      insert into invitations (id, token_hash, kind, org_id, email, role, invited_by, expires_at, created_at)
      values (${id}, ${hash}, ${request.kind}, ${request.orgId}, ${email}, ${request.role}, ${inviter.userId}, ${expiresAt}, ${now})`
    const [inviterRow] = await tx<{ name: string }[]>`select name from users where id = ${inviter.userId}`
    const inviterName = inviterRow?.name ?? ''
    await enqueueNotification(tx, {
      kind: 'invitation',
      recipient: email,
      ...invitationEmail({ kind: request.kind, organizationName: organization.name, inviterName, role: request.role, link, expiresAt }),
      dedupeKey: `invitation:${id}`,
    })
    await audit(tx, inviter, {
      action: 'invitation.create',
      entity: 'invitation',
      entityId: id,
      details: { orgId: request.orgId, kind: request.kind, email, role: request.role, expiresAt: expiresAt.toISOString() },
    })
    return {
      id,
      kind: request.kind,
      orgId: request.orgId,
      email,
      role: request.role,
      invitedBy: { userId: inviter.userId, name: inviterName },
      expiresAt: expiresAt.toISOString(),
      createdAt: now.toISOString(),
      link,
    }
  })
}
