import { createRoute, z } from '@hono/zod-openapi'
import { idParamSchema, idSchema, pageQuerySchema, pageSchema } from '../../../domain/common.js'
import { siteInputSchema, siteSchema, siteUpdateSchema } from '../../../domain/site.js'
import { createSite } from '../../../services/sites/create.js'
import { deleteSite } from '../../../services/sites/delete.js'
import { getSite } from '../../../services/sites/get.js'
import { listSites } from '../../../services/sites/list.js'
import { updateSite } from '../../../services/sites/update.js'
import { createApiRouter, jsonBody, jsonResponse, problemResponses, sessionProblems } from '../../openapi.js'

const tags = ['sites']
const params = idParamSchema('site')
const orgParams = z.object({ orgId: idSchema('org').openapi({ param: { name: 'orgId', in: 'path' } }) })

const GEOCODING = 'The address is geocoded to city, region and coordinates; an ambiguous place answers 400 with `candidates`, and explicit lat/lon always win.'

/** Mounted at `/api`: an organization's sites are listed and created under it, and addressed by their own id afterwards. */
export const sitesApi = createApiRouter()
  .openapi(
    createRoute({ method: 'get', path: '/organizations/{orgId}/sites', tags, request: { params: orgParams, query: pageQuerySchema }, responses: { 200: jsonResponse(pageSchema(siteSchema, 'SitePage'), "A page of the organization's sites"), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await listSites(c.var.ctx, c.req.valid('param').orgId, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/organizations/{orgId}/sites', tags, description: GEOCODING, request: { params: orgParams, body: jsonBody(siteInputSchema) }, responses: { 201: jsonResponse(siteSchema, 'Created'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await createSite(c.var.ctx, c.req.valid('param').orgId, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/sites/{id}', tags, request: { params }, responses: { 200: jsonResponse(siteSchema, 'The site'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await getSite(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/sites/{id}',
      tags,
      description: `${GEOCODING} A new address without coordinates replaces earlier explicit coordinates; lat/lon null drop them.`,
      request: { params, body: jsonBody(siteUpdateSchema) },
      responses: { 200: jsonResponse(siteSchema, 'Updated'), ...problemResponses, ...sessionProblems },
    }),
    async (c) => c.json(await updateSite(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/sites/{id}',
      tags,
      description: 'Deletes the site together with every capacity registered at it.',
      request: { params },
      responses: { 204: { description: 'Deleted, with its capacities' }, ...problemResponses, ...sessionProblems },
    }),
    async (c) => {
      await deleteSite(c.var.ctx, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
