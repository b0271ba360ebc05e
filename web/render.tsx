import type { Context } from 'hono'
import { html } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { Layout, navItems } from './components/Layout.js'
import { I18nContext } from './components/i18n.js'
import type { WebEnv } from './env.js'
import { type NavKey, viewerOf } from './viewer.js'

export type WebContext = Context<WebEnv>

/** htmx asks for the fragment it will swap; a history restore or a plain browser request wants the whole page. */
export function wantsPartial(c: WebContext): boolean {
  return c.req.header('hx-request') === 'true' && c.req.header('hx-history-restore-request') !== 'true'
}

/** Pages differ by language cookie, session and HX-Request: never share them between users or with a fragment. */
function privatePage(c: WebContext): void {
  c.header('cache-control', 'private, no-cache')
  c.header('vary', 'HX-Request, Cookie')
}

/** The path and query the visitor is on: where the language switch and sign-in come back to. */
export function returnPath(c: WebContext): string {
  const url = new URL(c.req.url)
  return `${url.pathname}${url.search}`
}

export interface PageOptions {
  title: string
  nav?: NavKey
  status?: ContentfulStatusCode
  /** For a page answering a POST: come back to this GET address rather than to the POST's. */
  returnTo?: string
  /** False on pages about a failing database: the header then cannot ask who is signed in. */
  lookupUser?: boolean
}

export async function renderPage(c: WebContext, options: PageOptions, content: Child): Promise<Response> {
  // The header shows who is signed in and what they may use; a session whose user just disappeared shows as signed out.
  const viewer = options.lookupUser === false ? null : await viewerOf(c)
  privatePage(c)
  const page = (
    <I18nContext.Provider value={c.var.i18n}>
      <Layout title={options.title} returnTo={options.returnTo ?? returnPath(c)} userName={viewer?.name ?? null} navItems={navItems(viewer)} nav={options.nav}>
        {content}
      </Layout>
    </I18nContext.Provider>
  )
  return c.html(html`<!doctype html>${page}`, options.status ?? 200)
}

/** A fragment for htmx to swap, in the page's language. */
export function renderPartial(c: WebContext, content: Child, status: ContentfulStatusCode = 200): Response | Promise<Response> {
  privatePage(c)
  return c.html(<I18nContext.Provider value={c.var.i18n}>{content}</I18nContext.Provider>, status)
}
