import { Hono } from 'hono'
import { z } from 'zod'
import { clearSessionCookie, setSessionCookie } from '../../src/auth/cookie.js'
import { clientAddress } from '../../src/auth/middleware.js'
import { PASSWORD_MAX_LENGTH } from '../../src/auth/password.js'
import { emailSchema } from '../../src/domain/user.js'
import { RateLimitedError } from '../../src/lib/errors.js'
import { InvalidCredentialsError, signIn } from '../../src/services/users/authenticate.js'
import { signOut } from '../../src/services/users/signOut.js'
import type { WebEnv } from '../env.js'
import { type FormErrors, NO_ERRORS, errorsFromIssues } from '../forms/errors.js'
import { isLang } from '../i18n/index.js'
import { rememberLanguage } from '../i18n/cookie.js'
import { SignInPage } from '../pages/signin.js'
import { type WebContext, renderPage } from '../render.js'

/** The same bound as the API's sign-in: the user-agent column identifies one's own devices, no more. */
const USER_AGENT_MAX_LENGTH = 512

const signInFormSchema = z.object({
  email: emailSchema,
  // Any stored password, even one older than today's rules, may be typed here; only the length is bounded.
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
})

/** Only a path on this site: `//evil.example` or `https://…` would turn sign-in into an open redirect. */
export function localPath(candidate: unknown): string {
  return typeof candidate === 'string' && /^\/(?![/\\])/.test(candidate) ? candidate : '/'
}

function signInPage(c: WebContext, email: string, next: string, errors: FormErrors, status: 200 | 400 | 401 | 429 = 200) {
  return renderPage(c, { title: c.var.i18n.t('signin.title'), status, returnTo: `/signin?next=${encodeURIComponent(next)}` }, <SignInPage email={email} next={next} errors={errors} />)
}

/** Sign in and out through the account services, with the session cookie of the API; and the language switch. */
export const accountRoutes = new Hono<WebEnv>()
  .get('/signin', (c) => signInPage(c, '', localPath(c.req.query('next')), NO_ERRORS))
  .post('/signin', async (c) => {
    const { t, lang } = c.var.i18n
    const body = await c.req.parseBody()
    const next = localPath(body.next)
    const email = typeof body.email === 'string' ? body.email : ''
    const parsed = signInFormSchema.safeParse({ email, password: body.password })
    if (!parsed.success) return signInPage(c, email, next, errorsFromIssues(parsed.error.issues, (path) => path.split('.')[0] ?? null, lang, t('form.missing')), 400)
    try {
      const { token } = await signIn(c.var.ctx, {
        ...parsed.data,
        userAgent: c.req.header('user-agent')?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
        address: clientAddress(c),
      })
      setSessionCookie(c, token, c.var.ctx.now())
      return c.redirect(next, 303)
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return signInPage(c, email, next, { fields: {}, form: [t('signin.failed')] }, 401)
      if (error instanceof RateLimitedError) {
        c.header('retry-after', String(error.retryAfterSeconds))
        return signInPage(c, email, next, { fields: {}, form: [t('signin.throttled', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })] }, 429)
      }
      throw error
    }
  })
  .post('/signout', async (c) => {
    await signOut(c.var.ctx)
    clearSessionCookie(c)
    return c.redirect('/', 303)
  })
  .post('/language', async (c) => {
    const body = await c.req.parseBody()
    if (isLang(body.lang)) rememberLanguage(c, body.lang)
    return c.redirect(localPath(body.next), 303)
  })
