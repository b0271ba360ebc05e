import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { createSql, type Sql } from '../../src/db/client.js'
import { createSearch, type Search } from '../../src/search/client.js'
import { ensureIndexes } from '../../src/search/settings.js'
import { createTestUser, signInHeaders } from '../helpers/auth.js'
import { databaseUrl } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'

/**
 * No response body gives away how the system is built (ASVS 5.0 16.5.1 / 13.4.x): whatever fails
 * underneath (a query, Meilisearch, a malformed request), the body holds no stack trace, no SQL, no
 * driver message, no internal address or index name. The failures are provoked for real: a database
 * whose tables were dropped under the app, a Meilisearch that is not there.
 */

const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat [\w$.<>]+ \(|\bat (file|node):|:\d+:\d+\)/],
  ['a source path', /node_modules|\/src\/|\.[cm]?[jt]sx?:\d+/],
  ['SQL', /\b(select|insert|update|delete)\b[\s\S]{0,80}\b(from|into|set|where)\b|\brelation "|syntax error|violates|\bpg_|postgres/i],
  ['a driver or system error', /ECONNREFUSED|ECONNRESET|CONNECTION_|TypeError|ReferenceError|undefined is not|Cannot read propert/],
  ['an internal address', /127\.0\.0\.1|localhost:\d+|\[::1\]/],
  ['a Meilisearch detail', /\/indexes\/|meilisearch|index_not_found|invalid_api_key/i],
]

function leaksIn(body: string): string[] {
  return LEAKS.filter(([, pattern]) => pattern.test(body)).map(([what]) => `${what}: ${pattern(body)}`)
  function pattern(text: string): string {
    for (const [, p] of LEAKS) {
      const m = p.exec(text)
      if (m) return text.slice(Math.max(0, m.index - 60), m.index + 60)
    }
    return ''
  }
}

const created: string[] = []
let broken: { sql: Sql; search: Search; app: ReturnType<typeof createApp>; headers: Record<string, string> }
let searchless: { sql: Sql; search: Search; app: ReturnType<typeof createApp>; headers: Record<string, string> }
let orgId: string

async function cloneDatabase(): Promise<Sql> {
  const name = `leaks_${randomBytes(5).toString('hex')}`
  const admin = createSql(databaseUrl(inject('postgresUrl'), 'postgres'), { max: 1 })
  await admin.unsafe(`create database ${name} template ${inject('templateDatabase')}`)
  await admin.end()
  created.push(name)
  return createSql(databaseUrl(inject('postgresUrl'), name), { max: 4 })
}

beforeAll(async () => {
  // A database whose capacity, need and certificate tables vanished under the running app.
  const sql = await cloneDatabase()
  const search = createSearch({ url: inject('meiliUrl'), apiKey: inject('meiliKey'), indexPrefix: `leaks_${randomBytes(4).toString('hex')}_` })
  await ensureIndexes(search)
  const app = createApp({ sql, search })
  const user = await createTestUser(sql, { name: 'Администратор', platformRole: 'admin' })
  const headers = await signInHeaders(app, user.email)
  const org = await app.request('/api/organizations', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ООО «Утечка»', inn: randomInn(), kinds: ['supplier', 'contractor'] }) })
  orgId = ((await org.json()) as { id: string }).id
  await sql.unsafe('drop table capacities, needs, certificates cascade')
  broken = { sql, search, app, headers }

  // A Meilisearch that is not there (nothing listens on port 9 of this host).
  const sql2 = await cloneDatabase()
  const deadSearch = createSearch({ url: 'http://127.0.0.1:9', apiKey: 'not-a-key', indexPrefix: 'gone_', http: { connectTimeoutMs: 200, searchTimeoutMs: 300 } })
  const app2 = createApp({ sql: sql2, search: deadSearch })
  const user2 = await createTestUser(sql2, { name: 'Администратор', platformRole: 'admin' })
  searchless = { sql: sql2, search: deadSearch, app: app2, headers: await signInHeaders(app2, user2.email) }
})

afterAll(async () => {
  for (const deps of [broken, searchless]) {
    await deps?.sql.end()
    await deps?.search.close()
  }
  const admin = createSql(databaseUrl(inject('postgresUrl'), 'postgres'), { max: 1 })
  for (const name of created) await admin.unsafe(`drop database if exists ${name} with (force)`)
  await admin.end()
})

interface Probe {
  method: string
  path: string
  body?: string
  contentType?: string
}

async function probe(app: ReturnType<typeof createApp>, headers: Record<string, string>, p: Probe, language: string): Promise<{ status: number; body: string }> {
  const res = await app.request(p.path, {
    method: p.method,
    headers: { ...headers, 'accept-language': language, ...(p.contentType ? { 'content-type': p.contentType } : {}) },
    ...(p.body !== undefined ? { body: p.body } : {}),
  })
  return { status: res.status, body: await res.text() }
}

describe('no internals in response bodies', () => {
  it('when queries fail underneath (tables dropped): 500 problems that say only "quote the request id"', async () => {
    const probes: Probe[] = [
      { method: 'GET', path: '/api/capacities/cap_0000000000000000000000000' },
      { method: 'GET', path: `/api/organizations/${'x'}/capacities` },
      { method: 'GET', path: `/api/organizations/${orgId}/capacities` },
      { method: 'POST', path: `/api/organizations/${orgId}/needs`, contentType: 'application/json', body: JSON.stringify({ title: 'Вал', processes: ['MCH.TURN'], quantity: 10, deadline: '2027-03-31', delivery: { address: 'Казань' } }) },
      { method: 'GET', path: `/api/organizations/${orgId}/certificates` },
      { method: 'GET', path: `/api/needs/need_0000000000000000000000000/matches` },
      { method: 'GET', path: `/api/organizations/${orgId}/matching-needs?refresh=true` },
      { method: 'GET', path: '/capacities' },
      { method: 'GET', path: `/organizations/${orgId}` },
    ]
    const statuses: number[] = []
    for (const p of probes) {
      for (const language of ['ru', 'en']) {
        const { status, body } = await probe(broken.app, broken.headers, p, language)
        statuses.push(status)
        expect(leaksIn(body), `${p.method} ${p.path} (${language}) answered ${status}: ${body.slice(0, 400)}`).toEqual([])
      }
    }
    // The probes did reach the failing queries: most answers are the generic 500.
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThanOrEqual(6)
  })

  it('when Meilisearch is not there: 503 problems without its address, index names or error codes', async () => {
    for (const path of ['/api/search/capacities?q=фрезерная', '/api/search/needs', '/healthz']) {
      for (const language of ['ru', 'en']) {
        const { status, body } = await probe(searchless.app, searchless.headers, { method: 'GET', path }, language)
        expect(status, body).toBe(503)
        expect(leaksIn(body), `${path} (${language}): ${body}`).toEqual([])
      }
    }
  })

  it('on malformed requests: 4xx problems that name the field, not the parser', async () => {
    const probes: Probe[] = [
      { method: 'POST', path: '/api/organizations', contentType: 'application/json', body: '{"name": "ООО', },
      { method: 'POST', path: '/api/organizations', contentType: 'application/json', body: '[]' },
      { method: 'POST', path: '/api/organizations', contentType: 'application/json', body: JSON.stringify({ name: 'ООО\u0000', inn: randomInn(), kinds: ['supplier'] }) },
      { method: 'POST', path: '/api/organizations', contentType: 'text/plain', body: 'name=x' },
      { method: 'GET', path: '/api/search/capacities?lat=1e999&lon=NaN&radiusKm=-1' },
      { method: 'GET', path: '/api/capacities/%E0%A4%A' },
      { method: 'PATCH', path: `/api/organizations/${orgId}`, contentType: 'application/json', body: JSON.stringify({ description: { $ne: null } }) },
    ]
    for (const p of probes) {
      const { status, body } = await probe(searchless.app, searchless.headers, p, 'en')
      expect(status, `${p.method} ${p.path}: ${body}`).toBeGreaterThanOrEqual(400)
      expect(status, `${p.method} ${p.path}: ${body}`).toBeLessThan(500)
      expect(leaksIn(body), `${p.method} ${p.path}: ${body}`).toEqual([])
    }
  })
})
