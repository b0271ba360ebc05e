import { randomUUID } from 'node:crypto'
import { createAdaptorServer } from '@hono/node-server'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/services/users/createUser.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'

let deps: TestDeps
let server: ReturnType<typeof createAdaptorServer>

beforeAll(async () => {
  deps = await createTestDeps()
  server = createAdaptorServer({ fetch: deps.app.fetch })
})
afterAll(async () => {
  await deps.close()
})

const PASSWORD = 'токарно-винторезный станок 1К62'

async function newUser(): Promise<{ id: string; email: string }> {
  const email = `http-${randomUUID()}@zavod.example`
  const id = await deps.sql.begin((tx) => createUser(tx, { email, name: 'Мария Соколова', password: PASSWORD }))
  return { id, email }
}

function sessionCookie(setCookie: string[] | string | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []
  const cookie = all.find((c) => c.startsWith('__Host-session='))
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(all)}`)
  return cookie
}

describe('the session cookie over real HTTP', () => {
  it('round-trips: sign in, use the cookie, sign out, and the cookie is dead', async () => {
    const user = await newUser()
    const login = await request(server)
      .post('/api/auth/login')
      .set('user-agent', 'Podryad test browser')
      .send({ email: user.email, password: PASSWORD })
      .expect(200)
    expect(login.body).toMatchObject({ id: user.id, email: user.email })
    const setCookie = sessionCookie(login.headers['set-cookie'])
    expect(setCookie).toMatch(/; HttpOnly/)
    expect(setCookie).toMatch(/; Secure/)
    expect(setCookie).toMatch(/; SameSite=Lax/)
    expect(setCookie).toMatch(/; Path=\//)
    expect(setCookie).not.toMatch(/domain=/i)
    // A browser sends back only name=value; supertest's cookie jar would withhold a Secure cookie on plain HTTP.
    const cookie = setCookie.split(';')[0] as string

    const me = await request(server).get('/api/auth/me').set('cookie', cookie).expect(200)
    expect(me.body.id).toBe(user.id)
    const [session] = await deps.sql<{ userAgent: string; address: string }[]>`select user_agent, address from sessions where user_id = ${user.id}`
    expect(session?.userAgent).toBe('Podryad test browser')
    expect(session?.address).toMatch(/127\.0\.0\.1|::1/)

    const logout = await request(server).post('/api/auth/logout').set('cookie', cookie).set('origin', 'http://localhost').expect(204)
    expect(sessionCookie(logout.headers['set-cookie'])).toMatch(/^__Host-session=; Max-Age=0/)
    const after = await request(server).get('/api/auth/me').set('cookie', cookie).expect(401)
    expect(after.body.code).toBe('UNAUTHORIZED')
    expect(sessionCookie(after.headers['set-cookie'])).toMatch(/Max-Age=0/)
  })

  it('refuses a cross-site form POST and a text/plain POST to a JSON route', async () => {
    const user = await newUser()
    const form = await request(server)
      .post('/api/auth/login')
      .set('origin', 'https://evil.example')
      .type('form')
      .send({ email: user.email, password: PASSWORD })
    expect(form.status).toBe(403)
    const plain = await request(server)
      .post('/api/auth/login')
      .set('origin', 'http://localhost')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ email: user.email, password: PASSWORD }))
    expect(plain.status).toBe(415)
    expect(plain.headers['set-cookie']).toBeUndefined()
  })

  it('sends a CSP with a script nonce everywhere, relaxed for styles only on /docs', async () => {
    const api = await request(server).get('/api/auth/me')
    const csp = api.headers['content-security-policy'] as string
    expect(csp).toMatch(/default-src 'self'/)
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(csp).toMatch(/style-src 'self';/)
    expect(csp).toMatch(/object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'/)
    expect(api.headers['strict-transport-security']).toMatch(/max-age=31536000/)
    const docs = await request(server).get('/docs').expect(200)
    expect(docs.headers['content-security-policy']).toMatch(/style-src 'self' 'unsafe-inline'/)
  })
})
