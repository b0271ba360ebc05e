import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishNeed } from '../../src/services/needs/publish.js'
import type { ServiceContext } from '../../src/services/context.js'
import { inviteColleague } from '../../src/services/invitations/inviteColleague.js'
import { transitionMatch } from '../../src/services/matches/transition.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { TEST_PASSWORD, createTestUser, signIn } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'
import { type Scenario, createDraftNeed, drainAll, seedScenario } from './fixtures.js'
import { cookieOf, cspViolations, getPage, postForm } from './http.js'

/**
 * The workspaces of the issue: the centre's queues, the need's workflow and curation additions, the supplier's
 * inbox and answer, the contractor's requests, editing an organization, people, password and invitations.
 */

const NOW = new Date('2026-11-22T09:00:00Z')
const ENGLISH = 'lang=en'

let deps: TestDeps
let scenario: Scenario
let curator: string
/** An admin of ООО «Алабуга Штамп», the supplier the core matches. */
let supplier: string
let supplierAdminId: string
/** A plain member of the same supplier. */
let supplierMember: string
/** A member of another supplier, ООО «Кама Фреза». */
let foreignSupplier: string
/** A member of ПАО «КАМАЗ». */
let contractor: string

const now = () => NOW

function page(path: string, cookies: string[], headers: Record<string, string> = {}) {
  return getPage(deps.app, path, { cookies, headers })
}

function post(path: string, fields: [string, string][], cookies: string[], headers: Record<string, string> = {}) {
  return postForm(deps.app, path, fields, { cookies, headers })
}

/** The text of a page without tags, so assertions read like what a person sees. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\s+/g, ' ')
    .trim()
}

/** Every visible control has an id with a label pointing at it. */
function expectLabelledControls(html: string, path: string): void {
  const controls = html.match(/<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*>/g) ?? []
  for (const control of controls) {
    const id = control.match(/\bid="([^"]+)"/)?.[1]
    expect(id, `${path}: ${control}`).toBeDefined()
    expect(html, `${path}: label for ${id}`).toContain(`for="${id}"`)
  }
}

/** A published need the core matches with ООО «Алабуга Штамп», ranked and in the suppliers' inboxes. */
async function publishedNeed(title: string): Promise<string> {
  const needId = await createDraftNeed(deps, scenario.contractorId, { title })
  await publishNeed(deps.ctx, needId)
  await drainAll(deps, now)
  return needId
}

beforeAll(async () => {
  deps = await createTestDeps({ now })
  scenario = await seedScenario(deps)
  curator = await signIn(deps.app, scenario.curator.email)
  const admin = await createTestUser(deps.sql, { name: 'Алексей Штампов', memberships: [{ orgId: scenario.suppliers.elabuga, role: 'admin' }] })
  supplierAdminId = admin.id
  supplier = await signIn(deps.app, admin.email)
  supplierMember = await signIn(deps.app, (await createTestUser(deps.sql, { name: 'Мария Штампова', memberships: [{ orgId: scenario.suppliers.elabuga, role: 'member' }] })).email)
  foreignSupplier = await signIn(deps.app, (await createTestUser(deps.sql, { name: 'Пётр Фрезеров', memberships: [{ orgId: scenario.suppliers.milling, role: 'admin' }] })).email)
  contractor = await signIn(deps.app, (await createTestUser(deps.sql, { name: 'Ольга Заказова', memberships: [{ orgId: scenario.contractorId, role: 'admin' }] })).email)
})
afterAll(async () => {
  await deps.close()
})

describe('navigation', () => {
  it('shows each person only what they may use', async () => {
    const anonymous = await page('/', [])
    expect(anonymous.html).not.toContain('class="site-nav"')
    expect(anonymous.html).toContain('<header')

    const navOf = async (cookie: string) => {
      const html = (await page('/', [cookie])).html
      return html.slice(html.indexOf('class="site-nav"'), html.indexOf('</nav>'))
    }
    const curatorNav = await navOf(curator)
    expect(curatorNav).toContain('href="/centre"')
    expect(curatorNav).toContain('href="/needs/new"')
    expect(curatorNav).not.toContain('href="/inbox"')
    expect(curatorNav).not.toContain('href="/my/needs"')

    const supplierNav = await navOf(supplier)
    expect(supplierNav).toContain('href="/inbox"')
    expect(supplierNav).toContain(`href="/organizations/${scenario.suppliers.elabuga}"`)
    expect(supplierNav).not.toContain('href="/centre"')
    expect(supplierNav).not.toContain('href="/needs/new"')

    const contractorNav = await navOf(contractor)
    expect(contractorNav).toContain('href="/my/needs"')
    expect(contractorNav).not.toContain('href="/centre"')
    expect(contractorNav).not.toContain('href="/inbox"')

    const supplierHeader = (await page('/', [supplier])).html
    expect(supplierHeader).toContain('href="/account/password"')
  })

  it('offers editing and people only to those who may', async () => {
    const own = await page(`/organizations/${scenario.suppliers.elabuga}`, [supplier])
    expect(own.html).toContain(`href="/organizations/${scenario.suppliers.elabuga}/edit"`)
    expect(own.html).toContain(`href="/organizations/${scenario.suppliers.elabuga}/people"`)
    const member = await page(`/organizations/${scenario.suppliers.elabuga}`, [supplierMember])
    expect(member.html).toContain(`/organizations/${scenario.suppliers.elabuga}/edit"`)
    expect(member.html).not.toContain('/people"')
    const foreign = await page(`/organizations/${scenario.suppliers.elabuga}`, [foreignSupplier])
    expect(foreign.html).not.toContain('/edit"')
    expect(foreign.html).not.toContain('/people"')
    const contractorSeenBySupplier = await page(`/organizations/${scenario.contractorId}`, [supplier])
    expect(contractorSeenBySupplier.html).not.toContain('/needs/new?org=')
  })
})

describe('centre dashboard', () => {
  it('is for curators only: a supplier gets the 403 page, anonymous visitors the sign-in', async () => {
    const refused = await page('/centre', [supplier])
    expect(refused.status).toBe(403)
    expect(refused.html).toContain('Недостаточно прав')
    expect(refused.html).toContain('Рабочее место центра открыто кураторам')
    const english = await page('/centre', [supplier, ENGLISH])
    expect(english.html).toContain('The centre workspace is for subcontracting centre curators')
    const anonymous = await page('/centre', [])
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe('/signin?next=%2Fcentre')
  })

  it('queues certificates to verify, certificates expiring soon and matches to curate, within the curator\'s scope', async () => {
    const today = NOW.toISOString().slice(0, 10)
    const inTwelveDays = new Date(NOW.getTime() + 12 * 86_400_000).toISOString().slice(0, 10)
    const [fresh] = await deps.sql`
      insert into certificates (id, org_id, standard, number, issuer, valid_from, valid_until)
      values (${`cert_${'q'.repeat(21)}`}, ${scenario.suppliers.elabuga}, 'ISO14001', 'RU-QUEUE-1', 'Русский Регистр', ${today}, '2029-01-01')
      returning id`
    await deps.sql`
      insert into certificates (id, org_id, standard, number, issuer, valid_from, valid_until, status)
      values (${`cert_${'x'.repeat(21)}`}, ${scenario.suppliers.elabuga}, 'ISO45001', 'RU-QUEUE-2', 'Русский Регистр', '2023-01-01', ${inTwelveDays}, 'verified')`
    const needId = await publishedNeed('Кронштейн глушителя для очереди центра')

    const centre = await page('/centre', [curator])
    const queue = (name: string) => centre.html.slice(centre.html.indexOf(`id="queue-${name}"`), centre.html.indexOf('</section>', centre.html.indexOf(`id="queue-${name}"`)))
    expect(queue('review')).toContain('RU-QUEUE-1')
    expect(queue('review')).toContain(`href="/organizations/${scenario.suppliers.elabuga}#certificates"`)
    expect(queue('expiring')).toContain('ISO 45001')
    expect(queue('expiring')).not.toContain('RU-QUEUE-1')
    expect(queue('curate')).toContain(`href="/needs/${needId}#match-${scenario.suppliers.elabuga}"`)
    expect(fresh).toBeDefined()

    const english = await page('/centre', [curator, ENGLISH])
    expect(english.html).toContain('Certificates awaiting verification')
    expect((await page('/centre', [supplier])).status).toBe(403)
  })

  it('lists the needs the contractor submitted, with the contractor and a link to publish', async () => {
    const needId = await createDraftNeed(deps, scenario.contractorId, { title: 'Кронштейн <b>бампера</b>, переданный в центр' })
    const draft = await page(`/needs/${needId}`, [contractor])
    expect(draft.html).toContain(`action="/needs/${needId}/submit"`)
    expect(draft.html).not.toContain(`action="/needs/${needId}/publish"`)
    expect(draft.html).toContain(`action="/needs/${needId}/cancel"`)

    const submitted = await post(`/needs/${needId}/submit`, [], [contractor])
    expect(submitted.status).toBe(303)
    const centre = await page('/centre', [curator])
    expect(centre.status).toBe(200)
    const queue = centre.html.slice(centre.html.indexOf('id="queue-submitted"'))
    expect(queue).toContain(`href="/needs/${needId}"`)
    expect(queue).toContain('Кронштейн &lt;b&gt;бампера&lt;/b&gt;, переданный в центр')
    expect(queue).toContain('ПАО «КАМАЗ»')
    expect(queue).toMatch(/class="queue__count">[1-9]/)
    expect(cspViolations(centre.html)).toEqual([])

    const forCurator = await page(`/needs/${needId}`, [curator])
    expect(forCurator.html).toContain(`action="/needs/${needId}/publish"`)
    expect(forCurator.html).not.toContain(`action="/needs/${needId}/submit"`)
  })
})

describe('need workflow', () => {
  it('offers close and cancel on a published need to those who run it, nothing to a supplier', async () => {
    const needId = await publishedNeed('Кронштейн крепления фары, штамповка')
    for (const cookie of [curator, contractor]) {
      const res = await page(`/needs/${needId}`, [cookie])
      expect(res.html).toContain(`action="/needs/${needId}/close"`)
      expect(res.html).toContain(`action="/needs/${needId}/cancel"`)
      expect(res.html).not.toContain(`action="/needs/${needId}/publish"`)
      expect(res.html).not.toContain(`action="/needs/${needId}/submit"`)
    }
    const forSupplier = await page(`/needs/${needId}`, [supplier])
    expect(cspViolations(forSupplier.html)).toEqual([])
    expect(forSupplier.html).not.toContain(`action="/needs/${needId}/close"`)
    expect(forSupplier.html).not.toContain(`action="/needs/${needId}/cancel"`)

    const closed = await post(`/needs/${needId}/close`, [['reason', 'Поставщик найден']], [contractor])
    expect(closed.status).toBe(303)
    const after = await page(`/needs/${needId}`, [curator])
    expect(after.html).toContain('badge--closed')
    expect(after.html).not.toContain(`action="/needs/${needId}/close"`)
    expect(after.html).not.toContain(`action="/needs/${needId}/cancel"`)
    expect(textOf(after.html)).toContain('Причина: Поставщик найден')
  })

  it('explains a step the workflow refuses next to the buttons', async () => {
    const needId = await createDraftNeed(deps, scenario.contractorId, { title: 'Кронштейн, отменённый дважды' })
    expect((await post(`/needs/${needId}/cancel`, [], [curator])).status).toBe(303)
    const again = await post(`/needs/${needId}/cancel`, [], [curator])
    expect(again.status).toBe(409)
    expect(again.html).toContain('Действия с заявкой')
    expect(again.html).toMatch(/class="field-error" role="alert">[^<]*нельзя перевести/)
  })
})

describe('curation on the need page', () => {
  it('adds a supplier by hand: a reason and a choice are required, the input is kept', async () => {
    const needId = await publishedNeed('Кронштейн подрамника, штамповка')
    const empty = await post(`/needs/${needId}/matches`, [
      ['supplierQuery', 'Фреза'],
      ['reason', ''],
      ['intent', 'add'],
    ], [curator])
    expect(empty.status).toBe(400)
    expect(empty.html).toMatch(/id="f-orgId-error" class="field-error">Выберите поставщика/)
    expect(empty.html).toMatch(/id="f-manualReason-error" class="field-error">[^<]*[А-Яа-я]/)
    expect(empty.html).toContain('value="Фреза"')
    expect(empty.html).toContain('ООО «Кама Фреза»')
    expect(empty.html).toMatch(/<details class="manual-add" id="manual-add" open/)

    expect(cspViolations(empty.html)).toEqual([])
    expectLabelledControls(empty.html, 'need page with the manual form')

    const options = await page(`/needs/${needId}/suppliers?supplierQuery=${encodeURIComponent('Фреза')}`, [curator], { 'hx-request': 'true' })
    expect(options.html).not.toContain('<html')
    expect(options.html).toContain(`value="${scenario.suppliers.milling}"`)

    const added = await post(`/needs/${needId}/matches`, [
      ['orgId', scenario.suppliers.milling],
      ['reason', 'Купили штамповочный пресс в октябре'],
      ['intent', 'add'],
    ], [curator])
    expect(added.status).toBe(303)
    const after = await page(`/needs/${needId}`, [curator])
    const card = after.html.slice(after.html.indexOf(`id="match-${scenario.suppliers.milling}"`))
    expect(card).toContain('В шорт-листе')
    expect(textOf(after.html)).toContain('Поставщик добавлен вручную')
    expect(textOf(after.html)).toContain('Купили штамповочный пресс в октябре')
  })

  it('removes a supplier only with a reason, said next to the field', async () => {
    const needId = await publishedNeed('Кронштейн тормозного шланга, штамповка')
    const elabuga = scenario.suppliers.elabuga
    const view = await page(`/needs/${needId}`, [curator])
    expect(view.html).toContain(`action="/needs/${needId}/matches/${elabuga}/remove"`)
    const blank = await post(`/needs/${needId}/matches/${elabuga}/remove`, [['reason', ' ']], [curator])
    expect(blank.status).toBe(400)
    expect(blank.html).toMatch(new RegExp(`id="remove-${elabuga}-error" class="field-error">[^<]*[А-Яа-я]`))
    const removed = await post(`/needs/${needId}/matches/${elabuga}/remove`, [['reason', 'Загружен до лета']], [curator])
    expect(removed.status).toBe(303)
    const after = await page(`/needs/${needId}`, [curator])
    expect(textOf(after.html)).toContain('Поставщик убран из подбора')
    expect(textOf(after.html)).toContain('Загружен до лета')
  })

  it('keeps curator notes per supplier, escaped, in place with htmx and on a page of their own without', async () => {
    const needId = await publishedNeed('Кронштейн аккумулятора, заметки')
    const elabuga = scenario.suppliers.elabuga
    const notesUrl = `/needs/${needId}/matches/${elabuga}/notes`
    expect((await page(`/needs/${needId}`, [curator])).html).toContain(`hx-get="${notesUrl}"`)

    const blank = await post(notesUrl, [['body', '   ']], [curator])
    expect(blank.status).toBe(400)
    expect(blank.html).toMatch(new RegExp(`id="note-${elabuga}-error" class="field-error">Заполните это поле`))

    const saved = await post(notesUrl, [['body', 'Звонил <script>x</script> главному инженеру']], [curator])
    expect(saved.status).toBe(303)
    const full = await page(notesUrl, [curator])
    expect(full.status).toBe(200)
    expect(full.html).toContain('Звонил &lt;script&gt;x&lt;/script&gt; главному инженеру')
    expect(full.html).toContain('Ирина Куратор')
    expect(cspViolations(full.html)).toEqual([])
    expectLabelledControls(full.html, notesUrl)

    const partial = await post(notesUrl, [['body', 'Второй звонок']], [curator], { 'hx-request': 'true' })
    expect(partial.status).toBe(200)
    expect(partial.html).not.toContain('<html')
    expect(partial.html).toContain(`id="notes-${elabuga}"`)
    expect(partial.html).toContain('Второй звонок')

    expect((await page(notesUrl, [supplier])).status).toBe(404)
    expect((await page(notesUrl, [contractor])).status).toBe(403)
  })
})

describe('supplier inbox', () => {
  it('lists the matching need without the contractor before the introduction, and names it after', async () => {
    const needId = await publishedNeed('Кронштейн глушителя для входящих')
    const elabuga = scenario.suppliers.elabuga
    const before = await page('/inbox', [supplier])
    expect(before.status).toBe(200)
    const item = before.html.slice(before.html.indexOf(`id="inbox-${needId}"`))
    expect(item).toContain('Кронштейн глушителя для входящих')
    expect(before.html).not.toContain('ПАО «КАМАЗ»')
    expect(before.html).not.toContain(`/organizations/${scenario.contractorId}`)
    expect(textOf(before.html)).toContain('Ответить можно после знакомства')
    expect(before.html).not.toContain(`action="/needs/${needId}/answer"`)
    expect(cspViolations(before.html)).toEqual([])

    // Declining before an introduction is the centre's step, not the supplier's: the service says so.
    const early = await post(`/needs/${needId}/answer`, [
      ['org', elabuga],
      ['to', 'declined'],
      ['back', 'inbox'],
    ], [supplier])
    expect(early.status).toBe(403)
    expect(early.html).toMatch(/class="field-error" role="alert">Подбор ведёт куратор/)
    expect(early.html).not.toContain('ПАО «КАМАЗ»')

    await transitionMatch({ ...deps.ctx }, needId, elabuga, { to: 'shortlisted' })
    await transitionMatch({ ...deps.ctx }, needId, elabuga, { to: 'introduced' })
    const after = await page('/inbox', [supplier])
    const introduced = after.html.slice(after.html.indexOf(`id="inbox-${needId}"`))
    expect(introduced).toContain('ПАО «КАМАЗ»')
    expect(introduced).toContain(`action="/needs/${needId}/answer"`)

    const answered = await post(`/needs/${needId}/answer`, [
      ['org', elabuga],
      ['to', 'interested'],
      ['back', 'inbox'],
    ], [supplier])
    expect(answered.status).toBe(303)
    expect(answered.headers.get('location')).toBe(`/inbox?org=${elabuga}#inbox-${needId}`)
    const done = await page('/inbox', [supplier])
    const doneItem = done.html.slice(done.html.indexOf(`id="inbox-${needId}"`))
    expect(doneItem).toContain('Заинтересован')
    expect(doneItem.slice(0, doneItem.indexOf('</li>'))).not.toContain('action="/needs/')
  })

  it('lets the introduced supplier answer from the need page too, in English after the switch', async () => {
    const needId = await publishedNeed('Кронштейн топливного фильтра')
    const elabuga = scenario.suppliers.elabuga
    const early = await page(`/needs/${needId}`, [supplier, ENGLISH])
    expect(early.html).toContain('You can answer after the introduction')
    await transitionMatch(deps.ctx, needId, elabuga, { to: 'shortlisted' })
    await transitionMatch(deps.ctx, needId, elabuga, { to: 'introduced' })
    const view = await page(`/needs/${needId}`, [supplier, ENGLISH])
    expect(view.html).toContain('Your answer')
    expect(view.html).toContain('Not for us')
    const declined = await post(`/needs/${needId}/answer`, [
      ['org', elabuga],
      ['to', 'declined'],
      ['back', 'need'],
    ], [supplier])
    expect(declined.status).toBe(303)
    expect((await page(`/needs/${needId}`, [supplier])).html).toContain('badge--declined')
  })

  it('is the 404 page for someone without a supplier and for another supplier\'s inbox', async () => {
    expect((await page('/inbox', [contractor])).status).toBe(404)
    expect((await page(`/inbox?org=${scenario.suppliers.elabuga}`, [foreignSupplier])).status).toBe(404)
    expect((await page(`/inbox?org=${scenario.suppliers.elabuga}`, [curator])).status).toBe(200)
  })
})

describe('contractor requests', () => {
  it('lists the needs with their status and the suppliers introduced, by name', async () => {
    const needId = await publishedNeed('Кронштейн для моих заявок')
    await transitionMatch(deps.ctx, needId, scenario.suppliers.elabuga, { to: 'shortlisted' })
    await transitionMatch(deps.ctx, needId, scenario.suppliers.elabuga, { to: 'introduced' })
    const res = await page('/my/needs', [contractor])
    expect(res.status).toBe(200)
    const item = res.html.slice(res.html.indexOf(`id="need-${needId}"`))
    const card = item.slice(0, item.indexOf('</li></ul></li>') + 1 || undefined)
    expect(card).toContain('Опубликована')
    expect(card).toContain('ООО «Алабуга Штамп»')
    expect(card).toContain('Представлен заказчику')
    expect(res.html).toContain(`href="/needs/new?org=${scenario.contractorId}"`)
    expect(cspViolations(res.html)).toEqual([])
    expect((await page('/my/needs', [supplier])).status).toBe(404)
    expect((await page(`/my/needs?org=${scenario.contractorId}`, [supplier])).status).toBe(404)
  })
})

describe('editing an organization', () => {
  const elabuga = () => scenario.suppliers.elabuga

  it('is the 404 page for a foreign organization, and open to members and the curator in scope', async () => {
    expect((await page(`/organizations/${elabuga()}/edit`, [foreignSupplier])).status).toBe(404)
    expect((await page(`/organizations/${elabuga()}/edit`, [contractor])).status).toBe(404)
    expect((await page(`/organizations/${elabuga()}/capacities/new`, [foreignSupplier])).status).toBe(404)
    expect((await page(`/organizations/${elabuga()}/certificates/new`, [foreignSupplier])).status).toBe(404)
    expect((await post(`/organizations/${elabuga()}/sites`, [['name', 'Цех'], ['address', 'Елабуга, Республика Татарстан']], [foreignSupplier])).status).toBe(404)
    for (const cookie of [supplierMember, curator]) {
      const res = await page(`/organizations/${elabuga()}/edit`, [cookie])
      expect(res.status).toBe(200)
      expect(res.html).toContain('Добавить площадку')
      expect(cspViolations(res.html)).toEqual([])
      expectLabelledControls(res.html, 'edit')
    }
  })

  it('geocodes a new site and explains an unknown place next to the address, in the visitor\'s language', async () => {
    const bad = await post(`/organizations/${elabuga()}/sites`, [
      ['name', 'Цех <№ 3>'],
      ['address', 'Нигдешнинск'],
    ], [supplier])
    expect(bad.status).toBe(400)
    expect(bad.html).toMatch(/id="f-address-error" class="field-error">Населённый пункт не найден/)
    expect(bad.html).toContain('value="Нигдешнинск"')
    expect(bad.html).toContain('value="Цех &lt;№ 3&gt;"')
    const english = await post(`/organizations/${elabuga()}/sites`, [
      ['name', 'Workshop'],
      ['address', 'Нигдешнинск'],
    ], [supplier, ENGLISH])
    expect(english.html).toMatch(/id="f-address-error" class="field-error">Place not found/)
    const blank = await post(`/organizations/${elabuga()}/sites`, [['name', ''], ['address', '']], [supplier])
    expect(blank.html).toMatch(/id="f-name-error" class="field-error">Заполните это поле/)

    const good = await post(`/organizations/${elabuga()}/sites`, [
      ['name', 'Цех № 3 (сварка)'],
      ['address', 'Набережные Челны, Республика Татарстан'],
    ], [supplier])
    expect(good.status).toBe(303)
    const edit = await page(`/organizations/${elabuga()}/edit`, [supplier])
    expect(edit.html).toContain('Цех № 3 (сварка)')
    expect(textOf(edit.html)).toContain('по городу')
  })

  it('adds a capacity through the catalogue picker, with errors next to the fields and the input kept', async () => {
    const form = await page(`/organizations/${elabuga()}/capacities/new`, [supplier])
    expect(form.status).toBe(200)
    expect(form.html).toContain('name="hours-2026-11"')
    expect(form.html).toContain('name="hours-2027-10"')
    expect(form.html).not.toContain('type="file"')
    expect(cspViolations(form.html)).toEqual([])
    expectLabelledControls(form.html, 'capacity form')

    const bad = await post(`/organizations/${elabuga()}/capacities/new`, [
      ['title', 'Сварка <MIG>'],
      ['batchMin', 'много'],
      ['batchMax', '10'],
      ['hours-2027-02', '900'],
      ['intent', 'save'],
    ], [supplier])
    expect(bad.status).toBe(400)
    expect(bad.html).toContain('value="Сварка &lt;MIG&gt;"')
    expect(bad.html).toContain('value="много"')
    expect(bad.html).toMatch(/id="f-batchMin-error" class="field-error">Введите число/)
    expect(bad.html).toMatch(/id="f-processes-error" class="field-error">[^<]*[А-Яа-я]/)
    expect(bad.html).toMatch(/id="f-hours-2027-02-error" class="field-error">[^<]*В месяце 2027-02 не больше 672 ч/)

    const find = await post(`/organizations/${elabuga()}/capacities/new`, [
      ['title', 'Сварка'],
      ['processQuery', 'сварка'],
      ['intent', 'find-processes'],
    ], [supplier])
    expect(find.status).toBe(200)
    expect(find.html).toMatch(/name="processes" value="WLD\.[A-Z_0-9]+"/)

    const siteId = form.html.match(/<select id="f-siteId" name="siteId"[^>]*><option value="(site_[0-9a-z]+)"/)?.[1] ?? ''
    expect(siteId).not.toBe('')
    const good = await post(`/organizations/${elabuga()}/capacities/new`, [
      ['siteId', siteId],
      ['title', 'Листовая штамповка, второй участок'],
      ['processes', 'STP.PROG'],
      ['materials', 'ST_08PS'],
      ['lengthMm', '600'],
      ['widthMm', '400'],
      ['heightMm', '150'],
      ['massKg', '12,5'],
      ['itGrade', '11'],
      ['roughnessRa', '3,2'],
      ['batchMin', '500'],
      ['batchMax', '50 000'],
      ['leadTimeDays', '20'],
      ['hours-2027-01', '160'],
      ['intent', 'save'],
    ], [supplier])
    expect(good.status, [...good.html.matchAll(/class="field-error"[^>]*>([^<]*)/g)].map((m) => m[1]).join('|')).toBe(303)
    const profile = await page(`/organizations/${elabuga()}`, [supplier])
    expect(profile.html).toContain('Листовая штамповка, второй участок')
    expect(profile.html).toContain('600 × 400 × 150 мм, 12,5 кг')
    expect(profile.html).toContain('от 500 до 50\u00a0000 шт.')
  })

  it('edits a certificate; saving it unchanged keeps the centre\'s verification', async () => {
    const base = `/organizations/${elabuga()}/certificates`
    const bad = await post(`${base}/new`, [
      ['standard', 'ISO9001'],
      ['number', 'RU-1'],
      ['issuer', 'Русский Регистр'],
      ['validFrom', '2026-01-01'],
      ['validUntil', '2025-01-01'],
    ], [supplier])
    expect(bad.status).toBe(400)
    expect(bad.html).toMatch(/id="f-validUntil-error" class="field-error">Дата окончания не может быть раньше даты начала/)
    expect(bad.html).toMatch(/<option value="ISO9001" selected/)

    const created = await post(`${base}/new`, [
      ['standard', 'ISO9001'],
      ['number', 'RU-ISO-77'],
      ['issuer', 'Русский Регистр'],
      ['validFrom', '2025-01-01'],
      ['validUntil', ''],
    ], [supplier])
    expect(created.status).toBe(303)
    const edit = await page(`/organizations/${elabuga()}/edit`, [supplier])
    const certId = edit.html.match(/<li id="(cert_[0-9a-z]+)"><div class="edit-list__text"><strong[^>]*>[^<]*<\/strong><span class="muted">RU-ISO-77 /)?.[1]
    expect(certId).toBeDefined()

    const verified = await post(`/certificates/${certId}/review`, [['to', 'verified']], [curator])
    expect(verified.status).toBe(303)
    const form = await page(`${base}/${certId}/edit`, [supplier])
    expect(form.html).toContain('проверен центром')
    expect(form.html).toContain('type="file"')
    const unchanged = await post(`${base}/${certId}/edit`, [
      ['standard', 'ISO9001'],
      ['number', 'RU-ISO-77'],
      ['issuer', 'Русский Регистр'],
      ['validFrom', '2025-01-01'],
      ['validUntil', ''],
    ], [supplier])
    expect(unchanged.status).toBe(303)
    expect((await page(`${base}/${certId}/edit`, [supplier])).html).toContain('badge--verified')
    const changed = await post(`${base}/${certId}/edit`, [
      ['standard', 'ISO9001'],
      ['number', 'RU-ISO-78'],
      ['issuer', 'Русский Регистр'],
      ['validFrom', '2025-01-01'],
      ['validUntil', '2028-01-01'],
    ], [supplier])
    expect(changed.status).toBe(303)
    expect((await page(`${base}/${certId}/edit`, [supplier])).html).toContain('badge--unverified')
    expect((await page(`${base}/${certId}/edit`, [foreignSupplier])).status).toBe(404)
  })
})

describe('certificate review', () => {
  it('is offered to the curator in scope only, and rejecting needs a reason next to the field', async () => {
    const profile = `/organizations/${scenario.suppliers.chelny}`
    const forCurator = await page(profile, [curator])
    const certId = forCurator.html.match(/action="\/certificates\/(cert_[0-9a-z]+)\/review"/)?.[1]
    expect(certId).toBeDefined()
    expect(forCurator.html).toContain('Подтвердить')
    expect((await page(profile, [supplier])).html).not.toContain('/review"')

    const blank = await post(`/certificates/${certId}/review`, [['to', 'rejected'], ['reason', '']], [curator], { 'hx-request': 'true' })
    expect(blank.status).toBe(400)
    expect(blank.html).not.toContain('<html')
    expect(blank.html).toMatch(new RegExp(`id="review-reason-${certId}-error" class="field-error">Укажите причину отказа`))
    const blankPage = await post(`/certificates/${certId}/review`, [['to', 'rejected'], ['reason', '']], [curator])
    expect(blankPage.status).toBe(400)
    expect(blankPage.html).toContain('<html')
    expect(blankPage.html).toMatch(/<details class="decline" open/)

    const rejected = await post(`/certificates/${certId}/review`, [['to', 'rejected'], ['reason', 'Нет в реестре органа']], [curator], { 'hx-request': 'true' })
    expect(rejected.status).toBe(200)
    expect(rejected.html).toContain('отклонён центром')
    expect(rejected.html).toContain('Нет в реестре органа')
    expect(rejected.html).toContain('Подтвердить')

    expect((await post(`/certificates/${certId}/review`, [['to', 'verified']], [supplier])).status).toBe(404)
  })
})

describe('people and invitations', () => {
  it('is for the organization\'s admins: a member is told why, a stranger gets the 404 page', async () => {
    const path = `/organizations/${scenario.suppliers.elabuga}/people`
    expect((await page(path, [supplierMember])).status).toBe(403)
    expect((await page(path, [foreignSupplier])).status).toBe(404)
    const res = await page(path, [supplier])
    expect(res.status).toBe(200)
    expect(res.html).toContain('Алексей Штампов')
    expect(res.html).toContain('Мария Штампова')
    expect(cspViolations(res.html)).toEqual([])
    expectLabelledControls(res.html, path)
  })

  it('invites a colleague, with the address checked next to the field, and revokes the invitation', async () => {
    const path = `/organizations/${scenario.suppliers.elabuga}/people`
    const bad = await post(`${path}/invite`, [['email', 'не адрес'], ['role', 'member']], [supplier])
    expect(bad.status).toBe(400)
    expect(bad.html).toMatch(/id="f-email-error" class="field-error">Неверный email адрес/)
    expect(bad.html).toContain('value="не адрес"')
    const ok = await post(`${path}/invite`, [['email', 'novy.kollega@example.ru'], ['role', 'member']], [supplier])
    expect(ok.status).toBe(303)
    const listed = await page(`${path}?invited=1`, [supplier])
    expect(listed.html).toContain('Приглашение отправлено.')
    expect(listed.html).toContain('novy.kollega@example.ru')
    const invitationId = listed.html.match(/invitations\/(inv_[0-9a-z]+)\/revoke/)?.[1]
    expect(invitationId).toBeDefined()
    expect((await post(`/organizations/${scenario.suppliers.elabuga}/invitations/${invitationId}/revoke`, [], [supplier])).status).toBe(303)
    expect((await page(path, [supplier])).html).not.toContain('novy.kollega@example.ru')
  })

  it('accepts an invitation: the preview, a name and password, then signed in on the organization', async () => {
    const admin: ServiceContext = {
      sql: deps.sql,
      now,
      actor: { kind: 'user', userId: supplierAdminId, sessionId: null, platformRole: null, memberships: [{ orgId: scenario.suppliers.elabuga, role: 'admin' }] },
    }
    const { link } = await inviteColleague(admin, scenario.suppliers.elabuga, { email: 'tehnolog@example.ru', role: 'member' }, 'http://localhost')
    const path = new URL(link).pathname
    const preview = await page(path, [])
    expect(preview.status).toBe(200)
    expect(preview.html).toContain('Приглашение в ООО «Алабуга Штамп»')
    expect(preview.html).toContain('tehnolog@example.ru')
    expect(cspViolations(preview.html)).toEqual([])
    expectLabelledControls(preview.html, path)

    const bad = await post(path, [['name', 'Анна <Технолог>'], ['password', 'кратко'], ['confirm', 'другой']], [])
    expect(bad.status).toBe(400)
    expect(bad.html).toMatch(/id="f-confirm-error" class="field-error">Пароли не совпадают/)
    expect(bad.html).toContain('value="Анна &lt;Технолог&gt;"')
    const weak = await post(path, [['name', 'Анна Технолог'], ['password', 'кратко'], ['confirm', 'кратко']], [])
    expect(weak.status).toBe(400)
    expect(weak.html).toMatch(/id="f-password-error" class="field-error">Пароль должен быть не короче 8 символов/)

    const accepted = await post(path, [['name', 'Анна Технолог'], ['password', TEST_PASSWORD], ['confirm', TEST_PASSWORD]], [])
    expect(accepted.status).toBe(303)
    expect(accepted.headers.get('location')).toBe(`/organizations/${scenario.suppliers.elabuga}`)
    const session = cookieOf(accepted.headers, '__Host-session')
    const home = await page('/', [session])
    expect(home.html).toContain('Анна Технолог')
    expect(home.html).toContain('href="/inbox"')

    const used = await page(path, [])
    expect(used.status).toBe(404)
    expect(used.html).toContain('Приглашение недоступно')
    expect((await page('/invitations/not-a-token', [])).status).toBe(404)
  })
})

describe('password change', () => {
  it('checks the confirmation and the current password next to the fields, then keeps this device signed in', async () => {
    const user = await createTestUser(deps.sql, { name: 'Сергей Паролев', memberships: [{ orgId: scenario.contractorId, role: 'member' }] })
    const session = await signIn(deps.app, user.email)
    const form = await page('/account/password', [session])
    expect(form.status).toBe(200)
    expectLabelledControls(form.html, '/account/password')
    expect(cspViolations(form.html)).toEqual([])
    expect((await page('/account/password', [])).status).toBe(303)

    const mismatch = await post('/account/password', [['current', TEST_PASSWORD], ['next', 'Новый длинный пароль 2027'], ['confirm', 'Другой пароль 2027']], [session])
    expect(mismatch.status).toBe(400)
    expect(mismatch.html).toMatch(/id="f-confirm-error" class="field-error">Пароли не совпадают/)
    expect(mismatch.html).not.toContain('Новый длинный пароль 2027')

    const wrong = await post('/account/password', [['current', 'не тот пароль'], ['next', 'Новый длинный пароль 2027'], ['confirm', 'Новый длинный пароль 2027']], [session, ENGLISH])
    expect(wrong.status).toBe(400)
    expect(wrong.html).toMatch(/id="f-current-error" class="field-error">The current password is wrong/)

    const changed = await post('/account/password', [['current', TEST_PASSWORD], ['next', 'Новый длинный пароль 2027'], ['confirm', 'Новый длинный пароль 2027']], [session])
    expect(changed.status).toBe(303)
    const fresh = cookieOf(changed.headers, '__Host-session')
    const after = await page('/account/password?changed=1', [fresh])
    expect(after.html).toContain('Пароль изменён.')
    expect((await page('/account/password', [session])).status).toBe(303)
  })
})

describe('markup in names', () => {
  it('shows an organization named with markup as text on every new page', async () => {
    const odd = await createOrganization(deps.ctx, { name: '<script>alert(1)</script>', inn: randomInn(), kinds: ['supplier'] })
    const member = await signIn(deps.app, (await createTestUser(deps.sql, { name: '<b>Имя</b>', memberships: [{ orgId: odd.id, role: 'admin' }] })).email)
    for (const path of ['/inbox', `/organizations/${odd.id}/edit`, `/organizations/${odd.id}/people`, `/organizations/${odd.id}/capacities/new`, `/organizations/${odd.id}/certificates/new`]) {
      const res = await page(path, [member])
      expect(res.status, path).toBe(200)
      expect(res.html, path).not.toContain('<script>alert(1)')
      expect(res.html, path).not.toContain('<b>Имя</b>')
      expect(res.html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(cspViolations(res.html), path).toEqual([])
    }
  })
})
