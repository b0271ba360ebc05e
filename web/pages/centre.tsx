import type { Child } from 'hono/jsx'
import type { Page } from '../../src/domain/common.js'
import type { Need } from '../../src/domain/need.js'
import type { CertificateQueueItem } from '../../src/services/centre/listCertificatesForReview.js'
import type { ExpiringCertificate } from '../../src/services/centre/listExpiringCertificates.js'
import type { MatchQueueItem } from '../../src/services/centre/listMatchesToCurate.js'
import { Pager } from '../components/Pager.js'
import { certificateShortName } from '../labels.js'
import { useI18n } from '../components/i18n.js'
import type { PlainKey } from '../i18n/index.js'

interface QueueProps<T> {
  id: string
  title: PlainKey
  lead: PlainKey
  empty: PlainKey
  page: Page<T>
  href: (page: number) => string
  children: Child
}

/** One work queue: how many items wait, the first few linking to where the work is done, and its own pages. */
export function Queue<T>({ id, title, lead, empty, page, href, children }: QueueProps<T>) {
  const { t, fmt } = useI18n()
  const headingId = `${id}-heading`
  return (
    <section class="panel queue" id={id} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(title)} <span class="queue__count">{fmt.integer(page.total)}</span>
      </h2>
      <p class="hint">{t(lead)}</p>
      {page.items.length === 0 ? <p class="empty">{t(empty)}</p> : <ul class="queue__list">{children}</ul>}
      <Pager page={page.page} pages={Math.ceil(page.total / page.perPage)} href={href} label={t(title)} />
    </section>
  )
}

export type QueueName = 'submitted' | 'review' | 'expiring' | 'curate'

export interface CentrePageProps {
  submitted: Page<Need>
  /** Contractor names by organization id. */
  contractors: Map<string, string>
  review: Page<CertificateQueueItem>
  expiring: Page<ExpiringCertificate>
  curate: Page<MatchQueueItem>
  href: (queue: QueueName, page: number) => string
}

/** The centre's workspace: what waits for a curator, each queue linking to the page where it is handled. */
export function CentrePage({ submitted, contractors, review, expiring, curate, href }: CentrePageProps) {
  const { t, fmt, lang } = useI18n()
  return (
    <>
      <h1>{t('centre.title')}</h1>
      <p class="lead">{t('centre.lead')}</p>
      <p class="centre-analytics">
        <a class="button button--secondary" href="/centre/analytics">
          {t('centre.analytics')}
        </a>{' '}
        <span class="hint">{t('centre.analyticsLead')}</span>
      </p>
      <p class="centre-analytics">
        <a href="/centre/import" class="button button--secondary">
          {t('centre.import')}
        </a>{' '}
        <span class="hint">{t('centre.importLead')}</span>
      </p>
      <div class="queue-grid">
        <Queue id="queue-submitted" title="centre.submitted" lead="centre.submittedLead" empty="centre.submittedEmpty" page={submitted} href={(page) => href('submitted', page)}>
          {submitted.items.map((need) => (
            <li>
              <a href={`/needs/${need.id}`}>{need.title}</a>
              <span class="queue__meta">
                {contractors.get(need.orgId) ?? ''}
                {' · '}
                {t('centre.deadline', { date: fmt.date(need.deadline) })}
                {need.submittedAt && (
                  <>
                    {' · '}
                    {t('centre.submittedAt', { time: fmt.dateTime(need.submittedAt) })}
                  </>
                )}
              </span>
            </li>
          ))}
        </Queue>
        <Queue id="queue-review" title="centre.review" lead="centre.reviewLead" empty="centre.reviewEmpty" page={review} href={(page) => href('review', page)}>
          {review.items.map((certificate) => (
            <li>
              <a href={`/organizations/${certificate.orgId}#certificates`}>
                {certificateShortName(certificate.standard, lang)} № {certificate.number}
              </a>
              <span class="queue__meta">
                {certificate.orgName}
                {' · '}
                {certificate.validUntil ? t('centre.validUntil', { date: fmt.date(certificate.validUntil) }) : t('centre.noExpiry')}
              </span>
            </li>
          ))}
        </Queue>
        <Queue id="queue-expiring" title="centre.expiring" lead="centre.expiringLead" empty="centre.expiringEmpty" page={expiring} href={(page) => href('expiring', page)}>
          {expiring.items.map((certificate) => (
            <li>
              <a href={`/organizations/${certificate.orgId}#certificates`}>{certificateShortName(certificate.standard, lang)}</a>
              <span class="queue__meta">
                {certificate.orgName}
                {' · '}
                {t('centre.validUntil', { date: fmt.date(certificate.validUntil) })}
              </span>
            </li>
          ))}
        </Queue>
        <Queue id="queue-curate" title="centre.curate" lead="centre.curateLead" empty="centre.curateEmpty" page={curate} href={(page) => href('curate', page)}>
          {curate.items.map((match) => (
            <li>
              <a href={`/needs/${match.needId}#match-${match.supplierOrgId}`}>{match.needTitle}</a>
              <span class="queue__meta">
                {match.supplierName}
                {' · '}
                {t(`matchStatus.${match.status}` as PlainKey)}
                {' · '}
                {t('centre.score', { score: fmt.points(match.score) })}
                {' · '}
                {t('centre.deadline', { date: fmt.date(match.deadline) })}
              </span>
            </li>
          ))}
        </Queue>
      </div>
    </>
  )
}
