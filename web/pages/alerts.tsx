import type { Alert } from '../../src/domain/alert.js'
import { DEFAULT_MIN_SCORE } from '../../src/domain/alert.js'
import { ErrorSummary, InputField, SelectField } from '../components/fields.js'
import { useI18n } from '../components/i18n.js'
import { type FormErrors, NO_ERRORS } from '../forms/errors.js'
import { RADIUS_OPTIONS_KM, type SearchFormState } from '../forms/searchForm.js'
import type { I18n } from '../i18n/index.js'
import { certificateShortName, materialName, processName, regionName } from '../labels.js'
import type { ViewerOrganization } from '../viewer.js'

/** Thresholds offered for "needs like my capacities": lenient, the default, demanding. */
export const MIN_SCORE_OPTIONS = [0.3, DEFAULT_MIN_SCORE, 0.7] as const

export interface AlertsPageProps {
  organization: { id: string; name: string }
  others: ViewerOrganization[]
  alerts: Alert[]
  /** Site names by id, to say where a radius is measured from. */
  sites: Map<string, string>
  digestSubscribed: boolean
  saved: boolean
  capacities: { name: string; minScore: string; errors: FormErrors }
  /** A refused change to one alert, shown next to it. */
  rowError: { id: string; message: string } | null
}

function Criterion({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  )
}

/** What a saved search filters on, in the page's language; a capacities alert shows its threshold. */
function Criteria({ alert, sites, i18n }: { alert: Alert; sites: Map<string, string>; i18n: I18n }) {
  const { t, fmt, lang } = i18n
  if (alert.kind === 'capacities') {
    return (
      <dl class="facts">
        <Criterion term={t('alerts.criteria.minScore')} value={t('unit.score', { value: fmt.points(alert.minScore ?? DEFAULT_MIN_SCORE) })} />
      </dl>
    )
  }
  const site = alert.siteId ? sites.get(alert.siteId) : undefined
  const place = site ? t('alerts.siteCentre', { name: site }) : (alert.near ?? '')
  return (
    <dl class="facts">
      {alert.q && <Criterion term={t('alerts.criteria.q')} value={alert.q} />}
      {alert.processes.length > 0 && <Criterion term={t('alerts.criteria.processes')} value={alert.processes.map((code) => processName(code, lang)).join('; ')} />}
      {alert.material && <Criterion term={t('alerts.criteria.material')} value={materialName(alert.material, lang)} />}
      {alert.requiredCerts.length > 0 && (
        <Criterion term={t('alerts.criteria.requiredCerts')} value={alert.requiredCerts.map((code) => certificateShortName(code, lang)).join(', ')} />
      )}
      {alert.regionCode && <Criterion term={t('alerts.criteria.region')} value={regionName(alert.regionCode, lang)} />}
      {alert.radiusKm !== null && <Criterion term={t('alerts.criteria.distance')} value={t('alerts.distanceFrom', { km: fmt.km(alert.radiusKm), place })} />}
    </dl>
  )
}

function AlertCard({ alert, orgId, sites, rowError }: { alert: Alert; orgId: string; sites: Map<string, string>; rowError: AlertsPageProps['rowError'] }) {
  const i18n = useI18n()
  const { t } = i18n
  const paused = alert.status === 'paused'
  const headingId = `alert-${alert.id}-name`
  return (
    <li class="card alert-item" id={`alert-${alert.id}`}>
      <article aria-labelledby={headingId}>
        <div class="inbox-item__head">
          <h3 id={headingId} class="inbox-item__title">
            {alert.name}
          </h3>
          <span class={`badge ${paused ? 'badge--warning' : 'badge--published'}`}>{t(`alerts.status.${alert.status}`)}</span>
        </div>
        <p class="muted">{t(`alerts.kind.${alert.kind}`)}</p>
        <Criteria alert={alert} sites={sites} i18n={i18n} />
        <div class="button-row">
          <form method="post" action={`/alerts/${alert.id}/status`}>
            <input type="hidden" name="org" value={orgId} />
            <input type="hidden" name="status" value={paused ? 'active' : 'paused'} />
            <button type="submit" class="button button--secondary button--small" aria-label={t(paused ? 'alerts.resumeLabel' : 'alerts.pauseLabel', { name: alert.name })}>
              {t(paused ? 'alerts.resume' : 'alerts.pause')}
            </button>
          </form>
          <form method="post" action={`/alerts/${alert.id}/delete`}>
            <input type="hidden" name="org" value={orgId} />
            <button type="submit" class="button button--danger button--small" aria-label={t('alerts.deleteLabel', { name: alert.name })}>
              {t('alerts.delete')}
            </button>
          </form>
        </div>
        {rowError?.id === alert.id && (
          <p class="field-error" role="alert">
            {rowError.message}
          </p>
        )}
      </article>
    </li>
  )
}

/** A supplier's alerts: each can be paused, resumed or deleted; the member's digest setting; a new "like my capacities" alert. */
export function AlertsPage({ organization, others, alerts, sites, digestSubscribed, saved, capacities, rowError }: AlertsPageProps) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  return (
    <>
      <header class="page-head">
        <h1>{t('alerts.title')}</h1>
        <p class="lead">{t('alerts.lead', { organization: organization.name })}</p>
        {others.length > 0 && (
          <p>
            {t('alerts.other')}{' '}
            {others.map((other, i) => (
              <>
                {i > 0 && ', '}
                <a href={`/alerts?org=${other.id}`}>{other.name}</a>
              </>
            ))}
          </p>
        )}
      </header>
      {saved && (
        <p class="success" role="status">
          {t('alerts.saved')}
        </p>
      )}
      <section class="panel" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">{t('alerts.list')}</h2>
        {alerts.length === 0 ? (
          <p class="empty">{t('alerts.empty')}</p>
        ) : (
          <ul class="inbox-list">
            {alerts.map((alert) => (
              <AlertCard alert={alert} orgId={organization.id} sites={sites} rowError={rowError} />
            ))}
          </ul>
        )}
      </section>
      <section class="panel" aria-labelledby="digest-heading">
        <h2 id="digest-heading">{t('alerts.digest')}</h2>
        <p>{t(digestSubscribed ? 'alerts.digest.on' : 'alerts.digest.off')}</p>
        <form method="post" action="/alerts/digest">
          <input type="hidden" name="org" value={organization.id} />
          <input type="hidden" name="subscribed" value={digestSubscribed ? 'false' : 'true'} />
          <button type="submit" class="button button--secondary">
            {t(digestSubscribed ? 'alerts.digest.stop' : 'alerts.digest.start')}
          </button>
        </form>
      </section>
      <section class="panel" aria-labelledby="capacities-heading">
        <h2 id="capacities-heading">{t('alerts.capacities.title')}</h2>
        <p>{t('alerts.capacities.text')}</p>
        <ErrorSummary errors={capacities.errors} labels={{ name: t('alerts.name'), minScore: t('alerts.minScore') }} title={t('alerts.errors')} />
        <form method="post" action="/alerts" class="form">
          <input type="hidden" name="org" value={organization.id} />
          <input type="hidden" name="kind" value="capacities" />
          <InputField name="name" label={t('alerts.name')} value={capacities.name} errors={capacities.errors} required />
          <SelectField
            name="minScore"
            label={t('alerts.minScore')}
            value={capacities.minScore}
            errors={capacities.errors}
            options={MIN_SCORE_OPTIONS.map((score) => ({ value: String(score), label: t('unit.score', { value: fmt.points(score) }) }))}
          />
          <button type="submit" class="button">
            {t('alerts.create')}
          </button>
        </form>
      </section>
      <section class="panel" aria-labelledby="search-alert-heading">
        <h2 id="search-alert-heading">{t('alerts.search.title')}</h2>
        <p>{t('alerts.search.text')}</p>
        <p>
          <a href="/search/needs">{t('alerts.search.link')}</a>
        </p>
      </section>
    </>
  )
}

export interface NewSearchAlertProps {
  /** The supplier organizations the viewer may save the alert for. */
  organizations: ViewerOrganization[]
  orgId: string
  /** The search's filters, carried in hidden fields exactly as the search page sends them. */
  state: SearchFormState
  sites: { id: string; name: string }[]
  name: string
  centre: string
  radiusKm: number
  errors: FormErrors
  searchHref: string
}

function hasCriteria(state: SearchFormState): boolean {
  return Boolean(state.q || state.near || Object.values(state.filters).some((values) => values.length > 0))
}

/** The filters a saved search keeps, as a list: the user sees what the alert will look for. */
function SearchCriteria({ state }: { state: SearchFormState }) {
  const { t, fmt, lang } = useI18n()
  const { process = [], requiredCert = [], material = [], regionCode = [] } = state.filters
  return (
    <dl class="facts">
      {state.q && <Criterion term={t('alerts.criteria.q')} value={state.q} />}
      {process.length > 0 && <Criterion term={t('alerts.criteria.processes')} value={process.map((code) => processName(code, lang)).join('; ')} />}
      {material[0] && <Criterion term={t('alerts.criteria.material')} value={materialName(material[0], lang)} />}
      {requiredCert.length > 0 && <Criterion term={t('alerts.criteria.requiredCerts')} value={requiredCert.map((code) => certificateShortName(code, lang)).join(', ')} />}
      {regionCode[0] && <Criterion term={t('alerts.criteria.region')} value={regionName(regionCode[0], lang)} />}
      {state.near && <Criterion term={t('alerts.criteria.distance')} value={t('alerts.distanceFrom', { km: fmt.km(state.radiusKm), place: state.near })} />}
    </dl>
  )
}

/** Saving a need search as an alert: its filters (hidden, and listed), a name, where to measure the distance from. */
export function NewSearchAlertPage({ organizations, orgId, state, sites, name, centre, radiusKm, errors, searchHref }: NewSearchAlertProps) {
  const { t, fmt } = useI18n()
  const centreOptions = [
    { value: '', label: t('alerts.centre.none') },
    ...(state.near ? [{ value: 'near', label: t('alerts.centre.near', { place: state.near }) }] : []),
    ...sites.map((site) => ({ value: `site:${site.id}`, label: t('alerts.centre.site', { name: site.name }) })),
  ]
  const labels = { name: t('alerts.name'), centre: t('alerts.centre'), radiusKm: t('alerts.radius'), org: t('alerts.organization') }
  return (
    <>
      <p class="breadcrumb">
        <a href={searchHref}>{t('alerts.new.back')}</a>
      </p>
      <h1>{t('alerts.new.title')}</h1>
      <p class="lead">{t('alerts.new.lead')}</p>
      <ErrorSummary errors={errors} labels={labels} title={t('alerts.errors')} />
      <section class="panel" aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">{t('alerts.new.criteria')}</h2>
        {hasCriteria(state) ? <SearchCriteria state={state} /> : <p class="empty">{t('alerts.new.noCriteria')}</p>}
      </section>
      <form method="post" action="/alerts" class="form">
        <input type="hidden" name="kind" value="search" />
        {state.q && <input type="hidden" name="q" value={state.q} />}
        {state.near && <input type="hidden" name="near" value={state.near} />}
        {Object.entries(state.filters).flatMap(([param, values]) => values.map((value) => <input type="hidden" name={param} value={value} />))}
        {organizations.length > 1 ? (
          <SelectField name="org" label={t('alerts.organization')} value={orgId} errors={errors} options={organizations.map((org) => ({ value: org.id, label: org.name }))} />
        ) : (
          <input type="hidden" name="org" value={orgId} />
        )}
        <InputField name="name" label={t('alerts.name')} value={name} errors={errors} required />
        <SelectField name="centre" label={t('alerts.centre')} value={centre} errors={errors} options={centreOptions} />
        <SelectField
          name="radiusKm"
          label={t('alerts.radius')}
          value={String(radiusKm)}
          errors={errors}
          hint={t('alerts.radiusHint')}
          options={RADIUS_OPTIONS_KM.map((km) => ({ value: String(km), label: fmt.km(km) }))}
        />
        <button type="submit" class="button">
          {t('alerts.save')}
        </button>
      </form>
    </>
  )
}

export const EMPTY_CAPACITIES_FORM = { minScore: String(DEFAULT_MIN_SCORE), errors: NO_ERRORS }
