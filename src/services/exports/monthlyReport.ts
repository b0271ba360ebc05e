import type { MonthlyReport } from '../../domain/analytics.js'
import { getCertificationGap } from '../analytics/certificationGap.js'
import { getCooperationIndicators } from '../analytics/cooperationIndicators.js'
import { getUnmetDemand } from '../analytics/unmetDemand.js'
import type { ServiceContext } from '../context.js'

function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number)
  return new Date(Date.UTC(year ?? 0, monthNumber ?? 1, 0)).toISOString().slice(0, 10)
}

/**
 * The centre's report for one calendar month: the cooperation indicators, the unmet demand and the
 * certification gap of the needs published that month. Each part authorizes on its own (curators and
 * platform admins), over the same needs.
 */
export async function getMonthlyReport(ctx: ServiceContext, query: { month: string; clusterId?: string | undefined }): Promise<MonthlyReport> {
  const period = { from: `${query.month}-01`, to: lastDayOf(query.month), ...(query.clusterId ? { clusterId: query.clusterId } : {}) }
  const [indicators, unmetDemand, certificationGap] = await Promise.all([
    getCooperationIndicators(ctx, period),
    getUnmetDemand(ctx, period),
    getCertificationGap(ctx, period),
  ])
  return { month: query.month, indicators, unmetDemand, certificationGap }
}
