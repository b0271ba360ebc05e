import { NotFoundError } from '../../lib/errors.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { selectNeed } from './row.js'
import { type NeedView, viewNeed } from './view.js'

/** The need as this actor may see it (view.ts); a need the actor may not see is the 404 of a missing one. */
export async function getNeed(ctx: ServiceContext, id: string): Promise<NeedView> {
  requireSignedIn(ctx.actor)
  const need = await selectNeed(ctx.sql, id)
  const view = need && (await viewNeed(ctx.sql, ctx.actor, need))
  if (!view) throw new NotFoundError('Need', id)
  return view
}
