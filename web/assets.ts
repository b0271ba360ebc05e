import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import type { MiddlewareHandler } from 'hono'

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url))
export const STATIC_PREFIX = '/static'

/** `?v=` carries a hash of the content, so a changed file gets a new URL and an old one may be cached for a year. */
function versioned(file: string): string {
  const hash = createHash('sha256').update(readFileSync(join(PUBLIC_DIR, file))).digest('hex').slice(0, 12)
  return `${STATIC_PREFIX}/${file}?v=${hash}`
}

export const ASSET_URLS = {
  css: versioned('app.css'),
  icon: versioned('favicon.svg'),
  htmx: versioned('htmx-2.0.11.min.js'),
  js: versioned('app.js'),
} as const

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'public, max-age=0, must-revalidate'

/**
 * Files of web/public under /static/…. The caching header is set before the file is sent (it cannot be added to
 * a response already made); a missing file falls through to the HTML 404 page, which sets its own.
 */
export function staticFiles(): MiddlewareHandler {
  const serve = serveStatic({ root: PUBLIC_DIR, rewriteRequestPath: (path) => path.slice(STATIC_PREFIX.length) })
  return (c, next) => {
    c.header('cache-control', c.req.query('v') ? IMMUTABLE : REVALIDATE)
    return serve(c, next)
  }
}
