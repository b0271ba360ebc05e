import type { Need } from '../../domain/need.js'
import type { ServiceContext } from '../context.js'
import { optionalReason } from '../reason.js'
import { transitionNeed } from './workflow.js'

/** Withdraws a need that is not finished yet; the reason, when given, goes to the audit log. */
export async function cancelNeed(ctx: ServiceContext, id: string, input: { reason?: string | null } = {}): Promise<Need> {
  return transitionNeed(ctx, id, {
    action: 'need.cancel',
    to: 'cancelled',
    mayAct: (standing) => standing.owner || standing.curator || standing.admin,
    forbidden: 'Отменить потребность может заказчик или куратор центра / Only the contractor or a centre curator cancels a need',
    reason: optionalReason(input.reason),
  })
}
