import type postgres from 'postgres'
import type { Sql } from '../db/client.js'
import { NotFoundError, ServiceError, ValidationError } from '../lib/errors.js'
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

/** Platform-wide objects (clusters, accounts) belong to no tenant: others who are signed in are told why (403). */
export function assertPlatformAdmin(actor: Actor): void {
  requireSignedIn(actor)
  if (!isPlatformAdmin(actor)) throw new ForbiddenError('Только администратор платформы может это делать / Only a platform admin may do this')
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

/**
 * SQL condition: the organization whose id is `orgId` (a column, e.g. sql`n.org_id`) belongs to one of
 * the scope's clusters or has a site in its regions. The set form of organizationInCuratorScope, for lists.
 */
export function inCuratorScope(sql: Sql | Tx, scope: CuratorScope, orgId: postgres.Fragment): postgres.Fragment {
  // Aliases of their own, so the caller's column never resolves against these subqueries' tables.
  return sql`(exists (select 1 from organization_clusters scope_oc where scope_oc.org_id = ${orgId} and scope_oc.cluster_id = any(${sql.array(scope.clusterIds)}::text[]))
    or exists (select 1 from sites scope_site where scope_site.org_id = ${orgId} and scope_site.region_code = any(${sql.array(scope.regionCodes)}::text[])))`
}

/** True when the organization belongs to one of the curator's clusters or has a site in its regions. */
export async function organizationInCuratorScope(sql: Sql | Tx, actor: UserActor, orgId: string): Promise<boolean> {
  const scope = await curatorScope(sql, actor)
  const [row] = await sql`select 1 from organizations o where o.id = ${orgId} and ${inCuratorScope(sql, scope, sql`o.id`)}`
  return row !== undefined
}

/**
 * A curator files organizations into clusters only within their own reach: at least one of `clusterIds`
 * must be a cluster of the curator's centre, or the organization would leave (or never enter) their scope.
 */
export async function assertClustersInCuratorScope(sql: Sql | Tx, actor: UserActor, clusterIds: readonly string[]): Promise<void> {
  const scope = await curatorScope(sql, actor)
  if (clusterIds.some((id) => scope.clusterIds.includes(id))) return
  const message = 'Укажите хотя бы один кластер вашего центра / Name at least one cluster of your centre'
  throw new ValidationError('The organization would be outside your clusters', [{ path: 'body.clusterIds', message }])
}

export type OrganizationAccess = 'member' | 'admin'

/**
 * May the actor change this organization's data (`member`) or manage it — people, profile (`admin`)?
 * Platform admins may; curators may for organizations in their scope; members by their role.
 */
export async function hasOrganizationAccess(sql: Sql | Tx, actor: Actor, orgId: string, access: OrganizationAccess): Promise<boolean> {
  if (actor.kind === 'anonymous') return false
  if (isPlatformAdmin(actor)) return true
  const membership = membershipOf(actor, orgId)
  if (membership && (access === 'member' || membership.role === 'admin')) return true
  return isCurator(actor) && (await organizationInCuratorScope(sql, actor, orgId))
}

export interface OrganizationAccessOptions {
  /** What those who may not know of the resource are told; by default, that the organization is missing. */
  notFound?: NotFoundError
  /** Why a member of the organization who lacks the role is refused. */
  forbidden?: string
}

/**
 * hasOrganizationAccess, or an error: 401 anonymous; 403 for a member of the organization who lacks the
 * role (they know it exists, so they are told why); for anybody else the same 404 as a missing resource,
 * so foreign tenants stay invisible.
 */
export async function assertOrganizationAccess(
  ctx: ServiceContext | { sql: Sql | Tx; actor: Actor },
  orgId: string,
  access: OrganizationAccess,
  options: OrganizationAccessOptions = {},
): Promise<void> {
  requireSignedIn(ctx.actor)
  if (await hasOrganizationAccess(ctx.sql, ctx.actor, orgId, access)) return
  if (membershipOf(ctx.actor, orgId)) {
    throw new ForbiddenError(options.forbidden ?? 'Это может администратор организации / An admin of the organization does this')
  }
  throw options.notFound ?? new NotFoundError('Organization', orgId)
}
