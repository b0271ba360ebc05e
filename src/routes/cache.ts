import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env.js'

/**
 * For data that changes only with a deployment (catalogues, gazetteer): successful answers may be kept by clients and
 * proxies; problems are not, so a fixed request is not answered from a cached error.
 */
export function publicCache(maxAgeSeconds: number, vary?: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (c.res.status !== 200) return
    c.header('cache-control', `public, max-age=${maxAgeSeconds}`)
    if (vary) c.header('vary', vary)
  }
}
