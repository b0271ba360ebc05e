import { assertOrganizationAccess } from '../authorization.js'
import type { ServiceContext } from '../context.js'

/**
 * May the actor manage an organization's people (invite, change roles, remove): its admins, a curator
 * whose scope covers it, a platform admin. A plain member of the same organization already knows it
 * exists, so they are told why (403); anybody else gets the 404 of a missing organization.
 */
export async function assertManagesPeople(ctx: ServiceContext, orgId: string): Promise<void> {
  await assertOrganizationAccess(ctx, orgId, 'admin', {
    forbidden: 'Управлять сотрудниками могут только администраторы организации / Only organization admins manage its people',
  })
}
