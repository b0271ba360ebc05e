import type { Child } from 'hono/jsx'
import type { AlertHit } from '../../src/domain/alert.js'
import type { MatchingNeeds } from '../../src/domain/match.js'
import { INTRODUCED_STATUSES } from '../../src/domain/match.js'
import { useI18n } from '../components/i18n.js'
import type { PlainKey } from '../i18n/index.js'
import { materialName, placeName, processName } from '../labels.js'
import type { ViewerOrganization } from '../viewer.js'
import { AnswerForm } from './need.js'

type InboxItem = MatchingNeeds['items'][number]

export interface InboxPageProps {
  organization: { id: string; name: string }
  /** The viewer's other supplier organizations, to switch between inboxes. */
  others: ViewerOrganization[]
  items: InboxItem[]
  /** Contractors by need id: only for needs the supplier was introduced to. */
  contractors: Map<string, { id: string; name: string }>
  nextLimit: number | null
  error: { needId: string; message: string } | null
  /** New needs the organization's alerts found; null when the viewer keeps no alerts for it (a curator looking in). */
  alertHits: AlertHit[] | null
}

function Fact({ term, children }: { term: PlainKey; children: Child }) {
  const { t } = useI18n()
  return (
    <div>
      <dt>{t(term)}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function InboxCard({ item, orgId, contractor, error }: { item: InboxItem; orgId: string; contractor: { id: string; name: string } | undefined; error: string | null }) {
  const { t, fmt, lang, pick } = useI18n()
  const introduced = INTRODUCED_STATUSES.includes(item.status)
  return (
    <li class="card inbox-item" id={`inbox-${item.needId}`}>
      <article aria-labelledby={`inbox-${item.needId}-title`}>
        <div class="inbox-item__head">
          <h2 id={`inbox-${item.needId}-title`} class="inbox-item__title">
            <a href={`/needs/${item.needId}`}>{item.title}</a>
          </h2>
          <span class={`badge badge--${item.status}`}>{t(`matchStatus.${item.status}`)}</span>
        </div>
        <dl class="facts">
          {introduced && contractor && (
            <Fact term="need.contractor">
              <a href={`/organizations/${contractor.id}`}>{contractor.name}</a>
            </Fact>
          )}
          <Fact term="need.processes">{item.processes.map((code) => processName(code, lang)).join('; ')}</Fact>
          {item.materials.length > 0 && <Fact term="need.materials">{item.materials.map((code) => materialName(code, lang)).join(', ')}</Fact>}
          <Fact term="need.delivery">{placeName(item.city, item.regionCode, lang)}</Fact>
          <Fact term="need.deadline">{fmt.date(item.deadline)}</Fact>
          {item.quantity !== null && <Fact term="need.quantity">{t('unit.pieces', { count: fmt.integer(item.quantity) })}</Fact>}
          <Fact term="matches.distance">{fmt.km(item.distanceKm)}</Fact>
          <Fact term="matches.score">{t('unit.score', { value: fmt.points(item.score) })}</Fact>
        </dl>
        <p class="match__why">
          <strong>{t('matches.why')}:</strong> {pick(item.explanation)}
        </p>
        {!introduced && item.status !== 'declined' && item.status !== 'closed' && <p class="muted">{t('inbox.beforeIntroduction')}</p>}
        {item.status === 'introduced' && <AnswerForm needId={item.needId} orgId={orgId} back="inbox" />}
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
      </article>
    </li>
  )
}

function AlertHitCard({ hit }: { hit: AlertHit }) {
  const { t, fmt, lang } = useI18n()
  const headingId = `alert-hit-${hit.needId}-title`
  return (
    <li class="card inbox-item" id={`alert-hit-${hit.needId}`}>
      <article aria-labelledby={headingId}>
        <h3 id={headingId} class="inbox-item__title">
          <a href={`/needs/${hit.needId}`}>{hit.title}</a>
        </h3>
        <dl class="facts">
          <Fact term="inbox.alertName">{hit.alertName}</Fact>
          <Fact term="need.processes">{hit.processes.map((code) => processName(code, lang)).join('; ')}</Fact>
          {hit.materials.length > 0 && <Fact term="need.materials">{hit.materials.map((code) => materialName(code, lang)).join(', ')}</Fact>}
          <Fact term="need.delivery">{placeName(hit.city, hit.regionCode, lang)}</Fact>
          <Fact term="need.deadline">{fmt.date(hit.deadline)}</Fact>
          {hit.distanceKm !== null && <Fact term="matches.distance">{fmt.km(Math.round(hit.distanceKm))}</Fact>}
          {hit.score !== null && <Fact term="matches.score">{t('unit.score', { value: fmt.points(hit.score) })}</Fact>}
          <Fact term="inbox.found">{fmt.date(hit.foundAt.slice(0, 10))}</Fact>
        </dl>
      </article>
    </li>
  )
}

/** New needs from the supplier's alerts, above the ranked list: what appeared since the supplier last looked. */
function AlertHits({ hits, orgId }: { hits: AlertHit[]; orgId: string }) {
  const { t } = useI18n()
  return (
    <section class="panel" aria-labelledby="alert-hits-heading">
      <h2 id="alert-hits-heading">{t('inbox.alerts')}</h2>
      <p class="muted">{t('inbox.alertsLead')}</p>
      {hits.length === 0 ? (
        <p class="empty">{t('inbox.alertsEmpty')}</p>
      ) : (
        <ul class="inbox-list">
          {hits.map((hit) => (
            <AlertHitCard hit={hit} />
          ))}
        </ul>
      )}
      <p>
        <a href={`/alerts?org=${orgId}`}>{t('inbox.alertsManage')}</a>
      </p>
    </section>
  )
}

/**
 * A supplier's matching needs, best first. Before an introduction nothing names the contractor (the service
 * does not return it); after it, the contractor's name is shown and the supplier answers.
 */
export function InboxPage({ organization, others, items, contractors, nextLimit, error, alertHits }: InboxPageProps) {
  const { t } = useI18n()
  return (
    <>
      <header class="page-head">
        <h1>{t('inbox.title')}</h1>
        <p class="lead">{t('inbox.lead', { organization: organization.name })}</p>
        {others.length > 0 && (
          <p>
            {t('inbox.other')}{' '}
            {others.map((other, i) => (
              <>
                {i > 0 && ', '}
                <a href={`/inbox?org=${other.id}`}>{other.name}</a>
              </>
            ))}
          </p>
        )}
      </header>
      {alertHits && <AlertHits hits={alertHits} orgId={organization.id} />}
      {items.length === 0 ? (
        <p class="empty">{t('inbox.empty')}</p>
      ) : (
        <ol class="inbox-list">
          {items.map((item) => (
            <InboxCard item={item} orgId={organization.id} contractor={contractors.get(item.needId)} error={error?.needId === item.needId ? error.message : null} />
          ))}
        </ol>
      )}
      {nextLimit !== null && (
        <p>
          <a href={`/inbox?org=${organization.id}&limit=${nextLimit}`}>{t('inbox.more')}</a>
        </p>
      )}
    </>
  )
}
