import type { Child } from 'hono/jsx'
import type { Page } from '../../src/domain/common.js'
import type { Need } from '../../src/domain/need.js'
import { Pager } from '../components/Pager.js'
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

export interface CentrePageProps {
  submitted: Page<Need>
  /** Contractor names by organization id. */
  contractors: Map<string, string>
  href: (queue: 'submitted', page: number) => string
}

/** The centre's workspace: what waits for a curator, each queue linking to the page where it is handled. */
export function CentrePage({ submitted, contractors, href }: CentrePageProps) {
  const { t, fmt } = useI18n()
  return (
    <>
      <h1>{t('centre.title')}</h1>
      <p class="lead">{t('centre.lead')}</p>
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
      </div>
    </>
  )
}
