import { randomBytes } from 'node:crypto'
import type { createApp } from '../../src/app.js'
import type { Sql } from '../../src/db/client.js'
import type { MembershipRole, PlatformRole } from '../../src/services/context.js'
import { createUser } from '../../src/services/users/createUser.js'

type App = ReturnType<typeof createApp>

/** Long and uncommon enough for the password rules; every test user has it unless told otherwise. */
export const TEST_PASSWORD = 'Фрезерный станок 6Р13 в цехе'

/** The origin the test app trusts: hono/csrf refuses a POST carrying the session cookie from anywhere else. */
export const TEST_ORIGIN = 'http://localhost'

/** A fresh address per call, so tests never collide on the unique e-mail. */
export function uniqueEmail(label = 'user'): string {
  return `${label}.${randomBytes(5).toString('hex')}@example.ru`
}

/** `__Host-session=<token>` from a response that signed someone in, ready for a `Cookie` header. */
export function sessionCookieOf(headers: Headers): string {
  const setCookie = headers.getSetCookie().find((header) => header.startsWith('__Host-session='))
  const pair = setCookie?.split(';')[0]
  if (!pair || pair === '__Host-session=') throw new Error('the response set no session cookie')
  return pair
}

/** Signs in through `POST /api/auth/login`; returns the `Cookie` header value carrying the session. */
export async function signIn(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
  if (res.status !== 200) throw new Error(`signIn ${email}: ${res.status} ${await res.text()}`)
  return sessionCookieOf(res.headers)
}

/** Headers of a signed-in browser: its session cookie and the Origin it sends along. */
export function sessionHeaders(cookie: string): Record<string, string> {
  return { cookie, origin: TEST_ORIGIN }
}

/** Signs `email` in and returns the headers to act as them, ready for `call(app, method, path, body, headers)`. */
export async function signInHeaders(app: App, email: string, password = TEST_PASSWORD): Promise<Record<string, string>> {
  return sessionHeaders(await signIn(app, email, password))
}

export interface TestUserOptions {
  email?: string
  name?: string
  password?: string
  platformRole?: PlatformRole | null
  memberships?: { orgId: string; role: MembershipRole }[]
}

/** A user made by `createUser`, with memberships written straight to the table. */
export async function createTestUser(sql: Sql, options: TestUserOptions = {}): Promise<{ id: string; email: string }> {
  const email = options.email ?? uniqueEmail()
  const id = await sql.begin((tx) =>
    createUser(tx, { email, name: options.name ?? 'Ирина Петрова', password: options.password ?? TEST_PASSWORD, platformRole: options.platformRole ?? null }),
  )
  for (const membership of options.memberships ?? []) {
    await sql`insert into memberships (user_id, org_id, role) values (${id}, ${membership.orgId}, ${membership.role})`
  }
  return { id, email }
}
