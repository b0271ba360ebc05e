import type { Cluster, ClusterSector } from '../../domain/cluster.js'
import type { Page } from '../../domain/common.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { type ClusterRow, selectClusters, toCluster } from './row.js'

export interface ClusterListQuery {
  page: number
  perPage: number
  sort: { key: 'nameRu' | 'createdAt'; descending: boolean }
  q?: string | undefined
  sector?: ClusterSector | undefined
  regionCode?: string | undefined
}

const SORT_COLUMNS = { nameRu: 'name_ru', createdAt: 'created_at' } as const

export async function listClusters(ctx: ServiceContext, query: ClusterListQuery): Promise<Page<Cluster>> {
  requireSignedIn(ctx.actor)
  const { sql } = ctx
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null
  const where = sql`
    where (${pattern}::text is null or c.name_ru ilike ${pattern} or c.name_en ilike ${pattern})
      and (${query.sector ?? null}::text is null or c.sector = ${query.sector ?? null})
      and (${query.regionCode ?? null}::text is null or ${query.regionCode ?? null} = any(c.region_codes))`
  const order = sql.unsafe(`c.${SORT_COLUMNS[query.sort.key]} ${query.sort.descending ? 'desc' : 'asc'}, c.id asc`)
  const [rows, [count]] = await Promise.all([
    sql<ClusterRow[]>`
      ${selectClusters(sql)} ${where}
      order by ${order}
      limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    sql<{ total: number }[]>`select count(*)::int as total from clusters c ${where}`,
  ])
  return { items: rows.map(toCluster), total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
