import { createRoute } from '@hono/zod-openapi'
import { needShortlistSchema } from '../../../domain/analytics.js'
import { idParamSchema } from '../../../domain/common.js'
import { exportNeedShortlist } from '../../../services/exports/needShortlist.js'
import { createApiRouter, jsonResponse, problemResponses, sessionProblems } from '../../openapi.js'

/** A need with the suppliers put forward for it; mounted under /api/needs. */
export const needShortlistApi = createApiRouter().openapi(
  createRoute({
    method: 'get',
    path: '/{id}/shortlist',
    tags: ['needs'],
    summary: 'The need and its shortlisted suppliers (shortlisted, introduced, interested, contracted)',
    description: "For the need's contractor, the curators covering it and platform admins; anybody else gets 404. As CSV: /needs/{id}/shortlist.csv; printable: /needs/{id}/print.",
    request: { params: idParamSchema('need') },
    responses: { 200: jsonResponse(needShortlistSchema, 'The need and its shortlist'), ...problemResponses, ...sessionProblems },
  }),
  async (c) => c.json(await exportNeedShortlist(c.var.ctx, c.req.valid('param').id), 200),
)
