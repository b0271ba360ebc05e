import type { MatchState } from '../../domain/match.js'
import { requireSignedIn } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { requireReason } from '../reason.js'
import { assertMatchStep, lockMatch, needForCuration, selectMatchState, setMatchStatus } from './pipeline.js'

/**
 * A curator takes a supplier off a need's list, saying why. The pair is closed rather than deleted,
 * so the decision survives recomputation (which only replaces `suggested` pairs) and stays on record.
 */
export async function removeManualMatch(ctx: ServiceContext, needId: string, orgId: string, input: { reason: string }): Promise<MatchState> {
  const actor = requireSignedIn(ctx.actor)
  return withTransaction(ctx, async (tx) => {
    await needForCuration(tx, actor, needId, { lock: true })
    const reason = requireReason(input.reason)
    const match = await lockMatch(tx, needId, orgId)
    assertMatchStep(match, 'closed')
    await setMatchStatus(tx, ctx, match, { to: 'closed', reason, action: 'match.remove' })
    return selectMatchState(tx, needId, orgId)
  })
}
