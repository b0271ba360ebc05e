import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { type ServerType, serve } from '@hono/node-server'
import { type Browser, type Page, chromium } from 'playwright-core'
import { createApp } from '../../src/app.js'
import type { TestDeps } from '../helpers/deps.js'

/**
 * Shared by the browser suites: Debian's Chromium driven by playwright-core, and the app served in-process
 * on a free port against the suite's own test database.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** CI sets this: there a missing browser is a failure, never a quiet skip. */
export const BROWSER_REQUIRED = process.env.PODRYAD_REQUIRE_BROWSER === '1'
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../.screenshots/', import.meta.url))

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

/** True when Chromium is there. Otherwise a loud notice and false, or, when a browser is required, an error that fails the suite. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true
  if (BROWSER_REQUIRED) throw new Error(`PODRYAD_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH or install chromium)`)
  console.warn(`⚠ BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH} — set CHROMIUM_PATH, or PODRYAD_REQUIRE_BROWSER=1 to make this a failure`)
  return false
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS })
}

export interface RunningApp {
  origin: string
  close(): Promise<void>
}

/**
 * Serves the app on a free port. The app is built once the port is known, so its CSRF origin is the one the
 * browser really sends (http://localhost:PORT: browsers keep `__Host-`/Secure cookies on localhost over HTTP).
 */
export async function startApp(deps: TestDeps, now: () => Date): Promise<RunningApp> {
  let app: ReturnType<typeof createApp> | undefined
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: (request, env) => (app ? app.fetch(request, env) : new Response('starting', { status: 503 })), port: 0 }, () => resolve(started))
  })
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`
  app = createApp({ sql: deps.sql, search: deps.search, now, publicOrigin: origin })
  return {
    origin,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

export const VIEWPORTS = {
  phone: { width: 360, height: 780 },
  desktop: { width: 1280, height: 900 },
} as const

/** Signs in through the sign-in page, as a person would, and waits to be sent on to `next`. */
export async function signInThroughForm(page: Page, origin: string, email: string, password: string, next: string): Promise<void> {
  await page.goto(`${origin}/signin?next=${encodeURIComponent(next)}`)
  await page.getByLabel('Электронная почта').fill(email)
  await page.getByLabel('Пароль').fill(password)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.waitForURL((url) => `${url.pathname}${url.search}` === next)
}

/**
 * A screenshot of what is on screen. `caret: 'initial'`: hiding the caret makes Playwright inject a <style>,
 * which our CSP rightly refuses and which would then show up as the page's own violation.
 */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage, caret: 'initial' })
}

/** Full-page screenshots at both widths, `<name>-360.png` and `<name>-1280.png`; the page keeps the desktop size afterwards. */
export async function screenshots(page: Page, name: string): Promise<void> {
  for (const size of [VIEWPORTS.phone, VIEWPORTS.desktop]) {
    await page.setViewportSize(size)
    await screenshot(page, `${name}-${size.width}`)
  }
}

/**
 * What the browser refused under the CSP (inline code, eval, injected styles) and uncaught script errors,
 * collected for an assertion at the end. Failed loads are left out: a form answered 400 is one on purpose.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to|EvalError/i.test(message.text())) errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}
