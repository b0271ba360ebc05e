import { createRoute, z } from '@hono/zod-openapi'
import { alertHitListSchema, alertInputSchema, alertListSchema, alertSchema, alertUpdateSchema, digestSubscriptionSchema } from '../../../domain/alert.js'
import { idParamSchema, idSchema } from '../../../domain/common.js'
import { createAlert } from '../../../services/alerts/create.js'
import { deleteAlert } from '../../../services/alerts/delete.js'
import { listAlerts } from '../../../services/alerts/list.js'
import { listAlertHits } from '../../../services/alerts/listHits.js'
import { subscribeAlertDigest } from '../../../services/alerts/subscribeDigest.js'
import { updateAlert } from '../../../services/alerts/update.js'
import { accessProblems, createApiRouter, jsonBody, jsonResponse, problemResponses } from '../../openapi.js'

const tags = ['alerts']
const params = idParamSchema('alrt')
const orgParams = z.object({ orgId: idSchema('org').openapi({ param: { name: 'orgId', in: 'path' } }) })
const hitQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }) })

const WHO = 'Only members of the supplier organization; anybody else gets the 404 of a missing organization (or alert).'
const KINDS =
  'Two kinds. `search` saves the need search’s filters (free text, any of the processes, a material grade or family, required certificates, region, and a radius in road km from one of the supplier’s sites or a place); it reports published public needs that the need search would find. `capacities` reports published needs the matching core pairs with the supplier’s own capacities at `minScore` or better. Either reports only needs published after it was created.'

/** Mounted at `/api`: a supplier's alerts are listed and created under it, and addressed by their own id afterwards. */
export const alertsApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{orgId}/alerts',
      tags,
      summary: "The supplier's alerts, and whether the signed-in member gets the daily digest",
      description: WHO,
      request: { params: orgParams },
      responses: { 200: jsonResponse(alertListSchema, 'The alerts'), ...problemResponses, ...accessProblems },
    }),
    async (c) => c.json(await listAlerts(c.var.ctx, c.req.valid('param').orgId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/organizations/{orgId}/alerts',
      tags,
      summary: 'Saves a need search or "needs like my capacities" as an alert',
      description: `${KINDS} ${WHO} A place in \`near\` that the gazetteer does not know, or knows twice, is a 400 on body.near.`,
      request: { params: orgParams, body: jsonBody(alertInputSchema) },
      responses: { 201: jsonResponse(alertSchema, 'Created, active'), ...problemResponses, ...accessProblems },
    }),
    async (c) => c.json(await createAlert(c.var.ctx, c.req.valid('param').orgId, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/alerts/{id}',
      tags,
      summary: 'Renames, pauses or resumes an alert',
      description: `A paused alert finds nothing and adds nothing to digests. ${WHO}`,
      request: { params, body: jsonBody(alertUpdateSchema) },
      responses: { 200: jsonResponse(alertSchema, 'Updated'), ...problemResponses, ...accessProblems },
    }),
    async (c) => c.json(await updateAlert(c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/alerts/{id}',
      tags,
      summary: 'Deletes an alert with its hits',
      description: WHO,
      request: { params },
      responses: { 204: { description: 'Deleted' }, ...problemResponses, ...accessProblems },
    }),
    async (c) => {
      await deleteAlert(c.var.ctx, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/organizations/{orgId}/alert-hits',
      tags,
      summary: "New needs the supplier's active alerts found, newest first (the contractor is not named)",
      description: `One line per need, from the last 30 days, while the need is published, before its deadline and shown to the supplier. ${WHO}`,
      request: { params: orgParams, query: hitQuery },
      responses: { 200: jsonResponse(alertHitListSchema, 'Alert hits'), ...problemResponses, ...accessProblems },
    }),
    async (c) => c.json(await listAlertHits(c.var.ctx, c.req.valid('param').orgId, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/organizations/{orgId}/alert-digest',
      tags,
      summary: 'Turns the daily digest of the alerts on or off for the signed-in member',
      description: `The digest goes out once a day from 08:00 Moscow time and lists the needs the alerts found since the previous one. ${WHO}`,
      request: { params: orgParams, body: jsonBody(digestSubscriptionSchema) },
      responses: { 200: jsonResponse(digestSubscriptionSchema, 'The setting'), ...problemResponses, ...accessProblems },
    }),
    async (c) => c.json(await subscribeAlertDigest(c.var.ctx, c.req.valid('param').orgId, c.req.valid('json').subscribed), 200),
  )
