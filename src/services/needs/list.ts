import type { Page } from '../../domain/common.js'
import type { Need, NeedStatus } from '../../domain/need.js'
import type { ServiceContext } from '../context.js'
import { getOrganization } from '../organizations/get.js'
import { type NeedRow, selectNeeds, toNeed } from './row.js'

export type NeedSortKey = 'deadline' | 'createdAt'

export interface NeedListQuery {
  page: number
  perPage: number
  sort: { key: NeedSortKey; descending: boolean }
  /** Any of these statuses. */
  status?: NeedStatus[] | undefined
  /** Any of these processes. */
  process?: string[] | undefined
  regionCode?: string | undefined
  clusterId?: string | undefined
  visibility?: 'public' | 'cluster' | 'invited' | undefined
  orgId?: string | undefined
}

const SORT_COLUMNS: Record<NeedSortKey, string> = { deadline: 'deadline', createdAt: 'created_at' }

/** Lists needs across organizations; with `ownerId` (a path parameter) the organization must exist. */
export async function listNeeds(ctx: ServiceContext, query: NeedListQuery, ownerId?: string): Promise<Page<Need>> {
  if (ownerId !== undefined) await getOrganization(ctx, ownerId)
  const { sql } = ctx
  const orgId = ownerId ?? query.orgId ?? null
  const statuses = query.status?.length ? sql.array(query.status) : null
  const processes = query.process?.length ? sql.array(query.process) : null
  const where = sql`
    where (${orgId}::text is null or n.org_id = ${orgId})
      and (${statuses}::text[] is null or n.status = any(${statuses}::text[]))
      and (${processes}::text[] is null or n.processes && ${processes}::text[])
      and (${query.regionCode ?? null}::text is null or n.delivery_region_code = ${query.regionCode ?? null})
      and (${query.clusterId ?? null}::text is null or n.cluster_id = ${query.clusterId ?? null})
      and (${query.visibility ?? null}::text is null or n.visibility = ${query.visibility ?? null})`
  const order = sql.unsafe(`n.${SORT_COLUMNS[query.sort.key]} ${query.sort.descending ? 'desc' : 'asc'}, n.id asc`)
  const [rows, [count]] = await Promise.all([
    sql<NeedRow[]>`
      ${selectNeeds(sql)} ${where}
      order by ${order}
      limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    sql<{ total: number }[]>`select count(*)::int as total from needs n ${where}`,
  ])
  return { items: rows.map(toNeed), total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
