import { ForbiddenError, curatorScope, isCurator, isPlatformAdmin, requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'

export interface ClusterChoice {
  id: string
  nameRu: string
  nameEn: string
}

/** The clusters the analytics can be narrowed to: the curator's centre's, or every cluster for a platform admin. */
export async function listAnalyticsClusters(ctx: ServiceContext): Promise<ClusterChoice[]> {
  const actor = requireSignedIn(ctx.actor)
  if (isPlatformAdmin(actor)) return ctx.sql<ClusterChoice[]>`select id, name_ru, name_en from clusters order by name_ru, id`
  if (!isCurator(actor)) throw new ForbiddenError('Аналитику центра видят кураторы и администраторы платформы / Centre analytics are for curators and platform admins')
  const scope = await curatorScope(ctx.sql, actor)
  return ctx.sql<ClusterChoice[]>`select id, name_ru, name_en from clusters where id = any(${ctx.sql.array(scope.clusterIds)}::text[]) order by name_ru, id`
}
