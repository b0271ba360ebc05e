import type { Capacity, CapacityUpdate } from '../../domain/capacity.js'
import { NotFoundError, ValidationError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { capacityColumns, selectCapacity } from './row.js'
import { batchRangeErrors, siteErrors } from './rules.js'

/**
 * As createCapacity, by those who keep the organization. A patch that changes nothing writes nothing, so the
 * search document is not refreshed for it either.
 */
export async function updateCapacity(ctx: ServiceContext, id: string, patch: CapacityUpdate): Promise<Capacity> {
  return withTransaction(ctx, async (tx) => {
    const [current] = await tx<{ orgId: string; batchMin: number | null; batchMax: number | null }[]>`
      select org_id, batch_min, batch_max from capacities where id = ${id} for update`
    if (!current) throw new NotFoundError('Capacity', id)
    await assertOrganizationAccess({ sql: tx, actor: ctx.actor }, current.orgId, 'member', { notFound: new NotFoundError('Capacity', id) })
    const errors = [
      ...(patch.siteId !== undefined ? await siteErrors(tx, current.orgId, patch.siteId) : []),
      ...batchRangeErrors(
        patch.batchMin !== undefined ? patch.batchMin : current.batchMin,
        patch.batchMax !== undefined ? patch.batchMax : current.batchMax,
        patch.batchMin !== undefined ? 'body.batchMin' : 'body.batchMax',
      ),
    ]
    if (errors.length) throw new ValidationError('The capacity is inconsistent: see errors', errors)
    const columns = capacityColumns(tx, patch)
    if (Object.keys(columns).length) {
      await tx`update capacities set ${tx(columns)}, updated_at = now() where id = ${id}`
      await enqueueSearch(tx, 'capacity', [id])
    }
    const updated = await selectCapacity(tx, id)
    if (!updated) throw new NotFoundError('Capacity', id)
    return updated
  })
}
