/**
 * HTTP throughput with autocannon (in a child process, see load-generator.ts):
 *   - `/healthz` of the app (Hono on @hono/node-server, full middleware stack, probing PostgreSQL and Meilisearch
 *     at most once a second) against bare `node:http` servers in this same process answering the same JSON: one
 *     answering at once, one running the two probes on every request. The first ratio is the brief's (all the
 *     app's cost); the second shows what reusing the probes saves;
 *   - the matches endpoint (stored results) under concurrent load, cycling through the benchmark's needs.
 */
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { runHttpLoad, type HttpLoadResult } from './load-generator.js'
import { type BenchApp, MATCH_PAGE, getJson } from './matching.js'
import { progressBar } from './progress.js'
import type { ScratchServers } from './servers.js'
import { ratio, round } from './stats.js'

export interface HttpBenchOptions {
  durationSeconds: number
  warmupSeconds: number
  /** Connections of the /healthz comparison (the same for every server). */
  healthConnections: number
  matchesConnections: number
  /** /healthz rounds, servers interleaved in each. */
  rounds: number
}

export const HTTP_DEFAULTS: HttpBenchOptions = { durationSeconds: 10, warmupSeconds: 2, healthConnections: 50, matchesConnections: 16, rounds: 2 }

interface HealthzTarget {
  name: 'app' | 'bareSameJson' | 'bareSameProbes'
  url: string
}

export interface HealthzComparison {
  connections: number
  /** Mean over rounds. */
  requestsPerSecond: Record<HealthzTarget['name'], number>
  /** App over bare, same JSON answered at once (target ≥ 0.8). */
  appOverBare: number | null
  /** App over bare running the same probes: the framework's and middleware's share alone. */
  appOverBareSameProbes: number | null
  rounds: Record<HealthzTarget['name'], HttpLoadResult[]>
}

export interface HttpBenchResult {
  healthz: HealthzComparison
  matches: HttpLoadResult & { connections: number }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function close(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeAllConnections()
  await closed
}

function jsonServer(answer: () => Promise<void>, body: string): Server {
  return createServer((_req, res) => {
    answer().then(
      () => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        res.end(body)
      },
      () => {
        res.writeHead(503)
        res.end()
      },
    )
  })
}

export async function measureHttp(servers: ScratchServers, app: BenchApp, needIds: readonly string[], options: HttpBenchOptions): Promise<HttpBenchResult> {
  const healthBody = JSON.stringify(await getJson(app.pool, '/healthz'))
  const bare = jsonServer(() => Promise.resolve(), healthBody)
  const bareProbes = jsonServer(async () => {
    await Promise.all([servers.sql`select 1`, servers.search.health()])
  }, healthBody)
  const targets: HealthzTarget[] = [
    { name: 'bareSameJson', url: await listen(bare) },
    { name: 'bareSameProbes', url: await listen(bareProbes) },
    { name: 'app', url: app.url },
  ]
  const rounds: HealthzComparison['rounds'] = { app: [], bareSameJson: [], bareSameProbes: [] }
  const runs = progressBar('HTTP load (autocannon)', options.rounds * targets.length + 1)
  let done = 0
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const target of targets) {
        rounds[target.name].push(
          await runHttpLoad({
            url: target.url,
            paths: ['/healthz'],
            connections: options.healthConnections,
            durationSeconds: options.durationSeconds,
            warmupSeconds: options.warmupSeconds,
          }),
        )
        runs.update(++done)
      }
    }
  } finally {
    await close(bare)
    await close(bareProbes)
  }
  const matches = await runHttpLoad({
    url: app.url,
    paths: needIds.map((id) => `/api/needs/${id}/matches?limit=${MATCH_PAGE}`),
    headers: app.adminHeaders,
    connections: options.matchesConnections,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
  })
  runs.update(++done)
  runs.finish()

  const mean = (results: HttpLoadResult[]) => Math.round(results.reduce((sum, r) => sum + r.requestsPerSecond, 0) / results.length)
  const requestsPerSecond = { app: mean(rounds.app), bareSameJson: mean(rounds.bareSameJson), bareSameProbes: mean(rounds.bareSameProbes) }
  return {
    healthz: {
      connections: options.healthConnections,
      requestsPerSecond,
      appOverBare: ratio(requestsPerSecond.app, requestsPerSecond.bareSameJson),
      appOverBareSameProbes: ratio(requestsPerSecond.app, requestsPerSecond.bareSameProbes),
      rounds,
    },
    matches: { ...matches, requestsPerSecond: round(matches.requestsPerSecond, 0), connections: options.matchesConnections },
  }
}
