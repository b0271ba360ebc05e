import type { Organization } from '../../domain/organization.js'
import { NotFoundError } from '../../lib/errors.js'
import type { ServiceContext } from '../context.js'
import { selectOrganization } from './row.js'

export async function getOrganization(ctx: ServiceContext, id: string): Promise<Organization> {
  const organization = await selectOrganization(ctx.sql, id)
  if (!organization) throw new NotFoundError('Organization', id)
  return organization
}
