import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { type Lang, isLang } from './index.js'

export const LANGUAGE_COOKIE = 'lang'
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

/** Russian unless the visitor switched to English before. */
export function languageOf(c: Context): Lang {
  const remembered = getCookie(c, LANGUAGE_COOKIE)
  return isLang(remembered) ? remembered : 'ru'
}

/** A preference, not a secret: Lax so it travels with ordinary navigation, Secure whenever the site is served over TLS. */
export function rememberLanguage(c: Context, lang: Lang): void {
  setCookie(c, LANGUAGE_COOKIE, lang, {
    path: '/',
    sameSite: 'Lax',
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: ONE_YEAR_SECONDS,
  })
}
