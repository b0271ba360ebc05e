import type { Site } from '../../domain/site.js'
import { NotFoundError } from '../../lib/errors.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { selectSite } from './row.js'

/** Supplier profiles are public inside the platform: any signed-in person may read a site. */
export async function getSite(ctx: ServiceContext, id: string): Promise<Site> {
  requireSignedIn(ctx.actor)
  const site = await selectSite(ctx.sql, id)
  if (!site) throw new NotFoundError('Site', id)
  return site
}
