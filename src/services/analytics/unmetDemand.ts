import { ADEQUATE_SUPPLIERS, type AnalyticsQuery, type UnmetDemand, type UnmetDemandRow, type UnmetGrouping } from '../../domain/analytics.js'
import type { ServiceContext } from '../context.js'
import { analyticsNeeds, qualifiedSuppliers } from './scope.js'

interface GroupRow extends UnmetDemandRow {
  grouping: UnmetGrouping | 'total'
}

/**
 * Unmet demand: needs published in the period that have fewer than ADEQUATE_SUPPLIERS qualified suppliers
 * within their distance, counted per required process, material, required certificate and delivery region.
 * A need counts once under each of its processes (materials, certificates); one naming no material or no
 * certificate counts under the null key. Aggregated in PostgreSQL, one pass over the period's needs.
 */
export async function getUnmetDemand(ctx: ServiceContext, query: AnalyticsQuery): Promise<UnmetDemand> {
  const { period, condition } = await analyticsNeeds(ctx, query)
  const { sql } = ctx
  const rows = await sql<GroupRow[]>`
    with scoped as (
      select n.processes, n.materials, n.required_certs, n.delivery_region_code, ${qualifiedSuppliers(sql)} as qualified
      from needs n where ${condition}
    ), keyed as (
      select 'total' as grouping, null as key, qualified from scoped
      union all select 'process', p, qualified from scoped cross join lateral unnest(processes) p
      union all select 'material', m, qualified from scoped left join lateral unnest(materials) m on true
      union all select 'certificate', c, qualified from scoped left join lateral unnest(required_certs) c on true
      union all select 'region', delivery_region_code, qualified from scoped
    )
    select grouping, key, count(*)::int as needs,
           count(*) filter (where qualified < ${ADEQUATE_SUPPLIERS})::int as unmet,
           count(*) filter (where qualified = 0)::int as without_supplier
    from keyed group by grouping, key
    order by grouping, unmet desc, needs desc, key asc nulls last`
  const of = (grouping: UnmetGrouping) => rows.filter((row) => row.grouping === grouping).map((row) => ({ key: row.key, needs: row.needs, unmet: row.unmet, withoutSupplier: row.withoutSupplier }))
  const total = rows.find((row) => row.grouping === 'total')
  return {
    period,
    threshold: ADEQUATE_SUPPLIERS,
    needs: total?.needs ?? 0,
    unmet: total?.unmet ?? 0,
    byProcess: of('process'),
    byMaterial: of('material'),
    byCertificate: of('certificate'),
    byRegion: of('region'),
  }
}
