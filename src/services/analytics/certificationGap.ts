import { ADEQUATE_SUPPLIERS, type AnalyticsQuery, type CertificateGap, type CertificationGap, type SupplierGap } from '../../domain/analytics.js'
import type { ServiceContext } from '../context.js'
import { analyticsNeeds, qualifiedSuppliers } from './scope.js'

/**
 * The certification gap: for each required certificate, the suppliers whose only failing hard constraint on a
 * need of the period is that certificate (a near miss on it: the matching core records a near miss only
 * when waiving that one standard makes the pair a match), and the needs they would qualify for with it —
 * most needs first, the list a centre uses to target certification support. The per-supplier rows say whom.
 */
export async function getCertificationGap(ctx: ServiceContext, query: AnalyticsQuery): Promise<CertificationGap> {
  const { period, condition } = await analyticsNeeds(ctx, query)
  const { sql } = ctx
  const gaps = sql`
    with scoped as (
      select n.id, ${qualifiedSuppliers(sql)} < ${ADEQUATE_SUPPLIERS} as unmet from needs n where ${condition}
    )
    select nm.supplier_org_id, nm.miss ->> 'certificate' as certificate, s.id as need_id, s.unmet
    from near_misses nm join scoped s on s.id = nm.need_id
    where nm.failed_constraint = 'certificate'`
  const [certificates, suppliers] = await Promise.all([
    sql<CertificateGap[]>`
      select certificate, count(distinct supplier_org_id)::int as suppliers, count(distinct need_id)::int as needs,
             count(distinct need_id) filter (where unmet)::int as unmet_needs
      from (${gaps}) g group by certificate
      order by needs desc, suppliers desc, certificate asc`,
    sql<SupplierGap[]>`
      select g.supplier_org_id as org_id, o.name, g.certificate, count(*)::int as needs, count(*) filter (where g.unmet)::int as unmet_needs
      from (${gaps}) g join organizations o on o.id = g.supplier_org_id
      group by g.supplier_org_id, o.name, g.certificate
      order by needs desc, unmet_needs desc, o.name asc, g.certificate asc`,
  ])
  return { period, certificates, suppliers }
}
