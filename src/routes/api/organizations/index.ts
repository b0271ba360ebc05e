import { createRoute, z } from '@hono/zod-openapi'
import { csvQuerySchema, idParamSchema, idSchema, pageQuerySchema, pageSchema, sortSchema } from '../../../domain/common.js'
import {
  ORGANIZATION_KINDS,
  VERIFICATION_STATUSES,
  organizationInputSchema,
  organizationSchema,
  organizationUpdateSchema,
} from '../../../domain/organization.js'
import { createOrganization } from '../../../services/organizations/create.js'
import { deleteOrganization } from '../../../services/organizations/delete.js'
import { getOrganization } from '../../../services/organizations/get.js'
import { listOrganizations } from '../../../services/organizations/list.js'
import { updateOrganization } from '../../../services/organizations/update.js'
import { accessProblems, createApiRouter, jsonBody, jsonResponse, problemResponses, sessionProblems } from '../../openapi.js'

const tags = ['organizations']
const params = idParamSchema('org')

const CREATE = "For curators, who must name at least one of their centre's clusters in `clusterIds`, and platform admins. The organization starts unverified."
const UPDATE = "For the organization's admins, the curators covering it and platform admins. Only a centre (within its own clusters) or a platform admin changes `clusterIds`."
const DELETE = 'Platform admins only: the sites, certificates, capacities and needs of the organization go with it.'

const listQuery = pageQuerySchema.extend({
  sort: sortSchema(['name', 'createdAt', 'updatedAt'], 'name'),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Name fragment or exact INN' }),
  kind: csvQuerySchema(z.enum(ORGANIZATION_KINDS)).optional(),
  clusterId: idSchema('clu').optional(),
  regionCode: z.string().regex(/^\d{2}$/).optional(),
  verification: z.enum(VERIFICATION_STATUSES).optional(),
})

export const organizationsApi = createApiRouter()
  .openapi(
    createRoute({ method: 'get', path: '/', tags, request: { query: listQuery }, responses: { 200: jsonResponse(pageSchema(organizationSchema, 'OrganizationPage'), 'A page of organizations'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await listOrganizations(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/', tags, description: CREATE, request: { body: jsonBody(organizationInputSchema) }, responses: { 201: jsonResponse(organizationSchema, 'Created'), ...problemResponses, ...accessProblems } }),
    async (c) => c.json(await createOrganization(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/{id}', tags, request: { params }, responses: { 200: jsonResponse(organizationSchema, 'The organization'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await getOrganization(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/{id}', tags, description: UPDATE, request: { params, body: jsonBody(organizationUpdateSchema) }, responses: { 200: jsonResponse(organizationSchema, 'Updated'), ...problemResponses, ...accessProblems } }),
    async (c) => c.json(await updateOrganization(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({ method: 'delete', path: '/{id}', tags, description: DELETE, request: { params }, responses: { 204: { description: 'Deleted' }, ...problemResponses, ...accessProblems } }),
    async (c) => {
      await deleteOrganization(c.var.ctx, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
