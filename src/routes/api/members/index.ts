import { createRoute, z } from '@hono/zod-openapi'
import { idParamSchema, idSchema } from '../../../domain/common.js'
import { changeMemberRole } from '../../../services/members/changeRole.js'
import { listMembers } from '../../../services/members/list.js'
import { removeMember } from '../../../services/members/remove.js'
import { createApiRouter, jsonBody, jsonResponse, problemResponses, problemSchema } from '../../openapi.js'

const tags = ['members']
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } })
const accessProblems = { 401: problem('Not signed in'), 403: problem('A member of the organization who is not its admin') }

const roleSchema = z.enum(['member', 'admin'])
const params = idParamSchema('org')
const memberParams = params.extend({ userId: idSchema('usr').openapi({ param: { name: 'userId', in: 'path' } }) })

const memberSchema = z
  .object({ userId: z.string(), name: z.string(), email: z.string(), role: roleSchema, joinedAt: z.string() })
  .openapi('Member')

const roleChangeSchema = z.object({ role: roleSchema }).strict().openapi('MemberRoleChange')

/** `/api/organizations/{id}/members`: who acts for an organization, and with which role. */
export const organizationMembersApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/members',
      tags,
      description: 'Visible to the organization members, curators in scope and platform admins.',
      request: { params },
      responses: { 200: jsonResponse(z.object({ items: z.array(memberSchema) }), 'Members, admins first'), ...accessProblems, ...problemResponses },
    }),
    async (c) => c.json({ items: await listMembers(c.var.ctx, c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}/members/{userId}',
      tags,
      description: 'Admins only. Ends every session of the person. The last admin cannot be demoted (409).',
      request: { params: memberParams, body: jsonBody(roleChangeSchema) },
      responses: { 200: jsonResponse(memberSchema, 'Updated'), ...accessProblems, ...problemResponses },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param')
      return c.json(await changeMemberRole(c.var.ctx, id, userId, c.req.valid('json').role), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/members/{userId}',
      tags,
      description: 'Admins only. Ends every session of the person. The last admin cannot be removed (409).',
      request: { params: memberParams },
      responses: { 204: { description: 'Removed' }, ...accessProblems, ...problemResponses },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param')
      await removeMember(c.var.ctx, id, userId)
      return c.body(null, 204)
    },
  )
