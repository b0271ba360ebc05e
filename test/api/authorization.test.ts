import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../src/lib/ids.js'
import type { MembershipRole } from '../../src/services/context.js'
import { createTestUser, signInHeaders, uniqueEmail } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { type SitePlace, insertCapacity, insertSite, randomInn } from '../helpers/fixtures.js'
import { type JsonResponse, call } from '../helpers/http.js'

/**
 * Who may do what, tried exhaustively: every mutating route of the OpenAPI document × every kind of
 * user × resources of their own tenant and of others. A route added later without an entry here fails
 * the test, and so does any success on another tenant's resource.
 */

/** The clock the app sees: deadlines below are judged against 20 November 2026. */
const NOW = new Date('2026-11-20T09:00:00Z')

let deps: TestDeps

const ROLES = ['anonymous', 'platformAdmin', 'curatorKama', 'curatorUlyanovsk', 'contractorMember', 's1Admin', 's1Member', 's2Admin'] as const
type Role = (typeof ROLES)[number]

/** The tenants: a centre per cluster, a contractor per cluster (A in Кама), and a supplier per cluster. */
const ORGS = ['centreKama', 'centreUlyanovsk', 'contractorA', 'contractorB', 's1', 's2'] as const
type Org = (typeof ORGS)[number]
type ClusterKey = 'kama' | 'ulyanovsk'

const ORG_SETUP: Record<Org, { name: string; kinds: string[]; cluster: ClusterKey }> = {
  centreKama: { name: 'АНО «Центр субконтрактации Республики Татарстан»', kinds: ['centre'], cluster: 'kama' },
  centreUlyanovsk: { name: 'АНО «Центр субконтрактации Ульяновской области»', kinds: ['centre'], cluster: 'ulyanovsk' },
  contractorA: { name: 'ПАО «КАМАЗ»', kinds: ['contractor'], cluster: 'kama' },
  contractorB: { name: 'АО «Авиастар-СП»', kinds: ['contractor'], cluster: 'ulyanovsk' },
  s1: { name: 'ООО «Алабуга Штамп»', kinds: ['supplier'], cluster: 'kama' },
  s2: { name: 'ООО «Волжский фрезерный цех»', kinds: ['supplier'], cluster: 'ulyanovsk' },
}

/** Who belongs where, and which cluster a curator's centre covers. */
const MEMBERSHIPS: Record<Exclude<Role, 'anonymous' | 'platformAdmin'>, { org: Org; role: MembershipRole }> = {
  curatorKama: { org: 'centreKama', role: 'member' },
  curatorUlyanovsk: { org: 'centreUlyanovsk', role: 'member' },
  contractorMember: { org: 'contractorA', role: 'member' },
  s1Admin: { org: 's1', role: 'admin' },
  s1Member: { org: 's1', role: 'member' },
  s2Admin: { org: 's2', role: 'admin' },
}
const CURATES: Partial<Record<Role, ClusterKey>> = { curatorKama: 'kama', curatorUlyanovsk: 'ulyanovsk' }

/** A place inside each cluster's region: a site elsewhere would move its organization into another centre's scope. */
const PLACES: Record<ClusterKey, SitePlace> = {
  kama: { address: 'г. Набережные Челны, Республика Татарстан, Промзона', city: 'Набережные Челны', regionCode: '16', lat: 55.7254, lon: 52.4112 },
  ulyanovsk: { address: 'г. Ульяновск, Ульяновская область, ул. Металлистов, 16', city: 'Ульяновск', regionCode: '73', lat: 54.3282, lon: 48.3866 },
}

/** The supplier each contractor's pipeline pairs with: the one in its own cluster. */
const PAIRED_SUPPLIER: Partial<Record<Org, Org>> = { contractorA: 's1', contractorB: 's2' }

const world = {
  clusters: {} as Record<ClusterKey, string>,
  orgs: {} as Record<Org, string>,
  users: {} as Record<Exclude<Role, 'anonymous'>, { id: string; email: string }>,
  headers: {} as Record<Role, Record<string, string>>,
}

beforeAll(async () => {
  deps = await createTestDeps({ now: () => NOW })
  for (const [key, nameRu, nameEn, sector, region, lat, lon] of [
    ['kama', 'Камский инновационный территориально-производственный кластер', 'Kama Cluster', 'automotive', '16', 55.74, 52.4],
    ['ulyanovsk', 'Ульяновский авиационный кластер', 'Ulyanovsk Aviation Cluster', 'aviation', '73', 54.31, 48.4],
  ] as const) {
    world.clusters[key] = newId('clu')
    await deps.sql`
      insert into clusters (id, name_ru, name_en, sector, region_codes, lat, lon)
      values (${world.clusters[key]}, ${nameRu}, ${nameEn}, ${sector}, array[${region}]::text[], ${lat}, ${lon})`
  }
  for (const org of ORGS) world.orgs[org] = await insertOrganization(ORG_SETUP[org])
  const admin = await createTestUser(deps.sql, { name: 'Администратор платформы', platformRole: 'admin' })
  world.users.platformAdmin = admin
  for (const [role, membership] of Object.entries(MEMBERSHIPS) as [keyof typeof MEMBERSHIPS, (typeof MEMBERSHIPS)[keyof typeof MEMBERSHIPS]][]) {
    world.users[role] = await createTestUser(deps.sql, {
      name: role,
      platformRole: CURATES[role] ? 'curator' : null,
      memberships: [{ orgId: world.orgs[membership.org], role: membership.role }],
    })
  }
  world.headers.anonymous = {}
  for (const role of ROLES) if (role !== 'anonymous') world.headers[role] = await signInHeaders(deps.app, world.users[role].email)
})
afterAll(async () => {
  await deps.close()
})

async function insertOrganization(setup: { name: string; kinds: string[]; cluster: ClusterKey }): Promise<string> {
  const id = newId('org')
  await deps.sql`insert into organizations (id, name, inn, kinds) values (${id}, ${setup.name}, ${randomInn()}, ${deps.sql.array(setup.kinds)})`
  await deps.sql`insert into organization_clusters (org_id, cluster_id) values (${id}, ${world.clusters[setup.cluster]})`
  return id
}

// Fresh resources, one per case: a case that deletes or moves something must not change what the next one finds.

/** A new organization standing exactly where `org` does: same kinds, cluster and people. */
async function twinOf(org: Org): Promise<string> {
  const id = await insertOrganization(ORG_SETUP[org])
  await deps.sql`insert into memberships (user_id, org_id, role) select user_id, ${id}, role from memberships where org_id = ${world.orgs[org]}`
  return id
}

const siteOf = (org: Org) => insertSite(deps.sql, world.orgs[org], PLACES[ORG_SETUP[org].cluster])

async function certificateOf(org: Org): Promise<string> {
  const id = newId('cert')
  await deps.sql`
    insert into certificates (id, org_id, standard, number, issuer, valid_from, valid_until)
    values (${id}, ${world.orgs[org]}, 'ISO9001', ${`RU-${id.slice(-6)}`}, 'Русский Регистр', '2024-01-15', '2028-01-15')`
  return id
}

const capacityOf = async (org: Org) => insertCapacity(deps.sql, world.orgs[org], await siteOf(org))

interface NeedExtras {
  visibility?: 'public' | 'cluster' | 'invited'
  clusterId?: string
  invitedOrgIds?: string[]
  processes?: string[]
}

async function needOf(org: Org, status: 'draft' | 'published', extra: NeedExtras = {}): Promise<string> {
  const id = newId('need')
  const place = PLACES[ORG_SETUP[org].cluster]
  await deps.sql`
    insert into needs (id, org_id, title, processes, delivery_address, delivery_city, delivery_region_code, delivery_lat, delivery_lon,
                       delivery_precision, deadline, status, published_at, visibility, cluster_id, invited_org_ids)
    values (${id}, ${world.orgs[org]}, 'Кронштейн крепления глушителя', ${deps.sql.array(extra.processes ?? ['STP.PROG'])}, ${place.address}, ${place.city},
            ${place.regionCode}, ${place.lat}, ${place.lon}, 'city', '2027-03-31', ${status}, ${status === 'published' ? NOW : null},
            ${extra.visibility ?? 'public'}, ${extra.clusterId ?? null}, ${deps.sql.array(extra.invitedOrgIds ?? [])})`
  return id
}

/** A published need of `org` with the core's suggestion of the supplier in its cluster. */
async function pairOf(org: Org): Promise<[string, string]> {
  const needId = await needOf(org, 'published')
  const supplierId = world.orgs[PAIRED_SUPPLIER[org] as Org]
  await deps.sql`
    insert into matches (need_id, supplier_org_id, score, breakdown, explanation, capacity_ids, distance_km, computed_at)
    values (${needId}, ${supplierId}, 0.8, '{}', '{"ru": "подходит", "en": "fits"}', '{}', 35, ${NOW})`
  return [needId, supplierId]
}

/** A person of `org` to promote or remove; they never sign in, so a placeholder password hash will do. */
async function memberOf(org: Org): Promise<string> {
  const id = newId('usr')
  await deps.sql`insert into users (id, email, name, password_hash) values (${id}, ${uniqueEmail('staff')}, 'Мастер участка', 'never-signs-in')`
  await deps.sql`insert into memberships (user_id, org_id, role) values (${id}, ${world.orgs[org]}, 'member')`
  return id
}

async function invitationOf(org: Org): Promise<string> {
  const id = newId('inv')
  await deps.sql`
    insert into invitations (id, token_hash, kind, org_id, email, role, invited_by, expires_at)
    values (${id}, ${randomBytes(32)}, 'colleague', ${world.orgs[org]}, ${uniqueEmail('invitee')}, 'member', ${world.users.platformAdmin.id},
            ${new Date(NOW.getTime() + 86_400_000)})`
  return id
}

async function alertOf(org: Org): Promise<string> {
  const id = newId('alrt')
  await deps.sql`insert into supplier_alerts (id, org_id, kind, name, min_score, created_at, updated_at) values (${id}, ${world.orgs[org]}, 'capacities', 'Под мои мощности', 0.5, ${NOW}, ${NOW})`
  return id
}

async function plainUser(): Promise<string> {
  const id = newId('usr')
  await deps.sql`insert into users (id, email, name, password_hash) values (${id}, ${uniqueEmail('someone')}, 'Кто-то', 'never-signs-in')`
  return id
}

/**
 * How a role stands towards a resource: through the platform, a centre covering it, its organization (by
 * membership role), as the supplier of a pair (match routes only), or not at all.
 */
type Relation = 'anonymous' | 'platformAdmin' | 'curator' | 'orgAdmin' | 'orgMember' | 'pairSupplier' | 'self' | 'outsider'

function tenantRelation(role: Role, org: Org): Relation {
  if (role === 'anonymous') return 'anonymous'
  if (role === 'platformAdmin') return 'platformAdmin'
  if (CURATES[role] === ORG_SETUP[org].cluster) return 'curator'
  const membership = MEMBERSHIPS[role]
  if (membership.org === org) return membership.role === 'admin' ? 'orgAdmin' : 'orgMember'
  return 'outsider'
}

function pairRelation(role: Role, org: Org): Relation {
  const relation = tenantRelation(role, org)
  const supplier = PAIRED_SUPPLIER[org]
  return relation === 'outsider' && supplier && role !== 'anonymous' && role !== 'platformAdmin' && MEMBERSHIPS[role].org === supplier ? 'pairSupplier' : relation
}

/** The answer expected: a success, a refusal on content or state (the check passed), or an access refusal. */
type Outcome = 'ok' | 'invalid' | 'conflict' | 401 | 403 | 404

function outcomeOf(status: number): Outcome | number {
  if (status >= 200 && status < 300) return 'ok'
  if (status === 400) return 'invalid'
  if (status === 409) return 'conflict'
  return status
}

const DEFAULT_OUTCOMES: Partial<Record<Relation, Outcome>> = { anonymous: 401, platformAdmin: 'ok', outsider: 404 }

/** Anonymous 401, platform admins allowed, outsiders (and relations not named) 404; the rest as given. */
const byRelation =
  (outcomes: Partial<Record<Relation, Outcome>>) =>
  (relation: Relation): Outcome =>
    ({ ...DEFAULT_OUTCOMES, ...outcomes })[relation] ?? 404

/** Those who keep an organization's data: any member, a curator covering it, a platform admin. */
const keepers = byRelation({ curator: 'ok', orgAdmin: 'ok', orgMember: 'ok' })
/** Those who manage an organization: its admins, a curator covering it, a platform admin; a plain member learns why not. */
const managers = byRelation({ curator: 'ok', orgAdmin: 'ok', orgMember: 403 })
/** A centre's work (verification, the match pipeline): curators covering it and platform admins; its own people learn why not. */
const curators = byRelation({ curator: 'ok', orgAdmin: 403, orgMember: 403, pairSupplier: 403 })
/** A supplier's alerts: its own members alone; curators and platform admins do not even see them. */
const alertKeepers = byRelation({ platformAdmin: 404, orgAdmin: 'ok', orgMember: 'ok' })
/** Alerts under an organization: a member of one that supplies nothing (a curator in their own centre too) is told why not. */
const supplierAlerts = (relation: Relation, owner: string, role: Role): Outcome =>
  NOT_SUPPLIERS.includes(owner as Org) && role !== 'anonymous' && role !== 'platformAdmin' && MEMBERSHIPS[role].org === owner ? 403 : alertKeepers(relation)
/** Platform-wide objects: everybody signed in but a platform admin is told why not. */
const platformOnly = byRelation({ curator: 403, orgAdmin: 403, orgMember: 403, self: 403, outsider: 403 })

/** As `expect`, except that a refusal on content or state replaces success where the owner may not hold the thing. */
const unless = (expect: (relation: Relation) => Outcome, owners: readonly Org[], refusal: Outcome) => (relation: Relation, owner: string) =>
  expect(relation) === 'ok' && owners.includes(owner as Org) ? refusal : expect(relation)

interface Prepared {
  /** Path parameters in the order the route template names them. */
  params: string[]
  body?: unknown
  /** What the resource is, for failure messages. */
  label: string
}

interface RouteCase {
  /** Who owns the resource the route acts on, one case each. */
  owners: readonly string[]
  relation(role: Role, owner: string): Relation
  expected(relation: Relation, owner: string, role: Role): Outcome
  /** A fresh resource of `owner` and the request to send about it. */
  prepare(owner: string, role: Role): Promise<Prepared>
  /** The route ends the session it is called with: each case signs in anew. */
  consumesSession?: boolean
}

const TENANTS: readonly Org[] = ['contractorA', 's1', 's2', 'centreUlyanovsk']
const POSTERS: readonly Org[] = ['contractorA', 'contractorB']
const SUPPLIERS: readonly Org[] = ['s1', 's2']
const NOT_POSTERS: readonly Org[] = ['s1', 's2']
const NOT_SUPPLIERS: readonly Org[] = ['contractorA', 'centreUlyanovsk']

const tenant = (owners: readonly Org[], expected: RouteCase['expected'], prepare: (org: Org, role: Role) => Promise<Omit<Prepared, 'label'> & { label?: string }>): RouteCase => ({
  owners,
  relation: (role, owner) => tenantRelation(role, owner as Org),
  expected,
  prepare: async (owner, role) => {
    const prepared = await prepare(owner as Org, role)
    return { ...prepared, label: `${prepared.label ?? 'resource'} of ${owner}` }
  },
})

const pipeline = (expected: RouteCase['expected'], prepare: (needId: string, supplierId: string) => Omit<Prepared, 'label'>): RouteCase => ({
  owners: POSTERS,
  relation: (role, owner) => pairRelation(role, owner as Org),
  expected,
  prepare: async (owner) => ({ label: `pair on a need of ${owner}`, ...prepare(...(await pairOf(owner as Org))) }),
})

const importRoute = (): RouteCase => ({
  owners: ['platform'],
  relation: (role) => (role === 'anonymous' ? 'anonymous' : role === 'platformAdmin' ? 'platformAdmin' : CURATES[role] ? 'curator' : 'outsider'),
  expected: (relation) => (relation === 'anonymous' ? 401 : relation === 'outsider' ? 403 : 'invalid'),
  prepare: async () => ({ params: [], body: { file: 'not a multipart upload' }, label: 'an upload' }),
})

const needInput = (org: Org) => ({ title: 'Кронштейн крепления глушителя', processes: ['STP.PROG'], delivery: { address: PLACES[ORG_SETUP[org].cluster].address }, deadline: '2027-03-31' })
const certificateInput = { standard: 'ISO9001', number: 'RU-9001-0042', issuer: 'Русский Регистр', validFrom: '2024-01-15', validUntil: '2028-01-15' }

/**
 * Every mutating route of the API and what each role may do with it. Routes that are anonymous by design
 * are in ANONYMOUS_BY_DESIGN instead.
 */
const MATRIX: Record<string, RouteCase> = {
  'POST /api/organizations': {
    owners: ['kama', 'ulyanovsk'],
    relation: (role, cluster) => (role === 'anonymous' ? 'anonymous' : role === 'platformAdmin' ? 'platformAdmin' : CURATES[role] === cluster ? 'curator' : 'outsider'),
    // A curator may register organizations only into their own clusters: elsewhere the clusterIds are refused.
    expected: (relation, _cluster, role) => (relation === 'outsider' ? (CURATES[role] ? 'invalid' : 403) : byRelation({ curator: 'ok' })(relation)),
    prepare: async (cluster) => ({
      params: [],
      body: { name: 'ООО «Новый поставщик»', inn: randomInn(), kinds: ['supplier'], clusterIds: [world.clusters[cluster as ClusterKey]] },
      label: `organization in cluster ${cluster}`,
    }),
  },
  'PATCH /api/organizations/{id}': tenant(TENANTS, managers, async (org) => ({ params: [world.orgs[org]], body: { description: 'Профиль обновлён' }, label: 'organization' })),
  'DELETE /api/organizations/{id}': tenant(TENANTS, byRelation({ curator: 403, orgAdmin: 403, orgMember: 403 }), async (org) => ({ params: [await twinOf(org)], label: 'twin organization' })),

  'POST /api/organizations/{orgId}/sites': tenant(TENANTS, keepers, async (org) => {
    const place = PLACES[ORG_SETUP[org].cluster]
    return { params: [world.orgs[org]], body: { name: 'Склад', address: place.address, lat: place.lat, lon: place.lon }, label: 'organization' }
  }),
  'PATCH /api/sites/{id}': tenant(TENANTS, keepers, async (org) => ({ params: [await siteOf(org)], body: { name: 'Цех № 2' }, label: 'site' })),
  'DELETE /api/sites/{id}': tenant(TENANTS, keepers, async (org) => ({ params: [await siteOf(org)], label: 'site' })),

  'POST /api/organizations/{orgId}/certificates': tenant(TENANTS, keepers, async (org) => ({ params: [world.orgs[org]], body: certificateInput, label: 'organization' })),
  'PATCH /api/certificates/{id}': tenant(TENANTS, keepers, async (org) => ({ params: [await certificateOf(org)], body: { number: 'RU-9001-0043' }, label: 'certificate' })),
  'DELETE /api/certificates/{id}': tenant(TENANTS, keepers, async (org) => ({ params: [await certificateOf(org)], label: 'certificate' })),
  'POST /api/certificates/{id}/verify': tenant(TENANTS, curators, async (org) => ({ params: [await certificateOf(org)], label: 'certificate' })),
  'POST /api/certificates/{id}/reject': tenant(TENANTS, curators, async (org) => ({ params: [await certificateOf(org)], body: { reason: 'Номер не найден в реестре' }, label: 'certificate' })),

  // Only suppliers offer capacities: for anybody else the check passes and the write is a conflict.
  'POST /api/organizations/{orgId}/capacities': tenant(TENANTS, unless(keepers, NOT_SUPPLIERS, 'conflict'), async (org) => ({
    params: [world.orgs[org]],
    body: { siteId: await siteOf(org), title: 'Токарная обработка валов', processes: ['MCH.TURN'] },
    label: 'organization',
  })),
  'PATCH /api/capacities/{id}': tenant(SUPPLIERS, keepers, async (org) => ({ params: [await capacityOf(org)], body: { title: 'Токарная обработка с ЧПУ' }, label: 'capacity' })),
  'DELETE /api/capacities/{id}': tenant(SUPPLIERS, keepers, async (org) => ({ params: [await capacityOf(org)], label: 'capacity' })),

  // Only contractors and centres post needs: for a supplier the check passes and the write is a conflict.
  'POST /api/organizations/{orgId}/needs': tenant(TENANTS, unless(keepers, NOT_POSTERS, 'conflict'), async (org) => ({ params: [world.orgs[org]], body: needInput(org), label: 'organization' })),
  'PATCH /api/needs/{id}': tenant(POSTERS, keepers, async (org) => ({ params: [await needOf(org, 'draft')], body: { title: 'Кронштейн, ред. 2' }, label: 'draft need' })),
  'DELETE /api/needs/{id}': tenant(POSTERS, keepers, async (org) => ({ params: [await needOf(org, 'draft')], label: 'draft need' })),
  'POST /api/needs/{id}/submit': tenant(POSTERS, byRelation({ orgAdmin: 'ok', orgMember: 'ok', curator: 403 }), async (org) => ({ params: [await needOf(org, 'draft')], label: 'draft need' })),
  'POST /api/needs/{id}/publish': tenant(POSTERS, byRelation({ curator: 'ok', orgAdmin: 403, orgMember: 403 }), async (org) => ({ params: [await needOf(org, 'draft')], label: 'draft need' })),
  'POST /api/needs/{id}/close': tenant(POSTERS, keepers, async (org) => ({ params: [await needOf(org, 'published')], label: 'published need' })),
  'POST /api/needs/{id}/cancel': tenant(POSTERS, keepers, async (org) => ({ params: [await needOf(org, 'draft')], body: { reason: 'Деталь снята с производства' }, label: 'draft need' })),

  'POST /api/needs/{id}/matches': tenant(POSTERS, curators, async (org) => ({
    params: [await needOf(org, 'published')],
    body: { orgId: world.orgs[PAIRED_SUPPLIER[org] as Org], reason: 'Рекомендация кластера' },
    label: 'published need',
  })),
  'POST /api/needs/{id}/matches/{orgId}/transition': pipeline(curators, (needId, supplierId) => ({ params: [needId, supplierId], body: { to: 'shortlisted' } })),
  // Closing a pair is the curators' alone: the supplier of the pair is no party to that decision and learns nothing of it.
  'DELETE /api/needs/{id}/matches/{orgId}': pipeline(byRelation({ curator: 'ok', orgAdmin: 403, orgMember: 403 }), (needId, supplierId) => ({ params: [needId, supplierId], body: { reason: 'Загрузка прессов до июня' } })),
  'POST /api/needs/{id}/matches/{orgId}/notes': pipeline(byRelation({ curator: 'ok', orgAdmin: 403, orgMember: 403 }), (needId, supplierId) => ({ params: [needId, supplierId], body: { body: 'Позвонил директору' } })),

  'POST /api/organizations/{id}/invitations': tenant(TENANTS, managers, async (org) => ({ params: [world.orgs[org]], body: { kind: 'colleague', email: uniqueEmail('colleague'), role: 'member' }, label: 'organization' })),
  'DELETE /api/invitations/{id}': tenant(TENANTS, managers, async (org) => ({ params: [await invitationOf(org)], label: 'invitation' })),
  'PATCH /api/organizations/{id}/members/{userId}': tenant(TENANTS, managers, async (org) => ({ params: [world.orgs[org], await memberOf(org)], body: { role: 'member' }, label: 'member' })),
  'DELETE /api/organizations/{id}/members/{userId}': tenant(TENANTS, managers, async (org) => ({ params: [world.orgs[org], await memberOf(org)], label: 'member' })),

  // Alerts are for suppliers: a member of any other organization is told why not.
  'POST /api/organizations/{orgId}/alerts': tenant(TENANTS, supplierAlerts, async (org) => ({ params: [world.orgs[org]], body: { kind: 'capacities', name: 'Под мои мощности' }, label: 'organization' })),
  'PATCH /api/alerts/{id}': tenant(SUPPLIERS, alertKeepers, async (org) => ({ params: [await alertOf(org)], body: { status: 'paused' }, label: 'alert' })),
  'DELETE /api/alerts/{id}': tenant(SUPPLIERS, alertKeepers, async (org) => ({ params: [await alertOf(org)], label: 'alert' })),
  'PUT /api/organizations/{orgId}/alert-digest': tenant(TENANTS, supplierAlerts, async (org) => ({ params: [world.orgs[org]], body: { subscribed: false }, label: 'organization' })),

  'POST /api/clusters': {
    owners: ['platform'],
    relation: (role) => (role === 'anonymous' ? 'anonymous' : role === 'platformAdmin' ? 'platformAdmin' : 'outsider'),
    expected: platformOnly,
    prepare: async () => ({
      params: [],
      body: { nameRu: 'Новый кластер', nameEn: 'New cluster', sector: 'automotive', regionCodes: ['02'], lat: 54.73, lon: 55.95 },
      label: 'a new cluster',
    }),
  },
  'PATCH /api/clusters/{id}': {
    owners: ['kama', 'ulyanovsk'],
    relation: (role, cluster) => (role === 'anonymous' ? 'anonymous' : role === 'platformAdmin' ? 'platformAdmin' : CURATES[role] === cluster ? 'curator' : 'outsider'),
    expected: platformOnly,
    prepare: async (cluster) => ({ params: [world.clusters[cluster as ClusterKey]], body: { lat: cluster === 'kama' ? 55.74 : 54.31 }, label: `cluster ${cluster}` }),
  },
  'DELETE /api/clusters/{id}': {
    owners: ['platform'],
    relation: (role) => (role === 'anonymous' ? 'anonymous' : role === 'platformAdmin' ? 'platformAdmin' : 'outsider'),
    expected: platformOnly,
    prepare: async () => {
      const id = newId('clu')
      await deps.sql`insert into clusters (id, name_ru, name_en, sector, region_codes, lat, lon) values (${id}, 'Пустой кластер', 'Empty cluster', 'automotive', '{02}', 54.73, 55.95)`
      return { params: [id], label: 'a cluster without members' }
    },
  },

  'PATCH /api/users/{id}': {
    owners: ['self', 'someone else'],
    relation: (role, owner) => (role === 'anonymous' ? 'anonymous' : role === 'platformAdmin' ? 'platformAdmin' : owner === 'self' ? 'self' : 'outsider'),
    expected: platformOnly,
    prepare: async (owner, role) => ({
      params: [owner === 'self' && role !== 'anonymous' ? world.users[role].id : await plainUser()],
      body: { active: true },
      label: owner === 'self' ? 'their own account' : 'another account',
    }),
  },
  'POST /api/auth/password': {
    owners: ['self'],
    relation: (role) => (role === 'anonymous' ? 'anonymous' : 'self'),
    // A wrong current password: proves the session was enough to get that far, without changing anything.
    expected: (relation) => (relation === 'anonymous' ? 401 : 'invalid'),
    prepare: async () => ({ params: [], body: { current: 'не тот пароль вовсе', next: 'токарный станок 16К20 ещё послужит' }, label: 'their own password' }),
  },
  // A centre's tool: curators and platform admins get as far as reading the upload (JSON here, so a 400); the rest are told why not.
  'POST /api/imports/dry-run': importRoute(),
  'POST /api/imports': importRoute(),
  // Signing out without a live session is not an error: a browser holding an expired cookie must still be able to sign out.
  'POST /api/auth/logout': {
    owners: ['self'],
    relation: (role) => (role === 'anonymous' ? 'anonymous' : 'self'),
    expected: () => 'ok',
    prepare: async () => ({ params: [], label: 'their own session' }),
    consumesSession: true,
  },
}

/** Anonymous by design: they are how one gets a session in the first place. */
const ANONYMOUS_BY_DESIGN = new Set(['POST /api/auth/login', 'POST /api/invitations/{token}/accept'])

const MUTATING = ['post', 'put', 'patch', 'delete']

async function mutatingRoutes(): Promise<string[]> {
  const doc = await call<{ paths: Record<string, Record<string, unknown>> }>(deps.app, 'GET', '/openapi.json')
  return Object.entries(doc.body.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => MUTATING.includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  )
}

function fill(template: string, params: string[]): string {
  let i = 0
  return template.replace(/\{[^}]+\}/g, () => params[i++] ?? '')
}

/** A well-formed id of the same kind that names nothing. */
const missingId = (id: string) => `${id.split('_')[0]}_${'0'.repeat(21)}`

/** The problem without what differs between two answers by nature: its request id, and the ids it names. */
function comparable(res: JsonResponse, params: string[]): Record<string, unknown> {
  const { requestId: _requestId, ...problem } = res.body as Record<string, unknown>
  const detail = params.reduce((text, id, i) => text.replaceAll(id, `{${i}}`), String(problem.detail))
  return { ...problem, detail, status: res.status }
}

const headersOf = async (role: Role, route: RouteCase) =>
  role !== 'anonymous' && route.consumesSession ? signInHeaders(deps.app, world.users[role].email) : world.headers[role]

interface MatrixRun {
  failures: string[]
  tally: { cases: number; own: number; foreign: number; anonymous: number; platform: number }
}

/**
 * Sends every case of the matrix and lists what went against it: a wrong answer, any success on another
 * tenant's resource, and a 404 that differs from the one for an id that does not exist.
 */
async function runMatrix(matrix: Record<string, RouteCase>): Promise<MatrixRun> {
  const run: MatrixRun = { failures: [], tally: { cases: 0, own: 0, foreign: 0, anonymous: 0, platform: 0 } }
  for (const [key, route] of Object.entries(matrix)) {
    const [method, template] = key.split(' ') as [string, string]
    for (const role of ROLES) {
      for (const owner of route.owners) {
        const relation = route.relation(role, owner)
        const expected = route.expected(relation, owner, role)
        const { params, body, label } = await route.prepare(owner, role)
        const res = await call(deps.app, method, fill(template, params), body, await headersOf(role, route))
        const got = outcomeOf(res.status)
        const where = `${key} as ${role} (${relation}) on a ${label}`
        run.tally.cases++
        run.tally[relation === 'outsider' ? 'foreign' : relation === 'anonymous' ? 'anonymous' : relation === 'platformAdmin' ? 'platform' : 'own']++
        if (relation === 'outsider' && got === 'ok') run.failures.push(`CROSS-TENANT SUCCESS: ${where} answered ${res.status}`)
        if (got !== expected) run.failures.push(`${where}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`)
        if (got === 404 && expected === 404 && params.length > 0) {
          // Another tenant's resource must read exactly like one that does not exist.
          const missingParams = [missingId(params[0] as string), ...params.slice(1)]
          const missing = await call(deps.app, method, fill(template, missingParams), body, await headersOf(role, route))
          if (JSON.stringify(comparable(res, params)) !== JSON.stringify(comparable(missing, missingParams))) {
            run.failures.push(`${where}: the 404 differs from a missing id's: ${JSON.stringify(res.body)} vs ${JSON.stringify(missing.body)}`)
          }
        }
      }
    }
  }
  return run
}

function describeSize(name: string, matrix: Record<string, RouteCase>, run: MatrixRun): string {
  const owners = Object.values(matrix).map((route) => route.owners.length)
  const { cases, own, foreign, anonymous, platform } = run.tally
  return (
    `${name}: ${Object.keys(matrix).length} routes × ${ROLES.length} roles × ${Math.min(...owners)}–${Math.max(...owners)} resource owners = ` +
    `${cases} cases (own ${own}, foreign ${foreign}, anonymous ${anonymous}, platform admin ${platform})`
  )
}

/** The reads that name suppliers, contractors or what a supplier lacks. */
const SENSITIVE_READS: Record<string, RouteCase> = {
  'GET /api/needs/{id}/matches': tenant(POSTERS, keepers, async (org) => ({ params: [await needOf(org, 'published')], label: 'published need' })),
  'GET /api/needs/{id}/shortlist': tenant(POSTERS, keepers, async (org) => ({ params: [await needOf(org, 'published')], label: 'published need' })),
  'GET /api/organizations/{id}/matching-needs': tenant(TENANTS, keepers, async (org) => ({ params: [world.orgs[org]], label: 'organization' })),
  'GET /api/organizations/{orgId}/alerts': tenant(TENANTS, supplierAlerts, async (org) => ({ params: [world.orgs[org]], label: 'organization' })),
  'GET /api/organizations/{orgId}/alert-hits': tenant(TENANTS, supplierAlerts, async (org) => ({ params: [world.orgs[org]], label: 'organization' })),
}

/** GET routes open to anonymous callers by design: the catalogues, the gazetteer and the invitation a link leads to. */
const ANONYMOUS_READS = [/^\/api\/taxonomy\//, /^\/api\/geo\//, /^\/api\/invitations\/\{token\}$/]

/** The id kind a path parameter names, by the collection it follows. */
const ID_PREFIXES: Record<string, string> = {
  organizations: 'org', sites: 'site', certificates: 'cert', capacities: 'cap', needs: 'need', matches: 'org', clusters: 'clu', users: 'usr', invitations: 'inv', members: 'usr',
}

function withWellFormedIds(template: string): string {
  return template.replace(/\/([a-z-]+)\/\{[^}]+\}/g, (_all, collection: string) => `/${collection}/${ID_PREFIXES[collection] ?? 'org'}_${'0'.repeat(21)}`)
}

const ids = (res: JsonResponse): string[] => res.body.items.map((item: { id: string }) => item.id)

describe('authorization', () => {
  it('answers every mutating route as the matrix says, for every role, on their own and on foreign resources', { timeout: 600_000 }, async () => {
    const routes = await mutatingRoutes()
    const failures: string[] = []
    for (const key of routes) if (!MATRIX[key] && !ANONYMOUS_BY_DESIGN.has(key)) failures.push(`no expectation for ${key}: add it to MATRIX`)
    for (const key of Object.keys(MATRIX)) if (!routes.includes(key)) failures.push(`MATRIX names ${key}, which the OpenAPI document does not have`)
    const run = await runMatrix(MATRIX)
    console.log(`${describeSize('authorization matrix', MATRIX, run)}; ${ANONYMOUS_BY_DESIGN.size} routes anonymous by design`)
    expect([...failures, ...run.failures]).toEqual([])
  })

  it('shows matches and matching needs only to those who run the need or keep the supplier', { timeout: 120_000 }, async () => {
    const run = await runMatrix(SENSITIVE_READS)
    console.log(describeSize('sensitive read matrix', SENSITIVE_READS, run))
    expect(run.failures).toEqual([])
  })

  it('turns the anonymous away from every read but the catalogues, the gazetteer and an invitation link', async () => {
    const doc = await call<{ paths: Record<string, Record<string, unknown>> }>(deps.app, 'GET', '/openapi.json')
    const reads = Object.entries(doc.body.paths).filter(([path, operations]) => 'get' in operations && !ANONYMOUS_READS.some((open) => open.test(path)))
    expect(reads.length).toBeGreaterThan(10)
    for (const [template] of reads) {
      const res = await call(deps.app, 'GET', withWellFormedIds(template))
      expect(res.status, template).toBe(401)
      expect(res.body.code, template).toBe('UNAUTHORIZED')
    }
    for (const open of ['/healthz', '/openapi.json', '/api/taxonomy/processes', '/api/geo/regions']) expect((await call(deps.app, 'GET', open)).status, open).toBe(200)
  })

  it('lists needs whole to those who run them and redacted to the suppliers they reach, never naming the contractor to those', async () => {
    // A process of their own, so other tests' needs of A stay out of these lists.
    const mark = { processes: ['MCH.GRIND.CYL'] }
    const open = await needOf('contractorA', 'published', mark)
    const draft = await needOf('contractorA', 'draft', mark)
    const kamaOnly = await needOf('contractorA', 'published', { ...mark, visibility: 'cluster', clusterId: world.clusters.kama })
    const forS2 = await needOf('contractorA', 'published', { ...mark, visibility: 'invited', invitedOrgIds: [world.orgs.s2] })
    const list = (role: Role, path = '/api/needs') => call(deps.app, 'GET', `${path}?process=MCH.GRIND.CYL&perPage=100`, undefined, world.headers[role])
    const viewsOf = (res: JsonResponse) => new Map<string, string>(res.body.items.map((item: { id: string; view?: string }) => [item.id, item.view ?? 'full']))

    const secrets = [ORG_SETUP.contractorA.name, world.orgs.contractorA, PLACES.kama.address, String(PLACES.kama.lat), String(PLACES.kama.lon)]
    const seenBy = {
      s1Admin: { [open]: 'redacted', [kamaOnly]: 'redacted' },
      s1Member: { [open]: 'redacted', [kamaOnly]: 'redacted' },
      s2Admin: { [open]: 'redacted', [forS2]: 'redacted' },
      curatorUlyanovsk: { [open]: 'redacted' },
    }
    for (const [role, expected] of Object.entries(seenBy) as [Role, Record<string, string>][]) {
      const res = await list(role)
      expect(res.status, role).toBe(200)
      expect(Object.fromEntries(viewsOf(res)), role).toEqual(expected)
      const text = JSON.stringify(res.body)
      for (const secret of secrets) expect(text, `${role} must not see ${secret}`).not.toContain(secret)
      expect(res.body.items.every((item: object) => !('orgId' in item)), role).toBe(true)
    }
    for (const role of ['contractorMember', 'curatorKama', 'platformAdmin'] as const) {
      const res = await list(role)
      expect(Object.fromEntries(viewsOf(res)), role).toEqual({ [open]: 'full', [draft]: 'full', [kamaOnly]: 'full', [forS2]: 'full' })
      expect(res.body.items.every((item: { orgId?: string }) => item.orgId === world.orgs.contractorA), role).toBe(true)
    }

    // Filtering by organization would tell a supplier who posted what: it reaches only the needs one runs.
    expect((await list('s1Admin', `/api/organizations/${world.orgs.contractorA}/needs`)).body).toMatchObject({ total: 0, items: [] })
    expect((await call(deps.app, 'GET', `/api/needs?process=MCH.GRIND.CYL&orgId=${world.orgs.contractorA}`, undefined, world.headers.s2Admin)).body.total).toBe(0)
    expect(ids(await list('contractorMember', `/api/organizations/${world.orgs.contractorA}/needs`)).sort()).toEqual([open, draft, kamaOnly, forS2].sort())
    expect((await list('anonymous')).status).toBe(401)
  })

  it('shows why a certificate was rejected only to its organization, the curators covering it and platform admins', async () => {
    const id = await certificateOf('s1')
    await deps.sql`update certificates set status = 'rejected', status_reason = 'Номер не найден в реестре органа по сертификации', status_changed_at = ${NOW} where id = ${id}`
    const insiders: Role[] = ['platformAdmin', 'curatorKama', 's1Admin', 's1Member']
    for (const role of ROLES.filter((r) => r !== 'anonymous')) {
      const reason = insiders.includes(role) ? 'Номер не найден в реестре органа по сертификации' : null
      const one = await call(deps.app, 'GET', `/api/certificates/${id}`, undefined, world.headers[role])
      expect(one.body, role).toMatchObject({ status: 'rejected', statusReason: reason })
      const listed = await call(deps.app, 'GET', `/api/organizations/${world.orgs.s1}/certificates?perPage=100`, undefined, world.headers[role])
      expect(listed.body.items.find((c: { id: string }) => c.id === id), role).toMatchObject({ status: 'rejected', statusReason: reason })
    }
    expect((await call(deps.app, 'GET', `/api/certificates/${id}`)).status).toBe(401)
  })

  it('leaves a published need to the centre: its contractor may no longer change or delete it', async () => {
    const id = await needOf('contractorA', 'published')
    const asContractor = world.headers.contractorMember
    const refused = await call(deps.app, 'PATCH', `/api/needs/${id}`, { title: 'Кронштейн, ред. 3' }, asContractor)
    expect(refused.status).toBe(403)
    expect(refused.body.detail).toContain('published')
    expect((await call(deps.app, 'DELETE', `/api/needs/${id}`, undefined, asContractor)).status).toBe(403)
    expect((await call(deps.app, 'PATCH', `/api/needs/${id}`, { title: 'Кронштейн, ред. 3' }, world.headers.curatorKama)).body.title).toBe('Кронштейн, ред. 3')
  })

  it('lets the centre, not the organization itself, decide which clusters it is in', async () => {
    const id = await twinOf('s1')
    const patch = (role: Role, body: unknown) => call(deps.app, 'PATCH', `/api/organizations/${id}`, body, world.headers[role])
    expect((await patch('s1Admin', { description: 'Штамповка и сборка' })).status).toBe(200)
    expect((await patch('s1Member', { description: 'Штамповка' })).status).toBe(403)
    expect((await patch('s1Admin', { clusterIds: [world.clusters.ulyanovsk] })).status).toBe(403)
    const elsewhere = await patch('curatorKama', { clusterIds: [world.clusters.ulyanovsk] })
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.clusterIds'])
    expect((await patch('curatorKama', { clusterIds: [world.clusters.kama, world.clusters.ulyanovsk] })).body.clusterIds.sort()).toEqual(
      [world.clusters.kama, world.clusters.ulyanovsk].sort(),
    )
    expect((await patch('platformAdmin', { clusterIds: [world.clusters.ulyanovsk] })).body.clusterIds).toEqual([world.clusters.ulyanovsk])
  })
})
