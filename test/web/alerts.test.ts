import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scanAlerts } from '../../src/services/alerts/scan.js'
import { createNeed } from '../../src/services/needs/create.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { createTestUser, signIn } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'
import { STAMPING, createSupplierWithCapacity, drainAll, needInput } from './fixtures.js'
import { cspViolations, getPage, postForm } from './http.js'

/** The alert pages: saving a need search with its filters, keeping alerts, and their hits in the inbox. */

let clock = new Date('2026-11-22T06:00:00Z')
const now = () => clock
let deps: TestDeps
let supplierId: string
let siteId: string
let contractorId: string
/** A member of ООО «Елабуга Токарь». */
let supplier: string
let otherSupplier: string
let contractor: string

const NEAR = 'Елабуга, Республика Татарстан'
const CONTRACTOR_NAME = 'АО «Елабужский машиностроительный»'

function page(path: string, cookies: string[], headers: Record<string, string> = {}) {
  return getPage(deps.app, path, { cookies, headers })
}

function post(path: string, fields: [string, string][], cookies: string[]) {
  return postForm(deps.app, path, fields, { cookies })
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\s+/g, ' ')
    .trim()
}

/** Every visible control has an id with a label pointing at it. */
function expectLabelledControls(html: string): void {
  const controls = html.match(/<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*>/g) ?? []
  expect(controls.length).toBeGreaterThan(0)
  for (const control of controls) {
    const id = control.match(/\bid="([^"]+)"/)?.[1]
    expect(id, control).toBeDefined()
    expect(html, `label for ${id}`).toContain(`for="${id}"`)
  }
}

function hiddenValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`, 'g'))].map((m) => m[1] ?? '')
}

beforeAll(async () => {
  deps = await createTestDeps({ now })
  const created = await createSupplierWithCapacity(deps, { name: 'ООО «Елабуга Токарь»', address: NEAR, certificates: [], capacity: STAMPING })
  supplierId = created.orgId
  const [site] = await deps.sql<{ id: string }[]>`select id from sites where org_id = ${supplierId}`
  siteId = site?.id ?? ''
  const other = await createOrganization(deps.ctx, { name: 'ООО «Другой поставщик»', inn: randomInn(), kinds: ['supplier'] })
  contractorId = (await createOrganization(deps.ctx, { name: CONTRACTOR_NAME, inn: randomInn(), kinds: ['contractor'] })).id
  supplier = await signIn(deps.app, (await createTestUser(deps.sql, { memberships: [{ orgId: supplierId, role: 'member' }] })).email)
  otherSupplier = await signIn(deps.app, (await createTestUser(deps.sql, { memberships: [{ orgId: other.id, role: 'admin' }] })).email)
  contractor = await signIn(deps.app, (await createTestUser(deps.sql, { memberships: [{ orgId: contractorId, role: 'admin' }] })).email)
})
afterAll(async () => {
  await deps.close()
})

describe('saving a need search as an alert', () => {
  const query = `process=MCH.TURN&process=MCH.MILL5&regionCode=16&near=${encodeURIComponent(NEAR)}&radiusKm=200&q=${encodeURIComponent('вал')}`

  it('offers «Сохранить как оповещение» with the current filters, on the page and in the htmx results', async () => {
    const full = await page(`/search/needs?${query}`, [supplier])
    expect(full.status).toBe(200)
    const link = full.html.match(/<a class="button button--secondary" href="(\/alerts\/new\?[^"]*)" id="save-alert"/)?.[1]?.replaceAll('&amp;', '&')
    expect(link).toBeDefined()
    const params = new URL(link ?? '', 'http://localhost').searchParams
    expect(params.getAll('process')).toEqual(['MCH.TURN', 'MCH.MILL5'])
    expect(params.get('regionCode')).toBe('16')
    expect(params.get('near')).toBe(NEAR)
    expect(params.get('radiusKm')).toBe('200')
    expect(params.get('q')).toBe('вал')
    expect(textOf(full.html)).toContain('Сохранить как оповещение')

    const partial = await page(`/search/needs?process=MCH.GEAR`, [supplier], { 'hx-request': 'true' })
    expect(partial.html).toContain('href="/alerts/new?process=MCH.GEAR"')
    // Contractors and the capacity search have nothing to save.
    expect((await page(`/search/needs?${query}`, [contractor])).html).not.toContain('id="save-alert"')
    expect((await page('/search/capacities?process=MCH.TURN', [supplier])).html).not.toContain('id="save-alert"')
  })

  it('keeps the filters through the alert form and saves them', async () => {
    const form = await page(`/alerts/new?${query}`, [supplier])
    expect(form.status).toBe(200)
    expect(hiddenValues(form.html, 'process')).toEqual(['MCH.TURN', 'MCH.MILL5'])
    expect(hiddenValues(form.html, 'regionCode')).toEqual(['16'])
    expect(hiddenValues(form.html, 'near')).toEqual([NEAR])
    expect(hiddenValues(form.html, 'q')).toEqual(['вал'])
    expect(textOf(form.html)).toContain('Токарная обработка')
    expect(form.html).toContain(`value="site:${siteId}"`)
    expectLabelledControls(form.html)
    expect(cspViolations(form.html)).toEqual([])

    const saved = await post('/alerts', [
      ['kind', 'search'], ['org', supplierId], ['name', 'Валы и корпуса'], ['q', 'вал'], ['process', 'MCH.TURN'], ['process', 'MCH.MILL5'],
      ['regionCode', '16'], ['near', NEAR], ['centre', `site:${siteId}`], ['radiusKm', '200'],
    ], [supplier])
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`/alerts?org=${supplierId}&saved=1`)
    const [alert] = await deps.sql`select kind, q, processes, region_code, site_id, radius_km, status from supplier_alerts where org_id = ${supplierId} and name = 'Валы и корпуса'`
    expect(alert).toMatchObject({ kind: 'search', q: 'вал', processes: ['MCH.TURN', 'MCH.MILL5'], regionCode: '16', siteId, radiusKm: 200, status: 'active' })
    const list = await page(saved.headers.get('location') ?? '', [supplier])
    expect(textOf(list.html)).toContain('Оповещение сохранено')
    expect(textOf(list.html)).toContain('Валы и корпуса')
  })

  it('brings the form back with the reason when the place is unknown or nothing is filtered', async () => {
    const badPlace = await post('/alerts', [['kind', 'search'], ['org', supplierId], ['name', 'Где-то'], ['process', 'MCH.TURN'], ['near', 'Нигдеград'], ['centre', 'near'], ['radiusKm', '100']], [supplier])
    expect(badPlace.status).toBe(400)
    expect(badPlace.html).toContain('class="error-summary"')
    expect(badPlace.html).toMatch(/id="f-centre-error" class="field-error"/)
    expect(hiddenValues(badPlace.html, 'process')).toEqual(['MCH.TURN'])
    const nothing = await post('/alerts', [['kind', 'search'], ['org', supplierId], ['name', 'Всё подряд']], [supplier])
    expect(nothing.status).toBe(400)
    expect(textOf(nothing.html)).toContain('Задайте хотя бы один фильтр')
  })
})

describe('keeping alerts', () => {
  it('creates "needs like my capacities", pauses, resumes and deletes alerts, and opts out of the digest', async () => {
    const created = await post('/alerts', [['kind', 'capacities'], ['org', supplierId], ['name', 'Под мои прессы'], ['minScore', '0.7']], [supplier])
    expect(created.status).toBe(303)
    const [alert] = await deps.sql<{ id: string; minScore: number }[]>`select id, min_score from supplier_alerts where org_id = ${supplierId} and kind = 'capacities'`
    expect(alert?.minScore).toBe(0.7)
    const id = alert?.id ?? ''

    const paused = await post(`/alerts/${id}/status`, [['org', supplierId], ['status', 'paused']], [supplier])
    expect(paused.status).toBe(303)
    let list = await page(`/alerts?org=${supplierId}`, [supplier])
    const card = list.html.slice(list.html.indexOf(`id="alert-${id}"`))
    expect(textOf(card.slice(0, card.indexOf('</li>')))).toMatch(/Приостановлено.*Возобновить/)
    expectLabelledControls(list.html)
    expect(cspViolations(list.html)).toEqual([])

    await post(`/alerts/${id}/status`, [['org', supplierId], ['status', 'active']], [supplier])
    const [resumed] = await deps.sql`select status from supplier_alerts where id = ${id}`
    expect(resumed?.status).toBe('active')

    const optOut = await post('/alerts/digest', [['org', supplierId], ['subscribed', 'false']], [supplier])
    expect(optOut.status).toBe(303)
    list = await page(`/alerts?org=${supplierId}`, [supplier, 'lang=en'])
    expect(textOf(list.html)).toContain('You opted out of this organization')
    expect(textOf(list.html)).toContain('Send me the digest')
    await post('/alerts/digest', [['org', supplierId], ['subscribed', 'true']], [supplier])

    const removed = await post(`/alerts/${id}/delete`, [['org', supplierId]], [supplier])
    expect(removed.status).toBe(303)
    expect((await page(`/alerts?org=${supplierId}`, [supplier])).html).not.toContain(`id="alert-${id}"`)
  })

  it('shows nothing of a supplier’s alerts to another supplier or to a contractor', async () => {
    const [alert] = await deps.sql<{ id: string }[]>`select id from supplier_alerts where org_id = ${supplierId} limit 1`
    expect((await page(`/alerts?org=${supplierId}`, [otherSupplier])).status).toBe(404)
    expect((await post(`/alerts/${alert?.id}/delete`, [['org', supplierId]], [otherSupplier])).status).toBe(404)
    expect((await page('/alerts', [contractor])).status).toBe(404)
    expect((await page(`/alerts/new?process=MCH.TURN`, [contractor])).status).toBe(404)
    const [still] = await deps.sql`select 1 from supplier_alerts where id = ${alert?.id ?? ''}`
    expect(still).toBeDefined()
  })
})

describe('alert hits in the inbox', () => {
  it('lists new needs the alerts found, linking to the need as the supplier sees it, without the contractor', async () => {
    clock = new Date('2026-11-22T07:00:00Z')
    const need = await createNeed(deps.ctx, contractorId, needInput({ title: 'Вал привода насоса', processes: ['MCH.TURN'], requiredCerts: [], delivery: { address: NEAR } }))
    await publishNeed(deps.ctx, need.id)
    await drainAll(deps, now)
    expect((await scanAlerts(deps.ctx, deps.search)).hits).toBeGreaterThan(0)

    const inbox = await page('/inbox', [supplier])
    expect(inbox.status).toBe(200)
    const section = inbox.html.slice(inbox.html.indexOf('id="alert-hits-heading"'))
    expect(textOf(section)).toContain('Новые заявки по оповещениям')
    expect(section).toContain(`<a href="/needs/${need.id}">Вал привода насоса</a>`)
    expect(textOf(section)).toContain('Валы и корпуса')
    expect(inbox.html).not.toContain(CONTRACTOR_NAME)
    expect(cspViolations(inbox.html)).toEqual([])

    const needPage = await page(`/needs/${need.id}`, [supplier])
    expect(needPage.status).toBe(200)
    expect(needPage.html).not.toContain(CONTRACTOR_NAME)
    expect((await page('/inbox?lang=en', [supplier, 'lang=en'])).html).toContain('New needs from your alerts')
  })
})
