import { createRoute, z } from '@hono/zod-openapi'
import { CLUSTER_SECTORS, clusterInputSchema, clusterSchema, clusterUpdateSchema, subjectCodeSchema } from '../../../domain/cluster.js'
import { idParamSchema, pageQuerySchema, pageSchema, sortSchema } from '../../../domain/common.js'
import { createCluster } from '../../../services/clusters/create.js'
import { deleteCluster } from '../../../services/clusters/delete.js'
import { getCluster } from '../../../services/clusters/get.js'
import { listClusters } from '../../../services/clusters/list.js'
import { updateCluster } from '../../../services/clusters/update.js'
import { accessProblems, createApiRouter, jsonBody, jsonResponse, problemResponses, sessionProblems } from '../../openapi.js'

const tags = ['clusters']
const params = idParamSchema('clu')

const listQuery = pageQuerySchema.extend({
  sort: sortSchema(['nameRu', 'createdAt'], 'nameRu'),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Fragment of the Russian or English name' }),
  sector: z.enum(CLUSTER_SECTORS).optional(),
  regionCode: subjectCodeSchema.optional(),
})

export const clustersApi = createApiRouter()
  .openapi(
    createRoute({ method: 'get', path: '/', tags, request: { query: listQuery }, responses: { 200: jsonResponse(pageSchema(clusterSchema, 'ClusterPage'), 'A page of clusters'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await listClusters(c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({ method: 'post', path: '/', tags, request: { body: jsonBody(clusterInputSchema) }, responses: { 201: jsonResponse(clusterSchema, 'Created'), ...problemResponses, ...accessProblems } }),
    async (c) => c.json(await createCluster(c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/{id}', tags, request: { params }, responses: { 200: jsonResponse(clusterSchema, 'The cluster'), ...problemResponses, ...sessionProblems } }),
    async (c) => c.json(await getCluster(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({ method: 'patch', path: '/{id}', tags, request: { params, body: jsonBody(clusterUpdateSchema) }, responses: { 200: jsonResponse(clusterSchema, 'Updated'), ...problemResponses, ...accessProblems } }),
    async (c) => c.json(await updateCluster(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      description: 'Deletes the cluster and its memberships; member organizations stay, and needs aimed at the cluster lose their cluster.',
      request: { params },
      responses: { 204: { description: 'Deleted' }, ...problemResponses, ...accessProblems },
    }),
    async (c) => {
      await deleteCluster(c.var.ctx, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
