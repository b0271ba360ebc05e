import type { Page } from '../../domain/common.js'
import type { ServiceContext } from '../context.js'
import { type QueuePage, centreQueueScope } from './scope.js'

export interface MatchQueueItem {
  needId: string
  needTitle: string
  supplierOrgId: string
  supplierName: string
  status: string
  score: number
  deadline: string
}

/**
 * Pairs waiting for a curator's next step — suggested or shortlisted, on published needs — best first,
 * for needs whose contractor is in the curator's scope.
 */
export async function listMatchesToCurate(ctx: ServiceContext, query: QueuePage): Promise<Page<MatchQueueItem>> {
  const { condition: scope } = await centreQueueScope(ctx, ctx.sql`n.org_id`)
  const where = ctx.sql`where m.status in ('suggested', 'shortlisted') and n.status = 'published' and ${scope}`
  const [items, [count]] = await Promise.all([
    ctx.sql<MatchQueueItem[]>`
      select m.need_id, n.title as need_title, m.supplier_org_id, o.name as supplier_name, m.status, m.score, n.deadline
      from matches m join needs n on n.id = m.need_id join organizations o on o.id = m.supplier_org_id ${where}
      order by n.deadline asc, m.score desc, m.need_id, m.supplier_org_id
      limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    ctx.sql<{ total: number }[]>`select count(*)::int as total from matches m join needs n on n.id = m.need_id ${where}`,
  ])
  return { items, total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
