import { Hono } from 'hono'
import { z } from 'zod'
import { type AnalyticsPeriod, type AnalyticsQuery, monthSchema } from '../../src/domain/analytics.js'
import { dateSchema, idSchema } from '../../src/domain/common.js'
import { CSV_CONTENT_TYPE, type CsvTable, csvDisposition, toCsv } from '../../src/lib/csv.js'
import { NotFoundError, ServiceError, ValidationError } from '../../src/lib/errors.js'
import { getCertificationGap } from '../../src/services/analytics/certificationGap.js'
import { getCooperationIndicators } from '../../src/services/analytics/cooperationIndicators.js'
import { listAnalyticsClusters } from '../../src/services/analytics/listClusters.js'
import { resolvePeriod } from '../../src/services/analytics/scope.js'
import { getUnmetDemand } from '../../src/services/analytics/unmetDemand.js'
import { getMonthlyReport, previousMonth } from '../../src/services/exports/monthlyReport.js'
import { exportNeedShortlist } from '../../src/services/exports/needShortlist.js'
import { ForbiddenError, UnauthorizedError } from '../../src/services/authorization.js'
import type { ServiceContext } from '../../src/services/context.js'
import {
  ANALYTICS_TABLES,
  type AnalyticsTableName,
  type TableModel,
  certificationGapTable,
  csvOf,
  indicatorsTable,
  supplierGapTable,
  trendTable,
  unmetTable,
} from '../analytics/tables.js'
import { shortlistTable } from '../analytics/shortlist.js'
import type { WebEnv } from '../env.js'
import { type FormErrors, NO_ERRORS, errorsFromService } from '../forms/errors.js'
import type { I18n } from '../i18n/index.js'
import { AnalyticsPage } from '../pages/analytics.js'
import { MonthlyReportPage } from '../pages/monthlyReport.js'
import { NeedPrintPage } from '../pages/needPrint.js'
import { type WebContext, renderPage } from '../render.js'
import { viewerOf } from '../viewer.js'
import { parsedId } from './shared.js'

const NOT_A_CURATOR = 'Аналитика открыта кураторам центров субконтрактации и администраторам платформы / Analytics are for subcontracting centre curators and platform admins'

/** An empty field is no value: the form sends `from=` when the date is left blank. */
const blank = (value: unknown) => (value === '' ? undefined : value)

const filterSchema = z.object({
  from: z.preprocess(blank, dateSchema.optional()),
  to: z.preprocess(blank, dateSchema.optional()),
  cluster: z.preprocess(blank, idSchema('clu').optional()),
})

/** The form field a problem of the filter belongs to (the service names the cluster `clusterId`). */
function filterField(path: string): string | null {
  const field = path.replace(/^query\./, '')
  if (field === 'clusterId') return 'cluster'
  return ['from', 'to', 'cluster'].includes(field) ? field : null
}

async function requireCurator(c: WebContext): Promise<void> {
  const viewer = await viewerOf(c)
  if (viewer === null) throw new UnauthorizedError()
  if (!viewer.curates) throw new ForbiddenError(NOT_A_CURATOR)
}

interface RawFilter {
  from: string
  to: string
  cluster: string
}

/** The filter of the query string as typed, to show back in the form. */
function rawFilter(c: WebContext): RawFilter {
  return { from: c.req.query('from') ?? '', to: c.req.query('to') ?? '', cluster: c.req.query('cluster') ?? '' }
}

/** What the filter asks for; a field that does not parse is a 400 with its path. */
function readFilter(raw: RawFilter): AnalyticsQuery {
  const parsed = filterSchema.safeParse(raw)
  if (!parsed.success) {
    throw new ValidationError(
      'Invalid analytics filter',
      parsed.error.issues.map((issue) => ({ path: `query.${issue.path.join('.')}`, message: 'Проверьте значение: дата ГГГГ-ММ-ДД или кластер из списка / Check the value: a date YYYY-MM-DD or a cluster from the list' })),
    )
  }
  const { from, to, cluster } = parsed.data
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(cluster ? { clusterId: cluster } : {}) }
}

function periodQuery(period: AnalyticsPeriod): AnalyticsQuery {
  return { from: period.from, to: period.to, ...(period.clusterId ? { clusterId: period.clusterId } : {}) }
}

function searchOf(period: AnalyticsPeriod): string {
  const params = new URLSearchParams({ from: period.from, to: period.to })
  if (period.clusterId) params.set('cluster', period.clusterId)
  return params.toString()
}

async function analyticsTable(ctx: ServiceContext, i18n: I18n, name: AnalyticsTableName, query: AnalyticsQuery): Promise<TableModel> {
  switch (name) {
    case 'indicators':
      return indicatorsTable(i18n, await getCooperationIndicators(ctx, query))
    case 'trend':
      return trendTable(i18n, await getCooperationIndicators(ctx, query))
    case 'unmet-process':
      return unmetTable(i18n, 'process', (await getUnmetDemand(ctx, query)).byProcess)
    case 'unmet-material':
      return unmetTable(i18n, 'material', (await getUnmetDemand(ctx, query)).byMaterial)
    case 'unmet-certificate':
      return unmetTable(i18n, 'certificate', (await getUnmetDemand(ctx, query)).byCertificate)
    case 'unmet-region':
      return unmetTable(i18n, 'region', (await getUnmetDemand(ctx, query)).byRegion)
    case 'certification-gap':
      return certificationGapTable(i18n, await getCertificationGap(ctx, query))
    case 'gap-suppliers':
      return supplierGapTable(i18n, await getCertificationGap(ctx, query))
  }
}

function csvResponse(c: WebContext, fileName: string, tables: readonly CsvTable[]): Response {
  return c.body(toCsv(tables), 200, {
    'content-type': CSV_CONTENT_TYPE,
    'content-disposition': csvDisposition(fileName),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  })
}

function readMonth(c: WebContext): { month: string; clusterId?: string } {
  const month = monthSchema.safeParse(c.req.query('month') ?? previousMonth(c.var.ctx.now()))
  if (!month.success) throw new ValidationError('Invalid month', [{ path: 'query.month', message: 'Ожидается месяц ГГГГ-ММ / Expected a month YYYY-MM' }])
  const cluster = blank(c.req.query('cluster') ?? '')
  if (cluster === undefined) return { month: month.data }
  const clusterId = idSchema('clu').safeParse(cluster)
  if (!clusterId.success) throw new NotFoundError('Cluster', String(cluster))
  return { month: month.data, clusterId: clusterId.data }
}

/**
 * The centre's analytics and exports: the dashboard with its CSV downloads, the printable monthly report and
 * its CSV, and a need's shortlist printable and as CSV (for its contractor too).
 */
export const analyticsRoutes = new Hono<WebEnv>()
  .get('/centre/analytics', async (c) => {
    await requireCurator(c)
    const ctx = c.var.ctx
    const clusters = await listAnalyticsClusters(ctx)
    const raw = rawFilter(c)
    let period: AnalyticsPeriod
    try {
      period = resolvePeriod(ctx, readFilter(raw))
    } catch (error) {
      if (!(error instanceof ServiceError && error.status === 400)) throw error
      const errors: FormErrors = errorsFromService(error, filterField, c.var.i18n.lang)
      const filter = { from: raw.from, to: raw.to, clusterId: raw.cluster }
      return renderPage(
        c,
        { title: c.var.i18n.t('analytics.title'), nav: 'centre', status: 400 },
        <AnalyticsPage filter={filter} clusters={clusters} errors={errors} data={null} csvHref={() => ''} reportHref="" />,
      )
    }
    const query = periodQuery(period)
    const [indicators, unmet, gap] = await Promise.all([getCooperationIndicators(ctx, query), getUnmetDemand(ctx, query), getCertificationGap(ctx, query)])
    const search = searchOf(period)
    const reportSearch = new URLSearchParams({ month: period.to.slice(0, 7), ...(period.clusterId ? { cluster: period.clusterId } : {}) })
    return renderPage(
      c,
      { title: c.var.i18n.t('analytics.title'), nav: 'centre' },
      <AnalyticsPage
        filter={{ from: period.from, to: period.to, clusterId: period.clusterId ?? '' }}
        clusters={clusters}
        errors={NO_ERRORS}
        data={{ indicators, unmet, gap }}
        csvHref={(table) => `/centre/analytics/${table}.csv?${search}`}
        reportHref={`/centre/reports/monthly?${reportSearch}`}
      />,
    )
  })
  .get('/centre/analytics/:file{[a-z-]+\\.csv}', async (c) => {
    await requireCurator(c)
    const name = c.req.param('file').replace(/\.csv$/, '')
    if (!(ANALYTICS_TABLES as readonly string[]).includes(name)) throw new NotFoundError('Table', name)
    const period = resolvePeriod(c.var.ctx, readFilter(rawFilter(c)))
    const table = await analyticsTable(c.var.ctx, c.var.i18n, name as AnalyticsTableName, periodQuery(period))
    return csvResponse(c, `podryad-${name}-${period.from}_${period.to}.csv`, [csvOf(table)])
  })
  .get('/centre/reports/monthly', async (c) => {
    await requireCurator(c)
    const query = readMonth(c)
    const report = await getMonthlyReport(c.var.ctx, query)
    const clusters = await listAnalyticsClusters(c.var.ctx)
    const search = new URLSearchParams({ month: query.month, ...(query.clusterId ? { cluster: query.clusterId } : {}) })
    return renderPage(
      c,
      { title: c.var.i18n.t('report.title', { month: c.var.i18n.fmt.month(query.month) }), nav: 'centre' },
      <MonthlyReportPage report={report} clusters={clusters} clusterId={query.clusterId ?? ''} csvHref={`/centre/reports/monthly.csv?${search}`} generatedAt={c.var.ctx.now().toISOString()} />,
    )
  })
  .get('/centre/reports/monthly.csv', async (c) => {
    await requireCurator(c)
    const query = readMonth(c)
    const report = await getMonthlyReport(c.var.ctx, query)
    const i18n = c.var.i18n
    const tables = [
      indicatorsTable(i18n, report.indicators),
      unmetTable(i18n, 'process', report.unmetDemand.byProcess),
      unmetTable(i18n, 'material', report.unmetDemand.byMaterial),
      unmetTable(i18n, 'certificate', report.unmetDemand.byCertificate),
      unmetTable(i18n, 'region', report.unmetDemand.byRegion),
      certificationGapTable(i18n, report.certificationGap),
      supplierGapTable(i18n, report.certificationGap),
    ]
    return csvResponse(c, `podryad-report-${query.month}.csv`, [
      { header: [i18n.t('report.title', { month: i18n.fmt.month(query.month) })], rows: [] },
      ...tables.map((table) => csvOf(table, true)),
    ])
  })
  .get('/needs/:id/print', async (c) => {
    const shortlist = await exportNeedShortlist(c.var.ctx, parsedId('need', c.req.param('id'), 'Need'))
    return renderPage(
      c,
      { title: c.var.i18n.t('needPrint.title', { title: shortlist.need.title }) },
      <NeedPrintPage shortlist={shortlist} csvHref={`/needs/${shortlist.need.id}/shortlist.csv`} generatedAt={c.var.ctx.now().toISOString()} />,
    )
  })
  .get('/needs/:id/shortlist.csv', async (c) => {
    const shortlist = await exportNeedShortlist(c.var.ctx, parsedId('need', c.req.param('id'), 'Need'))
    const { need, table } = shortlistTable(c.var.i18n, shortlist)
    return csvResponse(c, `podryad-${shortlist.need.id}-shortlist.csv`, [need, csvOf(table, true)])
  })
