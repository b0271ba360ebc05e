import { curatorScope, isPlatformAdmin } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { assertMayImport } from './access.js'

export interface ImportCluster {
  id: string
  nameRu: string
  nameEn: string
}

/** The clusters imported organizations may join: the curator's centre's, or every cluster for a platform admin. */
export async function listImportClusters(ctx: ServiceContext): Promise<ImportCluster[]> {
  await assertMayImport(ctx)
  const { sql, actor } = ctx
  if (isPlatformAdmin(actor) || actor.kind !== 'user') return sql<ImportCluster[]>`select id, name_ru, name_en from clusters order by name_ru, id`
  const scope = await curatorScope(sql, actor)
  return sql<ImportCluster[]>`select id, name_ru, name_en from clusters where id = any(${sql.array(scope.clusterIds)}::text[]) order by name_ru, id`
}
