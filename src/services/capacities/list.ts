import type { Capacity } from '../../domain/capacity.js'
import type { Page } from '../../domain/common.js'
import { MATERIALS, PROCESSES, type ProcessGroupCode, getMaterialFamily, materialFamilyOf } from '../../domain/taxonomy/index.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { getOrganization } from '../organizations/get.js'
import { type CapacityRow, selectCapacities, toCapacity } from './row.js'

export type CapacitySortKey = 'createdAt' | 'updatedAt' | 'title' | 'itGrade' | 'leadTimeDays'

export interface CapacityListQuery {
  page: number
  perPage: number
  sort: { key: CapacitySortKey; descending: boolean }
  /** Any of these processes. */
  process?: string[] | undefined
  processGroup?: ProcessGroupCode | undefined
  material?: string | undefined
  regionCode?: string | undefined
  orgId?: string | undefined
  siteId?: string | undefined
  /** At least this precise: IT grade ≤ the value (IT1 is the finest). */
  itGradeAtMost?: number | undefined
}

const SORT_COLUMNS: Record<CapacitySortKey, string> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  title: 'title',
  itGrade: 'it_grade',
  leadTimeDays: 'lead_time_days',
}

/**
 * Codes a capacity may list to work the asked material: a grade is covered by the grade itself or its
 * whole family; a family by the family or any of its grades. Sibling grades do not count.
 */
function materialsCovering(code: string): string[] {
  if (getMaterialFamily(code)) return [code, ...MATERIALS.filter((m) => m.family === code).map((m) => m.code)]
  const family = materialFamilyOf(code)
  return family ? [code, family] : [code]
}

/** Lists capacities across organizations, for anyone signed in; with `ownerId` (a path parameter) the organization must exist. */
export async function listCapacities(ctx: ServiceContext, query: CapacityListQuery, ownerId?: string): Promise<Page<Capacity>> {
  requireSignedIn(ctx.actor)
  if (ownerId !== undefined) await getOrganization(ctx, ownerId)
  const { sql } = ctx
  const orgId = ownerId ?? query.orgId ?? null
  const processes = query.process?.length ? sql.array(query.process) : null
  const groupProcesses = query.processGroup ? sql.array(PROCESSES.filter((p) => p.group === query.processGroup).map((p) => p.code)) : null
  const materials = query.material ? sql.array(materialsCovering(query.material)) : null
  const where = sql`
    where (${orgId}::text is null or c.org_id = ${orgId})
      and (${query.siteId ?? null}::text is null or c.site_id = ${query.siteId ?? null})
      and (${processes}::text[] is null or c.processes && ${processes}::text[])
      and (${groupProcesses}::text[] is null or c.processes && ${groupProcesses}::text[])
      and (${materials}::text[] is null or c.materials && ${materials}::text[])
      and (${query.itGradeAtMost ?? null}::int is null or c.it_grade <= ${query.itGradeAtMost ?? null})
      and (${query.regionCode ?? null}::text is null or exists (select 1 from sites s where s.id = c.site_id and s.region_code = ${query.regionCode ?? null}))`
  const order = sql.unsafe(`c.${SORT_COLUMNS[query.sort.key]} ${query.sort.descending ? 'desc' : 'asc'} nulls last, c.id asc`)
  const [rows, [count]] = await Promise.all([
    sql<CapacityRow[]>`
      ${selectCapacities(sql)} ${where}
      order by ${order}
      limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    sql<{ total: number }[]>`select count(*)::int as total from capacities c ${where}`,
  ])
  return { items: rows.map(toCapacity), total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
