import type { Need } from '../../domain/need.js'
import { ConflictError } from '../../lib/errors.js'
import type { Actor, ServiceContext, Tx } from '../context.js'
import { today } from './rules.js'
import { transitionNeed } from './workflow.js'

/** The centre the curator works for: the first of their organizations that is a centre. */
async function actingCentre(tx: Tx, actor: Actor): Promise<string | null> {
  if (actor.kind !== 'user' || actor.memberships.length === 0) return null
  const orgIds = actor.memberships.map((m) => m.orgId)
  const centres = await tx<{ id: string }[]>`select id from organizations where id = any(${tx.array(orgIds)}::text[]) and 'centre' = any(kinds)`
  const centreIds = new Set(centres.map((c) => c.id))
  return orgIds.find((id) => centreIds.has(id)) ?? null
}

/**
 * A centre publishes what a contractor submitted, or publishes a draft straight away on the
 * contractor's behalf: then the audit says so and the need records the centre that posted it.
 */
export async function publishNeed(ctx: ServiceContext, id: string): Promise<Need> {
  return transitionNeed(ctx, id, {
    action: 'need.publish',
    to: 'published',
    mayAct: (standing) => standing.curator || standing.admin,
    forbidden: 'Публикует потребность куратор центра субконтрактации / A need is published by a curator of the subcontracting centre',
    async prepare(tx, need) {
      // Suppliers could not meet a deadline that has already come.
      if (need.deadline <= today(ctx)) {
        throw new ConflictError(
          `Срок потребности (${need.deadline}) уже наступил: перенесите его, затем опубликуйте / The deadline (${need.deadline}) has come: move it, then publish`,
          { deadline: need.deadline },
        )
      }
      if (need.status !== 'draft') return {}
      const postedByOrgId = await actingCentre(tx, ctx.actor)
      return { columns: { postedByOrgId }, details: { onBehalf: true, postedByOrgId } }
    },
  })
}
