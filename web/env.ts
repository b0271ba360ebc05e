import type { AppEnv } from '../src/routes/env.js'
import type { I18n } from './i18n/index.js'
import type { Viewer } from './viewer.js'

/** The API's variables (ctx, search, requestId) plus the page language, set by the web sub-app. */
export interface WebEnv {
  Variables: AppEnv['Variables'] & {
    i18n: I18n
    /** Who is looking, loaded once per request on first use (web/viewer.ts). */
    viewer?: Promise<Viewer | null>
  }
}

/** Paths the JSON side owns: their errors and 404s stay problem+json, never an HTML page. */
const API_PATHS = ['/api', '/docs', '/openapi.json', '/healthz']

export function isApiPath(path: string): boolean {
  return API_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
}
