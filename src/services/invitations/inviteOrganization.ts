import { NotFoundError } from '../../lib/errors.js'
import { ForbiddenError, isCurator, isPlatformAdmin, membershipOf, organizationInCuratorScope } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { type IssuedInvitation, issueInvitation, requireInviter } from './issue.js'

/**
 * A centre connects an organization it has registered: its curator (for an organization in the
 * centre's scope) or a platform admin invites the organization's first admin. The organization's own
 * members learn why they may not (403); anybody else sees the 404 of a missing organization.
 */
export async function inviteOrganization(ctx: ServiceContext, orgId: string, input: { email: string }, publicOrigin: string): Promise<IssuedInvitation> {
  const actor = requireInviter(ctx.actor)
  if (!isPlatformAdmin(actor)) {
    const inScope = isCurator(actor) && (await organizationInCuratorScope(ctx.sql, actor, orgId))
    if (!inScope) {
      if (membershipOf(actor, orgId)) {
        throw new ForbiddenError('Первого администратора приглашает куратор центра, коллег — администраторы / A centre curator invites the first admin; admins invite colleagues')
      }
      throw new NotFoundError('Organization', orgId)
    }
  }
  return issueInvitation(ctx, { kind: 'organization', orgId, email: input.email, role: 'admin', publicOrigin })
}
