import type { Need } from '../../domain/need.js'
import type { ServiceContext } from '../context.js'
import { optionalReason } from '../reason.js'
import { transitionNeed } from './workflow.js'

/** A published need is closed once answered (or no longer wanted) by its contractor or its centre. */
export async function closeNeed(ctx: ServiceContext, id: string, input: { reason?: string | null } = {}): Promise<Need> {
  return transitionNeed(ctx, id, {
    action: 'need.close',
    to: 'closed',
    mayAct: (standing) => standing.owner || standing.curator || standing.admin,
    forbidden: 'Закрыть потребность может заказчик или куратор центра / Only the contractor or a centre curator closes a need',
    reason: optionalReason(input.reason),
  })
}
