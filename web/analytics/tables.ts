import type { CertificationGap, CooperationIndicators, UnmetDemandRow, UnmetGrouping } from '../../src/domain/analytics.js'
import type { CsvCell, CsvTable } from '../../src/lib/csv.js'
import type { I18n, PlainKey } from '../i18n/index.js'
import { certificateShortName, materialName, processName, regionName } from '../labels.js'

/**
 * Every table of the analytics as one model, drawn twice: as an accessible HTML table beside its chart, and as
 * the CSV a curator downloads. One model keeps the numbers on the page and in the file the same.
 */

export const ANALYTICS_TABLES = [
  'indicators',
  'trend',
  'unmet-process',
  'unmet-material',
  'unmet-certificate',
  'unmet-region',
  'certification-gap',
  'gap-suppliers',
] as const

export type AnalyticsTableName = (typeof ANALYTICS_TABLES)[number]

export interface Column {
  label: string
  numeric: boolean
}

export interface Cell {
  text: string
  csv: CsvCell
  href?: string
}

export interface TableModel {
  /** Unique on its page: the caption's id derives from it. */
  name: string
  caption: string
  columns: Column[]
  rows: Cell[][]
}

const column = (i18n: I18n, key: PlainKey, numeric = false): Column => ({ label: i18n.t(key), numeric })
const count = (i18n: I18n, value: number): Cell => ({ text: i18n.fmt.integer(value), csv: value })
const text = (value: string): Cell => ({ text: value, csv: value })

export function percent(i18n: I18n, share: number): string {
  return new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 1 }).format(share)
}

export function hours(i18n: I18n, value: number): string {
  return i18n.t('analytics.hours', { value: i18n.fmt.decimal(Math.round(value * 10) / 10) })
}

export function indicatorsTable(i18n: I18n, indicators: CooperationIndicators): TableModel {
  const { t } = i18n
  const row = (key: PlainKey, cell: Cell) => [text(t(key)), cell]
  const none: Cell = { text: '—', csv: null }
  return {
    name: 'indicators',
    caption: t('analytics.indicatorsCaption'),
    columns: [column(i18n, 'analytics.indicator'), column(i18n, 'analytics.value', true)],
    rows: [
      row('analytics.published', count(i18n, indicators.published)),
      row('analytics.matched', count(i18n, indicators.matched)),
      row('analytics.introduced', count(i18n, indicators.introduced)),
      row('analytics.contracted', count(i18n, indicators.contracted)),
      row(
        'analytics.medianHours',
        indicators.medianHoursToIntroduction === null
          ? none
          : { text: hours(i18n, indicators.medianHoursToIntroduction), csv: Math.round(indicators.medianHoursToIntroduction * 10) / 10 },
      ),
      row(
        'analytics.insideClusterShare',
        indicators.insideClusterShare === null
          ? none
          : { text: `${percent(i18n, indicators.insideClusterShare)} (${indicators.metInsideCluster} / ${indicators.met})`, csv: Math.round(indicators.insideClusterShare * 1000) / 10 },
      ),
    ],
  }
}

export function trendTable(i18n: I18n, indicators: CooperationIndicators): TableModel {
  return {
    name: 'trend',
    caption: i18n.t('analytics.trendCaption'),
    columns: [
      column(i18n, 'analytics.month'),
      column(i18n, 'analytics.trendPublished', true),
      column(i18n, 'analytics.trendMatched', true),
      column(i18n, 'analytics.trendIntroduced', true),
      column(i18n, 'analytics.trendContracted', true),
    ],
    rows: indicators.trend.map((month) => [
      { text: i18n.fmt.month(month.month), csv: month.month },
      count(i18n, month.published),
      count(i18n, month.matched),
      count(i18n, month.introduced),
      count(i18n, month.contracted),
    ]),
  }
}

/** A grouping key in words; null is a need that names no material (any will do) or requires no certificate. */
export function groupingLabel(i18n: I18n, grouping: UnmetGrouping, key: string | null): string {
  const { t, lang } = i18n
  switch (grouping) {
    case 'process':
      return processName(key ?? '', lang)
    case 'material':
      return key === null ? t('analytics.anyMaterial') : materialName(key, lang)
    case 'certificate':
      return key === null ? t('analytics.noCertificate') : certificateShortName(key, lang)
    case 'region':
      return regionName(key ?? '', lang)
  }
}

const GROUPING_COLUMNS: Record<UnmetGrouping, PlainKey> = {
  process: 'analytics.process',
  material: 'analytics.material',
  certificate: 'analytics.certificate',
  region: 'analytics.region',
}

const GROUPING_CAPTIONS: Record<UnmetGrouping, PlainKey> = {
  process: 'analytics.unmetByProcess',
  material: 'analytics.unmetByMaterial',
  certificate: 'analytics.unmetByCertificate',
  region: 'analytics.unmetByRegion',
}

export function unmetTable(i18n: I18n, grouping: UnmetGrouping, rows: readonly UnmetDemandRow[]): TableModel {
  return {
    name: `unmet-${grouping}`,
    caption: i18n.t(GROUPING_CAPTIONS[grouping]),
    columns: [
      column(i18n, GROUPING_COLUMNS[grouping]),
      column(i18n, 'analytics.code'),
      column(i18n, 'analytics.needs', true),
      column(i18n, 'analytics.unmet', true),
      column(i18n, 'analytics.withoutSupplier', true),
    ],
    rows: rows.map((row) => [
      text(groupingLabel(i18n, grouping, row.key)),
      { text: row.key ?? '—', csv: row.key },
      count(i18n, row.needs),
      count(i18n, row.unmet),
      count(i18n, row.withoutSupplier),
    ]),
  }
}

export function certificationGapTable(i18n: I18n, gap: CertificationGap): TableModel {
  return {
    name: 'certification-gap',
    caption: i18n.t('analytics.gapCaption'),
    columns: [
      column(i18n, 'analytics.certificate'),
      column(i18n, 'analytics.code'),
      column(i18n, 'analytics.gapSuppliers', true),
      column(i18n, 'analytics.gapNeeds', true),
      column(i18n, 'analytics.gapUnmetNeeds', true),
    ],
    rows: gap.certificates.map((row) => [
      text(certificateShortName(row.certificate, i18n.lang)),
      text(row.certificate),
      count(i18n, row.suppliers),
      count(i18n, row.needs),
      count(i18n, row.unmetNeeds),
    ]),
  }
}

export function supplierGapTable(i18n: I18n, gap: CertificationGap): TableModel {
  return {
    name: 'gap-suppliers',
    caption: i18n.t('analytics.gapSuppliersCaption'),
    columns: [
      column(i18n, 'analytics.supplier'),
      column(i18n, 'analytics.certificate'),
      column(i18n, 'analytics.gapNeeds', true),
      column(i18n, 'analytics.gapUnmetNeeds', true),
    ],
    rows: gap.suppliers.map((row) => [
      { text: row.name, csv: row.name, href: `/organizations/${row.orgId}` },
      text(certificateShortName(row.certificate, i18n.lang)),
      count(i18n, row.needs),
      count(i18n, row.unmetNeeds),
    ]),
  }
}

export function csvOf(table: TableModel, withTitle = false): CsvTable {
  return {
    ...(withTitle ? { title: table.caption } : {}),
    header: table.columns.map((c) => c.label),
    rows: table.rows.map((row) => row.map((cell) => cell.csv)),
  }
}
