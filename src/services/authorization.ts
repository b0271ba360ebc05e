import type { Sql } from '../db/client.js'
import { NotFoundError, ServiceError } from '../lib/errors.js'
import type { Actor, ServiceContext, Tx } from './context.js'

export class UnauthorizedError extends ServiceError {
  constructor() {
    super('UNAUTHORIZED', 401, 'Sign in to do this')
  }
}

export class ForbiddenError extends ServiceError {
  constructor(message: string) {
    super('FORBIDDEN', 403, message)
  }
}

type UserActor = Extract<Actor, { kind: 'user' }>

/** A signed-in person or the system; anonymous requests get 401. */
export function requireSignedIn(actor: Actor): UserActor | { kind: 'system' } {
  if (actor.kind === 'anonymous') throw new UnauthorizedError()
  return actor
}

export function isPlatformAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.platformRole === 'admin')
}

export function isCurator(actor: Actor): actor is UserActor {
  return actor.kind === 'user' && actor.platformRole === 'curator'
}

export function membershipOf(actor: Actor, orgId: string) {
  return actor.kind === 'user' ? actor.memberships.find((m) => m.orgId === orgId) : undefined
}

export interface CuratorScope {
  clusterIds: string[]
  regionCodes: string[]
}

/**
 * A curator acts within the clusters its centre belongs to and those clusters' regions. The centre is
 * any organization of kind `centre` the curator is a member of.
 */
export async function curatorScope(sql: Sql | Tx, actor: UserActor): Promise<CuratorScope> {
  const centreIds = actor.memberships.map((m) => m.orgId)
  if (centreIds.length === 0) return { clusterIds: [], regionCodes: [] }
  const [scope] = await sql<CuratorScope[]>`
    with centre_clusters as (
      select distinct oc.cluster_id from organization_clusters oc join organizations o on o.id = oc.org_id
      where oc.org_id = any(${sql.array(centreIds)}::text[]) and 'centre' = any(o.kinds)
    )
    select coalesce((select array_agg(cluster_id) from centre_clusters), '{}') as cluster_ids,
           coalesce((select array_agg(distinct r) from clusters c, unnest(c.region_codes) r
                     where c.id in (select cluster_id from centre_clusters)), '{}') as region_codes`
  return scope ?? { clusterIds: [], regionCodes: [] }
}

/** True when the organization belongs to one of the curator's clusters or has a site in its regions. */
export async function organizationInCuratorScope(sql: Sql | Tx, actor: UserActor, orgId: string): Promise<boolean> {
  const scope = await curatorScope(sql, actor)
  const [row] = await sql`
    select 1 from organizations o
    where o.id = ${orgId}
      and (exists (select 1 from organization_clusters oc where oc.org_id = o.id and oc.cluster_id = any(${sql.array(scope.clusterIds)}::text[]))
        or exists (select 1 from sites s where s.org_id = o.id and s.region_code = any(${sql.array(scope.regionCodes)}::text[])))`
  return row !== undefined
}

export type OrganizationAccess = 'member' | 'admin'

/**
 * May the actor change this organization's data (`member`) or manage it — people, profile (`admin`)?
 * Platform admins may; curators may for organizations in their scope; members by their role.
 * Anything else is the same 404 as a missing organization, so foreign tenants stay invisible.
 */
export async function assertOrganizationAccess(ctx: ServiceContext | { sql: Sql | Tx; actor: Actor }, orgId: string, access: OrganizationAccess): Promise<void> {
  const actor = requireSignedIn(ctx.actor)
  if (isPlatformAdmin(actor)) return
  const user = actor as UserActor
  const membership = membershipOf(user, orgId)
  if (membership && (access === 'member' || membership.role === 'admin')) return
  if (isCurator(user) && (await organizationInCuratorScope(ctx.sql, user, orgId))) return
  throw new NotFoundError('Organization', orgId)
}
