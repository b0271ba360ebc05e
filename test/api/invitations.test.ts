import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceContext } from '../../src/services/context.js'
import { createCluster } from '../../src/services/clusters/create.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { TEST_PASSWORD, createTestUser, sessionCookieOf, signIn, uniqueEmail } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'
import { call } from '../helpers/http.js'

let deps: TestDeps
beforeAll(async () => {
  deps = await createTestDeps()
})
afterAll(async () => {
  await deps.close()
})

type App = TestDeps['app']

async function newOrganization(ctx: ServiceContext, name: string, kinds: ('supplier' | 'contractor' | 'centre')[], clusterIds: string[] = []): Promise<string> {
  return (await createOrganization(ctx, { name, inn: randomInn(), kinds, clusterIds })).id
}

/** A centre in a cluster of its own, its curator, and a supplier of that cluster without any people yet. */
async function curatedSupplier(ctx: ServiceContext) {
  const cluster = await createCluster(ctx, { nameRu: 'Камский кластер', nameEn: 'Kama Cluster', sector: 'automotive', regionCodes: ['16'], lat: 55.74, lon: 52.4 })
  const centreId = await newOrganization(ctx, 'Центр субконтрактации Республики Татарстан', ['centre'], [cluster.id])
  const supplierId = await newOrganization(ctx, 'ООО «Челнинский инструментальный завод»', ['supplier'], [cluster.id])
  const curator = await createTestUser(ctx.sql, { name: 'Алексей Куратов', platformRole: 'curator', memberships: [{ orgId: centreId, role: 'member' }] })
  return { supplierId, curator }
}

/** A supplier with one admin, signed in. */
async function supplierWithAdmin(app: App, ctx: ServiceContext, name = 'ООО «Прикамский механический цех»') {
  const orgId = await newOrganization(ctx, name, ['supplier'])
  const admin = await createTestUser(ctx.sql, { name: 'Ольга Админова', memberships: [{ orgId, role: 'admin' }] })
  return { orgId, admin, cookie: await signIn(app, admin.email) }
}

function tokenOf(link: string): string {
  const token = link.split('/').pop()
  if (!token) throw new Error(`no token in ${link}`)
  return token
}

async function invite(app: App, cookie: string, orgId: string, body: Record<string, unknown>) {
  const res = await call(app, 'POST', `/api/organizations/${orgId}/invitations`, body, { cookie })
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`)
  return { id: res.body.id as string, token: tokenOf(res.body.link as string), body: res.body }
}

const accept = (app: App, token: string, body: unknown) => call(app, 'POST', `/api/invitations/${token}/accept`, body)
const withoutRequestId = (problem: Record<string, unknown>) => ({ ...problem, requestId: undefined })

describe('invitations API', () => {
  it('lets a curator invite an organization’s first admin, who previews the link and accepts it exactly once', async () => {
    const { supplierId, curator } = await curatedSupplier(deps.ctx)
    const curatorCookie = await signIn(deps.app, curator.email)
    const address = uniqueEmail('Director')

    const invited = await call(deps.app, 'POST', `/api/organizations/${supplierId}/invitations`, { kind: 'organization', email: address.toUpperCase() }, { cookie: curatorCookie })
    expect(invited.status).toBe(201)
    expect(invited.body).toMatchObject({ kind: 'organization', orgId: supplierId, email: address.toLowerCase(), role: 'admin', invitedBy: { userId: curator.id, name: 'Алексей Куратов' } })
    expect(invited.body.link).toMatch(/^http:\/\/localhost\/invitations\/[A-Za-z0-9_-]{43}$/)
    const token = tokenOf(invited.body.link)

    const preview = await call(deps.app, 'GET', `/api/invitations/${token}`)
    expect(preview.status).toBe(200)
    expect(preview.body).toEqual({
      kind: 'organization',
      organizationName: 'ООО «Челнинский инструментальный завод»',
      email: address.toLowerCase(),
      role: 'admin',
      expiresAt: invited.body.expiresAt,
      existingAccount: false,
    })

    const weak = await accept(deps.app, token, { name: 'Марат Директоров', password: '12345678' })
    expect(weak.status).toBe(400)
    expect(weak.body.errors).toEqual([expect.objectContaining({ path: 'body.password' })])
    expect(weak.headers.getSetCookie()).toEqual([])

    const accepted = await accept(deps.app, token, { name: 'Марат Директоров', password: TEST_PASSWORD })
    expect(accepted.status).toBe(201)
    expect(accepted.body).toMatchObject({ orgId: supplierId, role: 'admin', newAccount: true })
    const cookie = sessionCookieOf(accepted.headers)
    const me = await call(deps.app, 'GET', '/api/auth/me', undefined, { cookie })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ email: address.toLowerCase(), name: 'Марат Директоров' })
    expect(me.body.memberships).toEqual([{ orgId: supplierId, orgName: 'ООО «Челнинский инструментальный завод»', role: 'admin' }])

    const again = await accept(deps.app, token, { name: 'Марат Директоров', password: TEST_PASSWORD })
    expect(again.status).toBe(404)
    expect((await call(deps.app, 'GET', `/api/invitations/${token}`)).status).toBe(404)

    const trail = await deps.sql<{ action: string; actorUserId: string }[]>`
      select action, actor_user_id from audit_log where entity = 'invitation' and entity_id = ${invited.body.id} order by id`
    expect(trail).toEqual([
      { action: 'invitation.create', actorUserId: curator.id },
      { action: 'invitation.accept', actorUserId: accepted.body.userId },
    ])
  })

  it('answers an expired token with the same 404 as an unknown one, a minute after its seventh day', async () => {
    let clock = new Date('2026-03-02T09:00:00Z')
    const timed = await createTestDeps({ now: () => clock })
    try {
      const { orgId, cookie } = await supplierWithAdmin(timed.app, timed.ctx)
      const { token } = await invite(timed.app, cookie, orgId, { kind: 'colleague', email: uniqueEmail(), role: 'member' })

      clock = new Date('2026-03-09T08:59:00Z')
      expect((await call(timed.app, 'GET', `/api/invitations/${token}`)).status).toBe(200)

      clock = new Date('2026-03-09T09:00:01Z')
      const expired = await call(timed.app, 'GET', `/api/invitations/${token}`)
      expect(expired.status).toBe(404)
      const expiredAccept = await accept(timed.app, token, { name: 'Опоздавший Сотрудник', password: TEST_PASSWORD })
      expect(expiredAccept.status).toBe(404)

      const unknown = await call(timed.app, 'GET', `/api/invitations/${'x'.repeat(43)}`)
      expect(unknown.status).toBe(404)
      expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(expired.body))
      expect(withoutRequestId(expiredAccept.body)).toEqual(withoutRequestId(expired.body))
      expect(JSON.stringify(expired.body)).not.toContain(token)
    } finally {
      await timed.close()
    }
  })

  it('lets exactly one of two concurrent accepts succeed', async () => {
    const { orgId, cookie } = await supplierWithAdmin(deps.app, deps.ctx)
    const address = uniqueEmail()
    const { token } = await invite(deps.app, cookie, orgId, { kind: 'colleague', email: address, role: 'member' })

    const answers = await Promise.all([
      accept(deps.app, token, { name: 'Первый Торопыга', password: TEST_PASSWORD }),
      accept(deps.app, token, { name: 'Второй Торопыга', password: TEST_PASSWORD }),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 404])
    const [row] = await deps.sql<{ users: number; memberships: number }[]>`
      select (select count(*)::int from users where email = ${address}) as users,
             (select count(*)::int from memberships m join users u on u.id = m.user_id where u.email = ${address}) as memberships`
    expect(row).toEqual({ users: 1, memberships: 1 })
  })

  it('lets an admin invite a colleague, who may then see colleagues but not invite (403); outsiders get 404', async () => {
    const { orgId, cookie } = await supplierWithAdmin(deps.app, deps.ctx)
    const { token } = await invite(deps.app, cookie, orgId, { kind: 'colleague', email: uniqueEmail('colleague'), role: 'member' })
    const accepted = await accept(deps.app, token, { name: 'Пётр Технологов', password: TEST_PASSWORD })
    expect(accepted.status).toBe(201)
    expect(accepted.body.role).toBe('member')
    const colleague = sessionCookieOf(accepted.headers)

    expect((await call(deps.app, 'GET', `/api/organizations/${orgId}/members`, undefined, { cookie: colleague })).status).toBe(200)
    for (const body of [{ kind: 'colleague', email: uniqueEmail(), role: 'member' }, { kind: 'organization', email: uniqueEmail() }]) {
      const refused = await call(deps.app, 'POST', `/api/organizations/${orgId}/invitations`, body, { cookie: colleague })
      expect(refused.status).toBe(403)
      expect(refused.body.code).toBe('FORBIDDEN')
    }
    expect((await call(deps.app, 'GET', `/api/organizations/${orgId}/invitations`, undefined, { cookie: colleague })).status).toBe(403)

    const foreign = await supplierWithAdmin(deps.app, deps.ctx, 'ООО «Чужой завод»')
    const missingId = 'org_000000000000000000000'
    const missing = await call(deps.app, 'GET', `/api/organizations/${missingId}/invitations`, undefined, { cookie: foreign.cookie })
    expect(missing.status).toBe(404)
    const sameAsMissing = (body: Record<string, unknown>) => ({ ...withoutRequestId(body), detail: String(body.detail).replace(orgId, missingId) })
    for (const [method, body] of [['GET', undefined], ['POST', { kind: 'colleague', email: uniqueEmail(), role: 'admin' }]] as const) {
      const res = await call(deps.app, method, `/api/organizations/${orgId}/invitations`, body, { cookie: foreign.cookie })
      expect(res.status).toBe(404)
      expect(sameAsMissing(res.body)).toEqual(withoutRequestId(missing.body))
    }

    const anonymous = await call(deps.app, 'POST', `/api/organizations/${orgId}/invitations`, { kind: 'colleague', email: uniqueEmail(), role: 'member' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json')
    expect((await call(deps.app, 'GET', `/api/organizations/${orgId}/invitations`)).status).toBe(401)
  })

  it('e-mails the link through the notification outbox and stores only a hash of the token', async () => {
    const { orgId, cookie } = await supplierWithAdmin(deps.app, deps.ctx, 'ООО «Набережночелнинский литейный завод»')
    const address = uniqueEmail()
    const { id, token, body } = await invite(deps.app, cookie, orgId, { kind: 'colleague', email: address, role: 'admin' })
    const hash = createHash('sha256').update(token).digest()

    const [mail] = await deps.sql<{ kind: string; recipient: string; subject: string; body: string }[]>`
      select kind, recipient, subject, body from notification_outbox where recipient = ${address}`
    expect(mail?.kind).toBe('invitation')
    expect(mail?.subject).toContain('ООО «Набережночелнинский литейный завод»')
    expect(mail?.body).toContain(body.link)
    expect(mail?.body.indexOf('Здравствуйте')).toBe(0)
    expect(mail?.body.indexOf('Hello')).toBeGreaterThan(mail?.body.indexOf('администратор') ?? Infinity)
    for (const encoding of ['hex', 'base64', 'base64url'] as const) expect(mail?.body).not.toContain(hash.toString(encoding))

    const [stored] = await deps.sql<{ row: string; tokenHash: Buffer }[]>`select i::text as row, token_hash from invitations i where id = ${id}`
    expect(stored?.tokenHash.equals(hash)).toBe(true)
    expect(stored?.row).not.toContain(token)
    expect(stored?.row).not.toContain(Buffer.from(token).toString('hex'))
  })

  it('replaces a pending invitation to the same address and lets an admin revoke one', async () => {
    const { orgId, cookie } = await supplierWithAdmin(deps.app, deps.ctx)
    const address = uniqueEmail()
    const first = await invite(deps.app, cookie, orgId, { kind: 'colleague', email: address, role: 'member' })
    const second = await invite(deps.app, cookie, orgId, { kind: 'colleague', email: address.toUpperCase(), role: 'admin' })
    expect((await call(deps.app, 'GET', `/api/invitations/${first.token}`)).status).toBe(404)
    expect((await call(deps.app, 'GET', `/api/invitations/${second.token}`)).body.role).toBe('admin')

    const pending = await call(deps.app, 'GET', `/api/organizations/${orgId}/invitations`, undefined, { cookie })
    expect(pending.status).toBe(200)
    expect(pending.body.items).toEqual([expect.objectContaining({ id: second.id, email: address, role: 'admin' })])
    expect(JSON.stringify(pending.body)).not.toContain(second.token)

    const foreign = await supplierWithAdmin(deps.app, deps.ctx, 'ООО «Чужой завод»')
    expect((await call(deps.app, 'DELETE', `/api/invitations/${second.id}`, undefined, { cookie: foreign.cookie })).status).toBe(404)
    expect((await call(deps.app, 'DELETE', `/api/invitations/${second.id}`)).status).toBe(401)
    expect((await call(deps.app, 'DELETE', `/api/invitations/${second.id}`, undefined, { cookie })).status).toBe(204)
    expect((await call(deps.app, 'GET', `/api/invitations/${second.token}`)).status).toBe(404)
    expect((await call(deps.app, 'DELETE', `/api/invitations/${second.id}`, undefined, { cookie })).status).toBe(404)
    const revocations = await deps.sql`select reason from audit_log where action = 'invitation.revoke' and entity_id in (${first.id}, ${second.id}) order by id`
    expect(revocations.map((r) => r.reason)).toEqual(['replaced', null])
  })

  it('adds an existing account to another organization once its password is proven', async () => {
    const home = await supplierWithAdmin(deps.app, deps.ctx, 'ООО «Родной завод»')
    const { orgId, cookie } = await supplierWithAdmin(deps.app, deps.ctx, 'ООО «Второй завод»')
    const { token } = await invite(deps.app, cookie, orgId, { kind: 'colleague', email: home.admin.email.toUpperCase(), role: 'member' })

    expect((await call(deps.app, 'GET', `/api/invitations/${token}`)).body.existingAccount).toBe(true)
    const wrong = await accept(deps.app, token, { password: 'совсем-не-тот-пароль' })
    expect(wrong.status).toBe(401)
    const accepted = await accept(deps.app, token, { password: TEST_PASSWORD })
    expect(accepted.status).toBe(201)
    expect(accepted.body).toMatchObject({ userId: home.admin.id, role: 'member', newAccount: false })
    const me = await call(deps.app, 'GET', '/api/auth/me', undefined, { cookie: sessionCookieOf(accepted.headers) })
    expect(me.body.memberships.map((m: { orgId: string; role: string }) => [m.orgId, m.role]).sort()).toEqual([[home.orgId, 'admin'], [orgId, 'member']].sort())
  })

  it('refuses to invite a current member again, a first admin twice, and curators out of scope', async () => {
    const { orgId, admin, cookie } = await supplierWithAdmin(deps.app, deps.ctx)
    const member = await call(deps.app, 'POST', `/api/organizations/${orgId}/invitations`, { kind: 'colleague', email: admin.email, role: 'member' }, { cookie })
    expect(member.status).toBe(409)

    const { supplierId, curator } = await curatedSupplier(deps.ctx)
    const curatorCookie = await signIn(deps.app, curator.email)
    await createTestUser(deps.sql, { memberships: [{ orgId: supplierId, role: 'admin' }] })
    const second = await call(deps.app, 'POST', `/api/organizations/${supplierId}/invitations`, { kind: 'organization', email: uniqueEmail() }, { cookie: curatorCookie })
    expect(second.status).toBe(409)

    const outOfScope = await call(deps.app, 'POST', `/api/organizations/${orgId}/invitations`, { kind: 'organization', email: uniqueEmail() }, { cookie: curatorCookie })
    expect(outOfScope.status).toBe(404)
  })
})
