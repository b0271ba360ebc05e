import type { Capacity } from '../../domain/capacity.js'
import { NotFoundError } from '../../lib/errors.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { selectCapacity } from './row.js'

/** Supplier profiles are public inside the platform: any signed-in person may read a capacity. */
export async function getCapacity(ctx: ServiceContext, id: string): Promise<Capacity> {
  requireSignedIn(ctx.actor)
  const capacity = await selectCapacity(ctx.sql, id)
  if (!capacity) throw new NotFoundError('Capacity', id)
  return capacity
}
