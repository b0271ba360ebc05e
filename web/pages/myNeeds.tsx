import type { Page } from '../../src/domain/common.js'
import type { MatchStatus } from '../../src/domain/match.js'
import type { NeedView } from '../../src/services/needs/view.js'
import { Pager } from '../components/Pager.js'
import { useI18n } from '../components/i18n.js'
import type { ViewerOrganization } from '../viewer.js'

export interface Introduction {
  orgId: string
  name: string
  status: MatchStatus
}

export interface MyNeedsPageProps {
  organization: { id: string; name: string }
  others: ViewerOrganization[]
  needs: Page<NeedView>
  /** Suppliers introduced by the centre, by need id. */
  introductions: Map<string, Introduction[]>
}

/** A contractor's own needs: where each stands in the workflow and whom the centre has introduced. */
export function MyNeedsPage({ organization, others, needs, introductions }: MyNeedsPageProps) {
  const { t, fmt } = useI18n()
  const pages = Math.ceil(needs.total / needs.perPage)
  return (
    <>
      <header class="page-head">
        <h1>{t('myNeeds.title')}</h1>
        <p class="lead">{t('myNeeds.lead', { organization: organization.name })}</p>
        {others.length > 0 && (
          <p>
            {t('myNeeds.other')}{' '}
            {others.map((other, i) => (
              <>
                {i > 0 && ', '}
                <a href={`/my/needs?org=${other.id}`}>{other.name}</a>
              </>
            ))}
          </p>
        )}
        <p>
          <a class="button" href={`/needs/new?org=${organization.id}`}>
            {t('nav.newNeed')}
          </a>
        </p>
      </header>
      {needs.items.length === 0 ? (
        <p class="empty">{t('myNeeds.empty')}</p>
      ) : (
        <ul class="my-needs">
          {needs.items.map((need) => {
            const introduced = introductions.get(need.id) ?? []
            return (
              <li class="card my-need" id={`need-${need.id}`}>
                <div class="inbox-item__head">
                  <h2 class="inbox-item__title">
                    <a href={`/needs/${need.id}`}>{need.title}</a>
                  </h2>
                  <span class={`badge badge--${need.status}`}>{t(`needStatus.${need.status}`)}</span>
                </div>
                <p class="muted">{t('myNeeds.deadline', { date: fmt.date(need.deadline) })}</p>
                <h3 class="my-need__intro-title">{t('myNeeds.introductions')}</h3>
                {introduced.length === 0 ? (
                  <p class="empty">{t(need.status === 'published' ? 'myNeeds.noIntroductions' : 'myNeeds.notPublished')}</p>
                ) : (
                  <ul class="plain-list intro-list">
                    {introduced.map((supplier) => (
                      <li>
                        <a href={`/organizations/${supplier.orgId}`}>{supplier.name}</a> <span class={`badge badge--${supplier.status}`}>{t(`matchStatus.${supplier.status}`)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            )
          })}
        </ul>
      )}
      <Pager page={needs.page} pages={pages} href={(page) => `/my/needs?org=${organization.id}&page=${page}`} />
    </>
  )
}
