import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NeedInput } from '../../src/domain/need.js'
import { silentLogger } from '../../src/lib/log.js'
import { scanAlerts } from '../../src/services/alerts/scan.js'
import { sendAlertDigests } from '../../src/services/alerts/sendDigests.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { cancelNeed } from '../../src/services/needs/cancel.js'
import { createNeed } from '../../src/services/needs/create.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { createSite } from '../../src/services/sites/create.js'
import { createAlertWorker } from '../../src/workers/alerts.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { createTestUser, signInHeaders } from '../helpers/auth.js'
import { randomInn } from '../helpers/fixtures.js'
import { call } from '../helpers/http.js'
import { STAMPING, createSupplierWithCapacity, drainAll, needInput } from '../web/fixtures.js'

const ORIGIN = 'https://podryad.example.ru'
let clock = new Date('2026-11-22T05:00:00Z')
const now = () => clock
let deps: TestDeps

beforeAll(async () => {
  deps = await createTestDeps({ now })
})
afterAll(async () => {
  await deps.close()
})

interface Digest {
  recipient: string
  subject: string
  body: string
}

async function digestsTo(email: string): Promise<Digest[]> {
  return deps.sql<Digest[]>`select recipient, subject, body from notification_outbox where kind = 'alert-digest' and recipient = ${email} order by id`
}

/** Need ids a digest body links to, in order. */
function linkedNeeds(body: string): string[] {
  return [...body.matchAll(/\/needs\/(need_[0-9a-z]+)/g)].map((m) => m[1] ?? '')
}

describe('supplier alerts end to end: hits, digests, pause and delete', () => {
  const needs: Record<string, string> = {}
  let supplierId: string
  let siteId: string
  let contractorName: string
  let ru: { id: string; email: string }
  let en: { id: string; email: string }
  let optedOut: { id: string; email: string }
  let headers: Record<string, string>
  const alerts: Record<string, string> = {}

  async function publish(key: string, overrides: Partial<NeedInput>, contractorId: string): Promise<void> {
    const need = await createNeed(deps.ctx, contractorId, needInput({ requiredCerts: [], ...overrides }))
    await publishNeed(deps.ctx, need.id)
    needs[key] = need.id
  }

  beforeAll(async () => {
    contractorName = 'ПАО «Камский моторный завод»'
    const contractor = await createOrganization(deps.ctx, { name: contractorName, inn: randomInn(), kinds: ['contractor'] })
    const supplier = await createSupplierWithCapacity(deps, {
      name: 'ООО «Челны Штамп»',
      address: 'Набережные Челны, Республика Татарстан',
      certificates: [{ standard: 'IATF16949', validUntil: '2029-01-01' }],
      capacity: STAMPING,
    })
    supplierId = supplier.orgId
    const [site] = await deps.sql<{ id: string }[]>`select id from sites where org_id = ${supplierId}`
    siteId = site?.id ?? ''
    ru = await createTestUser(deps.sql, { name: 'Олег Штампов', memberships: [{ orgId: supplierId, role: 'admin' }] })
    en = await createTestUser(deps.sql, { name: 'John Press', memberships: [{ orgId: supplierId, role: 'member' }] })
    optedOut = await createTestUser(deps.sql, { name: 'Не беспокоить', memberships: [{ orgId: supplierId, role: 'member' }] })
    await deps.sql`update users set language = 'en' where id = ${en.id}`
    headers = await signInHeaders(deps.app, ru.email)
    const quiet = await call(deps.app, 'PUT', `/api/organizations/${supplierId}/alert-digest`, { subscribed: false }, await signInHeaders(deps.app, optedOut.email))
    expect(quiet.status).toBe(200)

    // Published before any alert existed: never "new" for them.
    await publish('beforeAlerts', { title: 'Вал привода, токарная обработка (до оповещений)', processes: ['MCH.TURN'], delivery: { address: 'Елабуга, Республика Татарстан' } }, contractor.id)
    await drainAll(deps, now)

    clock = new Date('2026-11-22T05:30:00Z')
    const create = async (key: string, body: Record<string, unknown>) => {
      const res = await call(deps.app, 'POST', `/api/organizations/${supplierId}/alerts`, body, headers)
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      alerts[key] = res.body.id
    }
    await create('turning', { kind: 'search', name: 'Токарка рядом', processes: ['MCH.TURN'], siteId, radiusKm: 150 })
    await create('samara', { kind: 'search', name: 'Фрезеровка в Самарской области', processes: ['MCH.MILL5'], regionCode: '63' })
    await create('casting', { kind: 'search', name: 'Литьё', processes: ['CST.SAND'] })
    await create('capacities', { kind: 'capacities', name: 'Как мои мощности', minScore: 0.1 })
    const paused = await call(deps.app, 'PATCH', `/api/alerts/${alerts.casting}`, { status: 'paused' }, headers)
    expect(paused.body.status).toBe('paused')

    clock = new Date('2026-11-22T06:00:00Z')
    await publish('match', { title: 'Ось катка, токарная обработка', processes: ['MCH.TURN'], delivery: { address: 'Елабуга, Республика Татарстан' } }, contractor.id)
    await publish('otherProcess', { title: 'Рама тележки, сварка', processes: ['WLD.MIGMAG'], delivery: { address: 'Елабуга, Республика Татарстан' } }, contractor.id)
    await publish('tooFar', { title: 'Втулка, токарная обработка, Москва', processes: ['MCH.TURN'], delivery: { address: 'Москва' } }, contractor.id)
    await publish('otherRegion', { title: 'Корпус редуктора, фрезерование, Казань', processes: ['MCH.MILL5'], delivery: { address: 'Казань, Республика Татарстан' } }, contractor.id)
    await publish('region', { title: 'Корпус насоса, фрезерование, Тольятти', processes: ['MCH.MILL5'], delivery: { address: 'Тольятти, Самарская область' } }, contractor.id)
    await publish('pausedAlert', { title: 'Отливка ступицы', processes: ['CST.SAND'], delivery: { address: 'Набережные Челны, Республика Татарстан' } }, contractor.id)
    await publish('cancelled', { title: 'Палец шарнира, токарная обработка (отменена)', processes: ['MCH.TURN'], delivery: { address: 'Набережные Челны, Республика Татарстан' } }, contractor.id)
    await publish('capacities', { title: 'Кронштейн глушителя, штамповка' }, contractor.id)
    await drainAll(deps, now)
    const scan = await scanAlerts(deps.ctx, deps.search)
    expect(scan.scanned).toBe(9)
    await cancelNeed(deps.ctx, needs.cancelled ?? '')
  })

  it('records exactly the hits of the active alerts, newest needs only', async () => {
    const rows = await deps.sql<{ alertId: string; needId: string }[]>`select alert_id, need_id from alert_hits order by alert_id, need_id`
    const pairs = rows.map((row) => `${row.alertId}:${row.needId}`).sort()
    expect(pairs).toEqual(
      [`${alerts.turning}:${needs.match}`, `${alerts.turning}:${needs.cancelled}`, `${alerts.samara}:${needs.region}`, `${alerts.capacities}:${needs.capacities}`].sort(),
    )
  })

  it('lists the hits for the supplier without the contractor, dropping the cancelled need', async () => {
    const res = await call(deps.app, 'GET', `/api/organizations/${supplierId}/alert-hits`, undefined, headers)
    expect(res.status).toBe(200)
    expect(res.body.items.map((item: { needId: string }) => item.needId).sort()).toEqual([needs.match, needs.region, needs.capacities].sort())
    expect(JSON.stringify(res.body)).not.toContain(contractorName)
    const capacities = res.body.items.find((item: { needId: string }) => item.needId === needs.capacities)
    expect(capacities.score).toBeGreaterThanOrEqual(0.1)
    const turning = res.body.items.find((item: { needId: string }) => item.needId === needs.match)
    expect(turning.distanceKm).toBeLessThan(150)
  })

  it('sends each subscribed member one digest listing exactly the new matching needs, in their language', async () => {
    clock = new Date('2026-11-22T07:00:00Z')
    const result = await sendAlertDigests(deps.ctx, { publicOrigin: ORIGIN })
    expect(result.sent).toBe(2)
    const [russian] = await digestsTo(ru.email)
    const [english] = await digestsTo(en.email)
    expect(await digestsTo(optedOut.email)).toEqual([])
    const expected = [needs.match, needs.region, needs.capacities].sort()
    expect(linkedNeeds(russian?.body ?? '').sort()).toEqual(expected)
    expect(linkedNeeds(english?.body ?? '').sort()).toEqual(expected)
    expect(russian?.subject).toMatch(/Новые потребности по вашим оповещениям: 3/)
    expect(russian?.body).toContain('Ось катка, токарная обработка')
    expect(russian?.body).toContain(`${ORIGIN}/needs/${needs.match}`)
    expect(english?.subject).toMatch(/New needs matching your alerts: 3/)
    expect(english?.body).toContain('Processes: CNC turning.')
    expect(english?.body).not.toMatch(/[Пп]роцессы/)
    for (const digest of [russian, english]) expect(digest?.body).not.toContain(contractorName)
  })

  it('sends nothing more when the job runs again the same day', async () => {
    clock = new Date('2026-11-22T12:00:00Z')
    expect(await sendAlertDigests(deps.ctx, { publicOrigin: ORIGIN })).toEqual({ sent: 0, needs: 0 })
    const worker = createAlertWorker({ sql: deps.sql, search: deps.search, log: silentLogger, publicOrigin: ORIGIN, now })
    const pass = await worker.runOnce()
    expect(pass.digests?.sent).toBe(0)
    expect(await digestsTo(ru.email)).toHaveLength(1)
  })

  it('waits for the digest hour', async () => {
    clock = new Date('2026-11-23T04:30:00Z')
    const worker = createAlertWorker({ sql: deps.sql, search: deps.search, log: silentLogger, publicOrigin: ORIGIN, now })
    expect((await worker.runOnce()).digests).toBeNull()
  })

  it('lists next day only what was published since, and nothing from a paused alert', async () => {
    const pause = await call(deps.app, 'PATCH', `/api/alerts/${alerts.samara}`, { status: 'paused' }, headers)
    expect(pause.status).toBe(200)
    clock = new Date('2026-11-23T05:00:00Z')
    const contractor = await createOrganization(deps.ctx, { name: 'АО «Волжский завод»', inn: randomInn(), kinds: ['contractor'] })
    await publish('nextDay', { title: 'Шток цилиндра, токарная обработка', processes: ['MCH.TURN'], delivery: { address: 'Елабуга, Республика Татарстан' } }, contractor.id)
    await publish('pausedNextDay', { title: 'Крышка корпуса, фрезерование, Самара', processes: ['MCH.MILL5'], delivery: { address: 'Самара' } }, contractor.id)
    // Not yet searchable nor matched: the scan leaves them for later rather than judge them on a stale index.
    expect(await scanAlerts(deps.ctx, deps.search)).toEqual({ scanned: 0, hits: 0 })
    await drainAll(deps, now)
    clock = new Date('2026-11-23T06:00:00Z')
    const worker = createAlertWorker({ sql: deps.sql, search: deps.search, log: silentLogger, publicOrigin: ORIGIN, now })
    const pass = await worker.runOnce()
    expect(pass.scan).toEqual({ scanned: 2, hits: 1 })
    expect(pass.digests?.sent).toBe(2)
    const [, second] = await digestsTo(ru.email)
    expect(linkedNeeds(second?.body ?? '')).toEqual([needs.nextDay])
  })

  it('resumes a paused alert and deletes another with its hits', async () => {
    const resumed = await call(deps.app, 'PATCH', `/api/alerts/${alerts.samara}`, { status: 'active' }, headers)
    expect(resumed.body.status).toBe('active')
    const removed = await call(deps.app, 'DELETE', `/api/alerts/${alerts.turning}`, undefined, headers)
    expect(removed.status).toBe(204)
    const list = await call(deps.app, 'GET', `/api/organizations/${supplierId}/alerts`, undefined, headers)
    expect(list.body.items.map((alert: { id: string }) => alert.id).sort()).toEqual([alerts.samara, alerts.casting, alerts.capacities].sort())
    expect(list.body.digestSubscribed).toBe(true)
    const [hits] = await deps.sql<{ count: number }[]>`select count(*)::int as count from alert_hits where alert_id = ${alerts.turning ?? ''}`
    expect(hits?.count).toBe(0)
    const again = await call(deps.app, 'DELETE', `/api/alerts/${alerts.turning}`, undefined, headers)
    expect(again.status).toBe(404)
  })
})

describe('who may keep alerts, and validation', () => {
  let supplierId: string
  let otherSiteId: string
  let member: Record<string, string>
  let alertId: string

  beforeAll(async () => {
    const supplier = await createOrganization(deps.ctx, { name: 'ООО «Токарь»', inn: randomInn(), kinds: ['supplier'] })
    const other = await createOrganization(deps.ctx, { name: 'ООО «Сосед»', inn: randomInn(), kinds: ['supplier'] })
    supplierId = supplier.id
    otherSiteId = (await createSite(deps.ctx, other.id, { name: 'Цех', address: 'Елабуга, Республика Татарстан' })).id
    const user = await createTestUser(deps.sql, { memberships: [{ orgId: supplierId, role: 'member' }] })
    member = await signInHeaders(deps.app, user.email)
    const created = await call(deps.app, 'POST', `/api/organizations/${supplierId}/alerts`, { kind: 'search', name: 'Токарка', processes: ['MCH.TURN'] }, member)
    expect(created.status).toBe(201)
    alertId = created.body.id
  })

  it('hides one supplier’s alerts from another supplier and from a contractor', async () => {
    const rival = await createOrganization(deps.ctx, { name: 'ООО «Конкурент»', inn: randomInn(), kinds: ['supplier'] })
    const contractor = await createOrganization(deps.ctx, { name: 'АО «Заказчик»', inn: randomInn(), kinds: ['contractor'] })
    for (const orgId of [rival.id, contractor.id]) {
      const stranger = await signInHeaders(deps.app, (await createTestUser(deps.sql, { memberships: [{ orgId, role: 'admin' }] })).email)
      expect((await call(deps.app, 'GET', `/api/organizations/${supplierId}/alerts`, undefined, stranger)).status).toBe(404)
      expect((await call(deps.app, 'GET', `/api/organizations/${supplierId}/alert-hits`, undefined, stranger)).status).toBe(404)
      expect((await call(deps.app, 'POST', `/api/organizations/${supplierId}/alerts`, { kind: 'capacities', name: 'x' }, stranger)).status).toBe(404)
      expect((await call(deps.app, 'PATCH', `/api/alerts/${alertId}`, { status: 'paused' }, stranger)).status).toBe(404)
      expect((await call(deps.app, 'DELETE', `/api/alerts/${alertId}`, undefined, stranger)).status).toBe(404)
    }
    const contractorMember = await signInHeaders(deps.app, (await createTestUser(deps.sql, { memberships: [{ orgId: contractor.id, role: 'admin' }] })).email)
    const own = await call(deps.app, 'POST', `/api/organizations/${contractor.id}/alerts`, { kind: 'capacities', name: 'x' }, contractorMember)
    expect(own.status).toBe(403)
    expect((await call(deps.app, 'GET', `/api/organizations/${supplierId}/alerts`)).status).toBe(401)
    const [alert] = await deps.sql<{ status: string }[]>`select status from supplier_alerts where id = ${alertId}`
    expect(alert?.status).toBe('active')
  })

  it('answers bad input with field paths and writes nothing', async () => {
    const [before] = await deps.sql<{ count: number }[]>`select count(*)::int as count from supplier_alerts`
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'search', name: 'Без центра', processes: ['MCH.TURN'], radiusKm: 100 }, 'body.radiusKm'],
      [{ kind: 'search', name: 'Без фильтров' }, 'body.processes'],
      [{ kind: 'search', name: 'Неизвестный процесс', processes: ['MCH.NOPE'] }, 'body.processes.0'],
      [{ kind: 'search', name: 'Чужая площадка', processes: ['MCH.TURN'], siteId: otherSiteId, radiusKm: 100 }, 'body.siteId'],
      [{ kind: 'search', name: 'Нет такого места', processes: ['MCH.TURN'], near: 'Нигдеград', radiusKm: 100 }, 'body.near'],
      [{ kind: 'capacities', name: 'Порог', minScore: 2 }, 'body.minScore'],
      [{ kind: 'weekly', name: 'Вид' }, 'body.kind'],
    ]
    for (const [body, path] of cases) {
      const res = await call(deps.app, 'POST', `/api/organizations/${supplierId}/alerts`, body, member)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors.map((error: { path: string }) => error.path), JSON.stringify(res.body)).toContain(path)
    }
    const english = await call(deps.app, 'POST', `/api/organizations/${supplierId}/alerts`, cases[0]?.[0], { ...member, 'accept-language': 'en' })
    expect(english.body.errors[0].message).toMatch(/A radius needs a site or a place/)
    const badStatus = await call(deps.app, 'PATCH', `/api/alerts/${alertId}`, { status: 'sleeping' }, member)
    expect(badStatus.status).toBe(400)
    expect(badStatus.body.errors[0].path).toBe('body.status')
    const [after] = await deps.sql<{ count: number }[]>`select count(*)::int as count from supplier_alerts`
    expect(after?.count).toBe(before?.count)
  })
})
