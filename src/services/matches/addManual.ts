import type { MatchState } from '../../domain/match.js'
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.js'
import { type LocalizedText, type NearMiss, type SupplierMatch, matchSuppliers } from '../../matching/index.js'
import { audit } from '../audit.js'
import { requireSignedIn } from '../authorization.js'
import { type ServiceContext, type Tx, withTransaction } from '../context.js'
import { selectNeed } from '../needs/row.js'
import { requireReason } from '../reason.js'
import { loadSupplierCandidates, toMatchNeed } from './inputs.js'
import { illegalMatchTransition, needForCuration, matchEntityId, selectMatchState } from './pipeline.js'

interface ManualScore {
  score: number
  breakdown: unknown
  explanation: LocalizedText
  capacityIds: string[]
  certificates: unknown[]
  distanceKm: number
}

/**
 * The core's verdict on the pair, when it has one: its score and reasons if the pair matches;
 * otherwise 0, saying that a curator added it and, for a near miss, which constraint fails.
 */
async function scorePair(tx: Tx, ctx: ServiceContext, needId: string, orgId: string): Promise<ManualScore> {
  const need = await selectNeed(tx, needId)
  const suppliers = need ? await loadSupplierCandidates(tx, [orgId]) : []
  const outcome = need ? matchSuppliers(toMatchNeed(need), suppliers, { now: ctx.now().toISOString() }) : { matches: [] as SupplierMatch[], nearMisses: [] as NearMiss[] }
  const [match] = outcome.matches
  if (match) {
    return { score: match.score, breakdown: match.breakdown, explanation: match.explanation, capacityIds: match.capacityIds, certificates: match.certificatesUsed, distanceKm: match.distanceKm ?? 0 }
  }
  const [miss] = outcome.nearMisses
  return {
    score: 0,
    breakdown: {},
    explanation: {
      ru: `Добавлен куратором вручную${miss ? `; ядро подбора: ${miss.message.ru}` : '; ядро подбора не считает пару подходящей'}`,
      en: `Added by hand by a curator${miss ? `; the matching core: ${miss.message.en}` : '; the matching core does not consider the pair a match'}`,
    },
    capacityIds: miss?.capacityIds ?? [],
    certificates: miss?.certificatesUsed ?? [],
    distanceKm: miss?.distanceKm ?? 0,
  }
}

/**
 * A curator puts a supplier on the shortlist by hand, saying why: the core may not know what the
 * curator knows (a machine bought last week, a phone call). The pair is scored by the core when it
 * can be, and stays `manual` whatever later recomputations find.
 */
export async function addManualMatch(ctx: ServiceContext, needId: string, input: { orgId: string; reason: string }): Promise<MatchState> {
  const actor = requireSignedIn(ctx.actor)
  return withTransaction(ctx, async (tx) => {
    const need = await needForCuration(tx, actor, needId, { lock: true })
    const reason = requireReason(input.reason)
    if (need.status === 'closed' || need.status === 'cancelled') {
      throw new ConflictError(`Потребность в статусе «${need.status}»: подбор закрыт / The need is "${need.status}": matching is over`, { needStatus: need.status })
    }
    const [supplier] = await tx<{ kinds: string[] }[]>`select kinds from organizations where id = ${input.orgId} for key share`
    if (!supplier) throw new NotFoundError('Organization', input.orgId)
    if (!supplier.kinds.includes('supplier')) {
      throw new ValidationError('Not a supplier', [{ path: 'body.orgId', message: `Организация ${input.orgId} не поставщик / Organization ${input.orgId} is not a supplier` }])
    }
    const pair = await scorePair(tx, ctx, needId, input.orgId)
    const now = ctx.now()
    const inserted = await tx`
      insert into matches (need_id, supplier_org_id, score, breakdown, explanation, capacity_ids, certificates, distance_km, status,
                           computed_at, source, status_reason, status_changed_at)
      values (${needId}, ${input.orgId}, ${pair.score}, ${tx.json(pair.breakdown as never)}, ${tx.json(pair.explanation as never)},
              ${tx.array(pair.capacityIds)}, ${tx.json(pair.certificates as never)}, ${pair.distanceKm}, 'shortlisted',
              ${now}, 'manual', ${reason}, ${now})
      on conflict (need_id, supplier_org_id) do nothing
      returning need_id`
    if (inserted.length === 0) {
      const existing = await selectMatchState(tx, needId, input.orgId)
      throw illegalMatchTransition(existing.status, 'shortlisted')
    }
    await audit(tx, actor, {
      action: 'match.add_manual',
      entity: 'match',
      entityId: matchEntityId(needId, input.orgId),
      reason,
      details: { needId, orgId: input.orgId, to: 'shortlisted', score: pair.score },
    })
    return selectMatchState(tx, needId, input.orgId)
  })
}
