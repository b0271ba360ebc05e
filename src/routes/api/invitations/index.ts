import { createRoute, z } from '@hono/zod-openapi'
import { setSessionCookie } from '../../../auth/cookie.js'
import { clientAddress } from '../../../auth/middleware.js'
import { PASSWORD_MAX_LENGTH } from '../../../auth/password.js'
import { idParamSchema } from '../../../domain/common.js'
import { emailSchema, userNameSchema } from '../../../domain/user.js'
import { acceptInvitation } from '../../../services/invitations/accept.js'
import { inviteColleague } from '../../../services/invitations/inviteColleague.js'
import { inviteOrganization } from '../../../services/invitations/inviteOrganization.js'
import { INVITATION_LIFETIME_DAYS } from '../../../services/invitations/issue.js'
import { listInvitations } from '../../../services/invitations/list.js'
import { previewInvitation } from '../../../services/invitations/preview.js'
import { revokeInvitation } from '../../../services/invitations/revoke.js'
import { INVITATION_TOKEN_PATTERN } from '../../../services/invitations/token.js'
import { createApiRouter, jsonBody, jsonResponse, problemResponses, problemSchema } from '../../openapi.js'

const tags = ['invitations']
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } })
const accessProblems = { 401: problem('Not signed in'), 403: problem("A member of the organization who may not manage its people") }
/** Long user agents are truncated: the column is for recognizing one's own devices, not for forensics. */
const USER_AGENT_MAX_LENGTH = 512

const roleSchema = z.enum(['member', 'admin'])
const invitationKindSchema = z.enum(['organization', 'colleague'])

const tokenParams = z.object({
  token: z
    .string()
    .regex(INVITATION_TOKEN_PATTERN)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The secret from the invitation link', example: 'q3Jx0bS8m1VYl3c2nXoE7sUuKkQ5w9aTg4dR6hLpZfA' }),
})

const invitationSchema = z
  .object({
    id: z.string(),
    kind: invitationKindSchema,
    orgId: z.string(),
    email: z.string(),
    role: roleSchema,
    invitedBy: z.object({ userId: z.string(), name: z.string() }),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .openapi('Invitation')

const issuedInvitationSchema = invitationSchema
  .extend({ link: z.string().openapi({ description: 'Also e-mailed to the invitee. Shown only in this response: only a hash of its token is stored.' }) })
  .openapi('IssuedInvitation')

const invitationInputSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('colleague'), email: emailSchema, role: roleSchema.default('member') }).strict(),
    z.object({ kind: z.literal('organization'), email: emailSchema }).strict(),
  ])
  .openapi('InvitationInput', {
    description: '`colleague`: an admin invites a member or admin. `organization`: a centre curator (in scope) or platform admin invites the first admin.',
  })

const previewSchema = z
  .object({
    kind: invitationKindSchema,
    organizationName: z.string(),
    email: z.string(),
    role: roleSchema,
    expiresAt: z.string(),
    existingAccount: z.boolean().openapi({ description: 'An account with this address exists: accept with its password, no name needed' }),
  })
  .openapi('InvitationPreview')

const acceptanceSchema = z
  .object({
    name: userNameSchema.optional().openapi({ description: 'Required when the invitation creates the account' }),
    // An existing account's password may predate today's rules; a new one is checked by the service.
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .strict()
  .openapi('InvitationAcceptance')

const acceptedSchema = z
  .object({ userId: z.string(), orgId: z.string(), role: roleSchema, newAccount: z.boolean() })
  .openapi('AcceptedInvitation')

const unavailable = problem('Unknown, expired, revoked or already used: one answer for all')

export const invitationsApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{token}',
      tags,
      description: 'Anonymous: what the invitation link offers.',
      request: { params: tokenParams },
      responses: { 200: jsonResponse(previewSchema, 'The invitation'), 400: problemResponses[400], 404: unavailable },
    }),
    async (c) => {
      const preview = await previewInvitation(c.var.ctx, c.req.valid('param').token)
      c.header('cache-control', 'private, no-store')
      return c.json(preview, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{token}/accept',
      tags,
      description:
        'Anonymous: creates the account (or, for an address that has one, checks its password), adds the membership, uses up the invitation and sets the `__Host-session` cookie.',
      request: { params: tokenParams, body: jsonBody(acceptanceSchema) },
      responses: {
        201: jsonResponse(acceptedSchema, 'Accepted and signed in'),
        400: problem('Invalid input or an unacceptable new password: see errors'),
        401: problem('Wrong password for the existing account'),
        404: unavailable,
        429: problem('Too many wrong passwords; see Retry-After'),
      },
    }),
    async (c) => {
      const ctx = c.var.ctx
      const meta = { userAgent: c.req.header('user-agent')?.slice(0, USER_AGENT_MAX_LENGTH) ?? null, address: clientAddress(c) }
      const { session, ...accepted } = await acceptInvitation(ctx, c.req.valid('param').token, c.req.valid('json'), meta)
      setSessionCookie(c, session.token, ctx.now())
      return c.json(accepted, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      description: 'Revokes a pending invitation: its link stops working.',
      request: { params: idParamSchema('inv') },
      responses: { 204: { description: 'Revoked' }, ...accessProblems, ...problemResponses },
    }),
    async (c) => {
      await revokeInvitation(c.var.ctx, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

/** `/api/organizations/{id}/invitations`; the links point at `publicOrigin`. */
export function organizationInvitationsApi(options: { publicOrigin: string }) {
  const params = idParamSchema('org')
  return createApiRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}/invitations',
        tags,
        description: 'Pending invitations, for the organization admins, curators in scope and platform admins.',
        request: { params },
        responses: { 200: jsonResponse(z.object({ items: z.array(invitationSchema) }), 'Pending invitations, newest first'), ...accessProblems, ...problemResponses },
      }),
      async (c) => c.json({ items: await listInvitations(c.var.ctx, c.req.valid('param').id) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/invitations',
        tags,
        description: `Invites by e-mail; the link works once, for ${INVITATION_LIFETIME_DAYS} days. A pending invitation to the same address is replaced. The response carries the link once, for passing on by hand.`,
        request: { params, body: jsonBody(invitationInputSchema) },
        responses: { 201: jsonResponse(issuedInvitationSchema, 'Invited'), ...accessProblems, ...problemResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const input = c.req.valid('json')
        const issued =
          input.kind === 'organization'
            ? await inviteOrganization(c.var.ctx, id, input, options.publicOrigin)
            : await inviteColleague(c.var.ctx, id, input, options.publicOrigin)
        c.header('cache-control', 'private, no-store')
        return c.json(issued, 201)
      },
    )
}
