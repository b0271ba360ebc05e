import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { hash } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { HashLimiter } from '../../src/auth/password.js'
import { ABSOLUTE_LIFETIME_MS, INACTIVITY_TIMEOUT_MS } from '../../src/auth/session.js'
import { ServiceError, UnavailableError } from '../../src/lib/errors.js'
import type { PlatformRole } from '../../src/services/context.js'
import { createUser } from '../../src/services/users/createUser.js'
import { type TestDeps, createTestDeps, databaseUrl } from '../helpers/deps.js'
import { createSupplier } from '../helpers/fixtures.js'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const ORIGIN = 'http://localhost'

/** The clock the app sees; tests only ever move it forward, so one test's travel cannot revive another's session. */
let clock = new Date('2026-11-20T09:00:00Z')
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}

let deps: TestDeps
beforeAll(async () => {
  deps = await createTestDeps({ now: () => clock })
})
afterAll(async () => {
  await deps.close()
})

interface Sent {
  status: number
  body: any
  headers: Headers
  /** The session cookie this answer set: a token, '' when it cleared it, undefined when it did not touch it. */
  session: string | undefined
  setCookie: string | undefined
}

interface SendOptions {
  body?: unknown
  token?: string
  headers?: Record<string, string>
  /** The client address, as the Node adapter would report it. */
  address?: string
}

async function send(method: string, path: string, options: SendOptions = {}): Promise<Sent> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json'
  if (options.token !== undefined) headers.cookie = `__Host-session=${options.token}`
  const init: RequestInit = { method, headers }
  if (options.body !== undefined) init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  const env = options.address ? { incoming: { socket: { remoteAddress: options.address } } } : undefined
  const res = await deps.app.request(path, init, env)
  const text = await res.text()
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-session='))
  const session = setCookie === undefined ? undefined : (/^__Host-session=([^;]*)/.exec(setCookie)?.[1] ?? '')
  const isJson = /json/.test(res.headers.get('content-type') ?? '')
  return { status: res.status, headers: res.headers, body: text && isJson ? JSON.parse(text) : text, session, setCookie }
}

const STRONG = 'стальной прокат по ГОСТ 19281'

async function newUser(options: { password?: string; platformRole?: PlatformRole; name?: string } = {}): Promise<{ id: string; email: string; password: string }> {
  const email = `u-${randomUUID()}@zavod.example`
  const password = options.password ?? STRONG
  const id = await deps.sql.begin((tx) =>
    createUser(tx, { email, name: options.name ?? 'Иван Петров', password, ...(options.platformRole ? { platformRole: options.platformRole } : {}) }),
  )
  return { id, email, password }
}

async function signIn(email: string, password: string, address?: string): Promise<Sent> {
  return send('POST', '/api/auth/login', { body: { email, password }, ...(address ? { address } : {}) })
}

async function signedIn(options: { platformRole?: PlatformRole } = {}): Promise<{ id: string; email: string; password: string; token: string }> {
  const user = await newUser(options)
  const res = await signIn(user.email, user.password)
  expect(res.status).toBe(200)
  return { ...user, token: res.session as string }
}

const me = (token: string) => send('GET', '/api/auth/me', { token })

describe('sign-in and the session cookie', () => {
  it('sets a __Host- cookie that is HttpOnly, Secure, SameSite=Lax, Path=/ and has no Domain', async () => {
    const user = await newUser()
    const res = await signIn(user.email.toUpperCase(), user.password)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: user.id, email: user.email, name: 'Иван Петров', platformRole: null, language: 'ru', memberships: [] })
    const attributes = (res.setCookie ?? '').split(';').map((part) => part.trim())
    expect(attributes[0]).toMatch(/^__Host-session=[a-z0-9]{24}\.[A-Za-z0-9_-]{43}$/)
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/', `Max-Age=${INACTIVITY_TIMEOUT_MS / 1000}`]))
    expect(attributes.some((a) => /^domain=/i.test(a))).toBe(false)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
  })

  it('stores only the SHA-256 of the secret, and a forged secret for a real session id is refused', async () => {
    const { token, id } = await signedIn()
    const [sessionId, secret] = token.split('.') as [string, string]
    const [row] = await deps.sql<{ userId: string; secretHash: Buffer }[]>`select user_id, secret_hash from sessions where id = ${sessionId}`
    expect(row?.userId).toBe(id)
    expect(row?.secretHash.length).toBe(32)
    expect(row?.secretHash.toString('base64url')).not.toBe(secret)
    const forged = `${sessionId}.${Buffer.alloc(32, 7).toString('base64url')}`
    const res = await me(forged)
    expect(res.status).toBe(401)
    expect(res.session).toBe('')
    expect((await me(token)).status).toBe(200)
  })

  it('issues a new session on every sign-in; earlier sessions stay valid until they end', async () => {
    const user = await newUser()
    const first = (await signIn(user.email, user.password)).session as string
    const second = (await signIn(user.email, user.password)).session as string
    expect(second).not.toBe(first)
    expect((await me(first)).status).toBe(200)
    expect((await me(second)).status).toBe(200)
  })

  it('answers an unknown email, a wrong password and a deactivated account alike', async () => {
    const user = await newUser()
    const unknown = await signIn(`nobody-${randomUUID()}@zavod.example`, STRONG)
    const wrong = await signIn(user.email, 'не тот пароль вовсе')
    for (const res of [unknown, wrong]) {
      expect(res.status).toBe(401)
      expect(res.body).toMatchObject({ code: 'UNAUTHORIZED', detail: 'Неверный адрес почты или пароль / Wrong email or password' })
      expect(res.session).toBeUndefined()
    }
  })

  it('lists memberships with organization names in /me, and /me is 401 when anonymous', async () => {
    const { id, token } = await signedIn()
    const orgId = await createSupplier(deps, 'ООО «Елабужский механический завод»')
    await deps.sql`insert into memberships (user_id, org_id, role) values (${id}, ${orgId}, 'admin')`
    const res = await me(token)
    expect(res.body.memberships).toEqual([{ orgId, orgName: 'ООО «Елабужский механический завод»', role: 'admin' }])
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const anonymous = await send('GET', '/api/auth/me')
    expect(anonymous.status).toBe(401)
    expect(anonymous.session).toBeUndefined()
  })

  it('treats a malformed cookie as no session and clears it', async () => {
    for (const token of ['garbage', 'a.b', `${'a'.repeat(24)}.${'A'.repeat(43)}`, `${'a'.repeat(24)}.${'A'.repeat(43)}.x`]) {
      const res = await me(token)
      expect(res.status).toBe(401)
      expect(res.session).toBe('')
    }
  })

  it('leaves the existing open routes open: an anonymous request still works and sets no cookie', async () => {
    const res = await send('GET', '/api/taxonomy/processes')
    expect(res.status).toBe(200)
    expect(res.setCookie).toBeUndefined()
  })
})

describe('sign-out and revocation', () => {
  it('signs out: 204, the cookie is cleared and the old token no longer works', async () => {
    const { token } = await signedIn()
    const res = await send('POST', '/api/auth/logout', { token, headers: { origin: ORIGIN } })
    expect(res.status).toBe(204)
    expect(res.session).toBe('')
    expect(res.setCookie).toMatch(/Max-Age=0/)
    const after = await me(token)
    expect(after.status).toBe(401)
    expect(after.session).toBe('')
  })

  it('changing the password ends every session, issues a new one, and only the new password signs in', async () => {
    const user = await newUser()
    const laptop = (await signIn(user.email, user.password)).session as string
    const phone = (await signIn(user.email, user.password)).session as string
    const next = 'фрезерный центр с ЧПУ на пять осей'
    const res = await send('POST', '/api/auth/password', { token: laptop, body: { current: user.password, next } })
    expect(res.status).toBe(204)
    expect(res.session).toMatch(/^[a-z0-9]{24}\./)
    expect((await me(laptop)).status).toBe(401)
    expect((await me(phone)).status).toBe(401)
    expect((await me(res.session as string)).status).toBe(200)
    expect((await signIn(user.email, user.password)).status).toBe(401)
    expect((await signIn(user.email, next)).status).toBe(200)
    const [row] = await deps.sql<{ passwordChangedAt: Date }[]>`select password_changed_at from users where id = ${user.id}`
    expect(row?.passwordChangedAt.getTime()).toBe(clock.getTime())
  })

  it('refuses a wrong current password and an unacceptable new one with field paths', async () => {
    const user = await signedIn()
    const wrong = await send('POST', '/api/auth/password', { token: user.token, body: { current: 'совсем не тот пароль', next: 'токарный станок 16К20 ещё послужит' } })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors).toEqual([{ path: 'body.current', message: expect.stringContaining('The current password is wrong') }])
    const common = await send('POST', '/api/auth/password', { token: user.token, body: { current: user.password, next: 'Qwerty123' } })
    expect(common.status).toBe(400)
    expect(common.body.errors).toEqual([{ path: 'body.next', message: expect.stringContaining('too common') }])
    const sameAsEmail = await send('POST', '/api/auth/password', { token: user.token, body: { current: user.password, next: user.email.toUpperCase() } })
    expect(sameAsEmail.status).toBe(400)
    expect(sameAsEmail.body.errors).toEqual([{ path: 'body.next', message: expect.stringContaining('must not be the email') }])
    expect((await me(user.token)).status).toBe(200)
  })

  it('needs a session to change the password', async () => {
    const res = await send('POST', '/api/auth/password', { body: { current: STRONG, next: 'токарный станок 16К20 ещё послужит' } })
    expect(res.status).toBe(401)
  })
})

describe('expiry', () => {
  it('ends a session after the inactivity timeout and deletes it', async () => {
    const { token } = await signedIn()
    advance(INACTIVITY_TIMEOUT_MS)
    const res = await me(token)
    expect(res.status).toBe(401)
    expect(res.session).toBe('')
    const [row] = await deps.sql`select 1 from sessions where id = ${token.split('.')[0] ?? ''}`
    expect(row).toBeUndefined()
  })

  it('slides: use within the window pushes the expiry back, but writes at most once an hour', async () => {
    const { token } = await signedIn()
    const sessionId = token.split('.')[0] ?? ''
    advance(30 * 60 * 1000)
    const early = await me(token)
    expect(early.status).toBe(200)
    expect(early.session).toBeUndefined()
    advance(HOUR)
    const renewed = await me(token)
    expect(renewed.status).toBe(200)
    expect(renewed.session).toBe(token)
    expect(renewed.setCookie).toMatch(new RegExp(`Max-Age=${INACTIVITY_TIMEOUT_MS / 1000}`))
    const [row] = await deps.sql<{ lastVerifiedAt: Date }[]>`select last_verified_at from sessions where id = ${sessionId}`
    expect(row?.lastVerifiedAt.getTime()).toBe(clock.getTime())
    advance(INACTIVITY_TIMEOUT_MS - HOUR)
    expect((await me(token)).status).toBe(200)
  })

  it('ends even a session in daily use at the absolute lifetime', async () => {
    const { token } = await signedIn()
    const started = clock.getTime()
    while (clock.getTime() + 5 * DAY < started + ABSOLUTE_LIFETIME_MS) {
      advance(5 * DAY)
      expect((await me(token)).status).toBe(200)
    }
    clock = new Date(started + ABSOLUTE_LIFETIME_MS)
    const res = await me(token)
    expect(res.status).toBe(401)
    expect(res.session).toBe('')
  })
})

describe('CSRF and content types', () => {
  it('refuses a cross-site form POST, with or without a session cookie', async () => {
    const { token } = await signedIn()
    for (const path of ['/api/auth/login', '/api/auth/logout', '/api/organizations']) {
      const res = await send('POST', path, {
        token,
        body: 'email=victim%40zavod.example&password=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      })
      expect(res.status).toBe(403)
    }
    const anonymous = await send('POST', '/api/organizations', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' } })
    expect(anonymous.status).toBe(403)
    expect((await me(token)).status).toBe(200)
  })

  it('refuses a body-less POST carrying the session cookie unless it comes from our origin', async () => {
    const { token } = await signedIn()
    expect((await send('POST', '/api/auth/logout', { token })).status).toBe(403)
    expect((await send('POST', '/api/auth/logout', { token, headers: { origin: 'https://evil.example' } })).status).toBe(403)
    expect((await me(token)).status).toBe(200)
    expect((await send('POST', '/api/auth/logout', { token, headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(204)
  })

  it('never accepts a text/plain body on a JSON route, even from our own origin', async () => {
    const user = await newUser()
    const json = JSON.stringify({ email: user.email, password: user.password })
    const crossSite = await send('POST', '/api/auth/login', { body: json, headers: { 'content-type': 'text/plain' } })
    expect(crossSite.status).toBe(403)
    const sameOrigin = await send('POST', '/api/auth/login', { body: json, headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN } })
    expect(sameOrigin.status).toBe(415)
    expect(sameOrigin.session).toBeUndefined()
  })
})

describe('throttling', () => {
  it('blocks an account after 5 failures with 429 and Retry-After, doubles the block, and lets the owner in once it ends', async () => {
    const user = await newUser()
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, 'неверный пароль')).status).toBe(401)
    const blocked = await signIn(user.email, user.password)
    expect(blocked.status).toBe(429)
    expect(blocked.body.code).toBe('RATE_LIMITED')
    expect(blocked.headers.get('retry-after')).toBe('30')
    advance(30 * 1000)
    expect((await signIn(user.email, 'неверный пароль')).status).toBe(401)
    const longer = await signIn(user.email, user.password)
    expect(longer.headers.get('retry-after')).toBe('60')
    advance(60 * 1000)
    expect((await signIn(user.email, user.password)).status).toBe(200)
    // A success resets the account: the next typo is just a typo.
    expect((await signIn(user.email, 'неверный пароль')).status).toBe(401)
    expect((await signIn(user.email, user.password)).status).toBe(200)
  })

  it('caps the block at 15 minutes however many failures there were', async () => {
    const user = await newUser()
    for (let i = 0; i < 15; i++) {
      await signIn(user.email, 'неверный пароль')
      advance(15 * 60 * 1000)
    }
    await signIn(user.email, 'неверный пароль')
    expect((await signIn(user.email, user.password)).headers.get('retry-after')).toBe(String(15 * 60))
    advance(15 * 60 * 1000)
    expect((await signIn(user.email, user.password)).status).toBe(200)
  })

  it('blocks an address after 20 failures over any accounts, and only that address, until the block ends', async () => {
    const spray = '203.0.113.7'
    for (let i = 0; i < 20; i++) expect((await signIn(`victim-${i}-${randomUUID()}@zavod.example`, 'qwerty123', spray)).status).toBe(401)
    const user = await newUser()
    const blocked = await signIn(user.email, user.password, spray)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBe(30)
    expect((await signIn(user.email, user.password, '198.51.100.20')).status).toBe(200)
    advance(30 * 1000)
    expect((await signIn(user.email, user.password, spray)).status).toBe(200)
  })
})

describe('password storage', () => {
  it('stores an argon2id PHC string with m=19456, t=2, p=1', async () => {
    const user = await newUser()
    const [row] = await deps.sql<{ passwordHash: string }[]>`select password_hash from users where id = ${user.id}`
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/)
  })

  it('rehashes on sign-in when the stored parameters are not the current ones', async () => {
    const id = `usr_${'0'.repeat(9)}${randomUUID().replaceAll('-', '').slice(0, 12)}`
    const email = `old-${randomUUID()}@zavod.example`
    const legacy = await hash(STRONG, { timeCost: 1, memoryCost: 19456, parallelism: 1 })
    await deps.sql`insert into users (id, email, name, password_hash) values (${id}, ${email}, 'Старый пользователь', ${legacy})`
    expect((await signIn(email, STRONG)).status).toBe(200)
    const [row] = await deps.sql<{ passwordHash: string }[]>`select password_hash from users where id = ${id}`
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect((await signIn(email, STRONG)).status).toBe(200)
  })

  it('refuses short, common and email-like passwords with field paths, case-insensitively', async () => {
    const attempts: [string, string][] = [
      ['пароль', 'at least 8'],
      ['1234567', 'at least 8'],
      ['Qwerty123', 'too common'],
      ['ЙЦУКЕНГШЩЗ', 'too common'],
      ['1Q2W3E4R', 'too common'],
      ['gfhjkm123', 'too common'],
      ['x'.repeat(257), 'at most 256'],
    ]
    for (const [password, message] of attempts) {
      const err = await deps.sql
        .begin((tx) => createUser(tx, { email: `weak-${randomUUID()}@zavod.example`, name: 'Слабый пароль', password }))
        .catch((e: unknown) => e)
      expect(err).toBeInstanceOf(ServiceError)
      expect((err as ServiceError).status).toBe(400)
      expect((err as ServiceError).errors).toEqual([{ path: 'body.password', message: expect.stringContaining(message) }])
    }
    const email = `same-${randomUUID()}@zavod.example`
    const same = await deps.sql.begin((tx) => createUser(tx, { email, name: 'Я', password: email })).catch((e: unknown) => e)
    expect((same as ServiceError).errors[0]?.path).toBe('body.password')
  })

  it('refuses a second account with the same email in other capitals (409)', async () => {
    const user = await newUser()
    const err = await deps.sql.begin((tx) => createUser(tx, { email: user.email.toUpperCase(), name: 'Двойник', password: STRONG })).catch((e: unknown) => e)
    expect((err as ServiceError).status).toBe(409)
  })

  it('fails fast with 503 and Retry-After when more hashes queue than allowed, and runs queued ones in turn', async () => {
    const limiter = new HashLimiter(1, 1)
    let release: () => void = () => undefined
    const running = limiter.run(() => new Promise<string>((resolve) => (release = () => resolve('first'))))
    const queued = limiter.run(async () => 'second')
    const refused = await limiter.run(async () => 'third').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(UnavailableError)
    expect((refused as UnavailableError).status).toBe(503)
    expect((refused as UnavailableError).retryAfterSeconds).toBeGreaterThan(0)
    release()
    expect(await Promise.all([running, queued])).toEqual(['first', 'second'])
    expect(await limiter.run(async () => 'fourth')).toBe('fourth')
  })
})

describe('platform admin: roles and deactivation', () => {
  it('deactivating a user ends their sessions and refuses their sign-in like a wrong password; reactivating lets them back', async () => {
    const admin = await signedIn({ platformRole: 'admin' })
    const user = await signedIn()
    const res = await send('PATCH', `/api/users/${user.id}`, { token: admin.token, body: { active: false } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: user.id, active: false })
    expect((await me(user.token)).status).toBe(401)
    const refused = await signIn(user.email, user.password)
    expect(refused.status).toBe(401)
    expect(refused.body.detail).toBe('Неверный адрес почты или пароль / Wrong email or password')
    expect((await send('PATCH', `/api/users/${user.id}`, { token: admin.token, body: { active: true } })).body.active).toBe(true)
    expect((await signIn(user.email, user.password)).status).toBe(200)
  })

  it('changing a platform role ends the target’s sessions and is audited', async () => {
    const admin = await signedIn({ platformRole: 'admin' })
    const user = await signedIn()
    const res = await send('PATCH', `/api/users/${user.id}`, { token: admin.token, body: { platformRole: 'curator' } })
    expect(res.status).toBe(200)
    expect(res.body.platformRole).toBe('curator')
    expect((await me(user.token)).status).toBe(401)
    const relogged = await signIn(user.email, user.password)
    expect(relogged.body.platformRole).toBe('curator')
    const [entry] = await deps.sql`select actor_user_id, details from audit_log where action = 'user.set_platform_role' and entity_id = ${user.id}`
    expect(entry).toMatchObject({ actorUserId: admin.id, details: { from: null, to: 'curator' } })
  })

  it('is for platform admins only: 401 anonymous, 403 for others, 404 for an unknown user', async () => {
    const curator = await signedIn({ platformRole: 'curator' })
    const target = await newUser()
    expect((await send('PATCH', `/api/users/${target.id}`, { body: { active: false } })).status).toBe(401)
    expect((await send('PATCH', `/api/users/${target.id}`, { token: curator.token, body: { platformRole: 'admin' } })).status).toBe(403)
    const admin = await signedIn({ platformRole: 'admin' })
    expect((await send('PATCH', `/api/users/usr_${'0'.repeat(21)}`, { token: admin.token, body: { active: false } })).status).toBe(404)
    expect((await signIn(target.email, target.password)).status).toBe(200)
  })

  it('keeps at least one active platform admin', async () => {
    await deps.sql`update users set platform_role = null where platform_role = 'admin'`
    const admin = await signedIn({ platformRole: 'admin' })
    const demoteSelf = await send('PATCH', `/api/users/${admin.id}`, { token: admin.token, body: { platformRole: 'curator' } })
    expect(demoteSelf.status).toBe(409)
    expect((await send('PATCH', `/api/users/${admin.id}`, { token: admin.token, body: { active: false } })).status).toBe(409)
    const other = await signedIn({ platformRole: 'admin' })
    expect((await send('PATCH', `/api/users/${admin.id}`, { token: other.token, body: { active: false } })).status).toBe(200)
  })
})

describe('npm run admin:create', () => {
  const run = promisify(execFile)
  const repo = new URL('../..', import.meta.url).pathname

  async function adminCreate(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    const inherited = { ...process.env }
    delete inherited.PODRYAD_ADMIN_PASSWORD
    try {
      const { stdout, stderr } = await run('npm', ['run', '--silent', 'admin:create', '--', ...args], { cwd: repo, env: { ...inherited, ...env } })
      return { code: 0, stdout, stderr }
    } catch (err) {
      const failed = err as { code: number; stdout: string; stderr: string }
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
    }
  }

  it('prints usage and exits 2 on bad arguments', async () => {
    const argumentLists = [[], ['--email', 'not-an-email', '--name', 'Имя'], ['--email', 'a@b.ru'], ['--email', 'a@b.ru', '--name', 'Имя', '--role', 'admin']]
    const results = await Promise.all(argumentLists.map((args) => adminCreate(args, { PODRYAD_ADMIN_PASSWORD: STRONG })))
    for (const result of results) {
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('Usage: npm run admin:create')
    }
  })

  it('refuses a weak password and creates a platform admin with a strong one', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'podryad-admin-'))
    try {
      const email = `admin-${randomUUID()}@podryad.example`
      const env = { DATABASE_URL: databaseUrl(inject('postgresUrl'), deps.databaseName), DATA_DIR: dataDir }
      const weak = await adminCreate(['--email', email, '--name', 'Администратор'], { ...env, PODRYAD_ADMIN_PASSWORD: 'qwerty123' })
      expect(weak.code).toBe(1)
      expect(weak.stderr).toContain('too common')
      const created = await adminCreate(['--email', email, '--name', 'Администратор'], { ...env, PODRYAD_ADMIN_PASSWORD: STRONG })
      expect(created.code).toBe(0)
      const [row] = await deps.sql`select platform_role, active from users where email = ${email}`
      expect(row).toEqual({ platformRole: 'admin', active: true })
      expect((await signIn(email, STRONG)).body.platformRole).toBe('admin')
      const again = await adminCreate(['--email', email, '--name', 'Администратор'], { ...env, PODRYAD_ADMIN_PASSWORD: STRONG })
      expect(again.code).toBe(1)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
