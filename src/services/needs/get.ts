import type { Need } from '../../domain/need.js'
import { NotFoundError } from '../../lib/errors.js'
import type { ServiceContext } from '../context.js'
import { selectNeed } from './row.js'

export async function getNeed(ctx: ServiceContext, id: string): Promise<Need> {
  const need = await selectNeed(ctx.sql, id)
  if (!need) throw new NotFoundError('Need', id)
  return need
}
