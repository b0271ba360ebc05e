import { ConflictError, NotFoundError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { requireSignedIn } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { assertManagesPeople } from '../members/access.js'

/** Withdraws a pending invitation: its link stops working. The row goes; the audit log keeps the story. */
export async function revokeInvitation(ctx: ServiceContext, id: string): Promise<void> {
  requireSignedIn(ctx.actor)
  const [invitation] = await ctx.sql<{ orgId: string }[]>`select org_id from invitations where id = ${id}`
  if (!invitation) throw new NotFoundError('Invitation', id)
  try {
    await assertManagesPeople(ctx, invitation.orgId)
  } catch (err) {
    // Another tenant's invitation must look exactly like a missing one, not like a missing organization.
    if (err instanceof NotFoundError) throw new NotFoundError('Invitation', id)
    throw err
  }
  await withTransaction(ctx, async (tx) => {
    const [revoked] = await tx<{ email: string; kind: string; role: string }[]>`
      delete from invitations where id = ${id} and accepted_at is null returning email, kind, role`
    if (!revoked) {
      const [accepted] = await tx`select 1 from invitations where id = ${id}`
      if (accepted) throw new ConflictError('Приглашение уже принято: удалите сотрудника / The invitation was already accepted; remove the member instead')
      throw new NotFoundError('Invitation', id)
    }
    await audit(tx, ctx.actor, { action: 'invitation.revoke', entity: 'invitation', entityId: id, details: { orgId: invitation.orgId, ...revoked } })
  })
}
