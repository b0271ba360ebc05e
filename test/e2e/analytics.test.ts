import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AnalyticsDataset, NOW, PERIOD, seedAnalytics } from '../helpers/analyticsDataset.js'
import { TEST_PASSWORD } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { type RunningApp, VIEWPORTS, browserAvailable, launchBrowser, screenshots, signInThroughForm, startApp, watchErrors } from './browser.js'

const available = browserAvailable()

describe.skipIf(!available)('the analytics in a real browser', () => {
  let deps: TestDeps
  let data: AnalyticsDataset
  let running: RunningApp
  let browser: Browser
  let page: Page
  let errors: string[]
  const dashboard = `/centre/analytics?from=${PERIOD.from}&to=${PERIOD.to}`

  beforeAll(async () => {
    deps = await createTestDeps({ now: () => NOW })
    data = await seedAnalytics(deps.sql)
    running = await startApp(deps, () => NOW)
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: VIEWPORTS.desktop })
    errors = watchErrors(page)
    await signInThroughForm(page, running.origin, data.users.curatorA.email, TEST_PASSWORD, dashboard)
  })

  afterAll(async () => {
    await browser?.close()
    await running?.close()
    await deps?.close()
  })

  it('draws the charts with their numbers and fits a 360 px screen without sideways scrolling', async () => {
    expect(await page.getByRole('img', { name: 'По технологическим процессам' }).count()).toBe(1)
    expect(await page.locator('#chart-unmet-process .chart__value').allTextContents()).toEqual(['2 из 3', '1 из 1', '1 из 1'])
    await page.setViewportSize(VIEWPORTS.phone)
    const overflow = await page.locator('body').evaluate((body) => body.scrollWidth - body.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    const chart = await page.locator('#chart-trend').boundingBox()
    expect(chart?.width ?? 0).toBeLessThanOrEqual(VIEWPORTS.phone.width)
    await screenshots(page, 'analytics-dashboard')
    expect(errors).toEqual([])
  })

  it('prints the monthly report without the site header, footer and controls, with its tables', async () => {
    await page.goto(`${running.origin}/centre/reports/monthly?month=2026-09`)
    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false)
    await expect(page.locator('.site-footer').isVisible()).resolves.toBe(false)
    await expect(page.locator('form.analytics-filter').isVisible()).resolves.toBe(false)
    await expect(page.getByRole('table', { name: 'Показатели кооперации за период' }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('heading', { name: 'Отчёт центра за сент. 2026 г.' }).isVisible()).resolves.toBe(true)
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await page.emulateMedia({ media: 'screen' })
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(true)
    expect(errors).toEqual([])
  })
})
