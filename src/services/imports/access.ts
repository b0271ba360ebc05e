import { ForbiddenError, curatorScope, isCurator, isPlatformAdmin, requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'

const NOT_A_CURATOR = 'Импорт предприятий доступен кураторам центров субконтрактации и администраторам платформы / Importing enterprises is for subcontracting centre curators and platform admins'

/**
 * A centre registers the enterprises of its clusters (as createOrganization), so curators whose centre has a
 * cluster and platform admins import; the system (the command line) too. Everyone else is told why.
 */
export async function assertMayImport(ctx: ServiceContext): Promise<void> {
  const actor = requireSignedIn(ctx.actor)
  if (isPlatformAdmin(actor)) return
  if (!isCurator(actor)) throw new ForbiddenError(NOT_A_CURATOR)
  const scope = await curatorScope(ctx.sql, actor)
  if (scope.clusterIds.length === 0) throw new ForbiddenError(NOT_A_CURATOR)
}
