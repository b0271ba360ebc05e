import { NotFoundError } from '../../lib/errors.js'
import { assertOrganizationAccess } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { type Member, selectMembers } from './row.js'

/** Colleagues see each other; so do curators in scope and platform admins. */
export async function listMembers(ctx: ServiceContext, orgId: string): Promise<Member[]> {
  await assertOrganizationAccess(ctx, orgId, 'member')
  const [organization] = await ctx.sql`select 1 from organizations where id = ${orgId}`
  if (!organization) throw new NotFoundError('Organization', orgId)
  return selectMembers(ctx.sql, orgId)
}
