import type { MonthlyReport } from '../../domain/analytics.js'
import { getCertificationGap } from '../analytics/certificationGap.js'
import { getCooperationIndicators } from '../analytics/cooperationIndicators.js'
import { getUnmetDemand } from '../analytics/unmetDemand.js'
import { ANALYTICS_TIME_ZONE } from '../analytics/scope.js'
import type { ServiceContext } from '../context.js'

const moscowMonth = new Intl.DateTimeFormat('en-CA', { timeZone: ANALYTICS_TIME_ZONE, year: 'numeric', month: '2-digit' })

/** The last complete month on the Moscow clock: what a monthly report is usually about. */
export function previousMonth(now: Date): string {
  const [year, month] = moscowMonth.format(now).split('-').map(Number)
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 2, 1)).toISOString().slice(0, 7)
}

function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number)
  return new Date(Date.UTC(year ?? 0, monthNumber ?? 1, 0)).toISOString().slice(0, 10)
}

/**
 * The centre's report for one calendar month: the cooperation indicators, the unmet demand and the
 * certification gap of the needs published that month. Each part authorizes on its own (curators and
 * platform admins), over the same needs.
 */
export async function getMonthlyReport(ctx: ServiceContext, query: { month?: string | undefined; clusterId?: string | undefined }): Promise<MonthlyReport> {
  const month = query.month ?? previousMonth(ctx.now())
  const period = { from: `${month}-01`, to: lastDayOf(month), ...(query.clusterId ? { clusterId: query.clusterId } : {}) }
  const [indicators, unmetDemand, certificationGap] = await Promise.all([
    getCooperationIndicators(ctx, period),
    getUnmetDemand(ctx, period),
    getCertificationGap(ctx, period),
  ])
  return { month, indicators, unmetDemand, certificationGap }
}
