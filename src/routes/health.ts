import { Hono } from 'hono'
import type { Sql } from '../db/client.js'
import type { AppEnv } from './env.js'

export interface HealthProbe {
  health(): Promise<boolean>
}

const PROBE_TIMEOUT_MS = 1000

async function withinTimeout(probe: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)
  })
  try {
    return await Promise.race([probe.then((ok) => ok !== false).catch(() => false), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** `GET /healthz`: 200 when PostgreSQL and Meilisearch both answer within a second, else 503 naming the one down. */
export function healthRoutes(sql: Sql, search: HealthProbe): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/healthz', async (c) => {
    const [database, searchOk] = await Promise.all([withinTimeout(sql`select 1`), withinTimeout(search.health())])
    const body = { status: database && searchOk ? 'ok' : 'unavailable', database: database ? 'ok' : 'down', search: searchOk ? 'ok' : 'down' }
    c.header('cache-control', 'no-store')
    return c.json(body, database && searchOk ? 200 : 503)
  })
}
