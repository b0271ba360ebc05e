import type { Page } from '../../domain/common.js'
import type { NeedStatus } from '../../domain/need.js'
import { curatorScope, isCurator, requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { getOrganization } from '../organizations/get.js'
import { actorOrgIds, managedNeedsCondition } from './access.js'
import { type NeedRow, selectNeeds, toNeed } from './row.js'
import { type NeedView, needSectorExpression, publishedToCondition, redactedNeed } from './view.js'

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

/**
 * Lists the needs the actor may see, as getNeed would show each: whole for the needs they run (their
 * organizations', their scope's as a curator, all for a platform admin), redacted for the published needs
 * that reach them otherwise. With `ownerId` (a path parameter) the organization must exist.
 */
export async function listNeeds(ctx: ServiceContext, query: NeedListQuery, ownerId?: string): Promise<Page<NeedView>> {
  requireSignedIn(ctx.actor)
  if (ownerId !== undefined) await getOrganization(ctx, ownerId)
  const { sql } = ctx
  const managed = managedNeedsCondition(sql, ctx.actor, isCurator(ctx.actor) ? await curatorScope(sql, ctx.actor) : null)
  const orgId = ownerId ?? query.orgId ?? null
  const statuses = query.status?.length ? sql.array(query.status) : null
  const processes = query.process?.length ? sql.array(query.process) : null
  // The redacted view hides who posted a need, so a filter by organization reaches only the needs the actor runs.
  const where = sql`
    where (${managed} or ${publishedToCondition(sql, actorOrgIds(ctx.actor))})
      and (${orgId}::text is null or (n.org_id = ${orgId} and ${managed}))
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
  const views = await sql<{ id: string; managed: boolean; sector: string | null }[]>`
    select n.id, ${managed} as managed, ${needSectorExpression(sql, sql`n.cluster_id`, sql`n.org_id`)} as sector
    from needs n where n.id = any(${sql.array(rows.map((row) => row.id))}::text[])`
  const viewOf = new Map(views.map((view) => [view.id, view]))
  const items = rows.map((row) => {
    const need = toNeed(row)
    const view = viewOf.get(need.id)
    return view?.managed ? need : redactedNeed(need, view?.sector ?? null)
  })
  return { items, total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
