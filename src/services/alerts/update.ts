import type { Alert, AlertUpdate } from '../../domain/alert.js'
import { NotFoundError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { assertAlertsOf } from './access.js'
import { selectAlert } from './row.js'

/**
 * Renames, pauses or resumes an alert. A paused alert finds nothing (the scan skips it) and adds nothing
 * to a digest, even hits it found before; resumed, it reports needs published from then on.
 */
export async function updateAlert(ctx: ServiceContext, id: string, input: AlertUpdate): Promise<Alert> {
  return withTransaction(ctx, async (tx) => {
    const [locked] = await tx<{ orgId: string; status: string }[]>`select org_id, status from supplier_alerts where id = ${id} for update`
    if (!locked) throw new NotFoundError('Alert', id)
    await assertAlertsOf(tx, ctx.actor, locked.orgId, new NotFoundError('Alert', id))
    const columns: Record<string, unknown> = { updatedAt: ctx.now() }
    if (input.name !== undefined) columns.name = input.name
    if (input.status !== undefined) columns.status = input.status
    await tx`update supplier_alerts set ${tx(columns)} where id = ${id}`
    if (input.status !== undefined && input.status !== locked.status) {
      await audit(tx, ctx.actor, { action: input.status === 'paused' ? 'alert.pause' : 'alert.resume', entity: 'alert', entityId: id })
    }
    const updated = await selectAlert(tx, id)
    if (!updated) throw new NotFoundError('Alert', id)
    return updated
  })
}
