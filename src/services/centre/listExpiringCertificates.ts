import type { Page } from '../../domain/common.js'
import type { ServiceContext } from '../context.js'
import { type QueuePage, centreQueueScope } from './scope.js'

export interface ExpiringCertificate {
  id: string
  orgId: string
  orgName: string
  standard: string
  status: string
  validUntil: string
}

/** Certificates (not rejected) that expire within `withinDays` from today, soonest first, within the curator's scope. */
export async function listExpiringCertificates(ctx: ServiceContext, query: QueuePage & { withinDays: number }): Promise<Page<ExpiringCertificate>> {
  const { condition: scope } = await centreQueueScope(ctx, ctx.sql`c.org_id`)
  const today = ctx.now().toISOString().slice(0, 10)
  const where = ctx.sql`
    where c.status <> 'rejected' and c.valid_until >= ${today}::date and c.valid_until <= ${today}::date + ${query.withinDays}::int and ${scope}`
  const [items, [count]] = await Promise.all([
    ctx.sql<ExpiringCertificate[]>`
      select c.id, c.org_id, o.name as org_name, c.standard, c.status, c.valid_until
      from certificates c join organizations o on o.id = c.org_id ${where}
      order by c.valid_until asc, c.id asc limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    ctx.sql<{ total: number }[]>`select count(*)::int as total from certificates c ${where}`,
  ])
  return { items, total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
