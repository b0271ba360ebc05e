import { createRoute, z } from '@hono/zod-openapi'
import { subjectCodeSchema } from '../../../domain/cluster.js'
import { csvQuerySchema, idParamSchema, idSchema, pageQuerySchema, pageSchema, sortSchema } from '../../../domain/common.js'
import { NEED_STATUSES, NEED_TRANSITIONS, NEED_VISIBILITIES, needInputSchema, needSchema, needUpdateSchema, redactedNeedSchema } from '../../../domain/need.js'
import { reasonSchema } from '../../../domain/audit.js'
import { processCodeSchema } from '../../../domain/taxonomy/index.js'
import { cancelNeed } from '../../../services/needs/cancel.js'
import { closeNeed } from '../../../services/needs/close.js'
import { createNeed } from '../../../services/needs/create.js'
import { deleteNeed } from '../../../services/needs/delete.js'
import { getNeed } from '../../../services/needs/get.js'
import { type NeedSortKey, listNeeds } from '../../../services/needs/list.js'
import { publishNeed } from '../../../services/needs/publish.js'
import { submitNeed } from '../../../services/needs/submit.js'
import { updateNeed } from '../../../services/needs/update.js'
import { accessProblems, createApiRouter, jsonBody, jsonResponse, problemResponses, problemSchema, sessionProblems } from '../../openapi.js'

const tags = ['needs']
const params = idParamSchema('need')
const orgParams = z.object({ orgId: idSchema('org').openapi({ param: { name: 'orgId', in: 'path' } }) })

const listQuery = pageQuerySchema.extend({
  sort: sortSchema<NeedSortKey>(['deadline', 'createdAt'], 'deadline'),
  status: csvQuerySchema(z.enum(NEED_STATUSES)).optional().openapi({ description: 'Any of these statuses', example: 'published' }),
  process: csvQuerySchema(processCodeSchema).optional().openapi({ description: 'Any of these process codes', example: 'STP.PROG' }),
  regionCode: subjectCodeSchema.optional().openapi({ description: "The delivery's federal subject" }),
  clusterId: idSchema('clu').optional(),
  visibility: z.enum(NEED_VISIBILITIES).optional(),
  orgId: idSchema('org').optional(),
})
const needPage = pageSchema(z.union([needSchema, redactedNeedSchema]), 'NeedPage')
const LISTED =
  'The whole need for those who run it (its contractor, curators covering it, platform admins); the redacted view of the published needs that reach the caller otherwise. A filter by organization reaches only the needs the caller runs.'

const signedInProblems = {
  401: { description: 'Sign in first', content: { 'application/problem+json': { schema: problemSchema } } },
  403: { description: 'Someone else takes this step', content: { 'application/problem+json': { schema: problemSchema } } },
} as const

const GRAPH = Object.entries(NEED_TRANSITIONS)
  .map(([from, to]) => `${from} → ${to.length ? to.join(' | ') : '(final)'}`)
  .join('; ')
const ILLEGAL = `An illegal step is a 409 whose problem lists \`currentStatus\` and the \`allowed\` next statuses (${GRAPH}).`

/** An optional body: the reason, when given, goes to the audit log. */
const optionalReasonBody = {
  required: false,
  content: { 'application/json': { schema: z.object({ reason: reasonSchema.optional() }).strict().openapi('OptionalReason') } },
} as const

const workflowRoute = (step: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/{id}/${step}`,
    tags,
    description: `${description} ${ILLEGAL}`,
    request: { params },
    responses: { 200: jsonResponse(needSchema, 'The need after the step'), ...problemResponses, ...signedInProblems },
  })

const reasonedWorkflowRoute = (step: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/{id}/${step}`,
    tags,
    description: `${description} ${ILLEGAL}`,
    request: { params, body: optionalReasonBody },
    responses: { 200: jsonResponse(needSchema, 'The need after the step'), ...problemResponses, ...signedInProblems },
  })

/** `/api/needs`: the list across organizations, one need by id, and its workflow (submit, publish, close, cancel). */
export const needsApi = createApiRouter()
  .openapi(
    createRoute({ method: 'get', path: '/', tags, description: LISTED, request: { query: listQuery }, responses: { 200: jsonResponse(needPage, 'A page of needs'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await listNeeds(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      description:
        "The whole need for its contractor, its centre's curators and platform admins, and for a supplier the centre has introduced; a supplier it is published to sees the redacted view (no contractor, city and region only); anyone else gets 404.",
      request: { params },
      responses: { 200: jsonResponse(z.union([needSchema, redactedNeedSchema]), 'The need as the caller may see it'), ...problemResponses, ...sessionProblems },
    }),
    async (c) => c.json(await getNeed(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/{id}', tags, request: { params, body: jsonBody(needUpdateSchema) }, responses: { 200: jsonResponse(needSchema, 'Updated'), ...problemResponses, ...accessProblems } }),
    async (c) => c.json(await updateNeed(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', tags, request: { params }, responses: { 204: { description: 'Deleted' }, ...problemResponses, ...accessProblems } }),
    async (c) => {
      await deleteNeed(c.var.ctx, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
  .openapi(workflowRoute('submit', 'A member of the contractor hands a draft to the centre (draft → submitted).'), async (c) =>
    c.json(await submitNeed(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    workflowRoute('publish', "A centre curator (or platform admin) publishes a submitted need, or a draft directly on the contractor's behalf (audited as such); the deadline must be ahead."),
    async (c) => c.json(await publishNeed(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(reasonedWorkflowRoute('close', 'The contractor or a centre curator closes a published need.'), async (c) =>
    c.json(await closeNeed(c.var.ctx, c.req.valid('param').id, c.req.valid('json') ?? {}), 200),
  )
  .openapi(reasonedWorkflowRoute('cancel', 'The contractor or a centre curator withdraws a need that is not finished (draft, submitted or published).'), async (c) =>
    c.json(await cancelNeed(c.var.ctx, c.req.valid('param').id, c.req.valid('json') ?? {}), 200),
  )

/** `/api/organizations/{orgId}/needs`: the needs an organization posted. */
export const organizationNeedsApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{orgId}/needs',
      tags,
      description: LISTED,
      request: { params: orgParams, query: listQuery.omit({ orgId: true }) },
      responses: { 200: jsonResponse(needPage, "A page of the organization's needs"), ...problemResponses, ...sessionProblems },
    }),
    async (c) => c.json(await listNeeds(c.var.ctx, c.req.valid('query'), c.req.valid('param').orgId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{orgId}/needs',
      tags,
      request: { params: orgParams, body: jsonBody(needInputSchema) },
      responses: { 201: jsonResponse(needSchema, 'Created as a draft'), ...problemResponses, ...sessionProblems },
    }),
    async (c) => c.json(await createNeed(c.var.ctx, c.req.valid('param').orgId, c.req.valid('json')), 201),
  )
