import type { Page } from '../../domain/common.js'
import type { Site } from '../../domain/site.js'
import type { ServiceContext } from '../context.js'
import { getOrganization } from '../organizations/get.js'
import { type SiteRow, selectSites, toSite } from './row.js'

export interface SiteListQuery {
  page: number
  perPage: number
}

/** Public inside the platform, as getSite; getOrganization turns the anonymous away. */
export async function listSites(ctx: ServiceContext, orgId: string, query: SiteListQuery): Promise<Page<Site>> {
  await getOrganization(ctx, orgId)
  const { sql } = ctx
  const [rows, [count]] = await Promise.all([
    sql<SiteRow[]>`
      ${selectSites(sql)} where s.org_id = ${orgId}
      order by s.name, s.id
      limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    sql<{ total: number }[]>`select count(*)::int as total from sites where org_id = ${orgId}`,
  ])
  return { items: rows.map(toSite), total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
