import { NotFoundError } from '../../lib/errors.js'
import type { ServiceContext } from '../context.js'
import { assertManagesPeople } from '../members/access.js'
import { type Invitation, selectPendingInvitations } from './row.js'

/** The invitations still waiting for an answer, for those who may send and revoke them. */
export async function listInvitations(ctx: ServiceContext, orgId: string): Promise<Invitation[]> {
  await assertManagesPeople(ctx, orgId)
  const [organization] = await ctx.sql`select 1 from organizations where id = ${orgId}`
  if (!organization) throw new NotFoundError('Organization', orgId)
  return selectPendingInvitations(ctx.sql, orgId, ctx.now())
}
