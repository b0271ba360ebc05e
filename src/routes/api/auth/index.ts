import { createRoute, z } from '@hono/zod-openapi'
import { clearSessionCookie, setSessionCookie } from '../../../auth/cookie.js'
import { clientAddress } from '../../../auth/middleware.js'
import { PASSWORD_MAX_LENGTH, passwordSchema } from '../../../auth/password.js'
import { emailSchema, meSchema } from '../../../domain/user.js'
import { signIn } from '../../../services/users/authenticate.js'
import { changePassword } from '../../../services/users/changePassword.js'
import { getMe } from '../../../services/users/me.js'
import { signOut } from '../../../services/users/signOut.js'
import { createApiRouter, jsonBody, jsonResponse, problemSchema } from '../../openapi.js'

const tags = ['auth']
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } })

/** Long user agents are truncated: the column is for recognizing one's own devices, not for forensics. */
const USER_AGENT_MAX_LENGTH = 512

const signInSchema = z
  .object({
    email: emailSchema,
    // Any stored password, even one older than today's rules, may be typed here; only the length is bounded.
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .strict()
  .openapi('SignIn')

const passwordChangeSchema = z
  .object({
    current: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    next: passwordSchema,
  })
  .strict()
  .openapi('PasswordChange')

export const authApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags,
      description: 'Signs in with email and password and sets the `__Host-session` cookie (a new session on every sign-in).',
      request: { body: jsonBody(signInSchema) },
      responses: {
        200: jsonResponse(meSchema, 'Signed in: who you are'),
        400: problem('Invalid input'),
        401: problem('Wrong email or password (also for an unknown or deactivated account)'),
        429: problem('Too many failed sign-ins for this account or address; see Retry-After'),
        503: problem('Too many sign-ins at once; see Retry-After'),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json')
      const { token, user } = await signIn(c.var.ctx, { email, password, userAgent: c.req.header('user-agent')?.slice(0, USER_AGENT_MAX_LENGTH) ?? null, address: clientAddress(c) })
      setSessionCookie(c, token, c.var.ctx.now())
      return c.json(user, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags,
      description: 'Ends this session and clears the cookie; other devices stay signed in.',
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      await signOut(c.var.ctx)
      clearSessionCookie(c)
      return c.body(null, 204)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags,
      responses: { 200: jsonResponse(meSchema, 'The signed-in person and their organizations'), 401: problem('Not signed in') },
    }),
    async (c) => {
      const me = await getMe(c.var.ctx)
      c.header('cache-control', 'private, no-store')
      return c.json(me, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/password',
      tags,
      description: 'Changes the password. Every session of the account ends; this device gets a new session cookie.',
      request: { body: jsonBody(passwordChangeSchema) },
      responses: {
        204: { description: 'Changed; a new session cookie is set' },
        400: problem('Invalid input, a wrong current password or an unacceptable new one: see errors'),
        401: problem('Not signed in'),
        429: problem('Too many wrong current passwords; see Retry-After'),
      },
    }),
    async (c) => {
      const { token } = await changePassword(c.var.ctx, c.req.valid('json'))
      setSessionCookie(c, token, c.var.ctx.now())
      return c.body(null, 204)
    },
  )
