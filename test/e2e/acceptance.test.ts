import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceContext } from '../../src/services/context.js'
import { inviteColleague } from '../../src/services/invitations/inviteColleague.js'
import { submitNeed } from '../../src/services/needs/submit.js'
import { TEST_PASSWORD, createTestUser } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { type Scenario, createDraftNeed, drainAll, seedScenario } from '../web/fixtures.js'
import { type RunningApp, VIEWPORTS, browserAvailable, launchBrowser, screenshots, signInThroughForm, startApp, watchErrors } from './browser.js'

/**
 * The acceptance flow in a real browser: a curator posts a request for a contractor, publishes it,
 * sees the ranked suppliers, shortlists one; that supplier finds the request in its inbox without the
 * contractor's name; the curator introduces it; the supplier now sees the contractor and says it is
 * interested; the English switch works. Screenshots of each page at 360 and 1280 px go to .screenshots/.
 */

const NOW = new Date('2026-11-22T09:00:00Z')
const now = () => NOW
const available = browserAvailable()
const FLOW_TIMEOUT_MS = 180_000
const TITLE = 'Кронштейн крепления топливного бака, штамповка'

describe.skipIf(!available)('acceptance flow in a real browser', () => {
  let deps: TestDeps
  let scenario: Scenario
  let running: RunningApp
  let browser: Browser
  let supplierEmail: string
  let supplierAdminId: string
  let contractorEmail: string

  beforeAll(async () => {
    deps = await createTestDeps({ now })
    // Services and SQL only: a centre and its curator in the Kama cluster, the contractor, suppliers with sites,
    // capacities and certificates; then people who act for the supplier and for the contractor.
    scenario = await seedScenario(deps)
    const supplierAdmin = await createTestUser(deps.sql, { name: 'Алексей Штампов', memberships: [{ orgId: scenario.suppliers.elabuga, role: 'admin' }] })
    supplierEmail = supplierAdmin.email
    supplierAdminId = supplierAdmin.id
    contractorEmail = (await createTestUser(deps.sql, { name: 'Ольга Заказова', memberships: [{ orgId: scenario.contractorId, role: 'admin' }] })).email
    // Something in the centre's queue: a request the contractor handed over for publication.
    const submitted = await createDraftNeed(deps, scenario.contractorId, { title: 'Крышка аккумуляторного отсека, штамповка' })
    await submitNeed(deps.ctx, submitted)
    await drainAll(deps, now)
    running = await startApp(deps, now)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await running?.close()
    await deps?.close()
  })

  async function signedIn(email: string, path: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'ru-RU' })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await signInThroughForm(page, running.origin, email, TEST_PASSWORD, path)
    return { context, page, errors }
  }

  async function mainText(page: Page): Promise<string> {
    return (await page.locator('main').textContent()) ?? ''
  }

  it(
    'a curator publishes and introduces; the supplier sees no contractor before, answers after; English works',
    async () => {
      const elabuga = scenario.suppliers.elabuga
      const curator = await signedIn(scenario.curator.email, '/centre')
      const c = curator.page
      expect(await c.locator('h1').textContent()).toBe('Рабочее место центра')
      expect(await c.locator('#queue-submitted').textContent()).toContain('Крышка аккумуляторного отсека')
      expect(await c.locator('.site-nav').textContent()).not.toContain('Входящие')
      await screenshots(c, 'centre')

      // "Publish a request": choose the contractor, fill the form, create, publish.
      await c.getByRole('link', { name: 'Разместить заявку', exact: true }).first().click()
      await c.getByRole('link', { name: 'ПАО «КАМАЗ»' }).click()
      await c.waitForURL(/\/needs\/new\?org=/)
      await c.getByLabel('Название детали или работы').fill(TITLE)
      await c.getByLabel('Найти операцию').fill('штамп')
      const stamping = c.locator('#f-processes-STP_PROG')
      await stamping.waitFor()
      await stamping.check()
      await c.getByLabel('Место доставки').fill('Набережные Челны, Республика Татарстан')
      await c.getByLabel('Срок поставки').fill('2027-03-01')
      await c.getByLabel('Предельное расстояние по дорогам, км').fill('400')
      await c.locator('#f-requiredCerts-IATF16949').check()
      await c.getByRole('button', { name: 'Создать заявку' }).click()
      await c.waitForURL(/\/needs\/need_/)
      const needId = new URL(c.url()).pathname.split('/')[2] ?? ''
      expect(await c.locator('.workflow').textContent()).toContain('Опубликовать заявку')
      expect(await c.locator('.workflow').textContent()).not.toContain('Передать в центр')
      await c.getByRole('button', { name: 'Опубликовать заявку' }).click()
      await c.waitForSelector('.badge--published')
      const card = c.locator(`#match-${elabuga}`)
      expect(await c.locator('#matches').textContent()).toContain('ООО «Алабуга Штамп»')
      expect(await card.locator('meter').count()).toBe(4)
      await screenshots(c, 'need-published')

      // The workers make the published request reach the suppliers' inboxes.
      await drainAll(deps, now)

      await card.getByRole('button', { name: 'В шорт-лист' }).click()
      await expect.poll(() => card.textContent()).toContain('В шорт-листе')

      // Between the shortlist and the introduction: the supplier sees the request, never who wants it.
      const supplier = await signedIn(supplierEmail, '/inbox')
      const s = supplier.page
      const item = s.locator(`#inbox-${needId}`)
      expect(await item.textContent()).toContain(TITLE)
      const before = await mainText(s)
      expect(before).not.toContain('КАМАЗ')
      expect(before).toContain('Ответить можно после знакомства')
      expect(await item.getByRole('button', { name: 'Интересно' }).count()).toBe(0)
      await screenshots(s, 'inbox-before-introduction')
      await item.getByRole('link', { name: TITLE }).click()
      await s.waitForURL(new RegExp(`/needs/${needId}$`))
      expect(await mainText(s)).not.toContain('КАМАЗ')
      expect(await mainText(s)).toContain('Заказчик станет известен после знакомства')
      await screenshots(s, 'need-for-supplier-before-introduction')

      // The curator introduces the supplier and leaves a note on the pair.
      await card.getByRole('button', { name: 'Познакомить с заказчиком' }).click()
      await expect.poll(() => card.textContent()).toContain('Представлен заказчику')
      await expect.poll(() => c.locator('#audit-trail').textContent()).toContain('Поставщик представлен заказчику')
      await card.getByRole('link', { name: 'Заметки куратора' }).click()
      const notes = card.locator(`#notes-${elabuga}`)
      await notes.waitFor()
      await notes.getByLabel('Новая заметка').fill('Обсудили по телефону: прессы свободны с января.')
      await notes.getByRole('button', { name: 'Сохранить заметку' }).click()
      await expect.poll(() => notes.textContent()).toContain('прессы свободны с января')
      await screenshots(c, 'need-introduced')

      // Now the supplier learns the contractor and answers.
      await s.goto(`${running.origin}/inbox`)
      expect(await item.textContent()).toContain('ПАО «КАМАЗ»')
      await screenshots(s, 'inbox-introduced')
      await s.evaluate('window.stayedOnPage = true')
      await item.getByRole('button', { name: 'Интересно' }).click()
      await expect.poll(() => item.textContent()).toContain('Заинтересован')
      expect(await s.evaluate('window.stayedOnPage === true')).toBe(true)
      expect(await item.getByRole('button', { name: 'Интересно' }).count()).toBe(0)
      await screenshots(s, 'inbox-interested')

      // The English switch, remembered on the next page.
      await s.getByRole('button', { name: 'English' }).click()
      await s.waitForFunction("document.documentElement.lang === 'en'")
      expect(await s.locator('h1').textContent()).toBe('Matching requests')
      expect(await item.textContent()).toContain('Interested')
      await screenshots(s, 'inbox-en')
      await s.getByRole('link', { name: 'My organization' }).click()
      await s.waitForURL(new RegExp(`/organizations/${elabuga}$`))
      expect(await s.getAttribute('html', 'lang')).toBe('en')

      // The curator's history shows the answer.
      await c.reload()
      expect(await c.locator('#audit-trail').textContent()).toContain('Поставщик заинтересован')

      // The contractor sees its requests and whom the centre introduced.
      const contractor = await signedIn(contractorEmail, '/my/needs')
      const mine = contractor.page.locator(`#need-${needId}`)
      expect(await mine.textContent()).toContain('ООО «Алабуга Штамп»')
      expect(await mine.textContent()).toContain('Заинтересован')
      await screenshots(contractor.page, 'my-needs')

      expect([...curator.errors, ...supplier.errors, ...contractor.errors]).toEqual([])
      await Promise.all([curator.context.close(), supplier.context.close(), contractor.context.close()])
    },
    FLOW_TIMEOUT_MS,
  )

  it(
    'the supplier keeps its organization up to date: a site geocoded, a capacity, a certificate, its people',
    async () => {
      const elabuga = scenario.suppliers.elabuga
      const { context, page, errors } = await signedIn(supplierEmail, `/organizations/${elabuga}/edit`)
      await page.getByLabel('Название площадки').fill('Цех № 3 (сварка)')
      await page.locator('#f-address').fill('Нигдешнинск')
      await page.getByRole('button', { name: 'Добавить площадку' }).click()
      await expect.poll(() => page.locator('#f-address-error').textContent()).toContain('Населённый пункт не найден')
      expect(await page.getByLabel('Название площадки').inputValue()).toBe('Цех № 3 (сварка)')
      await screenshots(page, 'organization-edit-error')
      await page.locator('#f-address').fill('Набережные Челны, Республика Татарстан')
      await page.getByRole('button', { name: 'Добавить площадку' }).click()
      await expect.poll(() => page.locator('#sites').textContent()).toContain('Цех № 3 (сварка)')
      await screenshots(page, 'organization-edit')

      await page.getByRole('link', { name: 'Добавить мощность' }).click()
      await page.waitForURL(/\/capacities\/new$/)
      await page.getByLabel('Название мощности').fill('Сварка металлоконструкций в среде защитных газов')
      await page.getByLabel('Найти операцию').fill('сварк')
      const welding = page.locator('#f-processes-options input[type=checkbox]').first()
      await welding.waitFor()
      await welding.check()
      await page.getByLabel('Партия от, шт.').fill('много')
      await page.getByRole('button', { name: 'Добавить мощность' }).click()
      await page.waitForSelector('.error-summary')
      expect(await page.locator('#f-batchMin-error').textContent()).toContain('Введите число')
      await screenshots(page, 'capacity-form-errors')
      await page.getByLabel('Партия от, шт.').fill('10')
      await page.getByLabel('Партия до, шт.').fill('5 000')
      await page.locator('#f-hours-2027-01').fill('120')
      await page.getByRole('button', { name: 'Добавить мощность' }).click()
      await page.waitForURL(/\/edit#capacities$/)
      expect(await page.locator('#capacities').textContent()).toContain('Сварка металлоконструкций')

      await page.getByRole('link', { name: 'Добавить сертификат' }).click()
      await page.waitForURL(/\/certificates\/new$/)
      expect(await page.locator('input[type=file]').count()).toBe(0)
      await page.getByLabel('Стандарт').selectOption('ISO3834-2')
      await page.getByLabel('Номер').fill('RU-3834-0042')
      await page.getByLabel('Орган по сертификации').fill('НАКС')
      await page.getByLabel('Действует с').fill('2026-02-01')
      await page.getByLabel('Действует до').fill('2026-01-01')
      await page.getByRole('button', { name: 'Добавить сертификат' }).click()
      await page.waitForSelector('#f-validUntil-error')
      await screenshots(page, 'certificate-form-errors')
      await page.getByLabel('Действует до').fill('2029-02-01')
      await page.getByRole('button', { name: 'Добавить сертификат' }).click()
      await page.waitForURL(/\/edit#certificates$/)
      expect(await page.locator('#certificates').textContent()).toContain('RU-3834-0042')

      await page.goto(`${running.origin}/organizations/${elabuga}/people`)
      await page.getByLabel('Электронная почта').fill('svarshik@example.ru')
      await page.getByRole('button', { name: 'Отправить приглашение' }).click()
      await page.waitForURL(/invited=1/)
      expect(await page.locator('main').textContent()).toContain('svarshik@example.ru')
      await screenshots(page, 'people')

      await page.goto(`${running.origin}/account/password`)
      await page.getByRole('button', { name: 'Сменить пароль' }).last().click()
      await page.waitForSelector('.error-summary')
      await screenshots(page, 'password-errors')

      expect(errors).toEqual([])
      await context.close()
    },
    FLOW_TIMEOUT_MS,
  )

  it(
    'a colleague accepts an invitation and lands signed in on the organization',
    async () => {
      const admin: ServiceContext = {
        sql: deps.sql,
        now,
        actor: { kind: 'user', userId: supplierAdminId, sessionId: null, platformRole: null, memberships: [{ orgId: scenario.suppliers.elabuga, role: 'admin' }] },
      }
      const { link } = await inviteColleague(admin, scenario.suppliers.elabuga, { email: 'tehnolog@example.ru', role: 'member' }, running.origin)
      const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'ru-RU' })
      const page = await context.newPage()
      const errors = watchErrors(page)
      await page.goto(link)
      expect(await page.locator('h1').textContent()).toBe('Приглашение в ООО «Алабуга Штамп»')
      await screenshots(page, 'invitation')
      await page.getByLabel('Ваше имя').fill('Анна Технолог')
      await page.getByLabel('Придумайте пароль').fill(TEST_PASSWORD)
      await page.getByLabel('Повторите новый пароль').fill(TEST_PASSWORD)
      await page.getByRole('button', { name: 'Принять приглашение' }).click()
      await page.waitForURL(new RegExp(`/organizations/${scenario.suppliers.elabuga}$`))
      expect(await page.locator('.site-header').textContent()).toContain('Анна Технолог')
      expect(await page.locator('.site-nav').textContent()).toContain('Входящие')
      expect(errors).toEqual([])
      await context.close()
    },
    FLOW_TIMEOUT_MS,
  )
})
