import type { Page } from '../../domain/common.js'
import type { Organization } from '../../domain/organization.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { type OrganizationRow, selectOrganizations, toOrganization } from './row.js'

export interface OrganizationListQuery {
  page: number
  perPage: number
  sort: { key: 'name' | 'createdAt' | 'updatedAt'; descending: boolean }
  q?: string | undefined
  kind?: string[] | undefined
  clusterId?: string | undefined
  regionCode?: string | undefined
  verification?: 'unverified' | 'verified' | undefined
}

const SORT_COLUMNS = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' } as const

/** The platform's directory: any signed-in person may browse it. */
export async function listOrganizations(ctx: ServiceContext, query: OrganizationListQuery): Promise<Page<Organization>> {
  requireSignedIn(ctx.actor)
  const { sql } = ctx
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null
  const where = sql`
    where (${pattern}::text is null or o.name ilike ${pattern} or o.inn = ${query.q ?? ''})
      and (${query.kind ? sql.array(query.kind) : null}::text[] is null or o.kinds && ${query.kind ? sql.array(query.kind) : null}::text[])
      and (${query.clusterId ?? null}::text is null or exists (select 1 from organization_clusters oc where oc.org_id = o.id and oc.cluster_id = ${query.clusterId ?? null}))
      and (${query.regionCode ?? null}::text is null or exists (select 1 from sites s where s.org_id = o.id and s.region_code = ${query.regionCode ?? null}))
      and (${query.verification ?? null}::text is null or o.verification = ${query.verification ?? null})`
  const order = sql.unsafe(`o.${SORT_COLUMNS[query.sort.key]} ${query.sort.descending ? 'desc' : 'asc'}, o.id asc`)
  const [rows, [count]] = await Promise.all([
    sql<OrganizationRow[]>`
      ${selectOrganizations(sql)} ${where}
      order by ${order}
      limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    sql<{ total: number }[]>`select count(*)::int as total from organizations o ${where}`,
  ])
  return { items: rows.map(toOrganization), total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
