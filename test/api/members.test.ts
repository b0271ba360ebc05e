import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceContext } from '../../src/services/context.js'
import { createCluster } from '../../src/services/clusters/create.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { createTestUser, signIn } from '../helpers/auth.js'
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

async function newOrganization(ctx: ServiceContext, name: string, clusterIds: string[] = []): Promise<string> {
  return (await createOrganization(ctx, { name, inn: randomInn(), kinds: ['supplier'], clusterIds })).id
}

/** A supplier with one admin and one member, both signed in. */
async function team(name = 'ООО «Казанский станкостроительный завод»') {
  const orgId = await newOrganization(deps.ctx, name)
  const admin = await createTestUser(deps.sql, { name: 'Анна Админова', memberships: [{ orgId, role: 'admin' }] })
  const member = await createTestUser(deps.sql, { name: 'Борис Токарев', memberships: [{ orgId, role: 'member' }] })
  return { orgId, admin, member, adminCookie: await signIn(deps.app, admin.email), memberCookie: await signIn(deps.app, member.email) }
}

const members = (orgId: string, cookie?: string) => call(deps.app, 'GET', `/api/organizations/${orgId}/members`, undefined, cookie ? { cookie } : {})
const changeRole = (orgId: string, userId: string, role: string, cookie: string) => call(deps.app, 'PATCH', `/api/organizations/${orgId}/members/${userId}`, { role }, { cookie })
const remove = (orgId: string, userId: string, cookie: string) => call(deps.app, 'DELETE', `/api/organizations/${orgId}/members/${userId}`, undefined, { cookie })
const me = (cookie: string) => call(deps.app, 'GET', '/api/auth/me', undefined, { cookie })

describe('members API', () => {
  it('lists members with roles for colleagues and a curator in scope, 404 for outsiders, 401 anonymously', async () => {
    const cluster = await createCluster(deps.ctx, { nameRu: 'Камский кластер', nameEn: 'Kama Cluster', sector: 'automotive', regionCodes: ['16'], lat: 55.74, lon: 52.4 })
    const centreId = (await createOrganization(deps.ctx, { name: 'Центр субконтрактации РТ', inn: randomInn(), kinds: ['centre'], clusterIds: [cluster.id] })).id
    const orgId = await newOrganization(deps.ctx, 'ООО «Елабужский литейный завод»', [cluster.id])
    const admin = await createTestUser(deps.sql, { name: 'Анна Админова', memberships: [{ orgId, role: 'admin' }] })
    const member = await createTestUser(deps.sql, { name: 'Борис Токарев', memberships: [{ orgId, role: 'member' }] })
    const curator = await createTestUser(deps.sql, { platformRole: 'curator', memberships: [{ orgId: centreId, role: 'member' }] })
    const outsider = await team('ООО «Посторонний завод»')

    const expected = [
      { userId: admin.id, name: 'Анна Админова', email: admin.email, role: 'admin', joinedAt: expect.any(String) },
      { userId: member.id, name: 'Борис Токарев', email: member.email, role: 'member', joinedAt: expect.any(String) },
    ]
    for (const cookie of [await signIn(deps.app, member.email), await signIn(deps.app, curator.email)]) {
      const listed = await members(orgId, cookie)
      expect(listed.status).toBe(200)
      expect(listed.body.items).toEqual(expected)
    }
    expect((await members(orgId, outsider.adminCookie)).status).toBe(404)
    const anonymous = await members(orgId)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json')
  })

  it('promotes a member, ending their sessions, and audits the change', async () => {
    const { orgId, member, adminCookie, memberCookie } = await team()
    const promoted = await changeRole(orgId, member.id, 'admin', adminCookie)
    expect(promoted.status).toBe(200)
    expect(promoted.body).toMatchObject({ userId: member.id, role: 'admin' })

    expect((await me(memberCookie)).status).toBe(401)
    const fresh = await me(await signIn(deps.app, member.email))
    expect(fresh.body.memberships).toEqual([expect.objectContaining({ orgId, role: 'admin' })])
    expect((await me(adminCookie)).status).toBe(200)

    const [entry] = await deps.sql`select action, details from audit_log where entity = 'organization' and entity_id = ${orgId} and action = 'member.change_role'`
    expect(entry?.details).toEqual({ userId: member.id, from: 'member', to: 'admin' })
  })

  it('keeps at least one admin: the last one can neither step down nor leave (409), with a second admin they can', async () => {
    const { orgId, admin, member, adminCookie } = await team()
    const demote = await changeRole(orgId, admin.id, 'member', adminCookie)
    expect(demote.status).toBe(409)
    expect(demote.body.code).toBe('CONFLICT')
    expect((await remove(orgId, admin.id, adminCookie)).status).toBe(409)

    expect((await changeRole(orgId, member.id, 'admin', adminCookie)).status).toBe(200)
    expect((await changeRole(orgId, admin.id, 'member', adminCookie)).status).toBe(200)
    expect((await me(adminCookie)).status).toBe(401)
  })

  it('never lets two concurrent demotions leave an organization without an admin', async () => {
    const orgId = await newOrganization(deps.ctx, 'ООО «Два директора»')
    const first = await createTestUser(deps.sql, { memberships: [{ orgId, role: 'admin' }] })
    const second = await createTestUser(deps.sql, { memberships: [{ orgId, role: 'admin' }] })
    // A platform admin's session survives both changes, so each request gets as far as the admin count.
    const platformAdmin = await createTestUser(deps.sql, { platformRole: 'admin' })
    const cookie = await signIn(deps.app, platformAdmin.email)

    // Open every pooled connection first: otherwise the second request waits for a new connection while the first
    // one's transaction runs to its end alone, and the race under test never happens.
    await Promise.all(Array.from({ length: 5 }, () => deps.sql`select pg_sleep(0.05)`))
    const answers = await Promise.all([changeRole(orgId, first.id, 'member', cookie), changeRole(orgId, second.id, 'member', cookie)])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const [row] = await deps.sql`select count(*)::int as admins from memberships where org_id = ${orgId} and role = 'admin'`
    expect(row?.admins).toBe(1)
  })

  it('removes a member, ending their sessions; a plain member may not manage people (403), another tenant gets 404', async () => {
    const { orgId, admin, member, adminCookie, memberCookie } = await team()
    const outsider = await team('ООО «Чужая бригада»')

    const asMember = await changeRole(orgId, admin.id, 'member', memberCookie)
    expect(asMember.status).toBe(403)
    expect(asMember.body.code).toBe('FORBIDDEN')
    expect((await remove(orgId, admin.id, memberCookie)).status).toBe(403)

    const missing = await changeRole('org_000000000000000000000', member.id, 'admin', outsider.adminCookie)
    expect(missing.status).toBe(404)
    for (const res of [await changeRole(orgId, member.id, 'admin', outsider.adminCookie), await remove(orgId, member.id, outsider.adminCookie), await members(orgId, outsider.adminCookie)]) {
      expect(res.status).toBe(404)
      expect({ ...res.body, requestId: undefined, detail: String(res.body.detail).replace(orgId, 'org_000000000000000000000') }).toEqual({ ...missing.body, requestId: undefined })
    }

    expect((await remove(orgId, member.id, adminCookie)).status).toBe(204)
    expect((await me(memberCookie)).status).toBe(401)
    expect((await members(orgId, adminCookie)).body.items.map((m: { userId: string }) => m.userId)).toEqual([admin.id])
    expect((await remove(orgId, member.id, adminCookie)).status).toBe(404)
    const [entry] = await deps.sql`select details from audit_log where entity = 'organization' and entity_id = ${orgId} and action = 'member.remove'`
    expect(entry?.details).toEqual({ userId: member.id, role: 'member' })
  })
})
