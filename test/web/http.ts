import type { createApp } from '../../src/app.js'

type App = ReturnType<typeof createApp>

export interface HtmlResponse {
  status: number
  html: string
  headers: Headers
}

export interface RequestOptions {
  /** `Cookie` header pairs, e.g. the session and `lang=en`. */
  cookies?: string[]
  headers?: Record<string, string>
}

function cookieHeader(cookies: string[] | undefined): Record<string, string> {
  return cookies?.length ? { cookie: cookies.join('; ') } : {}
}

export async function getPage(app: App, path: string, options: RequestOptions = {}): Promise<HtmlResponse> {
  const res = await app.request(path, { headers: { accept: 'text/html', ...cookieHeader(options.cookies), ...options.headers } })
  return { status: res.status, html: await res.text(), headers: res.headers }
}

/** A browser form post: urlencoded, with the Origin a same-site page sends (the app refuses forms from elsewhere). */
export async function postForm(app: App, path: string, fields: [string, string][], options: RequestOptions = {}): Promise<HtmlResponse> {
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...cookieHeader(options.cookies), ...options.headers },
    body: new URLSearchParams(fields).toString(),
  })
  return { status: res.status, html: await res.text(), headers: res.headers }
}

/** `name=value` of a Set-Cookie the response sent, ready for a `Cookie` header. */
export function cookieOf(headers: Headers, name: string): string {
  const pair = headers.getSetCookie().find((header) => header.startsWith(`${name}=`))?.split(';')[0]
  if (!pair) throw new Error(`the response set no ${name} cookie`)
  return pair
}

/** Inline code and styles the CSP (script-src 'self' + nonce, style-src 'self') would block, and eval-needing htmx. */
export function cspViolations(html: string): string[] {
  const found: string[] = []
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) if (!/\bsrc=/.test(tag)) found.push(tag)
  found.push(...(html.match(/<style\b[^>]*>/gi) ?? []))
  found.push(...(html.match(/\sstyle\s*=/gi) ?? []))
  found.push(...(html.match(/\son[a-z]+\s*=/gi) ?? []))
  found.push(...(html.match(/\shx-on[:-]/gi) ?? []))
  found.push(...(html.match(/javascript:/gi) ?? []))
  return found
}
