import type { MiddlewareHandler } from 'hono'
import { UnavailableError } from './errors.js'

export interface ConcurrencyLimitOptions {
  /** Requests handled at once. */
  active: number
  /** Requests allowed to wait for a slot; one more is refused at once. */
  queue: number
  /** How long a request may wait for a slot before it is refused. */
  waitMs: number
  /** Named in the 503's detail, e.g. "search". */
  what: string
}

/**
 * Load shedding: beyond `active` requests at once, up to `queue` more wait (first come, first served)
 * for at most `waitMs`; anything beyond is answered 503 with Retry-After at once, without touching
 * the database or Meilisearch. Without it, overload queues requests inside the PostgreSQL pool and
 * Meilisearch's search queue, where they wait with no deadline until clients time out
 * (test/faults/load.test.ts).
 */
export function limitConcurrency(options: ConcurrencyLimitOptions): MiddlewareHandler {
  let active = 0
  const waiting: (() => void)[] = []

  function release(): void {
    const next = waiting.shift()
    if (next) next()
    else active--
  }

  function refuse(): never {
    throw new UnavailableError(`Too many ${options.what} requests at once; retry shortly`, 1)
  }

  return async (_c, next) => {
    if (active < options.active) {
      active++
    } else {
      if (waiting.length >= options.queue) refuse()
      const granted = await new Promise<boolean>((resolve) => {
        const grant = (): void => {
          clearTimeout(timer)
          resolve(true)
        }
        const timer = setTimeout(() => {
          const at = waiting.indexOf(grant)
          if (at >= 0) waiting.splice(at, 1)
          resolve(false)
        }, options.waitMs)
        waiting.push(grant)
      })
      // A granted slot is handed over by `release` without decrementing `active`.
      if (!granted) refuse()
    }
    try {
      await next()
    } finally {
      release()
    }
  }
}
