import { Hono } from 'hono'
import { z } from 'zod'
import { clearSessionCookie, setSessionCookie } from '../../src/auth/cookie.js'
import { clientAddress } from '../../src/auth/middleware.js'
import { PASSWORD_MAX_LENGTH } from '../../src/auth/password.js'
import { emailSchema } from '../../src/domain/user.js'
import { ConflictError, RateLimitedError, ValidationError } from '../../src/lib/errors.js'
import { UnauthorizedError } from '../../src/services/authorization.js'
import { WrongPasswordError, acceptInvitation } from '../../src/services/invitations/accept.js'
import { type InvitationPreview, previewInvitation } from '../../src/services/invitations/preview.js'
import { INVITATION_TOKEN_PATTERN, InvitationUnavailableError } from '../../src/services/invitations/token.js'
import { InvalidCredentialsError, signIn } from '../../src/services/users/authenticate.js'
import { changePassword } from '../../src/services/users/changePassword.js'
import { signOut } from '../../src/services/users/signOut.js'
import type { WebEnv } from '../env.js'
import { type FormErrors, NO_ERRORS, errorsFromIssues, errorsFromService, mergeErrors } from '../forms/errors.js'
import { isLang } from '../i18n/index.js'
import { rememberLanguage } from '../i18n/cookie.js'
import { InvitationPage, PasswordPage } from '../pages/account.js'
import { ErrorPage } from '../pages/errors.js'
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

function passwordPage(c: WebContext, errors: FormErrors, status: 200 | 400 | 429 = 200) {
  return renderPage(c, { title: c.var.i18n.t('password.title'), status, returnTo: '/account/password' }, <PasswordPage errors={errors} changed={c.req.query('changed') === '1'} />)
}

function userAgentOf(c: WebContext): string | null {
  return c.req.header('user-agent')?.slice(0, USER_AGENT_MAX_LENGTH) ?? null
}

/** Blank required fields and a confirmation that does not repeat the new password: the form's own checks. */
function requiredErrors(fields: Record<string, string>, missing: string): FormErrors {
  return { fields: Object.fromEntries(Object.entries(fields).filter(([, value]) => value === '').map(([name]) => [name, [missing]])), form: [] }
}

function throttled(c: WebContext, error: RateLimitedError): FormErrors {
  c.header('retry-after', String(error.retryAfterSeconds))
  return { fields: {}, form: [c.var.i18n.t('signin.throttled', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })] }
}

/** `body.next` → next: the services name the fields of their own input. */
const bodyField = (names: readonly string[]) => (path: string) => {
  const name = path.replace(/^body\./, '').split('.')[0] ?? ''
  return names.includes(name) ? name : null
}

function invitationUnavailable(c: WebContext) {
  const { t } = c.var.i18n
  return renderPage(c, { title: t('invitation.unavailableTitle'), status: 404 }, <ErrorPage title={t('invitation.unavailableTitle')} text={t('invitation.unavailableText')} />)
}

async function invitationPage(c: WebContext, token: string, preview: InvitationPreview, name: string, errors: FormErrors, status: 200 | 400 | 401 | 409 | 429 = 200) {
  return renderPage(c, { title: c.var.i18n.t('invitation.title', { organization: preview.organizationName }), status }, <InvitationPage token={token} preview={preview} name={name} errors={errors} />)
}

/** The token from the path; one that cannot be one is the same "unavailable" as an unknown one. */
function tokenOf(c: WebContext): string | null {
  const token = c.req.param('token') ?? ''
  return INVITATION_TOKEN_PATTERN.test(token) ? token : null
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
        userAgent: userAgentOf(c),
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
  .get('/account/password', (c) => {
    if (c.var.ctx.actor.kind !== 'user') throw new UnauthorizedError()
    return passwordPage(c, NO_ERRORS)
  })
  .post('/account/password', async (c) => {
    const { t, lang } = c.var.i18n
    const body = await c.req.parseBody()
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
    const input = { current: field('current'), next: field('next'), confirm: field('confirm') }
    const mismatch: FormErrors = input.next !== '' && input.confirm !== '' && input.next !== input.confirm ? { fields: { confirm: [t('password.mismatch')] }, form: [] } : NO_ERRORS
    const local = mergeErrors(requiredErrors(input, t('form.missing')), mismatch)
    if (Object.keys(local.fields).length > 0) return passwordPage(c, local, 400)
    try {
      const { token } = await changePassword(c.var.ctx, { current: input.current, next: input.next })
      setSessionCookie(c, token, c.var.ctx.now())
    } catch (error) {
      if (error instanceof RateLimitedError) return passwordPage(c, throttled(c, error), 429)
      if (error instanceof ValidationError) return passwordPage(c, errorsFromService(error, bodyField(['current', 'next']), lang), 400)
      throw error
    }
    return c.redirect('/account/password?changed=1', 303)
  })
  .get('/invitations/:token', async (c) => {
    const token = tokenOf(c)
    if (token === null) return invitationUnavailable(c)
    try {
      return invitationPage(c, token, await previewInvitation(c.var.ctx, token), '', NO_ERRORS)
    } catch (error) {
      if (error instanceof InvitationUnavailableError) return invitationUnavailable(c)
      throw error
    }
  })
  .post('/invitations/:token', async (c) => {
    const token = tokenOf(c)
    if (token === null) return invitationUnavailable(c)
    const { t, lang } = c.var.i18n
    let preview: InvitationPreview
    try {
      preview = await previewInvitation(c.var.ctx, token)
    } catch (error) {
      if (error instanceof InvitationUnavailableError) return invitationUnavailable(c)
      throw error
    }
    const body = await c.req.parseBody()
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
    const name = field('name').trim()
    const password = field('password')
    const confirm = field('confirm')
    const required: Record<string, string> = preview.existingAccount ? { password } : { name, password, confirm }
    const mismatch: FormErrors = !preview.existingAccount && password !== '' && confirm !== '' && password !== confirm ? { fields: { confirm: [t('password.mismatch')] }, form: [] } : NO_ERRORS
    const local = mergeErrors(requiredErrors(required, t('form.missing')), mismatch)
    if (Object.keys(local.fields).length > 0) return invitationPage(c, token, preview, name, local, 400)
    try {
      const accepted = await acceptInvitation(c.var.ctx, token, { name: preview.existingAccount ? undefined : name, password }, { userAgent: userAgentOf(c), address: clientAddress(c) })
      setSessionCookie(c, accepted.session.token, c.var.ctx.now())
      return c.redirect(`/organizations/${accepted.orgId}`, 303)
    } catch (error) {
      if (error instanceof InvitationUnavailableError) return invitationUnavailable(c)
      if (error instanceof WrongPasswordError) return invitationPage(c, token, preview, name, { fields: { password: [t('invitation.wrongPassword')] }, form: [] }, 401)
      if (error instanceof RateLimitedError) return invitationPage(c, token, preview, name, throttled(c, error), 429)
      if (error instanceof ValidationError) return invitationPage(c, token, preview, name, errorsFromService(error, bodyField(['name', 'password']), lang), 400)
      if (error instanceof ConflictError) return invitationPage(c, token, preview, name, errorsFromService(error, () => null, lang), 409)
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
