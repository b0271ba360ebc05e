import { Pool, type Dispatcher } from 'undici'
import { UnavailableError } from '../lib/errors.js'

/**
 * The transport under the meilisearch client. Its default transport is the global `fetch`, which
 * costs ~44 ms per call on Node 20 against ~4 ms for `undici.request` on a kept-alive pool
 * (measurements.md), so the client gets this one instead.
 */

export interface SearchHttpOptions {
  /** Searches answer a user who is waiting: fail fast and let the route answer 503. */
  searchTimeoutMs?: number
  /** `/health` backs readiness probes, which must answer within a second. */
  healthTimeoutMs?: number
  /** Other reads: task polling, settings, stats, document listings. */
  readTimeoutMs?: number
  /** Writes upload document payloads; ours are a few MB (a worker batch, a reindex page). */
  writeTimeoutMs?: number
  /** A host that drops packets (rather than refusing) must not hold a request for longer than this. */
  connectTimeoutMs?: number
  /** Sockets per Meilisearch origin; the engine itself runs 4 searches per core at once. */
  connections?: number
}

const DEFAULTS: Required<SearchHttpOptions> = {
  searchTimeoutMs: 2_000,
  healthTimeoutMs: 1_000,
  readTimeoutMs: 5_000,
  writeTimeoutMs: 10_000,
  connectTimeoutMs: 1_000,
  connections: 16,
}

/** Meilisearch answered, but not with success (4xx/5xx); `code` is its machine-readable error code. */
export class SearchRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    /** Seconds, from the `Retry-After` header (Meilisearch sends 10 with `too_many_search_requests`). */
    readonly retryAfter: number | undefined,
  ) {
    super(message)
    this.name = 'SearchRequestError'
  }
}

export const SEARCH_UNAVAILABLE = 'Поиск временно недоступен, повторите позже / Search is temporarily unavailable; retry shortly'

/** Meilisearch could not be reached or did not answer in time; a 503 for whoever is waiting. */
export class SearchUnavailableError extends UnavailableError {
  constructor(message: string, cause?: unknown) {
    super(message)
    this.name = 'SearchUnavailableError'
    this.cause = cause
    // The message names Meilisearch's address and our index names: for logs, not for clients (test/api/leaks.test.ts).
    this.publicMessage = SEARCH_UNAVAILABLE
  }
}

/**
 * The meilisearch client wraps whatever its `httpClient` throws in a `MeilisearchRequestError`;
 * this finds our error in the `cause` chain.
 */
export function unwrapSearchError(error: unknown): SearchRequestError | SearchUnavailableError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof SearchRequestError || current instanceof SearchUnavailableError) return current
  }
  return undefined
}

type RequestKind = 'health' | 'search' | 'read' | 'write'

const SEARCH_PATH = /\/(search|multi-search|facet-search|similar|documents\/fetch)$/

function requestKind(method: string, path: string): RequestKind {
  if (path.endsWith('/health')) return 'health'
  if (method === 'POST' && SEARCH_PATH.test(path)) return 'search'
  return method === 'GET' ? 'read' : 'write'
}

function timeoutFor(kind: RequestKind, options: Required<SearchHttpOptions>): number {
  switch (kind) {
    case 'health':
      return options.healthTimeoutMs
    case 'search':
      return options.searchTimeoutMs
    case 'read':
      return options.readTimeoutMs
    case 'write':
      return options.writeTimeoutMs
  }
}

interface MeilisearchErrorBody {
  message?: string
  code?: string
}

function parseErrorBody(text: string): MeilisearchErrorBody {
  try {
    const body: unknown = JSON.parse(text)
    return body && typeof body === 'object' ? (body as MeilisearchErrorBody) : {}
  } catch {
    return {}
  }
}

function parseRetryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined) return undefined
  const seconds = Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined
}

export interface SearchHttpClient {
  /** Matches the meilisearch client's `httpClient` option: resolves to the parsed JSON body. */
  request(input: string | URL | Request, init?: RequestInit): Promise<unknown>
  close(): Promise<void>
}

/** An undici transport with one keep-alive pool per Meilisearch origin and a deadline on every request. */
export function createSearchHttpClient(options: SearchHttpOptions = {}): SearchHttpClient {
  const settings = { ...DEFAULTS, ...options }
  const pools = new Map<string, Pool>()

  function poolFor(origin: string): Pool {
    let pool = pools.get(origin)
    if (!pool) {
      pool = new Pool(origin, { connections: settings.connections, connect: { timeout: settings.connectTimeoutMs } })
      pools.set(origin, pool)
    }
    return pool
  }

  async function request(input: string | URL | Request, init: RequestInit = {}): Promise<unknown> {
    if (input instanceof Request) throw new TypeError('search http client expects a URL, not a Request')
    const url = new URL(input)
    const method = (init.method ?? 'GET').toUpperCase()
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      throw new TypeError('search http client sends string bodies only')
    }
    const kind = requestKind(method, url.pathname)
    const timeoutMs = timeoutFor(kind, settings)
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), timeoutMs)
    const callerSignal = init.signal ?? undefined
    const signal = callerSignal ? AbortSignal.any([callerSignal, deadline.signal]) : deadline.signal
    const where = `${method} ${url.pathname}`
    try {
      const response = await poolFor(url.origin).request({
        method: method as Dispatcher.HttpMethod,
        path: `${url.pathname}${url.search}`,
        headers: Object.fromEntries(new Headers(init.headers)),
        body: init.body ?? null,
        signal,
      })
      const text = await response.body.text()
      if (response.statusCode >= 200 && response.statusCode < 300) return text === '' ? undefined : JSON.parse(text)
      const body = parseErrorBody(text)
      throw new SearchRequestError(
        `Meilisearch ${where} answered ${response.statusCode}: ${body.message ?? text.slice(0, 200)}`,
        response.statusCode,
        body.code,
        parseRetryAfter(response.headers['retry-after']),
      )
    } catch (error) {
      if (error instanceof SearchRequestError) throw error
      // The meilisearch client aborts task polling with its own reason and recognises it by identity.
      if (callerSignal?.aborted) throw callerSignal.reason
      if (deadline.signal.aborted) throw new SearchUnavailableError(`Meilisearch ${where} did not answer within ${timeoutMs} ms`, error)
      const reason = error instanceof Error ? error.message : String(error)
      throw new SearchUnavailableError(`Meilisearch ${where} failed: ${reason}`, error)
    } finally {
      clearTimeout(timer)
    }
  }

  async function close(): Promise<void> {
    const all = [...pools.values()]
    pools.clear()
    await Promise.all(all.map((pool) => pool.close()))
  }

  return { request, close }
}
