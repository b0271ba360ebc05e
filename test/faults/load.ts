import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * autocannon, loaded by name at run time: the package ships no types, and whether it is installed is
 * not this battery's business (tests that need it skip themselves without it).
 */

export interface LoadResult {
  requests: number
  /** Answers by HTTP status. */
  statuses: Record<string, number>
  errors: number
  timeouts: number
  latency: { p50: number; p99: number; max: number }
  /** Requests per second over the run. */
  rps: number
}

export interface LoadRequest {
  method?: 'GET' | 'POST' | 'PATCH'
  path: string
  headers?: Record<string, string>
  body?: unknown
}

interface AutocannonModule {
  default: (options: Record<string, unknown>) => Promise<{
    requests: { total: number; average: number }
    latency: { p50: number; p99: number; max: number }
    errors: number
    timeouts: number
    statusCodeStats?: Record<string, { count: number }>
  }>
}

let loaded: Promise<AutocannonModule | null> | undefined

export function loadAutocannon(): Promise<AutocannonModule | null> {
  const name = 'autocannon'
  loaded ??= (import(name) as Promise<AutocannonModule>).catch(() => null)
  return loaded
}

/** `connections` clients hammering one GET for `seconds`; null when autocannon is not installed. */
export function load(url: string, path: string, headers: Record<string, string>, connections: number, seconds: number): Promise<LoadResult | null> {
  return loadRequest(url, { path, headers }, connections, seconds)
}

/** `connections` clients sending one request over and over for `seconds`; null when autocannon is not installed. */
export async function loadRequest(url: string, request: LoadRequest, connections: number, seconds: number): Promise<LoadResult | null> {
  const autocannon = await loadAutocannon()
  if (!autocannon) return null
  const body = request.body === undefined ? {} : { body: JSON.stringify(request.body) }
  const headers = { ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers }
  const result = await autocannon.default({ url: `${url}${request.path}`, method: request.method ?? 'GET', connections, duration: seconds, headers, ...body, timeout: 10 })
  return {
    requests: result.requests.total,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count])),
    errors: result.errors,
    timeouts: result.timeouts,
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    rps: result.requests.average,
  }
}

/**
 * loadRequest in a child process, so the load generator does not share the event loop of the app it
 * loads (it still shares the two cores; compare steps of one run, not absolute figures).
 */
export function loadInChild(url: string, request: LoadRequest, connections: number, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./load-child.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    let result: LoadResult | null | undefined
    child.once('message', (message) => {
      result = message as LoadResult | null
    })
    child.once('error', reject)
    child.once('exit', (code) => {
      if (result) resolve(result)
      else reject(new Error(result === null ? 'autocannon is not installed' : `the load generator exited with code ${code} without a result`))
    })
    child.send({ url, request, connections, seconds })
  })
}
