import { NEED_TRANSITIONS, type Need, type NeedStatus } from '../../domain/need.js'
import { ConflictError, NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { audit } from '../audit.js'
import { ForbiddenError, requireSignedIn } from '../authorization.js'
import { type ServiceContext, type Tx, withTransaction } from '../context.js'
import { type NeedStanding, managesNeed, needStanding } from './access.js'
import { selectNeed } from './row.js'

export interface LockedNeed {
  id: string
  orgId: string
  status: NeedStatus
  deadline: string
}

export interface NeedTransition {
  /** Audit action, e.g. `need.submit`. */
  action: string
  to: NeedStatus
  mayAct(standing: NeedStanding): boolean
  /** Why the actor may not, in both languages. */
  forbidden: string
  reason?: string | null
  /** Checks that depend on the need, and further columns and audit details; runs once the step is known legal. */
  prepare?(tx: Tx, need: LockedNeed): Promise<{ columns?: Record<string, unknown>; details?: Record<string, unknown> }>
}

/** The timestamp each status sets; a cancelled need is closed too, just not answered. */
const STATUS_TIMESTAMPS: Partial<Record<NeedStatus, string>> = {
  submitted: 'submittedAt',
  published: 'publishedAt',
  closed: 'closedAt',
  cancelled: 'closedAt',
}

export function illegalNeedTransition(from: NeedStatus, to: NeedStatus): ConflictError {
  const allowed = NEED_TRANSITIONS[from]
  const list = allowed.length ? allowed.join(', ') : '—'
  return new ConflictError(
    `Потребность в статусе «${from}» нельзя перевести в «${to}»; допустимо: ${list} / A need in status "${from}" cannot move to "${to}"; allowed: ${list}`,
    // Not `status`: that member of the problem is the HTTP status.
    { currentStatus: from, allowed },
  )
}

/**
 * One step of a need's workflow, in one transaction: lock the need, check who acts (someone who
 * does not run the need gets the 404 of a missing one), check the step against the graph (409 with
 * the allowed statuses), write the status and its timestamp, audit, and refresh the search document.
 */
export async function transitionNeed(ctx: ServiceContext, id: string, step: NeedTransition): Promise<Need> {
  const actor = requireSignedIn(ctx.actor)
  return withTransaction(ctx, async (tx) => {
    const [need] = await tx<LockedNeed[]>`select id, org_id, status, deadline from needs where id = ${id} for update`
    if (!need) throw new NotFoundError('Need', id)
    const standing = await needStanding(tx, actor, need.orgId)
    if (!managesNeed(standing)) throw new NotFoundError('Need', id)
    if (!step.mayAct(standing)) throw new ForbiddenError(step.forbidden)
    if (!NEED_TRANSITIONS[need.status].includes(step.to)) throw illegalNeedTransition(need.status, step.to)
    const prepared = (await step.prepare?.(tx, need)) ?? {}
    const timestamp = STATUS_TIMESTAMPS[step.to]
    const columns = { status: step.to, ...(timestamp ? { [timestamp]: ctx.now() } : {}), ...prepared.columns }
    await tx`update needs set ${tx(columns)}, updated_at = now() where id = ${id}`
    await audit(tx, actor, {
      action: step.action,
      entity: 'need',
      entityId: id,
      reason: step.reason ?? null,
      details: { from: need.status, to: step.to, ...prepared.details },
    })
    await enqueueSearch(tx, 'need', [id])
    const changed = await selectNeed(tx, id)
    if (!changed) throw new NotFoundError('Need', id)
    return changed
  })
}
