import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { idSchema } from '../../src/domain/common.js'
import { manualMatchInputSchema, matchNoteInputSchema, matchRemovalInputSchema, matchTransitionInputSchema } from '../../src/domain/match.js'
import { NEED_TRANSITIONS, type NeedStatus } from '../../src/domain/need.js'
import type { Organization } from '../../src/domain/organization.js'
import { NotFoundError } from '../../src/lib/errors.js'
import { addManualMatch } from '../../src/services/matches/addManual.js'
import { addMatchNote } from '../../src/services/matches/addNote.js'
import { needAuditTrail } from '../../src/services/matches/auditTrail.js'
import { listNeedMatches } from '../../src/services/matches/listForNeed.js'
import { listMatchingNeeds } from '../../src/services/matches/listForSupplier.js'
import { listMatchNotes } from '../../src/services/matches/listNotes.js'
import { removeManualMatch } from '../../src/services/matches/removeManual.js'
import { transitionMatch } from '../../src/services/matches/transition.js'
import { managesNeed, needStanding } from '../../src/services/needs/access.js'
import { cancelNeed } from '../../src/services/needs/cancel.js'
import { closeNeed } from '../../src/services/needs/close.js'
import { getNeed } from '../../src/services/needs/get.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { submitNeed } from '../../src/services/needs/submit.js'
import type { NeedView } from '../../src/services/needs/view.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import { listOrganizations } from '../../src/services/organizations/list.js'
import type { WebEnv } from '../env.js'
import { type FormErrors, NO_ERRORS, errorsFromIssues, errorsFromService, fieldError } from '../forms/errors.js'
import { localizedHalf } from '../i18n/index.js'
import { locateCandidates } from '../map/places.js'
import { MatchNotesPage, NotesSection } from '../pages/matchNotes.js'
import {
  type Curation,
  type ManualAdd,
  type MatchFeedback,
  type NeedStep,
  type NeedWorkflow,
  NeedPage,
  type SupplierAnswer,
  type SupplierChoice,
  SupplierOptions,
  type WorkflowError,
  isFullNeed,
} from '../pages/need.js'
import { type WebContext, renderPage, renderPartial, wantsPartial } from '../render.js'
import { organizationsOfKind, viewerOf } from '../viewer.js'
import { explainable, parsedId, statusOf } from './shared.js'

/** "Show more" steps through these; the matching service returns at most the last. */
const MATCH_LIMITS = [20, 50, 100] as const
const SUPPLIER_SUGGESTIONS = 10

const pageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .refine((limit) => (MATCH_LIMITS as readonly number[]).includes(limit))
    .catch(MATCH_LIMITS[0]),
  auditPage: z.coerce.number().int().min(1).max(10_000).catch(1),
})

const needId = (c: WebContext) => parsedId('need', c.req.param('id') ?? '', 'Need')
const orgId = (c: WebContext) => parsedId('org', c.req.param('orgId') ?? '', 'Organization')

export interface NeedPageState {
  status?: ContentfulStatusCode
  workflowError?: WorkflowError | null
  feedback?: MatchFeedback | null
  answerError?: string | null
  manual?: { query: string; orgId: string | null; reason: string; errors: FormErrors } | null
}

async function findSuppliers(c: WebContext, query: string): Promise<SupplierChoice[]> {
  const q = query.trim().slice(0, 200)
  if (!q) return []
  const found = await listOrganizations(c.var.ctx, { page: 1, perPage: SUPPLIER_SUGGESTIONS, sort: { key: 'name', descending: false }, q, kind: ['supplier'] })
  return found.items.map((organization) => ({ id: organization.id, name: organization.name, inn: organization.inn }))
}

/** A chosen supplier by id, with its name; an unknown or malformed id is no choice. */
async function chosenSupplier(c: WebContext, raw: string | null | undefined): Promise<SupplierChoice | null> {
  const id = idSchema('org').safeParse(raw)
  if (!id.success) return null
  try {
    const organization = await getOrganization(c.var.ctx, id.data)
    return { id: organization.id, name: organization.name, inn: organization.inn }
  } catch (error) {
    if (error instanceof NotFoundError) return null
    throw error
  }
}

/** The manual form after a post (`state`), or as a link left it: `?addOrg=` from a near miss, `?supplierQuery=`. */
async function manualState(c: WebContext, state: NeedPageState['manual']): Promise<ManualAdd> {
  const query = state?.query ?? (c.req.query('supplierQuery') ?? '').trim()
  const [found, chosen] = await Promise.all([findSuppliers(c, query), chosenSupplier(c, state?.orgId ?? c.req.query('addOrg'))])
  const touched = Boolean(state) || chosen !== null || query !== ''
  return { query, found, chosen, reason: state?.reason ?? '', errors: state?.errors ?? NO_ERRORS, touched }
}

/**
 * The viewer's own pair on this need as one of its suppliers, as its inbox shows it: the status decides whether
 * there is an introduction to answer.
 */
async function supplierAnswer(c: WebContext, need: NeedView, error: string | null): Promise<SupplierAnswer | null> {
  if (need.status !== 'published') return null
  for (const organization of organizationsOfKind(await viewerOf(c), 'supplier')) {
    const inbox = await listMatchingNeeds(c.var.ctx, c.var.search, organization.id, { limit: 1, refresh: false, needId: need.id })
    const item = inbox.items[0]
    if (item) return { orgId: organization.id, orgName: organization.name, status: item.status, error }
  }
  return null
}

const NO_STEPS: NeedWorkflow = { submit: false, publish: false, close: false, cancel: false }

/**
 * The need as the visitor may see it (getNeed decides). Those who run it also get the ranked suppliers,
 * the near misses, the picture and the history; a curator also gets the pipeline's buttons; the workflow
 * shows the steps the graph allows now and the viewer's standing permits; a supplier answers its introduction.
 */
export async function needPage(c: WebContext, id: string, state: NeedPageState = {}): Promise<Response> {
  const ctx = c.var.ctx
  const need = await getNeed(ctx, id)
  const { limit, auditPage } = pageQuerySchema.parse({ limit: c.req.query('limit'), auditPage: c.req.query('auditPage') })
  let contractor: Organization | null = null
  let postedBy: Organization | null = null
  let curation: Curation | null = null
  let workflow = NO_STEPS
  let answer: SupplierAnswer | null = null
  if (isFullNeed(need)) {
    const standing = await needStanding(ctx.sql, ctx.actor, need.orgId)
    const canCurate = standing.curator || standing.admin
    const allows = (to: NeedStatus) => NEED_TRANSITIONS[need.status].includes(to)
    workflow = {
      submit: (standing.owner || standing.admin) && allows('submitted'),
      publish: canCurate && allows('published'),
      close: managesNeed(standing) && allows('closed'),
      cancel: managesNeed(standing) && allows('cancelled'),
    }
    ;[contractor, postedBy] = await Promise.all([getOrganization(ctx, need.orgId), need.postedByOrgId ? getOrganization(ctx, need.postedByOrgId) : null])
    if (managesNeed(standing)) {
      const [found, audit, manual] = await Promise.all([
        listNeedMatches(ctx, c.var.search, need.id, { limit, explain: true, nearMisses: true, refresh: false }),
        needAuditTrail(ctx, need.id),
        canCurate ? manualState(c, state.manual) : null,
      ])
      const { points, unplaced } = await locateCandidates(ctx, need.delivery, found)
      curation = { found, points, unplaced, audit, canCurate, manual: manual ?? { query: '', found: [], chosen: null, reason: '', errors: NO_ERRORS, touched: false } }
    } else {
      answer = await supplierAnswer(c, need, state.answerError ?? null)
    }
  } else {
    answer = await supplierAnswer(c, need, state.answerError ?? null)
  }
  const nextMatchLimit = curation && curation.found.matches.length >= limit ? (MATCH_LIMITS.find((step) => step > limit) ?? null) : null
  return renderPage(
    c,
    { title: need.title, status: state.status ?? 200, returnTo: `/needs/${need.id}` },
    <NeedPage
      need={need}
      contractor={contractor}
      postedBy={postedBy}
      workflow={workflow}
      workflowError={state.workflowError ?? null}
      answer={answer}
      curation={curation}
      nextMatchLimit={nextMatchLimit}
      feedback={state.feedback ?? null}
      auditPage={auditPage}
    />,
  )
}

const reasonField = (path: string) => (path === 'reason' ? 'reason' : null)

function matchFeedback(orgId: string, form: MatchFeedback['form'], reason: string, errors: FormErrors): MatchFeedback {
  return { orgId, form, reason, reasonError: fieldError(errors, 'reason'), message: errors.form.length ? errors.form.join(' ') : null }
}

function bodyText(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  return typeof value === 'string' ? value : ''
}

const STEPS: Record<NeedStep, (c: WebContext, id: string, reason: string) => Promise<unknown>> = {
  submit: (c, id) => submitNeed(c.var.ctx, id),
  publish: (c, id) => publishNeed(c.var.ctx, id),
  close: (c, id, reason) => closeNeed(c.var.ctx, id, { reason }),
  cancel: (c, id, reason) => cancelNeed(c.var.ctx, id, { reason }),
}

/** The notes of one pair: the section alone for htmx, the page around it otherwise. */
async function notesPage(c: WebContext, id: string, supplierId: string, form: { body: string; error: string | null; status?: ContentfulStatusCode } = { body: '', error: null }) {
  const ctx = c.var.ctx
  const notes = await listMatchNotes(ctx, id, supplierId)
  const section = <NotesSection needId={id} orgId={supplierId} notes={notes} body={form.body} error={form.error} />
  if (wantsPartial(c)) return renderPartial(c, section, form.status ?? 200)
  const [need, supplier] = await Promise.all([getNeed(ctx, id), getOrganization(ctx, supplierId)])
  return renderPage(
    c,
    { title: c.var.i18n.t('notes.pageTitle', { supplier: supplier.name }), status: form.status ?? 200, returnTo: `/needs/${id}/matches/${supplierId}/notes` },
    <MatchNotesPage need={need} supplier={supplier}>
      {section}
    </MatchNotesPage>,
  )
}

export const needRoutes = new Hono<WebEnv>()
  .get('/needs/:id', (c) => needPage(c, needId(c)))
  .post('/needs/:id/:step{submit|publish|close|cancel}', async (c) => {
    const id = needId(c)
    const step = c.req.param('step') as NeedStep
    const body = await c.req.parseBody()
    const reason = bodyText(body, 'reason')
    try {
      await STEPS[step](c, id, reason)
    } catch (error) {
      if (!explainable(error)) throw error
      const message = localizedHalf(error.errors[0]?.message ?? error.message, c.var.i18n.lang)
      return needPage(c, id, { status: statusOf(error), workflowError: { step, message, reason } })
    }
    return c.redirect(`/needs/${id}`, 303)
  })
  .post('/needs/:id/matches', async (c) => {
    const id = needId(c)
    const { t, lang } = c.var.i18n
    const body = await c.req.parseBody()
    const query = bodyText(body, 'supplierQuery').trim()
    const chosen = bodyText(body, 'orgId')
    const reason = bodyText(body, 'reason')
    const state = { query, orgId: chosen || null, reason }
    // "Find" (the page without scripts) only searches: the form comes back as typed.
    if (body.intent === 'find') return needPage(c, id, { manual: { ...state, errors: NO_ERRORS } })
    const input = manualMatchInputSchema.safeParse({ orgId: chosen || undefined, reason })
    if (!input.success) {
      const errors = errorsFromIssues(input.error.issues, (path) => (path === 'orgId' || path === 'reason' ? path : null), lang, t('form.missing'))
      if (!chosen) errors.fields.orgId = [t('manual.chooseSupplier')]
      return needPage(c, id, { status: 400, manual: { ...state, errors } })
    }
    try {
      await addManualMatch(c.var.ctx, id, input.data)
    } catch (error) {
      if (!explainable(error)) throw error
      const errors = errorsFromService(error, (path) => (path === 'orgId' || path === 'reason' ? path : null), lang)
      return needPage(c, id, { status: statusOf(error), manual: { ...state, errors } })
    }
    return c.redirect(`/needs/${id}#match-${input.data.orgId}`, 303)
  })
  .get('/needs/:id/suppliers', async (c) => {
    const query = (c.req.query('supplierQuery') ?? '').trim()
    const [found, chosen] = await Promise.all([findSuppliers(c, query), chosenSupplier(c, c.req.query('orgId'))])
    return renderPartial(c, <SupplierOptions manual={{ query, found, chosen }} />)
  })
  .post('/needs/:id/matches/:orgId', async (c) => {
    const id = needId(c)
    const supplierId = orgId(c)
    const lang = c.var.i18n.lang
    const body = await c.req.parseBody()
    const reason = bodyText(body, 'reason')
    // A blank reason is no reason: the service decides whether this step needs one.
    const input = matchTransitionInputSchema.safeParse({ to: body.to, ...(reason.trim() ? { reason } : {}) })
    if (!input.success) {
      return needPage(c, id, { status: 400, feedback: matchFeedback(supplierId, 'decline', reason, errorsFromIssues(input.error.issues, reasonField, lang, c.var.i18n.t('form.missing'))) })
    }
    try {
      await transitionMatch(c.var.ctx, id, supplierId, input.data)
    } catch (error) {
      if (!explainable(error)) throw error
      return needPage(c, id, { status: statusOf(error), feedback: matchFeedback(supplierId, 'decline', reason, errorsFromService(error, reasonField, lang)) })
    }
    return c.redirect(`/needs/${id}#match-${supplierId}`, 303)
  })
  .post('/needs/:id/matches/:orgId/remove', async (c) => {
    const id = needId(c)
    const supplierId = orgId(c)
    const { t, lang } = c.var.i18n
    const body = await c.req.parseBody()
    const reason = bodyText(body, 'reason')
    const input = matchRemovalInputSchema.safeParse({ reason })
    if (!input.success) {
      return needPage(c, id, { status: 400, feedback: matchFeedback(supplierId, 'remove', reason, errorsFromIssues(input.error.issues, reasonField, lang, t('form.missing'))) })
    }
    try {
      await removeManualMatch(c.var.ctx, id, supplierId, input.data)
    } catch (error) {
      if (!explainable(error)) throw error
      return needPage(c, id, { status: statusOf(error), feedback: matchFeedback(supplierId, 'remove', reason, errorsFromService(error, reasonField, lang)) })
    }
    return c.redirect(`/needs/${id}#match-${supplierId}`, 303)
  })
  .get('/needs/:id/matches/:orgId/notes', (c) => notesPage(c, needId(c), orgId(c)))
  .post('/needs/:id/matches/:orgId/notes', async (c) => {
    const id = needId(c)
    const supplierId = orgId(c)
    const { t, lang } = c.var.i18n
    const body = bodyText(await c.req.parseBody(), 'body')
    const input = matchNoteInputSchema.safeParse({ body })
    if (!input.success) {
      const errors = errorsFromIssues(input.error.issues, () => 'body', lang, t('form.missing'))
      // A blank note is a missing one, whatever zod calls it.
      const error = body.trim() === '' ? t('form.missing') : (fieldError(errors, 'body') ?? t('form.missing'))
      return notesPage(c, id, supplierId, { body, error, status: 400 })
    }
    try {
      await addMatchNote(c.var.ctx, id, supplierId, input.data)
    } catch (error) {
      if (!explainable(error)) throw error
      return notesPage(c, id, supplierId, { body, error: localizedHalf(error.message, lang), status: statusOf(error) })
    }
    if (wantsPartial(c)) return notesPage(c, id, supplierId)
    return c.redirect(`/needs/${id}/matches/${supplierId}/notes#notes-${supplierId}`, 303)
  })
