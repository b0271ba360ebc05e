import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { idSchema } from '../../src/domain/common.js'
import { matchTransitionInputSchema } from '../../src/domain/match.js'
import { NEED_TRANSITIONS } from '../../src/domain/need.js'
import type { Organization } from '../../src/domain/organization.js'
import { NotFoundError, ServiceError } from '../../src/lib/errors.js'
import { needAuditTrail } from '../../src/services/matches/auditTrail.js'
import { listNeedMatches } from '../../src/services/matches/listForNeed.js'
import { transitionMatch } from '../../src/services/matches/transition.js'
import { managesNeed, needStanding } from '../../src/services/needs/access.js'
import { getNeed } from '../../src/services/needs/get.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import type { WebEnv } from '../env.js'
import { errorsFromIssues, errorsFromService, fieldError, type FormErrors } from '../forms/errors.js'
import { localizedHalf } from '../i18n/index.js'
import { locateCandidates } from '../map/places.js'
import { type Curation, type MatchFeedback, NeedPage, isFullNeed } from '../pages/need.js'
import { type WebContext, renderPage } from '../render.js'

/** "Show more" steps through these; the matching service returns at most the last. */
const MATCH_LIMITS = [20, 50, 100] as const

const pageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .refine((limit) => (MATCH_LIMITS as readonly number[]).includes(limit))
    .catch(MATCH_LIMITS[0]),
  auditPage: z.coerce.number().int().min(1).max(10_000).catch(1),
})

function parsedId(prefix: 'need' | 'org', raw: string): string {
  const id = idSchema(prefix).safeParse(raw)
  if (!id.success) throw new NotFoundError(prefix === 'need' ? 'Need' : 'Organization', raw)
  return id.data
}

interface NeedPageState {
  status?: ContentfulStatusCode
  publishError?: string | null
  feedback?: MatchFeedback | null
}

/**
 * The need as the visitor may see it (getNeed decides). Those who run it also get the ranked suppliers,
 * the near misses, the picture and the history; a curator also gets the pipeline's buttons.
 */
async function needPage(c: WebContext, needId: string, state: NeedPageState = {}): Promise<Response> {
  const ctx = c.var.ctx
  const need = await getNeed(ctx, needId)
  const { limit, auditPage } = pageQuerySchema.parse({ limit: c.req.query('limit'), auditPage: c.req.query('auditPage') })
  let contractor: Organization | null = null
  let postedBy: Organization | null = null
  let curation: Curation | null = null
  let canPublish = false
  if (isFullNeed(need)) {
    const standing = await needStanding(ctx.sql, ctx.actor, need.orgId)
    const canCurate = standing.curator || standing.admin
    canPublish = canCurate && NEED_TRANSITIONS[need.status].includes('published')
    ;[contractor, postedBy] = await Promise.all([getOrganization(ctx, need.orgId), need.postedByOrgId ? getOrganization(ctx, need.postedByOrgId) : null])
    if (managesNeed(standing)) {
      const [found, audit] = await Promise.all([
        listNeedMatches(ctx, c.var.search, need.id, { limit, explain: true, nearMisses: true, refresh: false }),
        needAuditTrail(ctx, need.id),
      ])
      const { points, unplaced } = await locateCandidates(ctx, need.delivery, found)
      curation = { found, points, unplaced, audit, canCurate }
    }
  }
  const nextMatchLimit = curation && curation.found.matches.length >= limit ? (MATCH_LIMITS.find((step) => step > limit) ?? null) : null
  return renderPage(
    c,
    { title: need.title, status: state.status ?? 200, returnTo: `/needs/${need.id}` },
    <NeedPage
      need={need}
      contractor={contractor}
      postedBy={postedBy}
      canPublish={canPublish}
      publishError={state.publishError ?? null}
      curation={curation}
      nextMatchLimit={nextMatchLimit}
      feedback={state.feedback ?? null}
      auditPage={auditPage}
    />,
  )
}

/** A refusal the page can explain next to the button; anything else (404, 500) is an error page. */
function explainable(error: unknown): error is ServiceError {
  return error instanceof ServiceError && [400, 403, 409].includes(error.status)
}

const reasonField = (path: string) => (path === 'reason' ? 'reason' : null)

function matchFeedback(orgId: string, reason: string, errors: FormErrors): MatchFeedback {
  return { orgId, reason, reasonError: fieldError(errors, 'reason'), message: errors.form.length ? errors.form.join(' ') : null }
}

export const needRoutes = new Hono<WebEnv>()
  .get('/needs/:id', (c) => needPage(c, parsedId('need', c.req.param('id'))))
  .post('/needs/:id/publish', async (c) => {
    const needId = parsedId('need', c.req.param('id'))
    try {
      await publishNeed(c.var.ctx, needId)
    } catch (error) {
      if (!explainable(error)) throw error
      return needPage(c, needId, { status: error.status as ContentfulStatusCode, publishError: localizedHalf(error.message, c.var.i18n.lang) })
    }
    return c.redirect(`/needs/${needId}`, 303)
  })
  .post('/needs/:id/matches/:orgId', async (c) => {
    const needId = parsedId('need', c.req.param('id'))
    const orgId = parsedId('org', c.req.param('orgId'))
    const lang = c.var.i18n.lang
    const body = await c.req.parseBody()
    const reason = typeof body.reason === 'string' ? body.reason : ''
    // A blank reason is no reason: the service decides whether this step needs one.
    const input = matchTransitionInputSchema.safeParse({ to: body.to, ...(reason.trim() ? { reason } : {}) })
    if (!input.success) {
      return needPage(c, needId, { status: 400, feedback: matchFeedback(orgId, reason, errorsFromIssues(input.error.issues, reasonField, lang, c.var.i18n.t('form.missing'))) })
    }
    try {
      await transitionMatch(c.var.ctx, needId, orgId, input.data)
    } catch (error) {
      if (!explainable(error)) throw error
      return needPage(c, needId, { status: error.status as ContentfulStatusCode, feedback: matchFeedback(orgId, reason, errorsFromService(error, reasonField, lang)) })
    }
    return c.redirect(`/needs/${needId}#match-${orgId}`, 303)
  })
