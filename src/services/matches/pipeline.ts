import type { Sql } from '../../db/client.js'
import { MATCH_TRANSITIONS, type MatchState, type MatchStatus } from '../../domain/match.js'
import type { NeedStatus } from '../../domain/need.js'
import { ConflictError, NotFoundError } from '../../lib/errors.js'
import { audit } from '../audit.js'
import { ForbiddenError, membershipOf } from '../authorization.js'
import type { Actor, ServiceContext, Tx } from '../context.js'
import { needStanding } from '../needs/access.js'

/** Audit actions per target status: `match.shortlist`, `match.introduce`… */
export const MATCH_ACTIONS: Record<Exclude<MatchStatus, 'suggested'>, string> = {
  shortlisted: 'match.shortlist',
  introduced: 'match.introduce',
  interested: 'match.interest',
  declined: 'match.decline',
  contracted: 'match.contract',
  closed: 'match.close',
}

/** Moving a pair forward needs a live need; turning a supplier down or closing never does. */
const NEED_STATUSES_FOR: Partial<Record<MatchStatus, readonly NeedStatus[]>> = {
  shortlisted: ['published'],
  introduced: ['published'],
  interested: ['published'],
  contracted: ['published', 'closed'],
}

/** One audit entity per pair. */
export function matchEntityId(needId: string, orgId: string): string {
  return `${needId}:${orgId}`
}

export interface MatchStanding {
  /** A curator of a centre covering the contractor, or a platform admin: runs the pipeline. */
  curator: boolean
  /** A member of the supplier organization: answers introductions. */
  supplier: boolean
  /** A member of the contractor: may look, not curate. */
  contractor: boolean
}

export async function matchStanding(sql: Sql | Tx, actor: Actor, needOrgId: string, supplierOrgId: string): Promise<MatchStanding> {
  const need = await needStanding(sql, actor, needOrgId)
  return { curator: need.curator || need.admin, supplier: membershipOf(actor, supplierOrgId) !== undefined || need.admin, contractor: need.owner }
}

export interface CuratedNeed {
  id: string
  orgId: string
  status: NeedStatus
}

/**
 * The need whose pipeline a curator of its contractor runs (or a platform admin); its contractor gets
 * 403, anyone else 404. Inside a write, `lock` holds off workflow steps (closing, cancelling) until commit.
 */
export async function needForCuration(sql: Sql | Tx, actor: Actor, needId: string, options: { lock: boolean }): Promise<CuratedNeed> {
  const [need] = await sql<CuratedNeed[]>`select id, org_id, status from needs where id = ${needId} ${options.lock ? sql`for share` : sql``}`
  if (!need) throw new NotFoundError('Need', needId)
  const standing = await needStanding(sql, actor, need.orgId)
  if (!(standing.curator || standing.admin)) {
    if (standing.owner) throw new ForbiddenError('Подбор ведёт куратор центра субконтрактации / The subcontracting centre curates the matches')
    throw new NotFoundError('Need', needId)
  }
  return need
}

export interface LockedMatch {
  needId: string
  orgId: string
  status: MatchStatus
  needOrgId: string
  needStatus: NeedStatus
}

export async function lockMatch(tx: Tx, needId: string, orgId: string): Promise<LockedMatch> {
  const [match] = await tx<LockedMatch[]>`
    select m.need_id, m.supplier_org_id as org_id, m.status, n.org_id as need_org_id, n.status as need_status
    from matches m join needs n on n.id = m.need_id
    where m.need_id = ${needId} and m.supplier_org_id = ${orgId}
    for update of m`
  if (!match) throw new NotFoundError('Match', matchEntityId(needId, orgId))
  return match
}

export function illegalMatchTransition(from: MatchStatus, to: MatchStatus): ConflictError {
  const allowed = MATCH_TRANSITIONS[from]
  const list = allowed.length ? allowed.join(', ') : '—'
  return new ConflictError(
    `Подбор в статусе «${from}» нельзя перевести в «${to}»; допустимо: ${list} / A match in status "${from}" cannot move to "${to}"; allowed: ${list}`,
    { currentStatus: from, allowed },
  )
}

/** Checks the step against the graph and the need's own status; 409 either way. */
export function assertMatchStep(match: LockedMatch, to: MatchStatus): void {
  if (!MATCH_TRANSITIONS[match.status].includes(to)) throw illegalMatchTransition(match.status, to)
  const needStatuses = NEED_STATUSES_FOR[to]
  if (needStatuses && !needStatuses.includes(match.needStatus)) {
    throw new ConflictError(
      `Потребность в статусе «${match.needStatus}»: подбор нельзя перевести в «${to}» / The need is "${match.needStatus}": the match cannot move to "${to}"`,
      { currentStatus: match.status, needStatus: match.needStatus, allowed: MATCH_TRANSITIONS[match.status].filter((s) => !NEED_STATUSES_FOR[s]) },
    )
  }
}

/** Writes the new status with its reason and time, and the audit entry saying who, what and why. */
export async function setMatchStatus(
  tx: Tx,
  ctx: ServiceContext,
  match: LockedMatch,
  change: { to: MatchStatus; reason: string | null; action: string; details?: Record<string, unknown> },
): Promise<void> {
  await tx`
    update matches set status = ${change.to}, status_reason = ${change.reason}, status_changed_at = ${ctx.now()}
    where need_id = ${match.needId} and supplier_org_id = ${match.orgId}`
  await audit(tx, ctx.actor, {
    action: change.action,
    entity: 'match',
    entityId: matchEntityId(match.needId, match.orgId),
    reason: change.reason,
    details: { needId: match.needId, orgId: match.orgId, from: match.status, to: change.to, ...change.details },
  })
}

interface MatchStateRow extends Omit<MatchState, 'statusChangedAt'> {
  statusChangedAt: Date | null
}

export async function selectMatchState(sql: Sql | Tx, needId: string, orgId: string): Promise<MatchState> {
  const [row] = await sql<MatchStateRow[]>`
    select need_id, supplier_org_id as org_id, status, status_reason, status_changed_at, source, score, explanation
    from matches where need_id = ${needId} and supplier_org_id = ${orgId}`
  if (!row) throw new NotFoundError('Match', matchEntityId(needId, orgId))
  return { ...row, statusChangedAt: row.statusChangedAt?.toISOString() ?? null }
}
