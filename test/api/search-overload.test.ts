import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { createSearch, type Search } from '../../src/search/client.js'
import { createTestDeps, type TestDeps } from '../helpers/deps.js'
import { call } from '../helpers/http.js'

/**
 * Meilisearch refusing a search reaches the client as our 503 with Meilisearch's Retry-After, never a
 * 500. The refusals come from a real HTTP server answering exactly what Meilisearch 1.21 sends (body
 * and header captured from a real one with `--experimental-search-queue-size 1`); test/faults/meilisearch.test.ts
 * provokes the real thing.
 */

const TOO_MANY = JSON.stringify({
  message: 'Too many search requests running at the same time: 1. Retry after 10s.',
  code: 'too_many_search_requests',
  type: 'system',
  link: 'https://docs.meilisearch.com/errors#too_many_search_requests',
})

let deps: TestDeps
let server: Server
let search: Search
let answer: { status: number; body: string; headers: Record<string, string> }

beforeAll(async () => {
  deps = await createTestDeps()
  server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
      res.end(answer.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  search = createSearch({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: 'k', indexPrefix: 'x_' })
})

afterAll(async () => {
  await search.close()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await deps.close()
})

describe('Meilisearch refusing searches', () => {
  const cases: [string, typeof answer, string][] = [
    ['503 too_many_search_requests with Retry-After 10', { status: 503, body: TOO_MANY, headers: { 'retry-after': '10' } }, '10'],
    ['429 without Retry-After', { status: 429, body: JSON.stringify({ message: 'Too many requests', code: 'too_many_requests', type: 'system' }), headers: {} }, '5'],
    ['500 internal', { status: 500, body: JSON.stringify({ message: 'boom', code: 'internal', type: 'internal' }), headers: {} }, '5'],
    ['502 from a proxy, not JSON', { status: 502, body: '<html>Bad Gateway</html>', headers: {} }, '5'],
  ]
  for (const [name, given, retryAfter] of cases) {
    it(`maps ${name} to our 503 problem with Retry-After ${retryAfter}`, async () => {
      answer = given
      const app = createApp({ sql: deps.sql, search })
      for (const path of ['/api/search/capacities?q=%D1%84%D1%80%D0%B5%D0%B7', '/api/search/needs?q=x']) {
        const res = await call(app, 'GET', path, undefined, await deps.asAdmin())
        expect(res.status, path).toBe(503)
        expect(res.headers.get('retry-after')).toBe(retryAfter)
        expect(res.headers.get('content-type')).toContain('application/problem+json')
        expect(res.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' })
      }
    })
  }
})
