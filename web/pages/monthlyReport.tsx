import type { MonthlyReport } from '../../src/domain/analytics.js'
import type { ClusterChoice } from '../../src/services/analytics/listClusters.js'
import { useI18n } from '../components/i18n.js'
import { CooperationSection, GapSection, UnmetSection } from './analytics.js'

export interface MonthlyReportPageProps {
  report: MonthlyReport
  clusters: ClusterChoice[]
  clusterId: string
  csvHref: string
  generatedAt: string
}

/**
 * The centre's report for one month, made to be printed: the same sections as the dashboard for the needs
 * published that month; on paper the site's header, footer and the controls disappear (app.css, @media print).
 */
export function MonthlyReportPage({ report, clusters, clusterId, csvHref, generatedAt }: MonthlyReportPageProps) {
  const { t, fmt, lang } = useI18n()
  const cluster = clusters.find((choice) => choice.id === clusterId)
  return (
    <article class="printable">
      <p class="breadcrumbs no-print">
        <a href="/centre">{t('centre.title')}</a> · <a href="/centre/analytics">{t('analytics.title')}</a>
      </p>
      <h1>{t('report.title', { month: fmt.month(report.month) })}</h1>
      <p class="lead">
        {cluster ? (lang === 'ru' ? cluster.nameRu : cluster.nameEn) : t('analytics.allClusters')}
        {' · '}
        {t('analytics.period', { from: fmt.date(report.indicators.period.from), to: fmt.date(report.indicators.period.to) })}
      </p>
      <p class="printable__meta">{t('report.generated', { time: fmt.dateTime(generatedAt) })}</p>
      <form method="get" action="/centre/reports/monthly" class="panel analytics-filter no-print" aria-label={t('report.choose')}>
        <div class="field">
          <label for="f-month">{t('report.month')}</label>
          <input type="month" id="f-month" name="month" value={report.month} />
        </div>
        {clusterId && <input type="hidden" name="cluster" value={clusterId} />}
        <div class="analytics-filter__submit">
          <button type="submit" class="button">
            {t('analytics.show')}
          </button>
        </div>
      </form>
      <p class="no-print">
        <a href={csvHref} download>
          {t('report.downloadCsv')}
        </a>
        {' · '}
        <span class="hint">{t('report.printHint')}</span>
      </p>
      <CooperationSection indicators={report.indicators} />
      <UnmetSection unmet={report.unmetDemand} />
      <GapSection gap={report.certificationGap} />
    </article>
  )
}
