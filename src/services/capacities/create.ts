import type { Capacity, CapacityInput } from '../../domain/capacity.js'
import { ValidationError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { enqueueSearch } from '../../search/outbox.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { capacityColumns, selectCapacity } from './row.js'
import { batchRangeErrors, lockSupplier, siteErrors } from './rules.js'

/** By the organization's members, a curator covering it or a platform admin. */
export async function createCapacity(ctx: ServiceContext, orgId: string, input: CapacityInput): Promise<Capacity> {
  await assertOrganizationAccess(ctx, orgId, 'member')
  const id = newId('cap', ctx.now().getTime())
  return withTransaction(ctx, async (tx) => {
    await lockSupplier(tx, orgId)
    const errors = [...(await siteErrors(tx, orgId, input.siteId)), ...batchRangeErrors(input.batchMin, input.batchMax, 'body.batchMin')]
    if (errors.length) throw new ValidationError('The capacity is inconsistent: see errors', errors)
    await tx`insert into capacities ${tx({ id, orgId, ...capacityColumns(tx, input) })}`
    await enqueueSearch(tx, 'capacity', [id])
    const created = await selectCapacity(tx, id)
    if (!created) throw new Error(`capacity ${id} vanished inside its own transaction`)
    return created
  })
}
