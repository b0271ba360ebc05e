import { ConflictError, NotFoundError } from '../../lib/errors.js'
import type { Tx } from '../context.js'

/**
 * Serializes people changes of one organization (invitations, role changes, removals), so two admins
 * demoting each other at once cannot leave it without an admin. `no key update` does not block rows
 * of other tables that merely reference the organization. Also the existence check: 404 if missing.
 */
export async function lockOrganization(tx: Tx, orgId: string): Promise<{ name: string }> {
  const [row] = await tx<{ name: string }[]>`select name from organizations where id = ${orgId} for no key update`
  if (!row) throw new NotFoundError('Organization', orgId)
  return row
}

/** Call with the organization locked, before taking admin rights from `userId`. */
export async function assertAnotherAdminRemains(tx: Tx, orgId: string, userId: string): Promise<void> {
  const [row] = await tx<{ others: number }[]>`
    select count(*)::int as others from memberships where org_id = ${orgId} and role = 'admin' and user_id <> ${userId}`
  if ((row?.others ?? 0) === 0) {
    throw new ConflictError('В организации должен остаться хотя бы один администратор / The organization must keep at least one admin')
  }
}
