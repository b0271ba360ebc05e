import type { Organization } from '../../domain/organization.js'
import { NotFoundError } from '../../lib/errors.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { selectOrganization } from './row.js'

/** The platform's directory: any signed-in person may look an organization up. */
export async function getOrganization(ctx: ServiceContext, id: string): Promise<Organization> {
  requireSignedIn(ctx.actor)
  const organization = await selectOrganization(ctx.sql, id)
  if (!organization) throw new NotFoundError('Organization', id)
  return organization
}
