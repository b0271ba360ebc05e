import type { Context, MiddlewareHandler } from 'hono'
import type { Sql } from '../db/client.js'
import type { AppEnv } from '../routes/env.js'
import type { Actor } from '../services/context.js'
import { loadActor } from './actor.js'
import { clearSessionCookie, readSessionCookie, responseSetsSessionCookie, setSessionCookie } from './cookie.js'
import { validateSessionToken } from './session.js'

/**
 * Turns the session cookie into the request's actor (`c.var.ctx.actor`): anonymous without a cookie,
 * which costs no query. A renewed session gets a fresh cookie (new Max-Age); an invalid one is cleared so
 * the browser stops sending it. A handler that signs in or out sets the cookie itself and wins.
 */
export function sessionMiddleware(deps: { sql: Sql; now: () => Date }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const now = deps.now()
    const token = readSessionCookie(c)
    let actor: Actor = { kind: 'anonymous' }
    let cookie: 'keep' | 'renew' | 'clear' = 'keep'
    if (token !== undefined) {
      const session = await validateSessionToken(deps.sql, token, now)
      const user = session ? await loadActor(deps.sql, session.userId, session.sessionId) : null
      if (session && user) {
        actor = user
        if (session.fresh) cookie = 'renew'
      } else {
        cookie = 'clear'
      }
    }
    c.set('ctx', { sql: deps.sql, actor, now: deps.now })
    await next()
    if (cookie === 'keep' || token === undefined || responseSetsSessionCookie(c)) return
    if (cookie === 'renew') setSessionCookie(c, token, now)
    else clearSessionCookie(c)
  }
}

/**
 * The peer's address as the socket reports it, null under `app.request` without a Node binding. Behind a
 * reverse proxy this is the proxy; trusting `X-Forwarded-For` needs a configured proxy list first.
 */
export function clientAddress(c: Context): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? null
}
