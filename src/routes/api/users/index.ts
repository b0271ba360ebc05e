import { createRoute } from '@hono/zod-openapi'
import { idParamSchema } from '../../../domain/common.js'
import { userSchema, userUpdateSchema } from '../../../domain/user.js'
import { deactivateUser } from '../../../services/users/deactivate.js'
import { getUser } from '../../../services/users/get.js'
import { reactivateUser } from '../../../services/users/reactivate.js'
import { setPlatformRole } from '../../../services/users/setPlatformRole.js'
import { createApiRouter, jsonBody, jsonResponse, problemResponses, problemSchema } from '../../openapi.js'

const tags = ['users']
const params = idParamSchema('usr')
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } })
const accessProblems = { 401: problem('Not signed in'), 403: problem('Not a platform admin') }

export const usersApi = createApiRouter()
  .openapi(
    createRoute({ method: 'get', path: '/{id}', tags, request: { params }, responses: { 200: jsonResponse(userSchema, 'The user'), ...accessProblems, ...problemResponses } }),
    async (c) => c.json(await getUser(c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      description: 'Platform admins only. Changing the platform role or deactivating ends every session of the user. The last active admin cannot be demoted or deactivated (409).',
      request: { params, body: jsonBody(userUpdateSchema) },
      responses: { 200: jsonResponse(userSchema, 'Updated'), ...accessProblems, ...problemResponses },
    }),
    async (c) => {
      const ctx = c.var.ctx
      const { id } = c.req.valid('param')
      const patch = c.req.valid('json')
      if (patch.platformRole !== undefined) await setPlatformRole(ctx, id, patch.platformRole)
      if (patch.active === false) await deactivateUser(ctx, id)
      if (patch.active === true) await reactivateUser(ctx, id)
      return c.json(await getUser(ctx, id), 200)
    },
  )
