import type postgres from 'postgres'
import { ForbiddenError, curatorScope, inCuratorScope, isCurator, isPlatformAdmin, requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'

const NOT_A_CURATOR = 'Очереди центра видят кураторы и администраторы платформы / The centre queues are for curators and platform admins'

/**
 * The condition a centre queue puts on the organization owning each item: everything for a platform
 * admin, the curator's clusters and regions for a curator, and a 403 for anyone else. The fragment comes
 * wrapped: a bare postgres.js fragment is thenable, and an async function would run it as a query.
 */
export async function centreQueueScope(ctx: ServiceContext, orgId: postgres.Fragment): Promise<{ condition: postgres.Fragment }> {
  const actor = requireSignedIn(ctx.actor)
  if (isPlatformAdmin(actor)) return { condition: ctx.sql`true` }
  if (!isCurator(actor)) throw new ForbiddenError(NOT_A_CURATOR)
  return { condition: inCuratorScope(ctx.sql, await curatorScope(ctx.sql, actor), orgId) }
}

export interface QueuePage {
  page: number
  perPage: number
}
