import type { Site, SiteUpdate } from '../../domain/site.js'
import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { locateSite } from './locate.js'
import { capacityIdsAtSite, selectSite } from './row.js'

/**
 * A new address or new coordinates geocode the site again: a new address without coordinates drops earlier explicit
 * coordinates (they pinned the old address); coordinates alone keep the stored address. As createSite, by
 * those who keep the organization.
 */
export async function updateSite(ctx: ServiceContext, id: string, patch: SiteUpdate): Promise<Site> {
  return withTransaction(ctx, async (tx) => {
    const [current] = await tx<{ orgId: string; address: string }[]>`select org_id, address from sites where id = ${id} for update`
    if (!current) throw new NotFoundError('Site', id)
    await assertOrganizationAccess({ sql: tx, actor: ctx.actor }, current.orgId, 'member', { notFound: new NotFoundError('Site', id) })
    const relocated = patch.address !== undefined || patch.lat !== undefined
    const values = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(relocated ? locateSite(patch.address ?? current.address, { lat: patch.lat, lon: patch.lon }) : {}),
    }
    if (Object.keys(values).length) {
      await tx`update sites set ${tx(values)}, updated_at = now() where id = ${id}`
      await enqueueSearch(tx, 'capacity', await capacityIdsAtSite(tx, id))
    }
    const updated = await selectSite(tx, id)
    if (!updated) throw new NotFoundError('Site', id)
    return updated
  })
}
