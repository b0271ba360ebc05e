import type { Need, NeedStatus, NeedUpdate } from '../../domain/need.js'
import { NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { assertEditsNeed } from './access.js'
import { needColumns, selectNeed } from './row.js'
import { type NeedFacts, checkNeed } from './rules.js'

/**
 * Who may: assertEditsNeed. A new delivery replaces the old one and is geocoded again. A patch that changes
 * nothing writes nothing, so the search document is not refreshed for it either.
 */
export async function updateNeed(ctx: ServiceContext, id: string, patch: NeedUpdate): Promise<Need> {
  return withTransaction(ctx, async (tx) => {
    const [current] = await tx<({ orgId: string; status: NeedStatus } & Required<NeedFacts>)[]>`
      select org_id, status, required_certs, preferred_certs, quantity, batch_size, visibility, cluster_id
      from needs where id = ${id} for update`
    if (!current) throw new NotFoundError('Need', id)
    await assertEditsNeed(tx, ctx.actor, { id, ...current })
    // null in a patch clears a field, so only undefined falls back to the stored value.
    const facts: NeedFacts = {
      requiredCerts: patch.requiredCerts ?? current.requiredCerts,
      preferredCerts: patch.preferredCerts ?? current.preferredCerts,
      quantity: patch.quantity !== undefined ? patch.quantity : current.quantity,
      batchSize: patch.batchSize !== undefined ? patch.batchSize : current.batchSize,
      visibility: patch.visibility ?? current.visibility,
      clusterId: patch.clusterId !== undefined ? patch.clusterId : current.clusterId,
    }
    const delivery = await checkNeed(ctx, tx, current.orgId, facts, patch)
    const columns = { ...needColumns(tx, patch), ...delivery }
    if (Object.keys(columns).length) {
      await tx`update needs set ${tx(columns)}, updated_at = now() where id = ${id}`
      await enqueueSearch(tx, 'need', [id])
    }
    const updated = await selectNeed(tx, id)
    if (!updated) throw new NotFoundError('Need', id)
    return updated
  })
}
