import { createRoute, z } from '@hono/zod-openapi'
import { subjectCodeSchema } from '../../../domain/cluster.js'
import { csvQuerySchema, idParamSchema, idSchema, pageQuerySchema, pageSchema, sortSchema } from '../../../domain/common.js'
import { NEED_STATUSES, NEED_VISIBILITIES, needInputSchema, needSchema, needUpdateSchema } from '../../../domain/need.js'
import { processCodeSchema } from '../../../domain/taxonomy/index.js'
import { createNeed } from '../../../services/needs/create.js'
import { deleteNeed } from '../../../services/needs/delete.js'
import { getNeed } from '../../../services/needs/get.js'
import { type NeedSortKey, listNeeds } from '../../../services/needs/list.js'
import { publishNeed } from '../../../services/needs/publish.js'
import { updateNeed } from '../../../services/needs/update.js'
import { createApiRouter, jsonBody, jsonResponse, problemResponses } from '../../openapi.js'

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
const needPage = pageSchema(needSchema, 'NeedPage')

/** `/api/needs`: the list across organizations, one need by id, and publishing. */
export const needsApi = createApiRouter()
  .openapi(
    createRoute({ method: 'get', path: '/', tags, request: { query: listQuery }, responses: { 200: jsonResponse(needPage, 'A page of needs'), ...problemResponses } }),
    async (c) => c.json(await listNeeds(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/{id}', tags, request: { params }, responses: { 200: jsonResponse(needSchema, 'The need'), ...problemResponses } }),
    async (c) => c.json(await getNeed(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/{id}', tags, request: { params, body: jsonBody(needUpdateSchema) }, responses: { 200: jsonResponse(needSchema, 'Updated'), ...problemResponses } }),
    async (c) => c.json(await updateNeed(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', tags, request: { params }, responses: { 204: { description: 'Deleted' }, ...problemResponses } }),
    async (c) => {
      await deleteNeed(c.var.ctx, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/publish',
      tags,
      description: 'Moves a draft or submitted need to published; any other status is a 409 that lists the allowed ones.',
      request: { params },
      responses: { 200: jsonResponse(needSchema, 'Published'), ...problemResponses },
    }),
    async (c) => c.json(await publishNeed(c.var.ctx, c.req.valid('param').id), 200),
  )

/** `/api/organizations/{orgId}/needs`: the needs an organization posted. */
export const organizationNeedsApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{orgId}/needs',
      tags,
      request: { params: orgParams, query: listQuery.omit({ orgId: true }) },
      responses: { 200: jsonResponse(needPage, "A page of the organization's needs"), ...problemResponses },
    }),
    async (c) => c.json(await listNeeds(c.var.ctx, c.req.valid('query'), c.req.valid('param').orgId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{orgId}/needs',
      tags,
      request: { params: orgParams, body: jsonBody(needInputSchema) },
      responses: { 201: jsonResponse(needSchema, 'Created as a draft'), ...problemResponses },
    }),
    async (c) => c.json(await createNeed(c.var.ctx, c.req.valid('param').orgId, c.req.valid('json')), 201),
  )
