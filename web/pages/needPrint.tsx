import type { NeedShortlist } from '../../src/domain/analytics.js'
import { needFacts, shortlistTable } from '../analytics/shortlist.js'
import { DataTable } from '../components/DataTable.js'
import { useI18n } from '../components/i18n.js'

export interface NeedPrintPageProps {
  shortlist: NeedShortlist
  csvHref: string
  generatedAt: string
}

/** A need and the suppliers put forward for it, on one printable page (no site chrome on paper). */
export function NeedPrintPage({ shortlist, csvHref, generatedAt }: NeedPrintPageProps) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const { table } = shortlistTable(i18n, shortlist)
  return (
    <article class="printable">
      <p class="breadcrumbs no-print">
        <a href={`/needs/${shortlist.need.id}`}>{t('needPrint.back')}</a>
      </p>
      <h1>{shortlist.need.title}</h1>
      <p class="printable__meta">{t('report.generated', { time: fmt.dateTime(generatedAt) })}</p>
      <p class="no-print">
        <a href={csvHref} download>
          {t('analytics.downloadCsv')}
        </a>
        {' · '}
        <span class="hint">{t('report.printHint')}</span>
      </p>
      <section class="panel" aria-labelledby="need-facts-heading">
        <h2 id="need-facts-heading">{t('needPrint.facts')}</h2>
        <dl class="facts">
          {needFacts(i18n, shortlist).map((fact) => (
            <div>
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
        {shortlist.need.description && <p class="printable__description">{shortlist.need.description}</p>}
      </section>
      <section class="panel" aria-labelledby="shortlist-heading">
        <h2 id="shortlist-heading">{t('needPrint.suppliers')}</h2>
        {shortlist.suppliers.length === 0 ? <p class="empty">{t('needPrint.noSuppliers')}</p> : <DataTable table={table} />}
      </section>
    </article>
  )
}
