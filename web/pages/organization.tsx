import type { Child } from 'hono/jsx'
import type { Capacity } from '../../src/domain/capacity.js'
import type { Certificate } from '../../src/domain/certificate.js'
import type { Cluster } from '../../src/domain/cluster.js'
import type { Page } from '../../src/domain/common.js'
import type { Organization } from '../../src/domain/organization.js'
import type { Site } from '../../src/domain/site.js'
import { Pager } from '../components/Pager.js'
import { CERTIFICATE_REVIEWS } from '../../src/services/certificates/review.js'
import { useI18n } from '../components/i18n.js'
import type { PlainKey, Translate } from '../i18n/index.js'
import { certificateFullName, certificateShortName, materialName, processName, regionName } from '../labels.js'

export interface OrganizationPageProps {
  organization: Organization
  clusters: Cluster[]
  sites: Page<Site>
  /** Every site a listed capacity stands on, also those on other pages of the site list. */
  sitesById: Map<string, Site>
  capacities: Page<Capacity>
  certificates: Page<Certificate>
  /** 'YYYY-MM-DD': certificates that ended before it are marked expired. */
  today: string
  /** Builds this page's address with one list turned to another page. */
  href: (list: 'sites' | 'capacities' | 'certificates', page: number) => string
  /** Members and the curators covering it keep its data; admins (and those curators) manage its people. */
  canEdit: boolean
  canManagePeople: boolean
  /** A curator covering it (or a platform admin) verifies and rejects its certificates. */
  canReview: boolean
  review: ReviewFeedback | null
}

/** What a review left to say on one certificate: a missing reason, or a refusal. */
export interface ReviewFeedback {
  certificateId: string
  reason: string
  reasonError: string | null
  message: string | null
}

function Row({ term, children }: { term: PlainKey; children: Child }) {
  const { t } = useI18n()
  return (
    <div>
      <dt>{t(term)}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** Only web addresses become links: a stored `javascript:` URL must never be clickable. */
function Website({ url }: { url: string }) {
  return /^https?:\/\//i.test(url) ? (
    <a href={url} rel="nofollow noopener noreferrer">
      {url}
    </a>
  ) : (
    <>{url}</>
  )
}

function Profile({ organization, clusters }: Pick<OrganizationPageProps, 'organization' | 'clusters'>) {
  const { t, pick } = useI18n()
  return (
    <section class="panel" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('org.profile')}</h2>
      <dl class="facts facts--wide">
        <Row term="org.kinds">{organization.kinds.map((kind) => t(`orgKind.${kind}`)).join(', ')}</Row>
        <Row term="org.inn">{organization.inn}</Row>
        {organization.ogrn && <Row term="org.ogrn">{organization.ogrn}</Row>}
        {organization.smeSize && <Row term="org.smeSize">{t(`smeSize.${organization.smeSize}`)}</Row>}
        <Row term="org.verification">
          <span class={`badge badge--${organization.verification}`}>{t(`verification.${organization.verification}`)}</span>
        </Row>
        {organization.website && (
          <Row term="org.website">
            <Website url={organization.website} />
          </Row>
        )}
        {clusters.length > 0 && <Row term="org.clusters">{clusters.map((cluster) => pick({ ru: cluster.nameRu, en: cluster.nameEn })).join('; ')}</Row>}
      </dl>
      {organization.description && (
        <>
          <h3>{t('org.description')}</h3>
          <p class="prose">{organization.description}</p>
        </>
      )}
    </section>
  )
}

function Sites({ sites, href }: Pick<OrganizationPageProps, 'sites' | 'href'>) {
  const { t, lang } = useI18n()
  return (
    <section class="panel" aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('org.sites')}</h2>
      {sites.items.length === 0 ? (
        <p class="empty">{t('org.noSites')}</p>
      ) : (
        <ul class="site-list">
          {sites.items.map((site) => (
            <li id={site.id}>
              <h3>{site.name}</h3>
              <dl class="facts">
                <Row term="site.address">{site.address}</Row>
                <Row term="site.region">{regionName(site.regionCode, lang)}</Row>
                <Row term="site.precision">{t(`precision.${site.precision}`)}</Row>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <Pager page={sites.page} pages={Math.ceil(sites.total / sites.perPage)} href={(page) => href('sites', page)} label={t('org.sites')} />
    </section>
  )
}

function batchText(capacity: Capacity, t: Translate, integer: (n: number) => string): string | null {
  const { batchMin: min, batchMax: max } = capacity
  if (min !== null && max !== null) return t('capacity.batchRange', { min: integer(min), max: integer(max) })
  if (min !== null) return t('capacity.batchFrom', { min: integer(min) })
  if (max !== null) return t('capacity.batchUpTo', { max: integer(max) })
  return null
}

function FreeHours({ capacity }: { capacity: Capacity }) {
  const { t, fmt } = useI18n()
  if (capacity.freeHours.length === 0) return <p class="muted">{t('capacity.noFreeHours')}</p>
  const months = [...capacity.freeHours].sort((a, b) => a.month.localeCompare(b.month))
  return (
    <div class="hours">
      <table class="hours-table">
        <caption>{t('capacity.freeHours')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('capacity.month')}</th>
            <th scope="col" class="numeric">
              {t('capacity.hours')}
            </th>
          </tr>
        </thead>
        <tbody>
          {months.map((entry) => (
            <tr>
              <th scope="row">
                <time datetime={entry.month}>{fmt.month(entry.month)}</time>
              </th>
              <td class="numeric">{fmt.integer(entry.hours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function CapacityCard({ capacity, site }: { capacity: Capacity; site: Site | undefined }) {
  const { t, fmt, lang } = useI18n()
  const description = (lang === 'en' && capacity.descriptionEn) || capacity.descriptionRu || capacity.descriptionEn
  const batch = batchText(capacity, t, fmt.integer)
  return (
    <li class="card capacity" id={capacity.id}>
      <article aria-labelledby={`${capacity.id}-title`}>
        <h3 id={`${capacity.id}-title`}>{capacity.title}</h3>
        <dl class="facts">
          {site && (
            <Row term="capacity.site">
              <a href={`#${site.id}`}>{site.name}</a>, {site.city ?? regionName(site.regionCode, lang)}
            </Row>
          )}
          <Row term="capacity.processes">{capacity.processes.map((code) => processName(code, lang)).join('; ')}</Row>
          {capacity.equipment && <Row term="capacity.equipment">{capacity.equipment}</Row>}
          {capacity.materials.length > 0 && <Row term="capacity.materials">{capacity.materials.map((code) => materialName(code, lang)).join(', ')}</Row>}
          {capacity.envelope && (
            <Row term="capacity.envelope">
              {t('unit.envelope', {
                length: fmt.decimal(capacity.envelope.lengthMm),
                width: fmt.decimal(capacity.envelope.widthMm),
                height: fmt.decimal(capacity.envelope.heightMm),
                mass: fmt.decimal(capacity.envelope.massKg),
              })}
            </Row>
          )}
          {capacity.itGrade !== null && <Row term="capacity.tolerance">{t('unit.itGrade', { grade: capacity.itGrade })}</Row>}
          {capacity.roughnessRa !== null && <Row term="capacity.roughness">{t('unit.roughness', { value: fmt.decimal(capacity.roughnessRa) })}</Row>}
          {batch && <Row term="capacity.batch">{batch}</Row>}
          {capacity.leadTimeDays !== null && <Row term="capacity.leadTime">{t('unit.days', { count: fmt.integer(capacity.leadTimeDays) })}</Row>}
        </dl>
        {description && <p class="prose">{description}</p>}
        <FreeHours capacity={capacity} />
      </article>
    </li>
  )
}

function Capacities({ capacities, sitesById, href }: Pick<OrganizationPageProps, 'capacities' | 'sitesById' | 'href'>) {
  const { t } = useI18n()
  return (
    <section class="panel" aria-labelledby="capacities-heading">
      <h2 id="capacities-heading">{t('org.capacities')}</h2>
      {capacities.items.length === 0 ? (
        <p class="empty">{t('org.noCapacities')}</p>
      ) : (
        <ul class="capacity-list">
          {capacities.items.map((capacity) => (
            <CapacityCard capacity={capacity} site={sitesById.get(capacity.siteId)} />
          ))}
        </ul>
      )}
      <Pager page={capacities.page} pages={Math.ceil(capacities.total / capacities.perPage)} href={(page) => href('capacities', page)} label={t('org.capacities')} />
    </section>
  )
}

/**
 * Verify, or reject saying why, inline: with htmx the card is replaced by the answer; without, the page
 * reloads at the card. Only the moves the review graph allows from the current status are offered.
 */
function ReviewForms({ certificate, feedback }: { certificate: Certificate; feedback: ReviewFeedback | null }) {
  const { t } = useI18n()
  const allowed = CERTIFICATE_REVIEWS[certificate.status]
  const action = `/certificates/${certificate.id}/review`
  const hx = { 'hx-post': action, 'hx-target': `#cert-${certificate.id}`, 'hx-swap': 'outerHTML' }
  const reasonId = `review-reason-${certificate.id}`
  const error = feedback?.reasonError ?? null
  return (
    <div class="review">
      <h4 class="visually-hidden">{t('review.title')}</h4>
      {allowed.includes('verified') && (
        <form method="post" action={action} class="button-row" {...hx}>
          <input type="hidden" name="to" value="verified" />
          <button type="submit" class="button button--secondary">
            {t('review.verify')}
          </button>
        </form>
      )}
      {allowed.includes('rejected') && (
        <details class="decline" open={error ? true : undefined}>
          <summary>{t('review.rejectOpen')}</summary>
          <form method="post" action={action} {...hx}>
            <input type="hidden" name="to" value="rejected" />
            <div class={error ? 'field field--invalid' : 'field'}>
              <label for={reasonId}>{t('review.reason')}</label>
              <textarea id={reasonId} name="reason" rows={2} aria-describedby={error ? `${reasonId}-hint ${reasonId}-error` : `${reasonId}-hint`} aria-invalid={error ? 'true' : undefined}>
                {feedback?.reason ?? ''}
              </textarea>
              <p id={`${reasonId}-hint`} class="hint">
                {t('review.reasonHint')}
              </p>
              {error && (
                <p id={`${reasonId}-error`} class="field-error">
                  {error}
                </p>
              )}
            </div>
            <button type="submit" class="button button--danger">
              {t('review.reject')}
            </button>
          </form>
        </details>
      )}
      {feedback?.message && (
        <p class="field-error" role="alert">
          {feedback.message}
        </p>
      )}
    </div>
  )
}

export function CertificateCard({ certificate, today, canReview, feedback }: { certificate: Certificate; today: string; canReview: boolean; feedback: ReviewFeedback | null }) {
  const { t, fmt, lang } = useI18n()
  const expired = certificate.validUntil !== null && certificate.validUntil < today
  const until = certificate.validUntil === null ? t('cert.noExpiry') : t('cert.until', { date: fmt.date(certificate.validUntil) })
  return (
    <li class="card" id={`cert-${certificate.id}`}>
      <h3 title={certificateFullName(certificate.standard, lang)}>{certificateShortName(certificate.standard, lang)}</h3>
      <p>
        <span class={`badge badge--${certificate.status}`}>{t(`certStatus.${certificate.status}`)}</span>{' '}
        {expired && <span class="badge badge--rejected">{t('cert.expired')}</span>}
      </p>
      <dl class="facts">
        <Row term="cert.number">{certificate.number}</Row>
        <Row term="cert.issuer">{certificate.issuer}</Row>
        <Row term="cert.validity">{t('cert.range', { from: fmt.date(certificate.validFrom), until })}</Row>
        {certificate.scope && <Row term="cert.scope">{certificate.scope}</Row>}
      </dl>
      {certificate.status === 'rejected' && certificate.statusReason && <p class="muted">{t('cert.reason', { reason: certificate.statusReason })}</p>}
      {canReview && <ReviewForms certificate={certificate} feedback={feedback?.certificateId === certificate.id ? feedback : null} />}
    </li>
  )
}

function Certificates({ certificates, today, href, canReview, review }: Pick<OrganizationPageProps, 'certificates' | 'today' | 'href' | 'canReview' | 'review'>) {
  const { t } = useI18n()
  return (
    <section class="panel" id="certificates" aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">{t('org.certificates')}</h2>
      {certificates.items.length === 0 ? (
        <p class="empty">{t('org.noCertificates')}</p>
      ) : (
        <ul class="cert-list">
          {certificates.items.map((certificate) => (
            <CertificateCard certificate={certificate} today={today} canReview={canReview} feedback={review} />
          ))}
        </ul>
      )}
      <Pager page={certificates.page} pages={Math.ceil(certificates.total / certificates.perPage)} href={(page) => href('certificates', page)} label={t('org.certificates')} />
    </section>
  )
}

export function OrganizationPage(props: OrganizationPageProps) {
  const { t } = useI18n()
  const { organization } = props
  // Posting a request for the organization is for those who may act for it (createNeed's own rule).
  const posts = props.canEdit && (organization.kinds.includes('contractor') || organization.kinds.includes('centre'))
  return (
    <>
      <header class="page-head">
        <h1>{organization.name}</h1>
        {(posts || props.canEdit || props.canManagePeople) && (
          <p class="button-row">
            {props.canEdit && (
              <a class="button" href={`/organizations/${organization.id}/edit`}>
                {t('org.edit')}
              </a>
            )}
            {props.canManagePeople && (
              <a class="button button--secondary" href={`/organizations/${organization.id}/people`}>
                {t('org.people')}
              </a>
            )}
            {posts && (
              <a class="button button--secondary" href={`/needs/new?org=${encodeURIComponent(organization.id)}`}>
                {t('org.publishNeed')}
              </a>
            )}
          </p>
        )}
      </header>
      <div class="org-grid">
        <Profile organization={organization} clusters={props.clusters} />
        <Sites sites={props.sites} href={props.href} />
      </div>
      <Capacities capacities={props.capacities} sitesById={props.sitesById} href={props.href} />
      <Certificates certificates={props.certificates} today={props.today} href={props.href} canReview={props.canReview} review={props.review} />
    </>
  )
}
