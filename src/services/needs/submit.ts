import type { Need } from '../../domain/need.js'
import type { ServiceContext } from '../context.js'
import { transitionNeed } from './workflow.js'

/** The contractor hands its draft to the centre, which checks and publishes it. */
export async function submitNeed(ctx: ServiceContext, id: string): Promise<Need> {
  return transitionNeed(ctx, id, {
    action: 'need.submit',
    to: 'submitted',
    mayAct: (standing) => standing.owner || standing.admin,
    forbidden: 'Передать потребность центру может только сотрудник заказчика / Only a member of the contractor submits its need',
  })
}
