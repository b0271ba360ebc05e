import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { INTRODUCED_STATUSES } from '../../src/domain/match.js'
import { NotFoundError } from '../../src/lib/errors.js'
import { listAlertHits } from '../../src/services/alerts/listHits.js'
import { UnauthorizedError } from '../../src/services/authorization.js'
import { listMatchingNeeds } from '../../src/services/matches/listForSupplier.js'
import { transitionMatch } from '../../src/services/matches/transition.js'
import { getNeed } from '../../src/services/needs/get.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import type { WebEnv } from '../env.js'
import { localizedHalf } from '../i18n/index.js'
import { InboxPage } from '../pages/inbox.js'
import { isFullNeed } from '../pages/need.js'
import { type WebContext, renderPage } from '../render.js'
import { organizationsOfKind, viewerOf } from '../viewer.js'
import { needPage } from './needs.js'
import { explainable, parsedId, statusOf } from './shared.js'

/** "Show more" steps; the service returns at most the last. */
const INBOX_LIMITS = [20, 50, 100] as const

interface InboxState {
  orgId?: string
  status?: ContentfulStatusCode
  error?: { needId: string; message: string } | null
}

/**
 * The inbox of one supplier: `?org=` or the viewer's first supplier organization. listMatchingNeeds decides
 * who may read it (its members, the curators covering it, admins); someone with no supplier gets the 404 page.
 */
async function inboxPage(c: WebContext, state: InboxState = {}): Promise<Response> {
  const ctx = c.var.ctx
  const viewer = await viewerOf(c)
  if (viewer === null) throw new UnauthorizedError()
  const suppliers = organizationsOfKind(viewer, 'supplier')
  const raw = state.orgId ?? c.req.query('org')
  const orgId = raw ? parsedId('org', raw, 'Organization') : suppliers[0]?.id
  if (!orgId) throw new NotFoundError('Inbox', viewer.name)
  const requested = Number(c.req.query('limit'))
  const limit = (INBOX_LIMITS as readonly number[]).includes(requested) ? requested : INBOX_LIMITS[0]
  const inbox = await listMatchingNeeds(ctx, c.var.search, orgId, { limit, refresh: false })
  const organization = suppliers.find((supplier) => supplier.id === orgId) ?? (await getOrganization(ctx, orgId))
  // Only an introduction reveals the contractor; getNeed shows it to the introduced supplier and to nobody else.
  const contractors = new Map<string, { id: string; name: string }>()
  for (const item of inbox.items.filter((candidate) => INTRODUCED_STATUSES.includes(candidate.status))) {
    const need = await getNeed(ctx, item.needId)
    if (isFullNeed(need)) {
      const contractor = await getOrganization(ctx, need.orgId)
      contractors.set(item.needId, { id: contractor.id, name: contractor.name })
    }
  }
  // Alerts are the supplier's own: a curator or admin looking into this inbox sees the ranked list only.
  const alertHits = suppliers.some((supplier) => supplier.id === orgId) ? (await listAlertHits(ctx, orgId, { limit: 20 })).items : null
  const nextLimit = inbox.items.length >= limit ? (INBOX_LIMITS.find((step) => step > limit) ?? null) : null
  return renderPage(
    c,
    { title: c.var.i18n.t('inbox.title'), nav: 'inbox', status: state.status ?? 200, returnTo: `/inbox?org=${orgId}` },
    <InboxPage
      organization={{ id: organization.id, name: organization.name }}
      others={suppliers.filter((supplier) => supplier.id !== orgId)}
      items={inbox.items}
      contractors={contractors}
      nextLimit={nextLimit}
      error={state.error ?? null}
      alertHits={alertHits}
    />,
  )
}

const ANSWERS = ['interested', 'declined'] as const

export const inboxRoutes = new Hono<WebEnv>()
  .get('/inbox', (c) => inboxPage(c))
  /** The supplier answers an introduction, from its inbox or from the need page. */
  .post('/needs/:id/answer', async (c) => {
    const needId = parsedId('need', c.req.param('id'), 'Need')
    const body = await c.req.parseBody()
    const orgId = parsedId('org', typeof body.org === 'string' ? body.org : '', 'Organization')
    const to = ANSWERS.find((answer) => answer === body.to)
    const back = body.back === 'inbox' ? 'inbox' : 'need'
    try {
      if (!to) throw new NotFoundError('Answer', String(body.to))
      await transitionMatch(c.var.ctx, needId, orgId, { to })
    } catch (error) {
      if (!explainable(error)) throw error
      const message = localizedHalf(error.message, c.var.i18n.lang)
      if (back === 'inbox') return inboxPage(c, { orgId, status: statusOf(error), error: { needId, message } })
      return needPage(c, needId, { status: statusOf(error), answerError: message })
    }
    return c.redirect(back === 'inbox' ? `/inbox?org=${orgId}#inbox-${needId}` : `/needs/${needId}#answer`, 303)
  })
