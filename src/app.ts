import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import type { Sql } from './db/client.js'
import type { Search } from './search/client.js'
import { type Logger, silentLogger } from './lib/log.js'
import { errorResponse, problemResponse } from './lib/problem.js'
import { capacitiesApi, organizationCapacitiesApi } from './routes/api/capacities/index.js'
import { certificatesApi } from './routes/api/certificates/index.js'
import { clustersApi } from './routes/api/clusters/index.js'
import { geoApi } from './routes/api/geo/index.js'
import { matchesApi } from './routes/api/matches/index.js'
import { needsApi, organizationNeedsApi } from './routes/api/needs/index.js'
import { organizationsApi } from './routes/api/organizations/index.js'
import { searchApi } from './routes/api/search/index.js'
import { sitesApi } from './routes/api/sites/index.js'
import { taxonomyApi } from './routes/api/taxonomy/index.js'
import { docsRoutes } from './routes/docs.js'
import type { AppEnv } from './routes/env.js'
import { healthRoutes } from './routes/health.js'

export interface AppDeps {
  sql: Sql
  search: Search
  log?: Logger
  now?: () => Date
  /** Largest accepted request body; the default fits any JSON document of the API. */
  bodyLimitBytes?: number
}

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024

/** Builds the HTTP application from its dependencies; nothing here opens connections or reads the environment. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const log = deps.log ?? silentLogger
  const now = deps.now ?? (() => new Date())
  const app = new OpenAPIHono<AppEnv>()

  app.use(requestId({ generator: () => crypto.randomUUID() }))
  app.use(secureHeaders({ strictTransportSecurity: 'max-age=31536000; includeSubDomains' }))
  app.use(
    bodyLimit({
      maxSize: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      onError: (c) => problemResponse(c, { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: `The body exceeds ${deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES} bytes` }),
    }),
  )
  app.use(async (c, next) => {
    c.set('ctx', { sql: deps.sql, actor: { kind: 'anonymous' }, now })
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
  app.route('/api', matchesApi)
  app.route('/api/clusters', clustersApi)
  app.route('/api', sitesApi)
  app.route('/api', certificatesApi)
  app.route('/api/taxonomy', taxonomyApi)
  app.route('/api/geo', geoApi)
  app.route('/api/search', searchApi)

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Podryad API', version: '0.1.0', description: 'Subcontracting exchange for discrete industrial clusters' },
  })

  app.notFound((c) => problemResponse(c, { status: 404, code: 'NOT_FOUND', detail: `No route for ${c.req.method} ${c.req.path}` }))
  app.onError((err, c) => errorResponse(c, err, (message, error) => log.error(message, { error, requestId: c.get('requestId'), path: c.req.path })))
  return app
}
