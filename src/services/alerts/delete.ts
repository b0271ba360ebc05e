import { NotFoundError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { assertAlertsOf } from './access.js'

/** Deletes the alert with the hits it found; digests already sent stay as they were. */
export async function deleteAlert(ctx: ServiceContext, id: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [locked] = await tx<{ orgId: string }[]>`select org_id from supplier_alerts where id = ${id} for update`
    if (!locked) throw new NotFoundError('Alert', id)
    await assertAlertsOf(tx, ctx.actor, locked.orgId, new NotFoundError('Alert', id))
    await tx`delete from supplier_alerts where id = ${id}`
    await audit(tx, ctx.actor, { action: 'alert.delete', entity: 'alert', entityId: id, details: { orgId: locked.orgId } })
  })
}
