import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import { requestId } from 'hono/request-id'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { readSessionCookie } from './auth/cookie.js'
import { sessionMiddleware } from './auth/middleware.js'
import type { Sql } from './db/client.js'
import { MAX_CERTIFICATE_FILE_BYTES } from './domain/certificateFile.js'
import type { Search } from './search/client.js'
import { type ConcurrencyLimitOptions, limitConcurrency } from './lib/concurrency.js'
import { type Logger, silentLogger } from './lib/log.js'
import { errorResponse, problemResponse } from './lib/problem.js'
import { alertsApi } from './routes/api/alerts/index.js'
import { analyticsApi } from './routes/api/analytics/index.js'
import { authApi } from './routes/api/auth/index.js'
import { capacitiesApi, organizationCapacitiesApi } from './routes/api/capacities/index.js'
import { CERTIFICATE_FILE_PATH, certificateFilesApi } from './routes/api/certificateFiles.js'
import { certificatesApi } from './routes/api/certificates/index.js'
import { clustersApi } from './routes/api/clusters/index.js'
import { needShortlistApi } from './routes/api/exports/index.js'
import { geoApi } from './routes/api/geo/index.js'
import { IMPORT_UPLOAD_PATH, MAX_IMPORT_BODY_BYTES, importsApi } from './routes/api/imports/index.js'
import { invitationsApi, organizationInvitationsApi } from './routes/api/invitations/index.js'
import { matchesApi } from './routes/api/matches/index.js'
import { organizationMembersApi } from './routes/api/members/index.js'
import { needsApi, organizationNeedsApi } from './routes/api/needs/index.js'
import { organizationsApi } from './routes/api/organizations/index.js'
import { searchApi } from './routes/api/search/index.js'
import { sitesApi } from './routes/api/sites/index.js'
import { taxonomyApi } from './routes/api/taxonomy/index.js'
import { usersApi } from './routes/api/users/index.js'
import { docsRoutes } from './routes/docs.js'
import type { AppEnv } from './routes/env.js'
import { healthRoutes } from './routes/health.js'
import { createWebApp } from '../web/app.js'

export interface AppDeps {
  sql: Sql
  search: Search
  log?: Logger
  now?: () => Date
  /** Largest accepted request body; the default fits any JSON document of the API. */
  bodyLimitBytes?: number
  /** The origin browsers see (scheme, host, port); unsafe form-like requests from any other origin are refused. */
  publicOrigin?: string
  /** Overrides the load-shedding limits (DEFAULT_LOAD_LIMITS). */
  loadLimits?: Partial<LoadLimits>
}

export interface LoadLimits {
  /** Searches and match lists: a Meilisearch query and a scoring pass each. */
  searches: Omit<ConcurrencyLimitOptions, 'what'>
  /** API writes: a PostgreSQL transaction each, from a pool of DATABASE_POOL_SIZE connections. */
  writes: Omit<ConcurrencyLimitOptions, 'what'>
}

/**
 * Meilisearch runs 4 searches per core at once (8 on the 2-core target) and queues the rest; more
 * searches in flight from us only lengthen its queue. Writes get twice the default pool size.
 */
export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  searches: { active: 8, queue: 64, waitMs: 2000 },
  writes: { active: 20, queue: 200, waitMs: 3000 },
}

/** GETs that cost a Meilisearch query and a scoring pass. */
const EXPENSIVE_READ = /^\/api\/(search\/|needs\/[^/]+\/matches$|organizations\/[^/]+\/matching-needs$)/
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024

/** Builds the HTTP application from its dependencies; nothing here opens connections or reads the environment. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const log = deps.log ?? silentLogger
  const now = deps.now ?? (() => new Date())
  const app = new OpenAPIHono<AppEnv>()

  app.use(requestId({ generator: () => crypto.randomUUID() }))
  // The swagger-ui page at /docs styles itself inline and draws icons from data: URIs; nothing else needs either.
  const onDocs = (c: Context) => c.req.path === '/docs' || c.req.path.startsWith('/docs/')
  app.use(
    secureHeaders({
      // ASVS 5.0 3.4.1 asks for at least a year; the default is 180 days.
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        styleSrc: [(c) => (onDocs(c) ? "'self' 'unsafe-inline'" : "'self'")],
        imgSrc: [(c) => (onDocs(c) ? "'self' data:" : "'self'")],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    }),
  )
  // A cross-site page can send, without a CORS preflight, only a POST with a form-like body (or none); hono/csrf
  // refuses those unless Origin or Sec-Fetch-Site says they come from us. JSON routes require application/json,
  // which needs a preflight. A POST with no body and no session cookie is no form and borrows no authority, so
  // API clients may POST /publish without an Origin; with the cookie, browsers always send one.
  const csrfProtection = csrf({ origin: deps.publicOrigin ?? 'http://localhost' })
  app.use((c, next) => {
    const forgeable = c.req.method === 'POST' && (c.req.header('content-type') !== undefined || readSessionCookie(c) !== undefined)
    return forgeable ? csrfProtection(c, next) : next()
  })
  const limitBody = (maxSize: number) =>
    bodyLimit({ maxSize, onError: (c) => problemResponse(c, { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: `The body exceeds ${maxSize} bytes` }) })
  const jsonBodyLimit = limitBody(deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES)
  // A scan plus its multipart envelope; the service refuses files over MAX_CERTIFICATE_FILE_BYTES itself.
  const uploadBodyLimit = limitBody(MAX_CERTIFICATE_FILE_BYTES + 64 * 1024)
  // Import workbooks: a 2 000-row XLSX is about 200 KB, four CSV files of the largest accepted size fit.
  const importBodyLimit = limitBody(MAX_IMPORT_BODY_BYTES)
  app.use((c, next) => {
    // Reading `raw.body` makes the Node adapter build a full Request: GET and HEAD carry no body to limit.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    if (c.req.method === 'POST' && IMPORT_UPLOAD_PATH.test(c.req.path)) return importBodyLimit(c, next)
    return (CERTIFICATE_FILE_PATH.test(c.req.path) ? uploadBodyLimit : jsonBodyLimit)(c, next)
  })
  const searchLimit = limitConcurrency({ ...DEFAULT_LOAD_LIMITS.searches, ...deps.loadLimits?.searches, what: 'search' })
  const writeLimit = limitConcurrency({ ...DEFAULT_LOAD_LIMITS.writes, ...deps.loadLimits?.writes, what: 'write' })
  app.use((c, next) => {
    if (!c.req.path.startsWith('/api/')) return next()
    if (!SAFE_METHODS.has(c.req.method)) return writeLimit(c, next)
    return EXPENSIVE_READ.test(c.req.path) ? searchLimit(c, next) : next()
  })
  app.use(sessionMiddleware({ sql: deps.sql, now }))
  app.use(async (c, next) => {
    c.set('search', deps.search)
    await next()
  })

  app.route('/', healthRoutes(deps.sql, deps.search))
  app.route('/', docsRoutes())
  app.route('/api/organizations', organizationsApi)
  app.route('/api/organizations', organizationCapacitiesApi)
  app.route('/api/capacities', capacitiesApi)
  app.route('/api/organizations', organizationNeedsApi)
  app.route('/api/needs', needsApi)
  app.route('/api/needs', needShortlistApi)
  app.route('/api', matchesApi)
  app.route('/api/clusters', clustersApi)
  app.route('/api/analytics', analyticsApi)
  app.route('/api', sitesApi)
  app.route('/api', alertsApi)
  app.route('/api', certificatesApi)
  app.route('/', certificateFilesApi)
  app.route('/api/taxonomy', taxonomyApi)
  app.route('/api/geo', geoApi)
  app.route('/api/search', searchApi)
  app.route('/api/auth', authApi)
  app.route('/api/users', usersApi)
  app.route('/api/invitations', invitationsApi)
  app.route('/api/organizations', organizationInvitationsApi({ publicOrigin: deps.publicOrigin ?? 'http://localhost' }))
  app.route('/api/organizations', organizationMembersApi)
  app.route('/api/imports', importsApi)

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Podryad API', version: '0.1.0', description: 'Subcontracting exchange for discrete industrial clusters' },
  })

  // Pages last: they answer every path the API does not, and hand /api… 404s back to app.notFound.
  app.route('/', createWebApp({ log }))

  app.notFound((c) => problemResponse(c, { status: 404, code: 'NOT_FOUND', detail: `No route for ${c.req.method} ${c.req.path}` }))
  app.onError((err, c) => errorResponse(c, err, (message, error) => log.error(message, { error, requestId: c.get('requestId'), path: c.req.path })))
  return app
}
