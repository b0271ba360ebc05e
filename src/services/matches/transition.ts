import { type MatchState, type MatchTransitionInput, SUPPLIER_ANSWERS } from '../../domain/match.js'
import { NotFoundError } from '../../lib/errors.js'
import { ForbiddenError, requireSignedIn } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { optionalReason, requireReason } from '../reason.js'
import { queueIntroduction } from './introduction.js'
import { MATCH_ACTIONS, assertMatchStep, lockMatch, matchEntityId, matchStanding, selectMatchState, setMatchStatus } from './pipeline.js'

/**
 * Moves a pair along its pipeline (MATCH_TRANSITIONS). The supplier answers an introduction
 * (interested / declined); every other step is a curator's, and a curator who declines says why.
 * Who may not see the pair gets 404; who sees it but may not take this step, 403; a step the graph
 * does not allow, 409 with the allowed statuses. An introduction e-mails both parties.
 */
export async function transitionMatch(ctx: ServiceContext, needId: string, orgId: string, input: MatchTransitionInput): Promise<MatchState> {
  const actor = requireSignedIn(ctx.actor)
  return withTransaction(ctx, async (tx) => {
    const match = await lockMatch(tx, needId, orgId)
    const standing = await matchStanding(tx, actor, match.needOrgId, orgId)
    if (!standing.curator && !standing.supplier && !standing.contractor) throw new NotFoundError('Match', matchEntityId(needId, orgId))
    assertMatchStep(match, input.to)
    const supplierAnswer = match.status === 'introduced' && SUPPLIER_ANSWERS.includes(input.to)
    if (supplierAnswer && !standing.supplier) {
      throw new ForbiddenError('На знакомство отвечает поставщик / The supplier answers an introduction')
    }
    if (!supplierAnswer && !standing.curator) {
      throw new ForbiddenError('Подбор ведёт куратор центра субконтрактации / The subcontracting centre curates the matches')
    }
    const reason = input.to === 'declined' && !supplierAnswer ? requireReason(input.reason) : optionalReason(input.reason)
    await setMatchStatus(tx, ctx, match, { to: input.to, reason, action: MATCH_ACTIONS[input.to], details: supplierAnswer ? { answeredBy: 'supplier' } : {} })
    if (input.to === 'introduced') await queueIntroduction(tx, needId, orgId)
    return selectMatchState(tx, needId, orgId)
  })
}
