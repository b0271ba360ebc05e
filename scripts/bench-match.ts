/**
 * `npm run bench:match [-- --size 100k --needs 50 --rounds 3 --seed 42]`
 *
 * Loads generated capacities across the real cluster cities into scratch servers through the product's
 * own path, then measures, for the same needs and with the same HTTP client (undici):
 *   - the matches endpoint as users call it (stored results),
 *   - the matches endpoint recomputing (`?refresh=true`: retrieval + PostgreSQL + scoring + saving),
 *   - the retrieval multi-search sent straight to Meilisearch,
 * and prints their p50/p95 and ratios, plus the scoring time per candidate. Raw results go to .bench/.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { Pool } from 'undici'
import { createApp } from '../src/app.js'
import { SESSION_COOKIE } from '../src/auth/cookie.js'
import { createSession } from '../src/auth/session.js'
import type { Sql } from '../src/db/client.js'
import { matchSuppliers } from '../src/matching/index.js'
import { createOutboxWorker } from '../src/search/worker.js'
import { silentLogger } from '../src/lib/log.js'
import { loadSupplierCandidates, toMatchNeed } from '../src/services/matches/inputs.js'
import { retrieveSuppliers, supplierRetrievalQueries } from '../src/services/matches/retrieve.js'
import { selectNeed } from '../src/services/needs/row.js'
import { createUser } from '../src/services/users/createUser.js'
import { generateDataset } from './data/generate.js'
import { loadDataset } from './data/load.js'
import { parseNow, parseOptions, parsePositiveInt, parseSeed, parseSize, runCli } from './lib/cli.js'
import { progressBar } from './lib/progress.js'
import { startScratchServers } from './lib/servers.js'
import { percentile, round, timed } from './lib/stats.js'

const USAGE = `Usage: npm run bench:match -- [--size 100k] [--needs 50] [--rounds 3] [--seed 42] [--now YYYY-MM-DD]

  --size    capacities to generate: 1000…1000000 or 1k…1m (default 100k)
  --needs   published needs to query (default 50)
  --rounds  passes over the needs per measurement (default 3)
  --seed    data generator seed (default 42)
  --now     the dataset's today (default 2026-11-22, so runs are comparable)
`

interface Options {
  size: number
  needs: number
  rounds: number
  seed: number
  now: string
}

function parse(argv: readonly string[]): Options {
  const { values } = parseOptions(argv, {
    size: { type: 'string' },
    needs: { type: 'string' },
    rounds: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
  })
  return {
    size: parseSize(values.size ?? '100k'),
    needs: parsePositiveInt('needs', values.needs ?? '50', 1000),
    rounds: parsePositiveInt('rounds', values.rounds ?? '3', 100),
    seed: parseSeed(values.seed ?? '42'),
    now: parseNow(values.now ?? '2026-11-22'),
  }
}

async function getJson(pool: Pool, path: string, init: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } = {}): Promise<unknown> {
  const res = await pool.request({ path, method: init.method ?? 'GET', ...(init.body ? { body: init.body } : {}), headers: init.headers ?? {} })
  const body = await res.body.json()
  if (res.statusCode !== 200) throw new Error(`${path} answered ${res.statusCode}: ${JSON.stringify(body).slice(0, 300)}`)
  return body
}

/** A need's matches are for those who run it: the bench reads them as a platform admin with a session of its own. */
async function adminHeaders(sql: Sql, now: Date): Promise<Record<string, string>> {
  const token = (await sql.begin(async (tx) => {
    const password = randomBytes(24).toString('base64url')
    const userId = await createUser(tx, { email: 'bench@podryad.example', name: 'Замер производительности', password, platformRole: 'admin' })
    return (await createSession(tx, userId, { userAgent: 'bench:match' }, now)).token
  })) as string
  return { cookie: `${SESSION_COOKIE}=${token}` }
}

function summary(samples: number[]) {
  return { p50: round(percentile(samples, 0.5), 2), p95: round(percentile(samples, 0.95), 2), n: samples.length }
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2))
  const servers = await startScratchServers(join('.bench', `servers-${process.pid}`))
  const stopServers = () => servers.stop().catch(() => undefined)
  process.once('SIGINT', () => void stopServers().then(() => process.exit(130)))
  try {
    const now = new Date(`${options.now}T10:00:00Z`)
    const dataset = generateDataset({ seed: options.seed, capacities: options.size, now: options.now })
    const load = progressBar('loading PostgreSQL', dataset.plan.capacities)
    const counts = await loadDataset(servers.sql, dataset, { onProgress: (table, rows) => table === 'capacities' && load.update(rows) })
    load.finish()

    const worker = createOutboxWorker({ sql: servers.sql, search: servers.search, batchSize: 2000, log: silentLogger })
    const indexing = progressBar('indexing via the outbox', counts.search_outbox)
    let indexed = 0
    for (;;) {
      const done = await worker.drainOnce()
      if (done === 0) break
      indexed += done
      indexing.update(indexed)
    }
    indexing.finish()

    const needIds = (
      await servers.sql<{ id: string }[]>`
        select id from needs where status = 'published' and deadline > ${options.now} order by id limit ${options.needs}`
    ).map((r) => r.id)
    const app = createApp({ sql: servers.sql, search: servers.search, now: () => now })
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    })
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const appPool = new Pool(`http://127.0.0.1:${port}`, { connections: 4 })
    const asAdmin = { headers: await adminHeaders(servers.sql, now) }
    const meiliPool = new Pool(servers.meiliUrl, { connections: 4 })
    const meiliHeaders = { authorization: `Bearer ${servers.meiliKey}`, 'content-type': 'application/json' }

    const bodies = new Map<string, string>()
    const scoring = { ms: 0, candidates: 0 }
    for (const id of needIds) {
      const need = await selectNeed(servers.sql, id)
      if (!need) continue
      const matchNeed = toMatchNeed(need)
      bodies.set(id, JSON.stringify({ queries: supplierRetrievalQueries(servers.search.indexes.capacities, matchNeed) }))
      const retrieval = await retrieveSuppliers(servers.search, matchNeed)
      const suppliers = await loadSupplierCandidates(servers.sql, [...retrieval.orgIds, ...retrieval.nearMissOrgIds])
      const started = performance.now()
      matchSuppliers(matchNeed, suppliers, { now: now.toISOString() })
      scoring.ms += performance.now() - started
      scoring.candidates += suppliers.length
      await getJson(appPool, `/api/needs/${id}/matches`, asAdmin)
    }

    const samples = { raw: [] as number[], stored: [] as number[], refresh: [] as number[] }
    const measuring = progressBar('measuring', options.rounds * needIds.length)
    let done = 0
    for (let round = 0; round < options.rounds; round++) {
      for (const id of needIds) {
        samples.raw.push((await timed(() => getJson(meiliPool, '/multi-search', { method: 'POST', body: bodies.get(id) ?? '', headers: meiliHeaders }))).ms)
        samples.stored.push((await timed(() => getJson(appPool, `/api/needs/${id}/matches?limit=20`, asAdmin))).ms)
        samples.refresh.push((await timed(() => getJson(appPool, `/api/needs/${id}/matches?limit=20&refresh=true`, asAdmin))).ms)
        measuring.update(++done)
      }
    }
    measuring.finish()
    await appPool.close()
    await meiliPool.close()
    server.close()

    const raw = summary(samples.raw)
    const stored = summary(samples.stored)
    const refresh = summary(samples.refresh)
    const perCandidateUs = scoring.candidates ? round((scoring.ms * 1000) / scoring.candidates, 2) : 0
    const result = {
      at: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      options,
      rows: counts,
      needs: needIds.length,
      raw,
      stored,
      refresh,
      ratios: {
        storedP50: round(stored.p50 / raw.p50, 2),
        storedP95: round(stored.p95 / raw.p95, 2),
        refreshP50: round(refresh.p50 / raw.p50, 2),
        refreshP95: round(refresh.p95 / raw.p95, 2),
      },
      scoring: { candidates: scoring.candidates, perCandidateUs },
    }
    await mkdir(join('.bench', 'results'), { recursive: true })
    const file = join('.bench', 'results', `bench-match-${result.at.replace(/[:.]/g, '-')}.json`)
    await writeFile(file, JSON.stringify(result, null, 2))
    console.log(`
| ${options.size.toLocaleString('en')} capacities, ${needIds.length} needs × ${options.rounds} | p50 ms | p95 ms | ratio p50 | ratio p95 |
|---|---|---|---|---|
| retrieval multi-search straight to Meilisearch (undici) | ${raw.p50} | ${raw.p95} | 1 | 1 |
| GET /api/needs/{id}/matches (stored results, as users call it) | ${stored.p50} | ${stored.p95} | ${result.ratios.storedP50} | ${result.ratios.storedP95} |
| GET /api/needs/{id}/matches?refresh=true (retrieve + load + score + save) | ${refresh.p50} | ${refresh.p95} | ${result.ratios.refreshP50} | ${result.ratios.refreshP95} |

Scoring: ${perCandidateUs} µs per candidate supplier (${scoring.candidates} candidates over ${needIds.length} needs).
Raw results: ${file}`)
  } finally {
    await stopServers()
  }
}

await runCli(USAGE, main)
