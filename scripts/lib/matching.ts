/**
 * The matching measurement shared by `bench:match` and `bench`: the app served over HTTP and read as a platform
 * admin, each need's retrieval multi-search exactly as the service sends it, and the latency of
 *   - the retrieval multi-search sent straight to Meilisearch (the floor),
 *   - the matches endpoint as users call it (stored results),
 *   - the matches endpoint recomputing (`?refresh=true`: retrieval + PostgreSQL + scoring + saving),
 * interleaved per need so that drift hits all three alike, all through the same HTTP client (undici).
 */
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Pool } from 'undici'
import { createApp } from '../../src/app.js'
import { SESSION_COOKIE } from '../../src/auth/cookie.js'
import { createSession } from '../../src/auth/session.js'
import type { Sql } from '../../src/db/client.js'
import { type MatchNeed, matchSuppliers } from '../../src/matching/index.js'
import { loadSupplierCandidates, toMatchNeed } from '../../src/services/matches/inputs.js'
import { retrieveSuppliers, supplierRetrievalQueries } from '../../src/services/matches/retrieve.js'
import { selectNeed } from '../../src/services/needs/row.js'
import { createUser } from '../../src/services/users/createUser.js'
import { progressBar } from './progress.js'
import type { ScratchServers } from './servers.js'
import { type LatencySummary, ratio, round, summarize, timed } from './stats.js'

/** Matches per page, as the UI asks for them. */
export const MATCH_PAGE = 20

export interface BenchApp {
  /** `http://127.0.0.1:<port>` */
  url: string
  pool: Pool
  /** Cookie of a platform admin's session: a need's matches are only for those who run it. */
  adminHeaders: Record<string, string>
  close(): Promise<void>
}

interface RequestInit {
  method?: 'GET' | 'POST'
  body?: string
  headers?: Record<string, string>
}

/** One request; anything but a 200 is an error, so a broken endpoint never passes for a fast one. */
export async function getJson(pool: Pool, path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await pool.request({ path, method: init.method ?? 'GET', ...(init.body ? { body: init.body } : {}), headers: init.headers ?? {} })
  const body = await res.body.json()
  if (res.statusCode !== 200) throw new Error(`${path} answered ${res.statusCode}: ${JSON.stringify(body).slice(0, 300)}`)
  return body
}

async function adminSessionHeaders(sql: Sql, now: Date, userAgent: string): Promise<Record<string, string>> {
  const token = (await sql.begin(async (tx) => {
    const password = randomBytes(24).toString('base64url')
    const userId = await createUser(tx, { email: 'bench@podryad.example', name: 'Замер производительности', password, platformRole: 'admin' })
    return (await createSession(tx, userId, { userAgent }, now)).token
  })) as string
  return { cookie: `${SESSION_COOKIE}=${token}` }
}

/** The app on a free loopback port, its clock fixed at `now` (the dataset's today), and an admin session to read it with. */
export async function startBenchApp(servers: ScratchServers, now: Date, userAgent: string): Promise<BenchApp> {
  const app = createApp({ sql: servers.sql, search: servers.search, now: () => now })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const pool = new Pool(url, { connections: 4 })
  return {
    url,
    pool,
    adminHeaders: await adminSessionHeaders(servers.sql, now, userAgent),
    close: async () => {
      await pool.close()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Load generators leave keep-alive sockets behind; they would hold close() open.
      if ('closeAllConnections' in server) server.closeAllConnections()
      await closed
    },
  }
}

/** Published needs whose deadline is still ahead on the dataset's today, in id order (deterministic per seed). */
export async function publishedNeedIds(sql: Sql, today: string, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id from needs where status = 'published' and deadline > ${today} order by id limit ${limit}`
  return rows.map((row) => row.id)
}

export interface PreparedNeed {
  id: string
  need: MatchNeed
  /** The retrieval multi-search body, exactly as the matching service sends it. */
  multiSearchBody: string
  /** The stored top page's suppliers, best first: what other implementations are compared with. */
  topOrgIds: string[]
}

export interface PreparedNeeds {
  needs: PreparedNeed[]
  scoring: { candidates: number; perCandidateUs: number }
}

/**
 * Per need: the retrieval body, the scoring time of the core alone (µs per candidate supplier), and a first
 * read of the endpoint, which computes and stores the results the "stored" measurement then reads.
 */
export async function prepareNeeds(servers: ScratchServers, app: BenchApp, needIds: readonly string[], now: Date): Promise<PreparedNeeds> {
  const needs: PreparedNeed[] = []
  const scoring = { ms: 0, candidates: 0 }
  const preparing = progressBar('computing stored matches', needIds.length)
  for (const id of needIds) {
    const row = await selectNeed(servers.sql, id)
    if (!row) continue
    const need = toMatchNeed(row)
    const retrieval = await retrieveSuppliers(servers.search, need)
    const suppliers = await loadSupplierCandidates(servers.sql, [...retrieval.orgIds, ...retrieval.nearMissOrgIds])
    const started = performance.now()
    matchSuppliers(need, suppliers, { now: now.toISOString() })
    scoring.ms += performance.now() - started
    scoring.candidates += suppliers.length
    const stored = (await getJson(app.pool, `/api/needs/${id}/matches?limit=${MATCH_PAGE}`, { headers: app.adminHeaders })) as { matches: { orgId: string }[] }
    needs.push({
      id,
      need,
      multiSearchBody: JSON.stringify({ queries: supplierRetrievalQueries(servers.search.indexes.capacities, need) }),
      topOrgIds: stored.matches.map((match) => match.orgId),
    })
    preparing.update(needs.length)
  }
  preparing.finish()
  const perCandidateUs = scoring.candidates ? round((scoring.ms * 1000) / scoring.candidates, 2) : 0
  return { needs, scoring: { candidates: scoring.candidates, perCandidateUs } }
}

export interface MatchingLatencies {
  raw: LatencySummary
  stored: LatencySummary
  refresh: LatencySummary
  /** Endpoint latency over the raw multi-search latency, at p50 and at p95. */
  ratios: { storedP50: number | null; storedP95: number | null; refreshP50: number | null; refreshP95: number | null }
}

/** `rounds` passes over the needs, each need timed raw → stored → refresh in turn. */
export async function measureMatching(servers: ScratchServers, app: BenchApp, prepared: PreparedNeeds, rounds: number): Promise<MatchingLatencies> {
  const meili = new Pool(servers.meiliUrl, { connections: 4 })
  const meiliHeaders = { authorization: `Bearer ${servers.meiliKey}`, 'content-type': 'application/json' }
  const asAdmin = { headers: app.adminHeaders }
  const samples = { raw: [] as number[], stored: [] as number[], refresh: [] as number[] }
  const measuring = progressBar('measuring matching', rounds * prepared.needs.length)
  try {
    for (let round = 0; round < rounds; round++) {
      for (const { id, multiSearchBody } of prepared.needs) {
        samples.raw.push((await timed(() => getJson(meili, '/multi-search', { method: 'POST', body: multiSearchBody, headers: meiliHeaders }))).ms)
        samples.stored.push((await timed(() => getJson(app.pool, `/api/needs/${id}/matches?limit=${MATCH_PAGE}`, asAdmin))).ms)
        samples.refresh.push((await timed(() => getJson(app.pool, `/api/needs/${id}/matches?limit=${MATCH_PAGE}&refresh=true`, asAdmin))).ms)
        measuring.update(samples.raw.length)
      }
    }
  } finally {
    await meili.close()
  }
  measuring.finish()
  const raw = summarize(samples.raw)
  const stored = summarize(samples.stored)
  const refresh = summarize(samples.refresh)
  return {
    raw,
    stored,
    refresh,
    ratios: {
      storedP50: ratio(stored.p50, raw.p50),
      storedP95: ratio(stored.p95, raw.p95),
      refreshP50: ratio(refresh.p50, raw.p50),
      refreshP95: ratio(refresh.p95, raw.p95),
    },
  }
}
