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

interface Health {
  database: boolean
  search: boolean
}

/**
 * How long one pair of probes answers for. A load balancer or a monitor polling many times a second
 * would otherwise put a query on PostgreSQL and a request on Meilisearch behind every poll, and a
 * burst of polls would queue behind the very servers it is checking; a second of staleness is well
 * inside what a health check promises.
 */
const PROBE_REUSE_MS = 1000

/** `GET /healthz`: 200 when PostgreSQL and Meilisearch both answered within a second, else 503 naming the one down. */
export function healthRoutes(sql: Sql, search: HealthProbe): Hono<AppEnv> {
  let latest: { at: number; health: Promise<Health> } | null = null

  function currentHealth(): Promise<Health> {
    const now = performance.now()
    if (!latest || now - latest.at >= PROBE_REUSE_MS) {
      const health = Promise.all([withinTimeout(sql`select 1`), withinTimeout(search.health())]).then(([database, searchOk]) => ({ database, search: searchOk }))
      latest = { at: now, health }
    }
    return latest.health
  }

  return new Hono<AppEnv>().get('/healthz', async (c) => {
    const health = await currentHealth()
    const ok = health.database && health.search
    const body = { status: ok ? 'ok' : 'unavailable', database: health.database ? 'ok' : 'down', search: health.search ? 'ok' : 'down' }
    c.header('cache-control', 'no-store')
    return c.json(body, ok ? 200 : 503)
  })
}
