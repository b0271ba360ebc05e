import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_PASSWORD } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { type Scenario, seedScenario } from '../web/fixtures.js'
import { type RunningApp, VIEWPORTS, browserAvailable, launchBrowser, screenshot, screenshots, signInThroughForm, startApp, watchErrors } from './browser.js'

const NOW = new Date('2026-11-22T09:00:00Z')
const available = browserAvailable()
const FLOW_TIMEOUT_MS = 120_000

describe.skipIf(!available)('in a real browser', () => {
  let deps: TestDeps
  let scenario: Scenario
  let running: RunningApp
  let browser: Browser

  beforeAll(async () => {
    deps = await createTestDeps({ now: () => NOW })
    scenario = await seedScenario(deps)
    running = await startApp(deps, () => NOW)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await running?.close()
    await deps?.close()
  })

  /** A fresh browser profile, signed in as the centre's curator and on `path`. */
  async function open(path: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'ru-RU' })
    const page = await context.newPage()
    const errors = watchErrors(page)
    await signInThroughForm(page, running.origin, scenario.curator.email, TEST_PASSWORD, path)
    return { context, page, errors }
  }

  it(
    'finds a capacity despite a typo and narrows it with a facet, without reloading the page',
    async () => {
      const { context, page, errors } = await open('/search/capacities')
      await page.getByLabel('Поиск', { exact: true }).fill('штамповко')
      const results = page.locator('#search-results')
      await expect.poll(() => results.textContent()).toContain('ООО «Алабуга Штамп»')
      await expect.poll(() => page.locator('#search-status').textContent()).toContain('Найдено 3 мощности')
      await screenshots(page, 'search-typo')

      // A marker on the window survives only if htmx swapped the results instead of loading a new page.
      await page.evaluate('window.stayedOnPage = true')
      await page.locator('#facet-certificate-IATF16949').check()
      await expect.poll(() => results.textContent()).not.toContain('ООО «Челны Металл»')
      expect(await results.textContent()).toContain('ООО «Алабуга Штамп»')
      expect(await page.evaluate('window.stayedOnPage === true')).toBe(true)
      expect(page.url()).toContain('certificate=IATF16949')
      await expect.poll(() => page.locator('#facet-certificate-IATF16949').isChecked()).toBe(true)
      await screenshots(page, 'search-facet')

      // Keyboard users see where they are.
      await page.goto(`${running.origin}/search/capacities`)
      await page.keyboard.press('Tab')
      expect(await page.locator(':focus').getAttribute('class')).toBe('skip-link')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Tab')
      // Typed by hand: the tests compile without the DOM library.
      type Styled = { ownerDocument: { defaultView: { getComputedStyle(element: unknown): { outlineStyle: string } } } }
      const outline = await page.locator(':focus').evaluate((element: Styled) => element.ownerDocument.defaultView.getComputedStyle(element).outlineStyle)
      expect(outline).toBe('solid')
      await page.setViewportSize(VIEWPORTS.desktop)
      await screenshot(page, 'focus-1280', false)

      expect(errors).toEqual([])
      await context.close()
    },
    FLOW_TIMEOUT_MS,
  )

  it(
    'publishes a request: a validation error first, then the need page with ranked suppliers, the picture and near misses',
    async () => {
      const { context, page, errors } = await open(`/needs/new?org=${scenario.contractorId}`)
      expect(await page.locator('header').textContent()).toContain('Ирина Куратор')

      await page.getByLabel('Название детали или работы').fill('Кронштейн крепления топливного бака, штамповка')
      await page.getByLabel('Найти операцию').fill('штамп')
      const stamping = page.locator('#f-processes-STP_PROG')
      await stamping.waitFor()
      await stamping.check()
      await page.getByLabel('Место доставки').fill('Набережные Челны, Республика Татарстан')
      await page.getByRole('button', { name: 'Создать заявку' }).click()

      await page.waitForSelector('.error-summary')
      expect(await page.locator('#f-deadline-error').textContent()).toMatch(/[А-Яа-я]/)
      expect(await page.getByLabel('Название детали или работы').inputValue()).toBe('Кронштейн крепления топливного бака, штамповка')
      expect(await page.locator('#f-processes-STP_PROG').isChecked()).toBe(true)
      await screenshots(page, 'need-form-errors')

      await page.getByLabel('Срок поставки').fill('2027-03-01')
      await page.getByLabel('Предельное расстояние по дорогам, км').fill('400')
      await page.locator('#f-requiredCerts-IATF16949').check()
      await page.getByRole('button', { name: 'Создать заявку' }).click()
      await page.waitForURL(/\/needs\/need_/)

      const matches = page.locator('#matches')
      expect(await matches.textContent()).toContain('ООО «Алабуга Штамп»')
      expect(await matches.locator('meter').count()).toBe(4)
      expect(await page.locator('svg.sketch__svg .sketch__point--match').count()).toBe(1)
      expect(await page.locator('svg.sketch__svg .sketch__point--miss').count()).toBe(2)
      const nearMisses = page.locator('section[aria-labelledby="near-misses-heading"]')
      expect(await nearMisses.textContent()).toContain('ООО «Челны Металл»')
      expect(await nearMisses.textContent()).toContain('ООО «Пермьштамп»')
      await screenshots(page, 'need-draft')

      await page.getByRole('button', { name: 'Опубликовать заявку' }).click()
      await page.waitForSelector('.badge--published')
      await page.evaluate('window.stayedOnPage = true')
      await page.getByRole('button', { name: 'В шорт-лист' }).click()
      await expect.poll(() => matches.textContent()).toContain('В шорт-листе')
      await expect.poll(() => page.locator('#audit-trail').textContent()).toContain('Поставщик включён в шорт-лист')
      expect(await page.evaluate('window.stayedOnPage === true')).toBe(true)
      await screenshots(page, 'need-curated')

      await page.goto(`${running.origin}/organizations/${scenario.suppliers.elabuga}`)
      await screenshots(page, 'organization')

      expect(errors).toEqual([])
      await context.close()
    },
    FLOW_TIMEOUT_MS,
  )

  it(
    'switches to English and remembers it on the next page',
    async () => {
      const { context, page, errors } = await open('/search/needs')
      expect(await page.getAttribute('html', 'lang')).toBe('ru')
      await page.getByRole('button', { name: 'English' }).click()
      await page.waitForFunction("document.documentElement.lang === 'en'")
      expect(page.url()).toContain('/search/needs')
      expect(await page.locator('h1').textContent()).toBe('Search contractor needs')

      await page.getByRole('link', { name: 'Capacities' }).click()
      await page.waitForURL(/\/search\/capacities/)
      expect(await page.getAttribute('html', 'lang')).toBe('en')
      expect(await page.locator('h1').textContent()).toBe('Search manufacturing capacity')
      const cookie = (await context.cookies()).find((c) => c.name === 'lang')
      expect(cookie).toMatchObject({ value: 'en', sameSite: 'Lax', path: '/' })
      await page.goto(`${running.origin}/no-such-page`)
      expect(await page.locator('h1').textContent()).toBe('Page not found')
      await page.goto(`${running.origin}/organizations/${scenario.suppliers.elabuga}`)
      await screenshots(page, 'organization-en')

      expect(errors).toEqual([])
      await context.close()
    },
    FLOW_TIMEOUT_MS,
  )
})
