import type postgres from 'postgres'
import type { Sql } from '../../db/client.js'
import type { NeedStatus } from '../../domain/need.js'
import { NotFoundError } from '../../lib/errors.js'
import { type CuratorScope, ForbiddenError, inCuratorScope, isCurator, isPlatformAdmin, membershipOf, organizationInCuratorScope, requireSignedIn } from '../authorization.js'
import type { Actor, Tx } from '../context.js'

/** How the actor stands towards a need posted by `orgId`; a person can be several at once. */
export interface NeedStanding {
  /** A member of the posting organization. */
  owner: boolean
  /** A curator whose centre covers the posting organization. */
  curator: boolean
  /** A platform admin, or the platform itself. */
  admin: boolean
}

export async function needStanding(sql: Sql | Tx, actor: Actor, orgId: string): Promise<NeedStanding> {
  const owner = membershipOf(actor, orgId) !== undefined
  const curator = isCurator(actor) && (owner || (await organizationInCuratorScope(sql, actor, orgId)))
  return { owner, curator, admin: isPlatformAdmin(actor) }
}

/** Those who run the need: its contractor, its centre, the platform. Anyone else sees at most the redacted view. */
export function managesNeed(standing: NeedStanding): boolean {
  return standing.owner || standing.curator || standing.admin
}

/**
 * SQL condition over needs aliased `n`: the actor runs the need (managesNeed, for a whole list). Platform
 * admins run every need, members their organizations' needs, curators those of organizations in their
 * `scope` (curatorScope; null for anyone else). Synchronous on purpose: a fragment is a thenable, and an
 * async function returning it would run it as a query of its own.
 */
export function managedNeedsCondition(sql: Sql | Tx, actor: Actor, scope: CuratorScope | null): postgres.Fragment {
  if (isPlatformAdmin(actor)) return sql`true`
  const own = sql`n.org_id = any(${sql.array(actorOrgIds(actor))}::text[])`
  return scope ? sql`(${own} or ${inCuratorScope(sql, scope, sql`n.org_id`)})` : own
}

/** Until the centre publishes a need its contractor may still rework it; afterwards suppliers rely on what it says. */
const EDITABLE_BY_CONTRACTOR: readonly NeedStatus[] = ['draft', 'submitted']

/**
 * May the actor change or delete the need: its contractor's members while it is a draft or submitted, the
 * curators covering it and platform admins at any time. Who does not run the need gets the 404 of a missing
 * one; the contractor, once the need is published, is told why (403).
 */
export async function assertEditsNeed(sql: Sql | Tx, actor: Actor, need: { id: string; orgId: string; status: NeedStatus }): Promise<void> {
  requireSignedIn(actor)
  const standing = await needStanding(sql, actor, need.orgId)
  if (!managesNeed(standing)) throw new NotFoundError('Need', need.id)
  if (standing.curator || standing.admin || EDITABLE_BY_CONTRACTOR.includes(need.status)) return
  throw new ForbiddenError(
    `Потребность в статусе «${need.status}» меняет центр субконтрактации / A need in status "${need.status}" is changed by the subcontracting centre`,
  )
}

/** The organizations the actor acts for. */
export function actorOrgIds(actor: Actor): string[] {
  return actor.kind === 'user' ? actor.memberships.map((m) => m.orgId) : []
}
