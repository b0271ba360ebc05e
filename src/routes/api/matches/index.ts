import { createRoute } from '@hono/zod-openapi'
import { idParamSchema } from '../../../domain/common.js'
import { matchQuerySchema, matchingNeedsSchema, needMatchesSchema } from '../../../domain/match.js'
import { listNeedMatches } from '../../../services/matches/listForNeed.js'
import { listMatchingNeeds } from '../../../services/matches/listForSupplier.js'
import { createApiRouter, jsonResponse, problemResponses } from '../../openapi.js'

const tags = ['matching']

export const matchesApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/needs/{id}/matches',
      tags,
      summary: 'Ranked, explained suppliers for a need, with near misses',
      request: { params: idParamSchema('need'), query: matchQuerySchema },
      responses: { 200: jsonResponse(needMatchesSchema, 'Ranked suppliers and near misses'), ...problemResponses },
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
      responses: { 200: jsonResponse(matchingNeedsSchema, 'Matching needs'), ...problemResponses },
    }),
    async (c) => c.json(await listMatchingNeeds(c.var.ctx, c.var.search, c.req.valid('param').id, c.req.valid('query')), 200),
  )
