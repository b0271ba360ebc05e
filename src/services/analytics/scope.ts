import type postgres from 'postgres'
import { type AnalyticsPeriod, type AnalyticsQuery, DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS } from '../../domain/analytics.js'
import { NotFoundError, ValidationError } from '../../lib/errors.js'
import { ForbiddenError, curatorScope, inCuratorScope, isCurator, isPlatformAdmin, requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'

const NOT_A_CURATOR = 'Аналитику центра видят кураторы и администраторы платформы / Centre analytics are for curators and platform admins'

/** The centres and their clusters keep Moscow time; a day of the period is a Moscow day. */
export const ANALYTICS_TIME_ZONE = 'Europe/Moscow'

const moscowDay = new Intl.DateTimeFormat('en-CA', { timeZone: ANALYTICS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** The period asked for, with the defaults filled in: the last 90 days up to today, or 90 days up to `to`. */
export function resolvePeriod(ctx: ServiceContext, query: AnalyticsQuery): AnalyticsPeriod {
  const to = query.to ?? moscowDay.format(ctx.now())
  const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1))
  if (from > to) {
    throw new ValidationError('The period ends before it starts', [
      { path: 'query.from', message: `Начало периода (${from}) позже его конца (${to}) / The period starts (${from}) after it ends (${to})` },
    ])
  }
  if (daysBetween(from, to) >= MAX_PERIOD_DAYS) {
    throw new ValidationError('The period is too long', [
      { path: 'query.from', message: `Период не длиннее ${MAX_PERIOD_DAYS} дней / The period spans at most ${MAX_PERIOD_DAYS} days` },
    ])
  }
  return { from, to, clusterId: query.clusterId ?? null }
}

/**
 * Which needs the numbers are about, and over which period: the actor is authorized first (401 anonymous, 403
 * anyone but a curator or a platform admin), then the period resolved (400 with the field path). The condition
 * is over needs aliased `n`: published within the period (Moscow days), posted by a contractor the actor
 * curates (every contractor for a platform admin) and, when a cluster is chosen, a member of it; a cluster
 * outside the curator's centre is the 404 of a missing one. The fragment comes wrapped: a bare postgres.js
 * fragment is thenable, and an async function would run it as a query.
 */
export async function analyticsNeeds(ctx: ServiceContext, query: AnalyticsQuery): Promise<{ period: AnalyticsPeriod; condition: postgres.Fragment }> {
  const actor = requireSignedIn(ctx.actor)
  if (!isPlatformAdmin(actor) && !isCurator(actor)) throw new ForbiddenError(NOT_A_CURATOR)
  const period = resolvePeriod(ctx, query)
  const { sql } = ctx
  let reach: postgres.Fragment
  if (isCurator(actor)) {
    const scope = await curatorScope(sql, actor)
    if (period.clusterId !== null && !scope.clusterIds.includes(period.clusterId)) throw new NotFoundError('Cluster', period.clusterId)
    reach = inCuratorScope(sql, scope, sql`n.org_id`)
  } else {
    if (period.clusterId !== null) {
      const [cluster] = await sql`select 1 from clusters where id = ${period.clusterId}`
      if (!cluster) throw new NotFoundError('Cluster', period.clusterId)
    }
    reach = sql`true`
  }
  const cluster = period.clusterId === null
    ? sql`true`
    : sql`exists (select 1 from organization_clusters need_oc where need_oc.org_id = n.org_id and need_oc.cluster_id = ${period.clusterId})`
  const published = sql`n.published_at >= (${period.from}::date)::timestamp at time zone ${ANALYTICS_TIME_ZONE}
    and n.published_at < (${period.to}::date + 1)::timestamp at time zone ${ANALYTICS_TIME_ZONE}`
  return { period, condition: sql`(${published} and ${reach} and ${cluster})` }
}

/**
 * SQL: the number of qualified suppliers of need `n` — pairs the matching core found (every hard constraint
 * met, certificates included), within the need's distance limit. Pairs a curator added by hand are not
 * evidence that the cluster can make the part.
 */
export function qualifiedSuppliers(sql: ServiceContext['sql']): postgres.Fragment {
  return sql`(select count(*) from matches q where q.need_id = n.id and q.source = 'core'
    and (n.max_distance_km is null or q.distance_km <= n.max_distance_km))`
}
