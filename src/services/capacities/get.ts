import type { Capacity } from '../../domain/capacity.js'
import { NotFoundError } from '../../lib/errors.js'
import type { ServiceContext } from '../context.js'
import { selectCapacity } from './row.js'

export async function getCapacity(ctx: ServiceContext, id: string): Promise<Capacity> {
  const capacity = await selectCapacity(ctx.sql, id)
  if (!capacity) throw new NotFoundError('Capacity', id)
  return capacity
}
