import type { Site, SiteInput } from '../../domain/site.js'
import { NotFoundError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { locateSite } from './locate.js'
import { selectSite } from './row.js'

/**
 * By the organization's members, a curator covering it or a platform admin. A new site has no capacities
 * yet, so no search document changes.
 */
export async function createSite(ctx: ServiceContext, orgId: string, input: SiteInput): Promise<Site> {
  await assertOrganizationAccess(ctx, orgId, 'member')
  const id = newId('site', ctx.now().getTime())
  return withTransaction(ctx, async (tx) => {
    // The key-share lock keeps the organization from being deleted under the insert.
    const [organization] = await tx`select id from organizations where id = ${orgId} for key share`
    if (!organization) throw new NotFoundError('Organization', orgId)
    const place = locateSite(input.address, { lat: input.lat, lon: input.lon })
    await tx`insert into sites ${tx({ id, orgId, name: input.name, ...place })}`
    const created = await selectSite(tx, id)
    if (!created) throw new Error(`site ${id} vanished inside its own transaction`)
    return created
  })
}
