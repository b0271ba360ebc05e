import { SHEETS, type SheetKey } from '../../src/domain/import/layout.js'
import type { ImportCluster } from '../../src/services/imports/clusters.js'
import type { ImportJob } from '../../src/services/imports/jobs.js'
import type { ImportReport } from '../../src/services/imports/plan.js'
import { useI18n } from '../components/i18n.js'
import type { PlainKey } from '../i18n/index.js'
import { regionName } from '../labels.js'

/** Long lists are cut on the page; the JSON API and the CLI give them whole. */
const SHOWN_ROWS = 100

function TemplateLinks() {
  const { t } = useI18n()
  return (
    <section class="panel" aria-labelledby="import-template-heading">
      <h2 id="import-template-heading">{t('imports.template')}</h2>
      <p class="hint">{t('imports.templateLead')}</p>
      <ul class="plain-list">
        <li>
          <a href="/api/imports/template.xlsx" download>
            {t('imports.templateXlsx')}
          </a>
        </li>
        {SHEETS.map((sheet) => (
          <li>
            <a href={`/api/imports/template/${sheet.key}.csv`} download>
              {t('imports.templateCsv')} «{sheet.nameRu}»
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function UploadForm({ clusters, chosen }: { clusters: ImportCluster[]; chosen: readonly string[] }) {
  const { t, lang } = useI18n()
  return (
    <section class="panel" aria-labelledby="import-upload-heading">
      <h2 id="import-upload-heading">{t('imports.upload')}</h2>
      <form method="post" action="/centre/import" enctype="multipart/form-data" class="stack">
        <div class="field">
          <label for="import-file">{t('imports.file')}</label>
          <p id="import-file-hint" class="hint">
            {t('imports.fileHint')}
          </p>
          <input type="file" id="import-file" name="file" multiple accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="import-file-hint" required />
        </div>
        {clusters.length > 0 && (
          <fieldset class="field">
            <legend>{t('imports.clusters')}</legend>
            {clusters.map((cluster) => (
              <div class="field field--check">
                <input type="checkbox" id={`import-cluster-${cluster.id}`} name="clusterId" value={cluster.id} checked={chosen.includes(cluster.id) || clusters.length === 1} />
                <label for={`import-cluster-${cluster.id}`}>{lang === 'ru' ? cluster.nameRu : cluster.nameEn}</label>
              </div>
            ))}
          </fieldset>
        )}
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            {t('imports.check')}
          </button>
          <span class="hint">{t('imports.checkHint')}</span>
        </p>
      </form>
    </section>
  )
}

export function ImportStartPage({ clusters }: { clusters: ImportCluster[] }) {
  const { t } = useI18n()
  return (
    <>
      <h1>{t('imports.title')}</h1>
      <p class="lead">{t('imports.lead')}</p>
      <UploadForm clusters={clusters} chosen={[]} />
      <TemplateLinks />
    </>
  )
}

function Counts({ report }: { report: ImportReport }) {
  const { t, fmt } = useI18n()
  return (
    <div class="table-scroll">
      <table>
        <caption>{t('imports.counts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.sheet')}</th>
            <th scope="col" class="numeric">
              {t('imports.create')}
            </th>
            <th scope="col" class="numeric">
              {t('imports.update')}
            </th>
          </tr>
        </thead>
        <tbody>
          {SHEETS.map((sheet) => (
            <tr>
              <th scope="row">{t(`imports.sheet.${sheet.key}` as PlainKey)}</th>
              <td class="numeric">{fmt.integer(report.counts[sheet.key as SheetKey].create)}</td>
              <td class="numeric">{fmt.integer(report.counts[sheet.key as SheetKey].update)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Problems({ report }: { report: ImportReport }) {
  const { t, fmt, message } = useI18n()
  if (report.problems.length === 0) return <p class="notice">{t('imports.noProblems')}</p>
  return (
    <section aria-labelledby="import-problems-heading">
      <h3 id="import-problems-heading">{t('imports.problems', { count: report.problems.length })}</h3>
      <p class="hint">{t('imports.fixAndRetry')}</p>
      <div class="table-scroll">
        <table id="import-problems">
          <thead>
            <tr>
              <th scope="col">{t('imports.sheet')}</th>
              <th scope="col" class="numeric">
                {t('imports.row')}
              </th>
              <th scope="col">{t('imports.column')}</th>
              <th scope="col">{t('imports.message')}</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((problem) => (
              <tr>
                <td>{problem.sheet}</td>
                <td class="numeric">{problem.row === null ? '' : fmt.integer(problem.row)}</td>
                <td>{problem.column ?? ''}</td>
                <td>{message(problem.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function Precision({ report }: { report: ImportReport }) {
  const { t, fmt, lang } = useI18n()
  if (report.sites.length === 0) return null
  const byPrecision = (['exact', 'city', 'settlement', 'region'] as const).map((p) => [p, report.sites.filter((s) => s.precision === p).length] as const)
  const coarse = report.sites.filter((s) => s.precision === 'region')
  return (
    <section aria-labelledby="import-precision-heading">
      <h3 id="import-precision-heading">{t('imports.precision')}</h3>
      <ul class="plain-list">
        {byPrecision.map(([precision, count]) => (
          <li>
            {t(`imports.precision.${precision}` as PlainKey)}: {fmt.integer(count)}
          </li>
        ))}
      </ul>
      {coarse.length > 0 && (
        <>
          <p class="hint">{t('imports.regionOnly')}</p>
          <ul class="plain-list">
            {coarse.slice(0, SHOWN_ROWS).map((site) => (
              <li>
                {t('imports.row')} {fmt.integer(site.row)}: {site.name} — {regionName(site.regionCode, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

function Organizations({ report }: { report: ImportReport }) {
  const { t, fmt } = useI18n()
  if (report.organizations.length === 0) return null
  const rest = report.organizations.length - SHOWN_ROWS
  return (
    <div class="table-scroll">
      <table>
        <caption>{t('imports.organizations')}</caption>
        <thead>
          <tr>
            <th scope="col" class="numeric">
              {t('imports.row')}
            </th>
            <th scope="col">{t('imports.inn')}</th>
            <th scope="col">{t('imports.name')}</th>
            <th scope="col">{t('imports.action')}</th>
          </tr>
        </thead>
        <tbody>
          {report.organizations.slice(0, SHOWN_ROWS).map((organization) => (
            <tr>
              <td class="numeric">{organization.row === null ? '—' : fmt.integer(organization.row)}</td>
              <td>{organization.inn}</td>
              <td>{organization.name}</td>
              <td>{t(`imports.action.${organization.action}` as PlainKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rest > 0 && <p class="table-note">{t('imports.more', { count: rest })}</p>}
    </div>
  )
}

export function ReportSection({ report }: { report: ImportReport }) {
  const { t, fmt } = useI18n()
  return (
    <section class="panel" aria-labelledby="import-report-heading">
      <h2 id="import-report-heading">{t('imports.reportTitle')}</h2>
      <p>{t('imports.rows', { count: report.rows })}</p>
      <Problems report={report} />
      <Counts report={report} />
      <Precision report={report} />
      <Organizations report={report} />
      {report.rows === 0 && <p class="empty">{t('imports.empty')}</p>}
    </section>
  )
}

/** The job's state, swapped in place every second by htmx while the import runs. */
export function JobProgress({ job }: { job: ImportJob }) {
  const { t, fmt, message } = useI18n()
  if (job.status === 'running') {
    return (
      <div id="import-progress" class="panel" role="status" hx-get={`/centre/import/${job.id}/progress`} hx-trigger="every 1s" hx-swap="outerHTML">
        <h2>{t('imports.running')}</h2>
        <label for="import-progress-bar">{t('imports.progress', { done: fmt.integer(job.rowsDone), total: fmt.integer(job.rowsTotal) })}</label>
        <progress id="import-progress-bar" max={Math.max(job.rowsTotal, 1)} value={job.rowsDone} />
        <p class="hint">
          <a href={`/centre/import/${job.id}`}>{t('imports.refresh')}</a>
        </p>
      </div>
    )
  }
  if (job.status === 'done' && job.result) {
    const { counts } = job.result
    return (
      <div id="import-progress" class="panel" role="status">
        <h2>{t('imports.done')}</h2>
        <p>{t('imports.doneText', { seconds: fmt.decimal(job.result.ms / 1000), rows: fmt.integer(job.result.rows) })}</p>
        <ul class="plain-list">
          {SHEETS.map((sheet) => (
            <li>
              {t(`imports.sheet.${sheet.key}` as PlainKey)}: {t('imports.created', { count: counts[sheet.key].create })}, {t('imports.updated', { count: counts[sheet.key].update })}
            </li>
          ))}
        </ul>
        <p>
          <a href="/centre/import">{t('imports.another')}</a>
        </p>
      </div>
    )
  }
  return (
    <div id="import-progress" class="panel" role="status">
      <h2>{t('imports.failed')}</h2>
      {job.error && <p class="notice">{message(job.error)}</p>}
      <p>
        <a href="/centre/import">{t('imports.another')}</a>
      </p>
    </div>
  )
}

export function ImportJobPage({ job, clusters }: { job: ImportJob; clusters: ImportCluster[] }) {
  const { t } = useI18n()
  return (
    <>
      <h1>{t('imports.title')}</h1>
      <p class="lead">{job.fileNames.join(', ')}</p>
      {job.status === 'checked' ? (
        job.report.ok && (
          <form method="post" action={`/centre/import/${job.id}/run`} class="panel">
            <p class="hint">{t('imports.runHint')}</p>
            <button type="submit" class="button button--primary">
              {t('imports.run')}
            </button>
          </form>
        )
      ) : (
        <JobProgress job={job} />
      )}
      <ReportSection report={job.report} />
      {(job.status === 'checked' || job.status === 'failed') && <UploadForm clusters={clusters} chosen={job.clusterIds} />}
    </>
  )
}
