import type { Page } from '../../domain/common.js'
import type { ServiceContext } from '../context.js'
import { type QueuePage, centreQueueScope } from './scope.js'

export interface CertificateQueueItem {
  id: string
  orgId: string
  orgName: string
  standard: string
  number: string
  validUntil: string | null
  createdAt: string
}

/** Certificates no centre has verified or rejected yet, oldest first, within the curator's scope. */
export async function listCertificatesForReview(ctx: ServiceContext, query: QueuePage): Promise<Page<CertificateQueueItem>> {
  const { condition: scope } = await centreQueueScope(ctx, ctx.sql`c.org_id`)
  const where = ctx.sql`where c.status = 'unverified' and ${scope}`
  const [rows, [count]] = await Promise.all([
    ctx.sql<(Omit<CertificateQueueItem, 'createdAt'> & { createdAt: Date })[]>`
      select c.id, c.org_id, o.name as org_name, c.standard, c.number, c.valid_until, c.created_at
      from certificates c join organizations o on o.id = c.org_id ${where}
      order by c.created_at asc, c.id asc limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    ctx.sql<{ total: number }[]>`select count(*)::int as total from certificates c ${where}`,
  ])
  return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
