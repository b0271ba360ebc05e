import type { CertificationGap, CooperationIndicators, UnmetDemand, UnmetDemandRow, UnmetGrouping } from '../../src/domain/analytics.js'
import type { ClusterChoice } from '../../src/services/analytics/listClusters.js'
import {
  type AnalyticsTableName,
  certificationGapTable,
  groupingLabel,
  hours,
  indicatorsTable,
  percent,
  supplierGapTable,
  trendTable,
  unmetTable,
} from '../analytics/tables.js'
import { BarChart, LineChart, LineLegend, type Line } from '../components/charts.js'
import { DataTable } from '../components/DataTable.js'
import { InputField, SelectField } from '../components/fields.js'
import { useI18n } from '../components/i18n.js'
import type { FormErrors } from '../forms/errors.js'
import type { I18n, PlainKey } from '../i18n/index.js'
import { certificateShortName } from '../labels.js'

/** Bars drawn per chart; the table beside it lists every row. */
export const BARS_PER_CHART = 10
/** Supplier rows shown on the page; the CSV has them all. */
const SUPPLIER_ROWS = 25

export interface AnalyticsFilter {
  from: string
  to: string
  clusterId: string
}

export interface AnalyticsData {
  indicators: CooperationIndicators
  unmet: UnmetDemand
  gap: CertificationGap
}

export interface AnalyticsPageProps {
  filter: AnalyticsFilter
  clusters: ClusterChoice[]
  errors: FormErrors
  /** Null when the filter was refused: the form comes back with its errors and nothing else. */
  data: AnalyticsData | null
  csvHref: (table: AnalyticsTableName) => string
  /** The monthly report of the month the period ends in. */
  reportHref: string
}

function FilterForm({ filter, clusters, errors }: Pick<AnalyticsPageProps, 'filter' | 'clusters' | 'errors'>) {
  const { t, lang } = useI18n()
  const options = [{ value: '', label: t('analytics.allClusters') }, ...clusters.map((cluster) => ({ value: cluster.id, label: lang === 'ru' ? cluster.nameRu : cluster.nameEn }))]
  return (
    <form method="get" action="/centre/analytics" class="panel analytics-filter no-print" aria-label={t('analytics.filter')}>
      <InputField name="from" type="date" label={t('analytics.from')} value={filter.from} errors={errors} />
      <InputField name="to" type="date" label={t('analytics.to')} value={filter.to} errors={errors} />
      <SelectField name="cluster" label={t('analytics.cluster')} value={filter.clusterId} options={options} errors={errors} />
      <div class="analytics-filter__submit">
        <button type="submit" class="button">
          {t('analytics.show')}
        </button>
      </div>
    </form>
  )
}

function Kpi({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div class="kpi">
      <dt>{label}</dt>
      <dd>
        <span class="kpi__value">{value}</span>
        {note && <span class="kpi__note">{note}</span>}
      </dd>
    </div>
  )
}

export function trendLines(i18n: I18n, indicators: CooperationIndicators): Line[] {
  const series: [keyof CooperationIndicators['trend'][number], PlainKey][] = [
    ['published', 'analytics.published'],
    ['matched', 'analytics.matched'],
    ['introduced', 'analytics.introduced'],
    ['contracted', 'analytics.contracted'],
  ]
  return series.map(([key, label]) => ({ key, label: i18n.t(label), values: indicators.trend.map((month) => Number(month[key])) }))
}

/** «авг. 2026», «сент.», «окт.»…: the year only where it starts or changes, so the labels fit a phone's width. */
function monthAxisLabels(i18n: I18n, months: readonly string[]): string[] {
  const short = new Intl.DateTimeFormat(i18n.locale, { month: 'short', timeZone: 'UTC' })
  return months.map((month, i) => {
    const name = short.format(new Date(`${month}-01T00:00:00Z`))
    return i === 0 || month.endsWith('-01') ? `${name} ${month.slice(0, 4)}` : name
  })
}

export function CooperationSection({ indicators, csvHref }: { indicators: CooperationIndicators; csvHref?: (table: AnalyticsTableName) => string }) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const lines = trendLines(i18n, indicators)
  const of = (value: number) => (indicators.published === 0 ? undefined : t('analytics.ofPublished', { share: percent(i18n, value / indicators.published) }))
  return (
    <section class="panel analytics-section" id="cooperation" aria-labelledby="cooperation-heading">
      <h2 id="cooperation-heading">{t('analytics.cooperation')}</h2>
      <p class="hint">{t('analytics.cooperationLead')}</p>
      <dl class="kpis">
        <Kpi label={t('analytics.published')} value={fmt.integer(indicators.published)} />
        <Kpi label={t('analytics.matched')} value={fmt.integer(indicators.matched)} note={of(indicators.matched)} />
        <Kpi label={t('analytics.introduced')} value={fmt.integer(indicators.introduced)} note={of(indicators.introduced)} />
        <Kpi label={t('analytics.contracted')} value={fmt.integer(indicators.contracted)} note={of(indicators.contracted)} />
        <Kpi label={t('analytics.medianHours')} value={indicators.medianHoursToIntroduction === null ? '—' : hours(i18n, indicators.medianHoursToIntroduction)} />
        <Kpi
          label={t('analytics.insideClusterShare')}
          value={indicators.insideClusterShare === null ? '—' : percent(i18n, indicators.insideClusterShare)}
          note={indicators.met === 0 ? undefined : t('analytics.insideClusterNote', { inside: fmt.integer(indicators.metInsideCluster), met: fmt.integer(indicators.met) })}
        />
      </dl>
      {csvHref && (
        <p class="data-table__download no-print">
          <a href={csvHref('indicators')} download>
            {t('analytics.downloadCsv')}
          </a>
          <span class="visually-hidden">: {t('analytics.indicatorsCaption')}</span>
        </p>
      )}
      <div class="print-only">
        <DataTable table={indicatorsTable(i18n, indicators)} />
      </div>
      <div class="chart-pair">
        <figure class="chart-figure">
          <LineChart
            id="chart-trend"
            title={t('analytics.trendTitle')}
            description={t('analytics.trendDescription')}
            categories={indicators.trend.map((month) => fmt.month(month.month))}
            axisLabels={monthAxisLabels(i18n, indicators.trend.map((month) => month.month))}
            lines={lines}
            format={fmt.integer}
          />
          <figcaption>
            <LineLegend lines={lines} />
          </figcaption>
        </figure>
        <DataTable table={trendTable(i18n, indicators)} csvHref={csvHref?.('trend')} />
      </div>
    </section>
  )
}

const GROUPINGS: { grouping: UnmetGrouping; heading: PlainKey; rows: (unmet: UnmetDemand) => UnmetDemandRow[] }[] = [
  { grouping: 'process', heading: 'analytics.unmetByProcess', rows: (unmet) => unmet.byProcess },
  { grouping: 'material', heading: 'analytics.unmetByMaterial', rows: (unmet) => unmet.byMaterial },
  { grouping: 'certificate', heading: 'analytics.unmetByCertificate', rows: (unmet) => unmet.byCertificate },
  { grouping: 'region', heading: 'analytics.unmetByRegion', rows: (unmet) => unmet.byRegion },
]

export function UnmetSection({ unmet, csvHref }: { unmet: UnmetDemand; csvHref?: (table: AnalyticsTableName) => string }) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  return (
    <section class="panel analytics-section" id="unmet" aria-labelledby="unmet-heading">
      <h2 id="unmet-heading">{t('analytics.unmetTitle')}</h2>
      <p class="hint">{t('analytics.unmetLead', { threshold: unmet.threshold })}</p>
      <p class="analytics-total">{t('analytics.unmetTotal', { unmet: fmt.integer(unmet.unmet), count: unmet.needs })}</p>
      {GROUPINGS.map(({ grouping, heading, rows }) => {
        const all = rows(unmet)
        const bars = all
          .filter((row) => row.unmet > 0)
          .slice(0, BARS_PER_CHART)
          .map((row) => ({ label: groupingLabel(i18n, grouping, row.key), value: row.unmet, valueText: t('analytics.unmetOf', { unmet: fmt.integer(row.unmet), needs: fmt.integer(row.needs) }) }))
        return (
          <div class="analytics-group" id={`unmet-${grouping}`}>
            <h3>{t(heading)}</h3>
            <div class="chart-pair">
              {bars.length === 0 ? (
                <p class="empty">{t('analytics.noUnmet')}</p>
              ) : (
                <figure class="chart-figure">
                  <BarChart id={`chart-unmet-${grouping}`} title={t(heading)} description={t('analytics.unmetChartDescription', { bars: bars.length })} bars={bars} />
                </figure>
              )}
              <DataTable table={unmetTable(i18n, grouping, all)} csvHref={csvHref?.(`unmet-${grouping}`)} />
            </div>
          </div>
        )
      })}
    </section>
  )
}

export function GapSection({ gap, csvHref }: { gap: CertificationGap; csvHref?: (table: AnalyticsTableName) => string }) {
  const i18n = useI18n()
  const { t, fmt, lang } = i18n
  const bars = gap.certificates.slice(0, BARS_PER_CHART).map((row) => {
    const name = certificateShortName(row.certificate, lang)
    return {
      label: `${name} — ${t('analytics.suppliersCount', { count: row.suppliers })}`,
      value: row.needs,
      valueText: fmt.integer(row.needs),
      title: `${name}: ${t('analytics.gapBar', { needs: fmt.integer(row.needs), suppliers: fmt.integer(row.suppliers) })}`,
    }
  })
  return (
    <section class="panel analytics-section" id="gap" aria-labelledby="gap-heading">
      <h2 id="gap-heading">{t('analytics.gapTitle')}</h2>
      <p class="hint">{t('analytics.gapLead')}</p>
      <div class="chart-pair">
        {bars.length === 0 ? (
          <p class="empty">{t('analytics.noGap')}</p>
        ) : (
          <figure class="chart-figure">
            <BarChart id="chart-gap" title={t('analytics.gapTitle')} description={t('analytics.gapChartDescription', { bars: bars.length })} bars={bars} />
          </figure>
        )}
        <DataTable table={certificationGapTable(i18n, gap)} csvHref={csvHref?.('certification-gap')} />
      </div>
      <h3>{t('analytics.gapSuppliersTitle')}</h3>
      <DataTable table={supplierGapTable(i18n, gap)} csvHref={csvHref?.('gap-suppliers')} limit={SUPPLIER_ROWS} />
    </section>
  )
}

/** «Аналитика кластера»: what the cluster cannot make today, who could with a certificate, and how cooperation goes. */
export function AnalyticsPage({ filter, clusters, errors, data, csvHref, reportHref }: AnalyticsPageProps) {
  const { t, fmt } = useI18n()
  return (
    <>
      <p class="breadcrumbs no-print">
        <a href="/centre">{t('centre.title')}</a>
      </p>
      <h1>{t('analytics.title')}</h1>
      <p class="lead">{t('analytics.lead')}</p>
      <FilterForm filter={filter} clusters={clusters} errors={errors} />
      {data && (
        <>
          <p class="analytics-period">
            {t('analytics.period', { from: fmt.date(filter.from), to: fmt.date(filter.to) })}
            {' · '}
            <a href={reportHref}>{t('analytics.monthlyReport')}</a>
          </p>
          <CooperationSection indicators={data.indicators} csvHref={csvHref} />
          <UnmetSection unmet={data.unmet} csvHref={csvHref} />
          <GapSection gap={data.gap} csvHref={csvHref} />
        </>
      )}
    </>
  )
}
