import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNeed } from '../../src/services/needs/create.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { TEST_PASSWORD, createTestUser } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'
import { STAMPING, createSupplierWithCapacity, drainAll, needInput } from '../web/fixtures.js'
import { type RunningApp, VIEWPORTS, browserAvailable, launchBrowser, screenshots, signInThroughForm, startApp, watchErrors } from './browser.js'

const NOW = new Date('2026-11-22T09:00:00Z')
const available = browserAvailable()
const FLOW_TIMEOUT_MS = 120_000

describe.skipIf(!available)('supplier alerts in a real browser', () => {
  let deps: TestDeps
  let running: RunningApp
  let browser: Browser
  let email: string

  beforeAll(async () => {
    deps = await createTestDeps({ now: () => NOW })
    const supplier = await createSupplierWithCapacity(deps, { name: 'ООО «Елабуга Токарь»', address: 'Елабуга, Республика Татарстан', certificates: [], capacity: STAMPING })
    email = (await createTestUser(deps.sql, { memberships: [{ orgId: supplier.orgId, role: 'member' }] })).email
    const contractor = await createOrganization(deps.ctx, { name: 'АО «Заказчик»', inn: randomInn(), kinds: ['contractor'] })
    const need = await createNeed(deps.ctx, contractor.id, needInput({ title: 'Вал привода', processes: ['MCH.TURN'], requiredCerts: [], delivery: { address: 'Елабуга, Республика Татарстан' } }))
    await publishNeed(deps.ctx, need.id)
    await drainAll(deps, () => NOW)
    running = await startApp(deps, () => NOW)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await running?.close()
    await deps?.close()
  })

  it(
    'saves the need search with its filters as an alert, pauses it, and fits a 360 px screen',
    async () => {
      const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'ru-RU' })
      const page = await context.newPage()
      const errors = watchErrors(page)
      await signInThroughForm(page, running.origin, email, TEST_PASSWORD, '/search/needs')

      // The facet narrows the results through htmx; the save link follows the filters it swaps in.
      await page.locator('#facet-process-MCH_TURN').check()
      await expect.poll(() => page.locator('#save-alert').getAttribute('href')).toBe('/alerts/new?process=MCH.TURN')
      await page.locator('#save-alert').click()
      await page.waitForURL((url) => url.pathname === '/alerts/new')
      expect(await page.locator('main').textContent()).toContain('Токарная обработка')
      await page.getByLabel('Название оповещения').fill('Токарка рядом с Елабугой')
      await page.getByLabel('Расстояние считать от').selectOption({ label: 'Площадка «Производственная площадка»' })
      await page.getByLabel('Радиус').selectOption('200')
      await page.setViewportSize(VIEWPORTS.phone)
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(VIEWPORTS.phone.width)
      await page.setViewportSize(VIEWPORTS.desktop)
      await page.getByRole('button', { name: 'Сохранить оповещение' }).click()
      await page.waitForURL((url) => url.pathname === '/alerts')
      expect(await page.getByRole('status').textContent()).toContain('Оповещение сохранено')

      await page.getByRole('button', { name: 'Приостановить оповещение «Токарка рядом с Елабугой»' }).click()
      await expect.poll(() => page.locator('.alert-item').first().textContent()).toContain('Приостановлено')
      await page.setViewportSize(VIEWPORTS.phone)
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(VIEWPORTS.phone.width)
      await screenshots(page, 'alerts')

      const [alert] = await deps.sql`select processes, radius_km, status from supplier_alerts where name = 'Токарка рядом с Елабугой'`
      expect(alert).toMatchObject({ processes: ['MCH.TURN'], radiusKm: 200, status: 'paused' })
      expect(errors).toEqual([])
      await context.close()
    },
    FLOW_TIMEOUT_MS,
  )
})
