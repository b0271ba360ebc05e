import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { ForbiddenError, assertOrganizationAccess, isPlatformAdmin, requireSignedIn } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'

/**
 * Deletes the organization with its sites, certificates, capacities and needs, and their search documents.
 * Platform admins only: it takes other tenants' match history with it and cannot be undone. Its members and
 * the curators covering it learn why (403); anybody else gets the 404 of a missing organization.
 */
export async function deleteOrganization(ctx: ServiceContext, id: string): Promise<void> {
  const actor = requireSignedIn(ctx.actor)
  if (!isPlatformAdmin(actor)) {
    await assertOrganizationAccess(ctx, id, 'member')
    throw new ForbiddenError('Удалить организацию может только администратор платформы / Only a platform admin deletes an organization')
  }
  await withTransaction(ctx, async (tx) => {
    const capacities = await tx<{ id: string }[]>`select id from capacities where org_id = ${id}`
    const needs = await tx<{ id: string }[]>`select id from needs where org_id = ${id}`
    const [deleted] = await tx`delete from organizations where id = ${id} returning id`
    if (!deleted) throw new NotFoundError('Organization', id)
    await enqueueSearch(tx, 'capacity', capacities.map((r) => r.id))
    await enqueueSearch(tx, 'need', needs.map((r) => r.id))
  })
}
