import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { CookieOptions } from 'hono/utils/cookie'
import { INACTIVITY_TIMEOUT_MS } from './session.js'

/**
 * `__Host-`: the browser accepts it only with Secure, Path=/ and no Domain, so neither a sibling subdomain
 * nor a plain-HTTP page can plant or overwrite it (ASVS 5.0 3.3.3). Browsers treat http://localhost as
 * secure, so development works without TLS.
 */
export const SESSION_COOKIE = '__Host-session'
const NAME = 'session'

/** HttpOnly: scripts never see the token. Lax: sent on top-level navigation, not on cross-site subrequests. */
const ATTRIBUTES: CookieOptions = { prefix: 'host', httpOnly: true, secure: true, sameSite: 'Lax', path: '/' }

/** A response that sets or clears the cookie must never be kept by a shared cache and replayed to someone else. */
function noStore(c: Context): void {
  c.header('cache-control', 'private, no-store')
}

export function setSessionCookie(c: Context, token: string, now: Date): void {
  setCookie(c, NAME, token, { ...ATTRIBUTES, maxAge: INACTIVITY_TIMEOUT_MS / 1000, expires: new Date(now.getTime() + INACTIVITY_TIMEOUT_MS) })
  noStore(c)
}

export function clearSessionCookie(c: Context): void {
  setCookie(c, NAME, '', { ...ATTRIBUTES, maxAge: 0 })
  noStore(c)
}

/** The token the browser sent, if any (an empty value counts as none). */
export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, NAME, 'host') || undefined
}

/** True when the response already carries a Set-Cookie for the session (a handler signed in or out). */
export function responseSetsSessionCookie(c: Context): boolean {
  return c.res.headers.getSetCookie().some((header) => header.startsWith(`${SESSION_COOKIE}=`))
}
