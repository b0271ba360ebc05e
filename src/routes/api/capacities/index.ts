import { createRoute, z } from '@hono/zod-openapi'
import { capacityInputSchema, capacitySchema, capacityUpdateSchema, itGradeSchema } from '../../../domain/capacity.js'
import { subjectCodeSchema } from '../../../domain/cluster.js'
import { csvQuerySchema, idParamSchema, idSchema, pageQuerySchema, pageSchema, sortSchema } from '../../../domain/common.js'
import { PROCESS_GROUPS, type ProcessGroupCode, materialCodeSchema, processCodeSchema } from '../../../domain/taxonomy/index.js'
import { createCapacity } from '../../../services/capacities/create.js'
import { deleteCapacity } from '../../../services/capacities/delete.js'
import { getCapacity } from '../../../services/capacities/get.js'
import { type CapacitySortKey, listCapacities } from '../../../services/capacities/list.js'
import { updateCapacity } from '../../../services/capacities/update.js'
import { createApiRouter, jsonBody, jsonResponse, problemResponses, sessionProblems } from '../../openapi.js'

const tags = ['capacities']
const params = idParamSchema('cap')
const orgParams = z.object({ orgId: idSchema('org').openapi({ param: { name: 'orgId', in: 'path' } }) })
const processGroupCodes = PROCESS_GROUPS.map((g) => g.code) as [ProcessGroupCode, ...ProcessGroupCode[]]

const listQuery = pageQuerySchema.extend({
  sort: sortSchema<CapacitySortKey>(['createdAt', 'updatedAt', 'title', 'itGrade', 'leadTimeDays'], '-createdAt'),
  process: csvQuerySchema(processCodeSchema).optional().openapi({ description: 'Any of these process codes', example: 'MCH.MILL5,MCH.MILL4' }),
  processGroup: z.enum(processGroupCodes).optional(),
  material: materialCodeSchema.optional().openapi({ description: 'A grade (also matches capacities listing its family) or a family' }),
  regionCode: subjectCodeSchema.optional(),
  orgId: idSchema('org').optional(),
  siteId: idSchema('site').optional(),
  itGradeAtMost: z.coerce.number().pipe(itGradeSchema).optional().openapi({ description: 'Capacities at least this precise (IT grade ≤ value)' }),
})
const capacityPage = pageSchema(capacitySchema, 'CapacityPage')

/** `/api/capacities`: the list across organizations and one capacity by id. */
export const capacitiesApi = createApiRouter()
  .openapi(
    createRoute({ method: 'get', path: '/', tags, request: { query: listQuery }, responses: { 200: jsonResponse(capacityPage, 'A page of capacities'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await listCapacities(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/{id}', tags, request: { params }, responses: { 200: jsonResponse(capacitySchema, 'The capacity'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await getCapacity(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/{id}', tags, request: { params, body: jsonBody(capacityUpdateSchema) }, responses: { 200: jsonResponse(capacitySchema, 'Updated'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await updateCapacity(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', tags, request: { params }, responses: { 204: { description: 'Deleted' }, ...problemResponses, ...sessionProblems } }),
    async (c) => {
      await deleteCapacity(c.var.ctx, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

/** `/api/organizations/{orgId}/capacities`: an organization's own capacities. */
export const organizationCapacitiesApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{orgId}/capacities',
      tags,
      request: { params: orgParams, query: listQuery.omit({ orgId: true }) },
      responses: { 200: jsonResponse(capacityPage, "A page of the organization's capacities"), ...problemResponses, ...sessionProblems },
    }),
    async (c) => c.json(await listCapacities(c.var.ctx, c.req.valid('query'), c.req.valid('param').orgId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{orgId}/capacities',
      tags,
      request: { params: orgParams, body: jsonBody(capacityInputSchema) },
      responses: { 201: jsonResponse(capacitySchema, 'Created'), ...problemResponses, ...sessionProblems },
    }),
    async (c) => c.json(await createCapacity(c.var.ctx, c.req.valid('param').orgId, c.req.valid('json')), 201),
  )
