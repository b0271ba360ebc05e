import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import type { AppEnv } from './env.js'

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

// A Map, not an object literal: a name such as `constructor` must not find Object.prototype's (found by the route fuzz).
const ASSETS = new Map<string, { file: string; type: string }>(Object.entries({
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
}))

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Podryad API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body>
</html>`

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', deepLinking: true })`

/** The API reference UI, served from the npm package: it works with no internet and needs no inline script. */
export function docsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/docs', (c) => c.html(PAGE))
    .get('/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/docs/assets/:name', async (c) => {
      const asset = ASSETS.get(c.req.param('name'))
      if (!asset) return c.notFound()
      const body = await readFile(join(swaggerDir, asset.file))
      return c.body(body, 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' })
    })
}
