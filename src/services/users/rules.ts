import { ConflictError } from '../../lib/errors.js'
import type { Tx } from '../context.js'

/**
 * Locks the rows of every active platform admin (in id order, before any other user row, so two such
 * transactions cannot deadlock) and returns their ids. Two admins demoting each other at once are thereby
 * serialized, and the second sees that it would leave the platform without an admin.
 */
export async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx<{ id: string }[]>`select id from users where platform_role = 'admin' and active order by id for update`
  return rows.map((row) => row.id)
}

export function assertAnotherActiveAdminRemains(activeAdminIds: string[], userId: string): void {
  if (!activeAdminIds.some((id) => id !== userId)) {
    throw new ConflictError('На платформе должен остаться хотя бы один активный администратор / The platform must keep at least one active admin')
  }
}
