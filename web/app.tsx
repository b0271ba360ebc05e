import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { isUnstorableText } from '../src/db/errors.js'
import { ServiceError, UnavailableError } from '../src/lib/errors.js'
import { type Logger, silentLogger } from '../src/lib/log.js'
import { isDatabaseUnavailable } from '../src/lib/problem.js'
import { STATIC_PREFIX, staticFiles } from './assets.js'
import { type WebEnv, isApiPath } from './env.js'
import { languageOf } from './i18n/cookie.js'
import { createI18n } from './i18n/index.js'
import { ErrorPage } from './pages/errors.js'
import { HomePage } from './pages/home.js'
import { type WebContext, renderPage, returnPath } from './render.js'
import { accountRoutes, localPath } from './routes/account.js'
import { alertRoutes } from './routes/alerts.js'
import { analyticsRoutes } from './routes/analytics.js'
import { centreRoutes } from './routes/centre.js'
import { importRoutes } from './routes/imports.js'
import { inboxRoutes } from './routes/inbox.js'
import { myNeedsRoutes } from './routes/myNeeds.js'
import { needFormRoutes } from './routes/needForm.js'
import { needRoutes } from './routes/needs.js'
import { organizationEditRoutes } from './routes/organizationEdit.js'
import { organizationRoutes } from './routes/organizations.js'
import { peopleRoutes } from './routes/people.js'
import { searchRoutes } from './routes/search.js'
import { viewerOf } from './viewer.js'

function notFoundPage(c: WebContext): Promise<Response> {
  const { t } = c.var.i18n
  return renderPage(c, { title: t('error.notFound.title'), status: 404 }, <ErrorPage title={t('error.notFound.title')} text={t('error.notFound.text')} />)
}

/**
 * After signing in, come back here: the page itself for a plain GET; for htmx the page it runs on
 * (HX-Current-URL, as the Referrer-Policy keeps Referer away); for a form, its page when the browser says.
 */
function afterSignIn(c: WebContext): string {
  if (c.req.method === 'GET' && c.req.header('hx-request') !== 'true') return returnPath(c)
  const from = c.req.header('hx-current-url') ?? c.req.header('referer')
  if (!from) return '/'
  const url = new URL(from, c.req.url)
  return url.origin === new URL(c.req.url).origin ? localPath(`${url.pathname}${url.search}`) : '/'
}

/**
 * To the sign-in page and back. An htmx request is told through HX-Redirect: a redirect it followed itself
 * would swap the whole sign-in page into the fragment's place.
 */
function askToSignIn(c: WebContext): Response {
  const target = `/signin?next=${encodeURIComponent(afterSignIn(c))}`
  if (c.req.header('hx-request') !== 'true') return c.redirect(target, 303)
  c.header('hx-redirect', target)
  return c.body(null, 401)
}

/**
 * Errors of pages become pages in the visitor's language: a missing or foreign resource is the 404 page,
 * a sign-in is asked for by redirect, refusals say why; the rest is logged and shown as a 500 with its request id.
 */
async function errorPage(c: WebContext, error: unknown, log: Logger): Promise<Response> {
  const { t, message } = c.var.i18n
  const page = (status: ContentfulStatusCode, title: string, text: string | null, lookupUser = true) =>
    renderPage(c, { title, status, lookupUser }, <ErrorPage title={title} text={text} />)
  if (error instanceof ServiceError) {
    if (error.status === 401) return askToSignIn(c)
    if (error.status === 404) return notFoundPage(c)
    if (error instanceof UnavailableError) {
      c.header('retry-after', String(error.retryAfterSeconds))
      return page(503, t('error.unavailable.title'), t('error.unavailable.text'))
    }
    if (error.status === 403) return page(403, t('error.forbidden.title'), message(error.message))
    if (error.status === 409) return page(409, t('error.conflict.title'), message(error.message))
    if (error.status < 500) return page(error.status as ContentfulStatusCode, t('error.badRequest.title'), message(error.message))
  }
  if (error instanceof HTTPException && error.status < 500) return page(error.status as ContentfulStatusCode, t('error.badRequest.title'), null)
  // Text PostgreSQL cannot store (a NUL in a query or a field) came from the visitor: 400, as on the API.
  if (isUnstorableText(error)) return page(400, t('error.badRequest.title'), null)
  if (isDatabaseUnavailable(error)) {
    c.header('retry-after', '5')
    return page(503, t('error.unavailable.title'), t('error.unavailable.text'), false)
  }
  log.error('unhandled error', { error, requestId: c.var.requestId, path: c.req.path })
  return page(500, t('error.server.title'), t('error.server.text', { requestId: c.var.requestId }), false)
}

/**
 * The server-rendered pages. Mounted after the API: every path the API does not answer comes here,
 * and anything under /api, /docs, /openapi.json or /healthz is handed back to the app's own 404.
 */
export function createWebApp(options: { log?: Logger } = {}): Hono<WebEnv> {
  const log = options.log ?? silentLogger
  const web = new Hono<WebEnv>()
  web.use('*', async (c, next) => {
    if (!isApiPath(c.req.path)) c.set('i18n', createI18n(languageOf(c)))
    await next()
  })
  // A form body that cannot be parsed (multipart without a boundary, a broken part) is the sender's
  // mistake: parsed here once, so every form route answers it with 400 instead of failing inside (found
  // by the route fuzz). Later parseBody calls reuse the parsed form.
  web.use('*', async (c, next) => {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
    if (c.req.method === 'POST' && !isApiPath(c.req.path) && (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded')) {
      await c.req.parseBody().catch(() => {
        throw new HTTPException(400, { message: 'Malformed form body' })
      })
    }
    await next()
  })
  web.get(`${STATIC_PREFIX}/*`, staticFiles())
  web.get('/', async (c) => renderPage(c, { title: c.var.i18n.t('home.title'), nav: 'home' }, <HomePage viewer={await viewerOf(c)} />))
  web.route('/', searchRoutes)
  web.route('/', needFormRoutes)
  web.route('/', needRoutes)
  web.route('/', inboxRoutes)
  web.route('/', alertRoutes)
  web.route('/', myNeedsRoutes)
  web.route('/', centreRoutes)
  web.route('/', importRoutes)
  web.route('/', analyticsRoutes)
  web.route('/', organizationRoutes)
  web.route('/', organizationEditRoutes)
  web.route('/', peopleRoutes)
  web.route('/', accountRoutes)
  web.all('*', (c, next) => (isApiPath(c.req.path) ? next() : notFoundPage(c)))
  web.onError((error, c) => errorPage(c, error, log))
  return web
}
