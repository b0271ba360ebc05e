import { invalidateSession } from '../../auth/session.js'
import type { ServiceContext } from '../context.js'

/** Ends the caller's session only; other devices stay signed in. Signing out twice is not an error. */
export async function signOut(ctx: ServiceContext): Promise<void> {
  if (ctx.actor.kind === 'user' && ctx.actor.sessionId) await invalidateSession(ctx.sql, ctx.actor.sessionId)
}
