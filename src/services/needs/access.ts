import type { Sql } from '../../db/client.js'
import { isCurator, isPlatformAdmin, membershipOf, organizationInCuratorScope } from '../authorization.js'
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

/** The organizations the actor acts for. */
export function actorOrgIds(actor: Actor): string[] {
  return actor.kind === 'user' ? actor.memberships.map((m) => m.orgId) : []
}
