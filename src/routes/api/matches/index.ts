import { createRoute, z } from '@hono/zod-openapi'
import { needAuditTrailSchema } from '../../../domain/audit.js'
import { idParamSchema, idSchema } from '../../../domain/common.js'
import {
  MATCH_TRANSITIONS, manualMatchInputSchema, matchNoteInputSchema, matchNoteSchema, matchQuerySchema, matchRemovalInputSchema, matchStateSchema,
  matchTransitionInputSchema, matchingNeedsSchema, needMatchesSchema,
} from '../../../domain/match.js'
import { addManualMatch } from '../../../services/matches/addManual.js'
import { addMatchNote } from '../../../services/matches/addNote.js'
import { needAuditTrail } from '../../../services/matches/auditTrail.js'
import { listNeedMatches } from '../../../services/matches/listForNeed.js'
import { listMatchingNeeds } from '../../../services/matches/listForSupplier.js'
import { listMatchNotes } from '../../../services/matches/listNotes.js'
import { removeManualMatch } from '../../../services/matches/removeManual.js'
import { transitionMatch } from '../../../services/matches/transition.js'
import { createApiRouter, jsonBody, jsonResponse, problemResponses, problemSchema, sessionProblems } from '../../openapi.js'

const tags = ['matching']

const pairParams = idParamSchema('need').extend({ orgId: idSchema('org').openapi({ param: { name: 'orgId', in: 'path' } }) })

const signedInProblems = {
  401: { description: 'Sign in first', content: { 'application/problem+json': { schema: problemSchema } } },
  403: { description: 'Someone else takes this step', content: { 'application/problem+json': { schema: problemSchema } } },
} as const

const PIPELINE = `Pipeline: ${Object.entries(MATCH_TRANSITIONS)
  .map(([from, to]) => `${from} → ${to.length ? to.join(' | ') : '(final)'}`)
  .join('; ')}.`

export const matchesApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/needs/{id}/matches',
      tags,
      summary: 'Ranked, explained suppliers for a need, with near misses',
      request: { params: idParamSchema('need'), query: matchQuerySchema },
      responses: { 200: jsonResponse(needMatchesSchema, 'Ranked suppliers and near misses'), ...problemResponses, ...sessionProblems },
    }),
    async (c) => c.json(await listNeedMatches(c.var.ctx, c.var.search, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{id}/matching-needs',
      tags,
      summary: "Published needs a supplier matches, best first (the contractor's identity is not shown)",
      request: { params: idParamSchema('org'), query: matchQuerySchema.pick({ limit: true, refresh: true }) },
      responses: { 200: jsonResponse(matchingNeedsSchema, 'Matching needs'), ...problemResponses, ...sessionProblems },
    }),
    async (c) => c.json(await listMatchingNeeds(c.var.ctx, c.var.search, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/needs/{id}/matches/{orgId}/transition',
      tags,
      summary: "Moves a supplier along the need's pipeline",
      description: `${PIPELINE} The supplier's members answer an introduction (interested / declined); every other step is a curator's (a curator of a centre covering the contractor, or a platform admin), and a curator who declines gives a reason. An illegal step is a 409 listing \`currentStatus\` and \`allowed\`. An introduction e-mails the admins of both organizations.`,
      request: { params: pairParams, body: jsonBody(matchTransitionInputSchema) },
      responses: { 200: jsonResponse(matchStateSchema, 'The pair after the step'), ...problemResponses, ...signedInProblems },
    }),
    async (c) => {
      const { id, orgId } = c.req.valid('param')
      return c.json(await transitionMatch(c.var.ctx, id, orgId, c.req.valid('json')), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/needs/{id}/matches',
      tags,
      summary: 'A curator adds a supplier by hand (reason required)',
      description: 'The pair is shortlisted with `source: manual`, scored by the matching core when it can be (else 0, explained). A supplier already on the list is a 409 listing the steps allowed from its status.',
      request: { params: idParamSchema('need'), body: jsonBody(manualMatchInputSchema) },
      responses: { 201: jsonResponse(matchStateSchema, 'Added'), ...problemResponses, ...signedInProblems },
    }),
    async (c) => c.json(await addManualMatch(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/needs/{id}/matches/{orgId}',
      tags,
      summary: 'A curator removes a supplier (reason required)',
      description: 'The pair is closed with the reason, not deleted: recomputation does not bring it back and the decision stays on record.',
      request: { params: pairParams, body: jsonBody(matchRemovalInputSchema) },
      responses: { 200: jsonResponse(matchStateSchema, 'Closed'), ...problemResponses, ...signedInProblems },
    }),
    async (c) => {
      const { id, orgId } = c.req.valid('param')
      return c.json(await removeManualMatch(c.var.ctx, id, orgId, c.req.valid('json')), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/needs/{id}/matches/{orgId}/notes',
      tags,
      summary: "A curator's note on a pair",
      request: { params: pairParams, body: jsonBody(matchNoteInputSchema) },
      responses: { 201: jsonResponse(matchNoteSchema, 'Added'), ...problemResponses, ...signedInProblems },
    }),
    async (c) => {
      const { id, orgId } = c.req.valid('param')
      return c.json(await addMatchNote(c.var.ctx, id, orgId, c.req.valid('json')), 201)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/needs/{id}/matches/{orgId}/notes',
      tags,
      summary: "The curators' notes on a pair, oldest first",
      request: { params: pairParams },
      responses: { 200: jsonResponse(z.object({ items: z.array(matchNoteSchema) }).openapi('MatchNotes'), 'Notes'), ...problemResponses, ...signedInProblems },
    }),
    async (c) => {
      const { id, orgId } = c.req.valid('param')
      return c.json({ items: await listMatchNotes(c.var.ctx, id, orgId) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/needs/{id}/audit',
      tags,
      summary: 'Who did what to a need and its matches, when and why (newest first)',
      description: "For the contractor's members, curators of its centre and platform admins; anyone else gets 404.",
      request: { params: idParamSchema('need') },
      responses: { 200: jsonResponse(needAuditTrailSchema, 'The audit trail'), ...problemResponses, ...signedInProblems },
    }),
    async (c) => c.json(await needAuditTrail(c.var.ctx, c.req.valid('param').id), 200),
  )
