import type { AnalyticsQuery, CooperationIndicators, MonthlyIndicators } from '../../domain/analytics.js'
import type { ServiceContext } from '../context.js'
import { ANALYTICS_TIME_ZONE, analyticsNeeds } from './scope.js'

interface TotalsRow {
  published: number
  matched: number
  introduced: number
  contracted: number
  met: number
  metInsideCluster: number
  medianHoursToIntroduction: number | null
}

/**
 * The cooperation funnel of the needs published in the period: published; matched (at least one supplier on
 * the need's list); introduced (the centre introduced at least one supplier: an audited `match.introduce`, as
 * a pair's own status moves on past it); contracted (a pair in status contracted). The median time from
 * publication to the first introduction comes from the audit log; a need is met inside the cluster when a
 * supplier introduced to it shares a cluster with its contractor. The trend counts the same per month of
 * publication (a cohort: what became of the needs published that month), every month of the period.
 */
export async function getCooperationIndicators(ctx: ServiceContext, query: AnalyticsQuery): Promise<CooperationIndicators> {
  const { period, condition } = await analyticsNeeds(ctx, query)
  const { sql } = ctx
  const scoped = sql`
    select n.id, n.published_at,
           to_char(n.published_at at time zone ${ANALYTICS_TIME_ZONE}, 'YYYY-MM') as month,
           exists (select 1 from matches m where m.need_id = n.id) as matched,
           (select min(a.at) from audit_log a where a.action = 'match.introduce' and a.details ->> 'needId' = n.id) as introduced_at,
           exists (select 1 from matches m where m.need_id = n.id and m.status = 'contracted') as contracted,
           exists (
             select 1 from audit_log a
             join organization_clusters supplier_oc on supplier_oc.org_id = a.details ->> 'orgId'
             join organization_clusters contractor_oc on contractor_oc.cluster_id = supplier_oc.cluster_id and contractor_oc.org_id = n.org_id
             where a.action = 'match.introduce' and a.details ->> 'needId' = n.id
           ) as met_inside_cluster
    from needs n where ${condition}`
  const [[totals], trend] = await Promise.all([
    sql<TotalsRow[]>`
      select count(*)::int as published,
             count(*) filter (where matched)::int as matched,
             count(*) filter (where introduced_at is not null)::int as introduced,
             count(*) filter (where contracted)::int as contracted,
             count(*) filter (where introduced_at is not null)::int as met,
             count(*) filter (where met_inside_cluster)::int as met_inside_cluster,
             (percentile_cont(0.5) within group (order by extract(epoch from introduced_at - published_at) / 3600.0)
               filter (where introduced_at is not null))::float8 as median_hours_to_introduction
      from (${scoped}) s`,
    sql<MonthlyIndicators[]>`
      with months as (
        select to_char(month, 'YYYY-MM') as month
        from generate_series(date_trunc('month', ${period.from}::date), date_trunc('month', ${period.to}::date), interval '1 month') month
      )
      select months.month,
             count(s.id)::int as published,
             count(s.id) filter (where s.matched)::int as matched,
             count(s.id) filter (where s.introduced_at is not null)::int as introduced,
             count(s.id) filter (where s.contracted)::int as contracted
      from months left join (${scoped}) s on s.month = months.month
      group by months.month order by months.month`,
  ])
  const row = totals ?? { published: 0, matched: 0, introduced: 0, contracted: 0, met: 0, metInsideCluster: 0, medianHoursToIntroduction: null }
  return {
    period,
    published: row.published,
    matched: row.matched,
    introduced: row.introduced,
    contracted: row.contracted,
    medianHoursToIntroduction: row.medianHoursToIntroduction,
    met: row.met,
    metInsideCluster: row.metInsideCluster,
    insideClusterShare: row.met === 0 ? null : row.metInsideCluster / row.met,
    trend,
  }
}
