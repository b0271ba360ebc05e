import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { capacityInputSchema } from '../../src/domain/capacity.js'
import { certificateInputSchema } from '../../src/domain/certificate.js'
import { type Need, needInputSchema } from '../../src/domain/need.js'
import { organizationInputSchema } from '../../src/domain/organization.js'
import { newId } from '../../src/lib/ids.js'
import { matchSuppliers } from '../../src/matching/index.js'
import { createCapacity } from '../../src/services/capacities/create.js'
import { createCertificate } from '../../src/services/certificates/create.js'
import { rejectCertificate } from '../../src/services/certificates/reject.js'
import { remindExpiringCertificates } from '../../src/services/certificates/remindExpiring.js'
import { verifyCertificate } from '../../src/services/certificates/verify.js'
import type { Membership, PlatformRole, ServiceContext } from '../../src/services/context.js'
import { addManualMatch } from '../../src/services/matches/addManual.js'
import { addMatchNote } from '../../src/services/matches/addNote.js'
import { type NeedMatchRun, saveNeedMatches } from '../../src/services/matches/computeForNeed.js'
import { computeSupplierMatches } from '../../src/services/matches/computeForSupplier.js'
import { loadSupplierCandidates, toMatchNeed } from '../../src/services/matches/inputs.js'
import { listMatchNotes } from '../../src/services/matches/listNotes.js'
import { removeManualMatch } from '../../src/services/matches/removeManual.js'
import { transitionMatch } from '../../src/services/matches/transition.js'
import { cancelNeed } from '../../src/services/needs/cancel.js'
import { closeNeed } from '../../src/services/needs/close.js'
import { createNeed } from '../../src/services/needs/create.js'
import { getNeed } from '../../src/services/needs/get.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { submitNeed } from '../../src/services/needs/submit.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { createTestUser, signIn } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { type SitePlace, insertSite, randomInn } from '../helpers/fixtures.js'
import { type JsonResponse, call } from '../helpers/http.js'

/** The clock every service sees: deadlines and expiry dates below are judged against 20 November 2026. */
const NOW = new Date('2026-11-20T09:00:00Z')
/** The origin the test app trusts (hono/csrf): a browser sends it with every signed-in POST. */
const ORIGIN = 'http://localhost'

let deps: TestDeps
let kamaCluster: string
let ulyanovskCluster: string

beforeAll(async () => {
  deps = await createTestDeps({ now: () => NOW })
  kamaCluster = newId('clu')
  ulyanovskCluster = newId('clu')
  await deps.sql`
    insert into clusters (id, name_ru, name_en, sector, region_codes, lat, lon) values
      (${kamaCluster}, 'Камский инновационный территориально-производственный кластер', 'Kama Innovative Territorial Production Cluster', 'automotive', array['16'], 55.74, 52.4),
      (${ulyanovskCluster}, 'Ульяновский авиационный кластер', 'Ulyanovsk Aviation Cluster', 'aviation', array['73'], 54.31, 48.4)`
})
afterAll(async () => {
  await deps.close()
})

const KAMAZ_PLANT: SitePlace = { address: 'г. Набережные Челны, Автозаводский пр., 2', city: 'Набережные Челны', regionCode: '16', lat: 55.7436, lon: 52.3958 }
const ELABUGA_SHOP: SitePlace = { address: 'г. Елабуга, ОЭЗ «Алабуга», ул. Ш-2, 4', city: 'Елабуга', regionCode: '16', lat: 55.7566, lon: 52.0534 }

interface Person {
  id: string
  email: string
  ctx: ServiceContext
}

/** A real user (the audit log and notes name them) acting through a hand-made actor, as the session middleware would build it. */
async function person(name: string, options: { platformRole?: PlatformRole; memberships?: Membership[] } = {}): Promise<Person> {
  const memberships = options.memberships ?? []
  const user = await createTestUser(deps.sql, { name, platformRole: options.platformRole ?? null, memberships })
  return {
    ...user,
    ctx: { sql: deps.sql, now: () => NOW, actor: { kind: 'user', userId: user.id, sessionId: null, platformRole: options.platformRole ?? null, memberships } },
  }
}

async function organization(kinds: ('contractor' | 'supplier' | 'centre')[], name: string, clusterIds: string[] = []): Promise<string> {
  return (await createOrganization(deps.ctx, organizationInputSchema.parse({ name, inn: randomInn(), kinds, clusterIds }))).id
}

/** A stamping shop in Елабуга that the core matches with the bracket need: process, material, envelope, IATF 16949. */
async function equipStampingShop(orgId: string): Promise<void> {
  const siteId = await insertSite(deps.sql, orgId, ELABUGA_SHOP)
  await createCapacity(deps.ctx, orgId, capacityInputSchema.parse({
    siteId, title: 'Листовая штамповка в последовательных штампах', processes: ['STP.PROG'], materials: ['ST_08PS'],
    envelope: { lengthMm: 800, widthMm: 600, heightMm: 200, massKg: 25 }, itGrade: 10, batchMin: 1000, batchMax: 200_000,
  }))
  await createCertificate(deps.ctx, orgId, certificateInputSchema.parse({ standard: 'IATF16949', number: 'RU-IATF-0042', issuer: 'Русский Регистр', validFrom: '2024-01-15', validUntil: '2028-06-30' }))
}

/**
 * A centre of the Kama cluster with its curator; КАМАЗ (contractor) and a stamping shop (supplier) in the
 * cluster; a supplier elsewhere; an admin for each company.
 */
async function world() {
  const centre = await organization(['centre'], 'АНО «Центр субконтрактации Республики Татарстан»', [kamaCluster])
  const contractor = await organization(['contractor'], 'ПАО «КАМАЗ»', [kamaCluster])
  const supplier = await organization(['supplier'], 'ООО «Алабуга Штамп»', [kamaCluster])
  const stranger = await organization(['supplier'], 'ООО «Волжский пресс»')
  const plant = await insertSite(deps.sql, contractor, KAMAZ_PLANT)
  const curator = await person('Ильдар Хасанов', { platformRole: 'curator', memberships: [{ orgId: centre, role: 'member' }] })
  const buyer = await person('Олег Смирнов', { memberships: [{ orgId: contractor, role: 'admin' }] })
  const supplierAdmin = await person('Алсу Гарипова', { memberships: [{ orgId: supplier, role: 'admin' }] })
  const strangerAdmin = await person('Пётр Волков', { memberships: [{ orgId: stranger, role: 'admin' }] })
  return { centre, contractor, supplier, stranger, plant, curator, buyer, supplierAdmin, strangerAdmin }
}

type World = Awaited<ReturnType<typeof world>>

/** Stamped exhaust brackets; nothing in the text names the plant, so a redacted view can be checked for the name. */
function bracketNeed(w: World, extra: Record<string, unknown> = {}) {
  return needInputSchema.parse({
    title: 'Кронштейн крепления глушителя, штампованный',
    description: 'Лист 08пс толщиной 3 мм, последовательный штамп, цинкование по ГОСТ 9.306',
    processes: ['STP.PROG'],
    materials: ['ST_08PS'],
    envelope: { lengthMm: 240, widthMm: 120, heightMm: 60, massKg: 0.8 },
    itGrade: 12,
    quantity: 120_000,
    batchSize: 10_000,
    requiredCerts: ['IATF16949'],
    delivery: { siteId: w.plant },
    maxDistanceKm: 400,
    deadline: '2027-03-31',
    ...extra,
  })
}

async function publishedNeed(w: World, extra: Record<string, unknown> = {}): Promise<string> {
  const need = await createNeed(w.buyer.ctx, w.contractor, bracketNeed(w, extra))
  await submitNeed(w.buyer.ctx, need.id)
  await publishNeed(w.curator.ctx, need.id)
  return need.id
}

async function auditOf(entity: string, entityId: string) {
  return deps.sql<{ action: string; actorUserId: string | null; reason: string | null; details: Record<string, unknown>; at: Date }[]>`
    select action, actor_user_id, reason, details, at from audit_log where entity = ${entity} and entity_id = ${entityId} order by id`
}

async function cookieOf(p: Person): Promise<Record<string, string>> {
  return { cookie: await signIn(deps.app, p.email), origin: ORIGIN }
}

function expectProblem(res: JsonResponse, status: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(res.headers.get('content-type')).toContain('application/problem+json')
}

describe("a need's workflow", () => {
  it('goes draft → submitted → published → closed, each step by its own people, audited and re-indexed', async () => {
    const w = await world()
    const need = await createNeed(w.buyer.ctx, w.contractor, bracketNeed(w))
    expect(need).toMatchObject({ status: 'draft', submittedAt: null, publishedAt: null, closedAt: null, postedByOrgId: null })

    await expect(submitNeed(w.supplierAdmin.ctx, need.id)).rejects.toMatchObject({ status: 404 })
    const submitted = await submitNeed(w.buyer.ctx, need.id)
    expect(submitted).toMatchObject({ status: 'submitted', submittedAt: NOW.toISOString() })
    await expect(submitNeed(w.buyer.ctx, need.id)).rejects.toMatchObject({ status: 409, extensions: { currentStatus: 'submitted', allowed: ['published', 'cancelled'] } })

    await expect(publishNeed(w.buyer.ctx, need.id)).rejects.toMatchObject({ status: 403 })
    const published = await publishNeed(w.curator.ctx, need.id)
    expect(published).toMatchObject({ status: 'published', publishedAt: NOW.toISOString(), postedByOrgId: null })

    await expect(closeNeed(w.supplierAdmin.ctx, need.id)).rejects.toMatchObject({ status: 404 })
    expect(await closeNeed(w.buyer.ctx, need.id)).toMatchObject({ status: 'closed', closedAt: NOW.toISOString() })
    await expect(cancelNeed(w.curator.ctx, need.id)).rejects.toMatchObject({ status: 409, extensions: { currentStatus: 'closed', allowed: [] } })
    await expect(publishNeed(w.curator.ctx, need.id)).rejects.toMatchObject({ status: 409, extensions: { allowed: [] } })

    const trail = await auditOf('need', need.id)
    expect(trail.map((e) => [e.action, e.actorUserId, e.details.from, e.details.to])).toEqual([
      ['need.submit', w.buyer.id, 'draft', 'submitted'],
      ['need.publish', w.curator.id, 'submitted', 'published'],
      ['need.close', w.buyer.id, 'published', 'closed'],
    ])
    expect(trail[1]?.details).not.toHaveProperty('onBehalf')
    const [outbox] = await deps.sql<{ n: number }[]>`select count(*)::int as n from search_outbox where entity = 'need' and entity_id = ${need.id}`
    expect(outbox?.n).toBe(4)
  })

  it('publishes a draft on the contractor’s behalf, recording the centre, and refuses curators of other centres', async () => {
    const w = await world()
    const need = await createNeed(w.buyer.ctx, w.contractor, bracketNeed(w))
    const otherCentre = await organization(['centre'], 'АНО «Центр субконтрактации Ульяновской области»', [ulyanovskCluster])
    const otherCurator = await person('Мария Орлова', { platformRole: 'curator', memberships: [{ orgId: otherCentre, role: 'member' }] })

    await expect(publishNeed(otherCurator.ctx, need.id)).rejects.toMatchObject({ status: 404 })
    const published = await publishNeed(w.curator.ctx, need.id)
    expect(published).toMatchObject({ status: 'published', postedByOrgId: w.centre, submittedAt: null })
    const [entry] = await auditOf('need', need.id)
    expect(entry).toMatchObject({ action: 'need.publish', actorUserId: w.curator.id, details: { from: 'draft', to: 'published', onBehalf: true, postedByOrgId: w.centre } })

    const cancelled = await cancelNeed(w.curator.ctx, need.id, { reason: 'Заказчик закрыл потребность собственным производством' })
    expect(cancelled).toMatchObject({ status: 'cancelled', closedAt: NOW.toISOString() })
    expect((await auditOf('need', need.id))[1]).toMatchObject({ action: 'need.cancel', reason: 'Заказчик закрыл потребность собственным производством' })
  })

  it('answers over HTTP: 401 without a session, 409 listing the allowed statuses, an optional reason to cancel', async () => {
    const w = await world()
    const need = await createNeed(w.buyer.ctx, w.contractor, bracketNeed(w))
    const asBuyer = await cookieOf(w.buyer)

    expectProblem(await call(deps.app, 'POST', `/api/needs/${need.id}/submit`), 401)
    const submitted = await call(deps.app, 'POST', `/api/needs/${need.id}/submit`, undefined, asBuyer)
    expect(submitted.status).toBe(200)
    expect(submitted.body).toMatchObject({ id: need.id, status: 'submitted' })

    const again = await call(deps.app, 'POST', `/api/needs/${need.id}/submit`, undefined, asBuyer)
    expectProblem(again, 409)
    expect(again.body).toMatchObject({ status: 409, code: 'CONFLICT', currentStatus: 'submitted', allowed: ['published', 'cancelled'] })
    expectProblem(await call(deps.app, 'POST', `/api/needs/${need.id}/publish`, undefined, asBuyer), 403)

    expectProblem(await call(deps.app, 'POST', `/api/needs/${need.id}/cancel`, { reason: 'x' }, asBuyer), 400)
    const cancelled = await call(deps.app, 'POST', `/api/needs/${need.id}/cancel`, { reason: 'Конструкция кронштейна изменилась' }, asBuyer)
    expect(cancelled.body).toMatchObject({ status: 'cancelled' })
    expect((await auditOf('need', need.id)).at(-1)).toMatchObject({ action: 'need.cancel', reason: 'Конструкция кронштейна изменилась' })
    const closed = await call(deps.app, 'POST', `/api/needs/${need.id}/close`, undefined, asBuyer)
    expect(closed.body).toMatchObject({ currentStatus: 'cancelled', allowed: [] })
  })
})

describe('what a supplier sees of a need', () => {
  it('shows sector, city and region but not the contractor until an introduction, then the whole need', async () => {
    const w = await world()
    const needId = await publishedNeed(w)
    const asSupplier = await cookieOf(w.supplierAdmin)

    const redacted = await call(deps.app, 'GET', `/api/needs/${needId}`, undefined, asSupplier)
    expect(redacted.status).toBe(200)
    expect(redacted.body).toMatchObject({ id: needId, view: 'redacted', sector: 'automotive', delivery: { city: 'Набережные Челны', regionCode: '16' }, status: 'published' })
    expect(redacted.body).not.toHaveProperty('orgId')
    const text = JSON.stringify(redacted.body)
    for (const secret of ['КАМАЗ', w.contractor, 'Автозаводский', '55.7436', '52.3958', 'invitedOrgIds', 'postedByOrgId']) expect(text).not.toContain(secret)

    // Even the redacted view is for people signed in to the platform.
    expectProblem(await call(deps.app, 'GET', `/api/needs/${needId}`), 401)
    expect(await getNeed(w.buyer.ctx, needId)).toMatchObject({ orgId: w.contractor, delivery: { address: KAMAZ_PLANT.address } })

    await addManualMatch(w.curator.ctx, needId, { orgId: w.supplier, reason: 'Поставлял аналогичные кронштейны для ПАЗ' })
    expect((await call(deps.app, 'GET', `/api/needs/${needId}`, undefined, asSupplier)).body).toMatchObject({ view: 'redacted' })
    await transitionMatch(w.curator.ctx, needId, w.supplier, { to: 'introduced' })
    const full = await call(deps.app, 'GET', `/api/needs/${needId}`, undefined, asSupplier)
    expect(full.body).toMatchObject({ id: needId, orgId: w.contractor, delivery: { address: KAMAZ_PLANT.address } })
    expect(full.body).not.toHaveProperty('view')
  })

  it('is a 404 for needs a supplier may not see: drafts, another cluster, invitations to others', async () => {
    const w = await world()
    const draft = await createNeed(w.buyer.ctx, w.contractor, bracketNeed(w))
    await expect(getNeed(w.supplierAdmin.ctx, draft.id)).rejects.toMatchObject({ status: 404 })
    expectProblem(await call(deps.app, 'GET', `/api/needs/${draft.id}`, undefined, await cookieOf(w.strangerAdmin)), 404)
    expectProblem(await call(deps.app, 'GET', `/api/needs/${draft.id}`), 401)

    const clusterOnly = await publishedNeed(w, { visibility: 'cluster', clusterId: kamaCluster })
    expect(await getNeed(w.supplierAdmin.ctx, clusterOnly)).toMatchObject({ view: 'redacted' })
    await expect(getNeed(w.strangerAdmin.ctx, clusterOnly)).rejects.toMatchObject({ status: 404 })
    await expect(getNeed({ ...deps.ctx, actor: { kind: 'anonymous' } }, clusterOnly)).rejects.toMatchObject({ status: 401 })

    const invited = await publishedNeed(w, { visibility: 'invited', invitedOrgIds: [w.stranger] })
    expect(await getNeed(w.strangerAdmin.ctx, invited)).toMatchObject({ view: 'redacted' })
    await expect(getNeed(w.supplierAdmin.ctx, invited)).rejects.toMatchObject({ status: 404 })
  })

  it('matches an invited-only need with the invited suppliers alone', async () => {
    const w = await world()
    await equipStampingShop(w.supplier)
    await equipStampingShop(w.stranger)
    const invited = await publishedNeed(w, { visibility: 'invited', invitedOrgIds: [w.stranger] })

    const forStranger = await computeSupplierMatches(w.strangerAdmin.ctx, deps.search, w.stranger)
    expect(forStranger.matches.map((m) => m.needId)).toContain(invited)
    const forSupplier = await computeSupplierMatches(w.supplierAdmin.ctx, deps.search, w.supplier)
    expect(forSupplier.matches.map((m) => m.needId)).not.toContain(invited)

    await expect(createNeed(w.buyer.ctx, w.contractor, bracketNeed(w, { visibility: 'invited', invitedOrgIds: [w.centre] }))).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.invitedOrgIds.0' }],
    })
  })
})

describe('certificate verification', () => {
  it('lets a curator in scope verify or reject (with a reason), refreshing search and rankings', async () => {
    const w = await world()
    await equipStampingShop(w.supplier)
    const [certificate] = await deps.sql<{ id: string }[]>`select id from certificates where org_id = ${w.supplier}`
    const id = certificate?.id ?? ''

    await expect(verifyCertificate(w.supplierAdmin.ctx, id)).rejects.toMatchObject({ status: 403 })
    await expect(verifyCertificate(w.strangerAdmin.ctx, id)).rejects.toMatchObject({ status: 404 })
    await expect(rejectCertificate(w.curator.ctx, id, { reason: ' ' })).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.reason' }] })

    const [mark] = await deps.sql<{ search: number; matches: number }[]>`
      select (select coalesce(max(id), 0)::int from search_outbox) as search, (select coalesce(max(id), 0)::int from match_outbox) as matches`
    const verified = await verifyCertificate(w.curator.ctx, id)
    expect(verified).toMatchObject({ status: 'verified', statusReason: null })
    const queued = await deps.sql<{ entity: string }[]>`select entity from search_outbox where id > ${mark?.search ?? 0}`
    expect(queued.map((r) => r.entity)).toEqual(['capacity'])
    expect(await deps.sql`select subject, subject_id from match_outbox where id > ${mark?.matches ?? 0}`).toEqual([{ subject: 'supplier', subjectId: w.supplier }])
    await expect(verifyCertificate(w.curator.ctx, id)).rejects.toMatchObject({ status: 409, extensions: { currentStatus: 'verified', allowed: ['rejected'] } })

    const rejected = await rejectCertificate(w.curator.ctx, id, { reason: 'Номер не найден в реестре органа по сертификации' })
    expect(rejected).toMatchObject({ status: 'rejected', statusReason: 'Номер не найден в реестре органа по сертификации' })
    const [changed] = await deps.sql<{ statusChangedAt: Date }[]>`select status_changed_at from certificates where id = ${id}`
    expect(changed?.statusChangedAt.toISOString()).toBe(NOW.toISOString())
    expect((await auditOf('certificate', id)).map((e) => [e.action, e.actorUserId, e.reason])).toEqual([
      ['certificate.verify', w.curator.id, null],
      ['certificate.reject', w.curator.id, 'Номер не найден в реестре органа по сертификации'],
    ])
  })

  it('answers over HTTP: reject needs body.reason, verify needs no body', async () => {
    const w = await world()
    await equipStampingShop(w.supplier)
    const [certificate] = await deps.sql<{ id: string }[]>`select id from certificates where org_id = ${w.supplier}`
    const asCurator = await cookieOf(w.curator)

    const missing = await call(deps.app, 'POST', `/api/certificates/${certificate?.id}/reject`, {}, asCurator)
    expectProblem(missing, 400)
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.reason'])
    expectProblem(await call(deps.app, 'POST', `/api/certificates/${certificate?.id}/verify`), 401)
    const verified = await call(deps.app, 'POST', `/api/certificates/${certificate?.id}/verify`, undefined, asCurator)
    expect(verified.status, JSON.stringify(verified.body)).toBe(200)
    expect(verified.body).toMatchObject({ status: 'verified' })
    const rejected = await call(deps.app, 'POST', `/api/certificates/${certificate?.id}/reject`, { reason: 'Истёк срок аккредитации органа' }, asCurator)
    expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: 'Истёк срок аккредитации органа' })
  })

  it('reminds every admin of the owner once, 30 days ahead, however often the job runs', async () => {
    const w = await world()
    const secondAdmin = await person('Рустам Валиев', { memberships: [{ orgId: w.supplier, role: 'admin' }] })
    await person('Мастер участка', { memberships: [{ orgId: w.supplier, role: 'member' }] })
    const certify = async (validUntil: string | null) =>
      (await createCertificate(deps.ctx, w.supplier, certificateInputSchema.parse({ standard: 'ISO9001', number: `RU-${validUntil}`, issuer: 'ТЮФ', validFrom: '2023-12-01', validUntil }))).id
    const soon = await certify('2026-11-30')
    const later = await certify('2027-01-04')
    const expired = await certify('2026-11-01')
    const rejected = await certify('2026-12-10')
    await deps.sql`update certificates set status = 'rejected' where id = ${rejected}`
    await certify(null)

    await remindExpiringCertificates(deps.ctx, NOW)
    const reminders = await deps.sql<{ recipient: string; dedupeKey: string; subject: string; body: string }[]>`
      select recipient, dedupe_key, subject, body from notification_outbox
      where dedupe_key like 'cert-expiry:%' and dedupe_key like any(${deps.sql.array([soon, later, expired, rejected].map((id) => `cert-expiry:${id}:%`))}::text[])
      order by recipient`
    expect(reminders.map((r) => r.recipient).sort()).toEqual([w.supplierAdmin.email, secondAdmin.email].sort())
    for (const reminder of reminders) {
      expect(reminder.dedupeKey).toMatch(new RegExp(`^cert-expiry:${soon}:2026-11-30:usr_`))
      expect(reminder.subject).toContain('2026-11-30')
      expect(reminder.body.indexOf('Здравствуйте')).toBeLessThan(reminder.body.indexOf('Hello'))
      expect(reminder.body).toContain('осталось дней: 10')
    }

    expect(await remindExpiringCertificates(deps.ctx, NOW)).toBe(0)
    expect(await remindExpiringCertificates(deps.ctx, new Date('2026-11-21T09:00:00Z'))).toBe(0)
    await expect(remindExpiringCertificates(w.curator.ctx, NOW)).rejects.toMatchObject({ status: 403 })
  })
})

describe("the centre's match pipeline", () => {
  it('adds by hand with a reason, introduces both parties by e-mail, lets the supplier answer and the curator contract', async () => {
    const w = await world()
    await equipStampingShop(w.supplier)
    const needId = await publishedNeed(w)

    await expect(addManualMatch(w.curator.ctx, needId, { orgId: w.supplier, reason: '' })).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.reason' }] })
    await expect(addManualMatch(w.buyer.ctx, needId, { orgId: w.supplier, reason: 'Хочу этого поставщика' })).rejects.toMatchObject({ status: 403 })
    const added = await addManualMatch(w.curator.ctx, needId, { orgId: w.supplier, reason: 'Поставлял аналогичные кронштейны для ПАЗ' })
    expect(added).toMatchObject({ status: 'shortlisted', source: 'manual', statusReason: 'Поставлял аналогичные кронштейны для ПАЗ' })
    expect(added.score).toBeGreaterThan(0)
    await expect(addManualMatch(w.curator.ctx, needId, { orgId: w.supplier, reason: 'Ещё раз' })).rejects.toMatchObject({ status: 409, extensions: { currentStatus: 'shortlisted' } })
    const unqualified = await addManualMatch(w.curator.ctx, needId, { orgId: w.stranger, reason: 'Готовы закупить пресс под заказ' })
    expect(unqualified).toMatchObject({ score: 0, source: 'manual' })
    expect(unqualified.explanation.ru).toContain('вручную')

    await expect(transitionMatch(w.supplierAdmin.ctx, needId, w.supplier, { to: 'introduced' })).rejects.toMatchObject({ status: 403 })
    await expect(transitionMatch(w.buyer.ctx, needId, w.supplier, { to: 'introduced' })).rejects.toMatchObject({ status: 403 })
    await expect(transitionMatch(w.strangerAdmin.ctx, needId, w.supplier, { to: 'introduced' })).rejects.toMatchObject({ status: 404 })
    expect(await transitionMatch(w.curator.ctx, needId, w.supplier, { to: 'introduced' })).toMatchObject({ status: 'introduced', statusChangedAt: NOW.toISOString() })

    const introductions = await deps.sql<{ recipient: string; dedupeKey: string; body: string }[]>`
      select recipient, dedupe_key, body from notification_outbox where dedupe_key like ${`intro:${needId}:${w.supplier}:%`} order by dedupe_key`
    expect(introductions.map((n) => [n.recipient, n.dedupeKey.split(':')[3]])).toEqual([
      [w.buyer.email, 'contractor'],
      [w.supplierAdmin.email, 'supplier'],
    ])
    expect(introductions[1]?.body).toContain('ПАО «КАМАЗ»')
    expect(introductions[1]?.body).toContain(w.buyer.email)
    expect(introductions[0]?.body).toContain('ООО «Алабуга Штамп»')
    expect(introductions[0]?.body).toContain(w.supplierAdmin.email)

    await expect(transitionMatch(w.curator.ctx, needId, w.supplier, { to: 'interested' })).rejects.toMatchObject({ status: 403 })
    expect(await transitionMatch(w.supplierAdmin.ctx, needId, w.supplier, { to: 'interested' })).toMatchObject({ status: 'interested' })
    await expect(transitionMatch(w.curator.ctx, needId, w.supplier, { to: 'shortlisted' })).rejects.toMatchObject({
      status: 409,
      extensions: { currentStatus: 'interested', allowed: ['contracted', 'closed'] },
    })
    expect(await transitionMatch(w.curator.ctx, needId, w.supplier, { to: 'contracted', reason: 'Договор № 45-СП от 20.11.2026' })).toMatchObject({ status: 'contracted' })
    await expect(transitionMatch(w.curator.ctx, needId, w.supplier, { to: 'closed' })).rejects.toMatchObject({ status: 409, extensions: { allowed: [] } })

    await expect(transitionMatch(w.curator.ctx, needId, w.stranger, { to: 'declined' })).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.reason' }] })
    await transitionMatch(w.curator.ctx, needId, w.stranger, { to: 'introduced' })
    expect(await transitionMatch(w.strangerAdmin.ctx, needId, w.stranger, { to: 'declined' })).toMatchObject({ status: 'declined', statusReason: null })

    expect((await auditOf('match', `${needId}:${w.supplier}`)).map((e) => [e.action, e.actorUserId, e.details.from ?? null, e.details.to])).toEqual([
      ['match.add_manual', w.curator.id, null, 'shortlisted'],
      ['match.introduce', w.curator.id, 'shortlisted', 'introduced'],
      ['match.interest', w.supplierAdmin.id, 'introduced', 'interested'],
      ['match.contract', w.curator.id, 'interested', 'contracted'],
    ])
  })

  it('moves core suggestions over HTTP, with 409 listing the allowed steps', async () => {
    const w = await world()
    const needId = await publishedNeed(w)
    await deps.sql`
      insert into matches (need_id, supplier_org_id, score, breakdown, explanation, capacity_ids, distance_km, computed_at)
      values (${needId}, ${w.supplier}, 0.8, '{}', '{"ru": "подходит", "en": "fits"}', '{}', 35, ${NOW})`
    const asCurator = await cookieOf(w.curator)
    const path = `/api/needs/${needId}/matches/${w.supplier}/transition`

    const skipped = await call(deps.app, 'POST', path, { to: 'introduced' }, asCurator)
    expectProblem(skipped, 409)
    expect(skipped.body).toMatchObject({ currentStatus: 'suggested', allowed: ['shortlisted', 'declined', 'closed'] })
    expectProblem(await call(deps.app, 'POST', path, { to: 'suggested' }, asCurator), 400)
    expectProblem(await call(deps.app, 'POST', path, { to: 'shortlisted' }), 401)
    const shortlisted = await call(deps.app, 'POST', path, { to: 'shortlisted' }, asCurator)
    expect(shortlisted.status).toBe(200)
    expect(shortlisted.body).toMatchObject({ needId, orgId: w.supplier, status: 'shortlisted', source: 'core' })

    const manual = await call(deps.app, 'POST', `/api/needs/${needId}/matches`, { orgId: w.stranger }, asCurator)
    expectProblem(manual, 400)
    expect(manual.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.reason'])
    expect((await call(deps.app, 'POST', `/api/needs/${needId}/matches`, { orgId: w.stranger, reason: 'Рекомендация кластера' }, asCurator)).status).toBe(201)
  })

  it('removes a supplier only with a reason and keeps that decision through recomputation', async () => {
    const w = await world()
    await equipStampingShop(w.supplier)
    const needId = await publishedNeed(w)
    await addManualMatch(w.curator.ctx, needId, { orgId: w.supplier, reason: 'Знаем по прошлым поставкам' })
    const asCurator = await cookieOf(w.curator)

    const unexplained = await call(deps.app, 'DELETE', `/api/needs/${needId}/matches/${w.supplier}`, {}, asCurator)
    expectProblem(unexplained, 400)
    expect(unexplained.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.reason'])
    await expect(removeManualMatch(w.curator.ctx, needId, w.supplier, { reason: '  ' })).rejects.toMatchObject({ status: 400 })
    const removed = await call(deps.app, 'DELETE', `/api/needs/${needId}/matches/${w.supplier}`, { reason: 'Загрузка прессов до июня' }, asCurator)
    expect(removed.body).toMatchObject({ status: 'closed', statusReason: 'Загрузка прессов до июня' })
    expect((await auditOf('match', `${needId}:${w.supplier}`)).at(-1)).toMatchObject({ action: 'match.remove', actorUserId: w.curator.id, reason: 'Загрузка прессов до июня' })

    const need = (await getNeed(w.curator.ctx, needId)) as Need
    const { matches, nearMisses } = matchSuppliers(toMatchNeed(need), await loadSupplierCandidates(deps.sql, [w.supplier]), { now: NOW.toISOString() })
    expect(matches.map((m) => m.orgId)).toEqual([w.supplier])
    const run: NeedMatchRun = { needId, computedAt: NOW, needUpdatedAt: new Date(need.updatedAt), candidates: { suppliers: 1, capacityHits: 1, limit: 1000, truncated: false }, matches, nearMisses }
    await deps.sql.begin((tx) => saveNeedMatches(tx, run))
    const [kept] = await deps.sql`select status, source, status_reason from matches where need_id = ${needId} and supplier_org_id = ${w.supplier}`
    expect(kept).toEqual({ status: 'closed', source: 'manual', statusReason: 'Загрузка прессов до июня' })
  })

  it("keeps curators' notes and shows the audit trail to those who run the need", async () => {
    const w = await world()
    const needId = await publishedNeed(w)
    await addManualMatch(w.curator.ctx, needId, { orgId: w.supplier, reason: 'Рекомендация отраслевого союза' })

    await expect(addMatchNote(w.buyer.ctx, needId, w.supplier, { body: 'Мне нравится' })).rejects.toMatchObject({ status: 403 })
    await expect(addMatchNote(w.supplierAdmin.ctx, needId, w.supplier, { body: 'Мы лучшие' })).rejects.toMatchObject({ status: 404 })
    await expect(addMatchNote(deps.ctx, needId, w.supplier, { body: 'system' })).rejects.toMatchObject({ status: 403 })
    const note = await addMatchNote(w.curator.ctx, needId, w.supplier, { body: 'Позвонил директору: готовы к аудиту площадки в декабре' })
    expect(note).toMatchObject({ author: { userId: w.curator.id, name: 'Ильдар Хасанов' }, createdAt: NOW.toISOString() })
    expect(await listMatchNotes(w.curator.ctx, needId, w.supplier)).toEqual([note])
    await transitionMatch(w.curator.ctx, needId, w.supplier, { to: 'declined', reason: 'Нет IATF 16949 на площадке в Елабуге' })

    const trail = await call(deps.app, 'GET', `/api/needs/${needId}/audit`, undefined, await cookieOf(w.buyer))
    expect(trail.status).toBe(200)
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['match.decline', 'match.note', 'match.add_manual', 'need.publish', 'need.submit'])
    expect(trail.body.items[0]).toMatchObject({
      actor: { userId: w.curator.id, name: 'Ильдар Хасанов' },
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      entity: 'match',
      entityId: `${needId}:${w.supplier}`,
      reason: 'Нет IATF 16949 на площадке в Елабуге',
      details: { from: 'shortlisted', to: 'declined' },
    })
    expect(trail.body.items.at(-1)).toMatchObject({ action: 'need.submit', actor: { userId: w.buyer.id, name: 'Олег Смирнов' } })
    expectProblem(await call(deps.app, 'GET', `/api/needs/${needId}/audit`, undefined, await cookieOf(w.supplierAdmin)), 404)
    expectProblem(await call(deps.app, 'GET', `/api/needs/${needId}/audit`), 401)
  })
})

describe('the audit log', () => {
  it('records who, when, what and why, and refuses updates and deletes', async () => {
    const w = await world()
    const need = await createNeed(w.buyer.ctx, w.contractor, bracketNeed(w))
    await cancelNeed(w.buyer.ctx, need.id, { reason: 'Потребность внесена по ошибке' })
    const [entry] = await deps.sql<{ id: string; at: Date; actorUserId: string; action: string; reason: string }[]>`
      select id::text as id, at, actor_user_id, action, reason from audit_log where entity = 'need' and entity_id = ${need.id}`
    expect(entry).toMatchObject({ actorUserId: w.buyer.id, action: 'need.cancel', reason: 'Потребность внесена по ошибке' })
    expect(entry?.at).toBeInstanceOf(Date)

    await expect(deps.sql`update audit_log set reason = 'подчистили' where id = ${entry?.id ?? ''}`).rejects.toThrow(/append-only/)
    await expect(deps.sql`delete from audit_log where id = ${entry?.id ?? ''}`).rejects.toThrow(/append-only/)
    const [after] = await deps.sql`select reason from audit_log where id = ${entry?.id ?? ''}`
    expect(after).toEqual({ reason: 'Потребность внесена по ошибке' })
  })
})

describe('new-need alerts', () => {
  it('tells newly matched suppliers about a published need once, without naming the contractor', async () => {
    const w = await world()
    await equipStampingShop(w.supplier)
    const needId = await publishedNeed(w)
    const need = (await getNeed(w.curator.ctx, needId)) as Need
    const runOf = async (): Promise<NeedMatchRun> => {
      const { matches, nearMisses } = matchSuppliers(toMatchNeed(need), await loadSupplierCandidates(deps.sql, [w.supplier]), { now: NOW.toISOString() })
      return { needId, computedAt: NOW, needUpdatedAt: new Date(need.updatedAt), candidates: { suppliers: 1, capacityHits: 1, limit: 1000, truncated: false }, matches, nearMisses }
    }

    await deps.sql.begin(async (tx) => saveNeedMatches(tx, await runOf()))
    const alerts = await deps.sql<{ recipient: string; kind: string; subject: string; body: string }[]>`
      select recipient, kind, subject, body from notification_outbox where dedupe_key like ${`need-match:${needId}:%`}`
    expect(alerts.map((a) => [a.recipient, a.kind])).toEqual([[w.supplierAdmin.email, 'need-match']])
    const text = `${alerts[0]?.subject}\n${alerts[0]?.body}`
    for (const secret of ['КАМАЗ', w.contractor, 'Автозаводский', w.buyer.email]) expect(text).not.toContain(secret)
    expect(text).toContain('Набережные Челны')
    expect(text).toContain('automotive')

    await deps.sql.begin(async (tx) => saveNeedMatches(tx, await runOf()))
    const [count] = await deps.sql<{ n: number }[]>`select count(*)::int as n from notification_outbox where dedupe_key like ${`need-match:${needId}:%`}`
    expect(count?.n).toBe(1)
  })

  it('says nothing about a need that is not published', async () => {
    const w = await world()
    await equipStampingShop(w.supplier)
    const draft = await createNeed(w.buyer.ctx, w.contractor, bracketNeed(w))
    const { matches, nearMisses } = matchSuppliers(toMatchNeed(draft), await loadSupplierCandidates(deps.sql, [w.supplier]), { now: NOW.toISOString() })
    expect(matches).toHaveLength(1)
    const run: NeedMatchRun = { needId: draft.id, computedAt: NOW, needUpdatedAt: new Date(draft.updatedAt), candidates: { suppliers: 1, capacityHits: 1, limit: 1000, truncated: false }, matches, nearMisses }
    await deps.sql.begin((tx) => saveNeedMatches(tx, run))
    expect(await deps.sql`select 1 from notification_outbox where dedupe_key like ${`need-match:${draft.id}:%`}`).toHaveLength(0)
  })
})
