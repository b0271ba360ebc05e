import { serve, type ServerType } from '@hono/node-server'
import { Pool } from 'undici'
import type { createApp } from '../../src/app.js'
import type { Sql } from '../../src/db/client.js'
import { freePort } from '../../src/embedded/process.js'
import { createTestUser, sessionCookieOf, TEST_ORIGIN, TEST_PASSWORD } from '../helpers/auth.js'

type App = ReturnType<typeof createApp>

/** The app on a real socket (the node adapter, as in production), and a keep-alive client for it. */
export interface ServedApp {
  url: string
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse>
  close(): Promise<void>
}

export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: any
  ms: number
}

export async function serveApp(app: App, connections = 32): Promise<ServedApp> {
  const port = await freePort()
  const server = await new Promise<ServerType>((resolve) => {
    const listening = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(listening))
  })
  const url = `http://127.0.0.1:${port}`
  const pool = new Pool(url, { connections, headersTimeout: 30_000, bodyTimeout: 30_000 })
  return {
    url,
    async request(method, path, body, headers = {}) {
      const started = performance.now()
      const res = await pool.request({
        method: method as 'GET',
        // Readable Cyrillic in test paths; on the wire it must be percent-encoded.
        path: /[^\x21-\x7e]/.test(path) ? encodeURI(path) : path,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? null : JSON.stringify(body),
      })
      const text = await res.body.text()
      let parsed: unknown = text
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        // not JSON: keep the text
      }
      return { status: res.statusCode, headers: res.headers, body: parsed, ms: performance.now() - started }
    },
    async close() {
      await pool.close()
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close(() => resolve())
      })
    },
  }
}

/** A platform admin, signed in over HTTP: the headers to send as them. */
export async function signInAdmin(sql: Sql, served: ServedApp): Promise<Record<string, string>> {
  const user = await createTestUser(sql, { name: 'Администратор платформы', platformRole: 'admin' })
  const res = await served.request('POST', '/api/auth/login', { email: user.email, password: TEST_PASSWORD })
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${JSON.stringify(res.body)}`)
  const setCookie = res.headers['set-cookie']
  const headers = new Headers()
  for (const value of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) headers.append('set-cookie', value)
  return { cookie: sessionCookieOf(headers), origin: TEST_ORIGIN }
}

/** A small seeded PRNG (mulberry32): fault timings must be reproducible from the seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Polls `condition` every `everyMs` until it holds; returns the milliseconds it took, throws after `timeoutMs`. */
export async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<number> {
  const started = performance.now()
  for (;;) {
    if (await condition().catch(() => false)) return performance.now() - started
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await sleep(everyMs)
  }
}
