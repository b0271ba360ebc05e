import type { Site } from '../../domain/site.js'
import { NotFoundError } from '../../lib/errors.js'
import type { ServiceContext } from '../context.js'
import { selectSite } from './row.js'

export async function getSite(ctx: ServiceContext, id: string): Promise<Site> {
  const site = await selectSite(ctx.sql, id)
  if (!site) throw new NotFoundError('Site', id)
  return site
}
