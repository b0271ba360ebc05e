import type postgres from 'postgres'
import type { Sql } from '../../db/client.js'
import { INTRODUCED_STATUSES } from '../../domain/match.js'
import type { Need, RedactedNeed } from '../../domain/need.js'
import type { Actor, Tx } from '../context.js'
import { actorOrgIds, managesNeed, needStanding } from './access.js'

export type NeedView = Need | RedactedNeed

/** SQL expression: the sector of the need's cluster, else of the posting organization's first cluster. */
export function needSectorExpression(sql: Sql | Tx, clusterId: postgres.Fragment, orgId: postgres.Fragment): postgres.Fragment {
  return sql`(select sector from clusters
    where id = coalesce(${clusterId}, (select cluster_id from organization_clusters where org_id = ${orgId} order by cluster_id limit 1)))`
}

/** Suppliers learn who wants a part only through the centre: this is what they see before that. */
export function redactedNeed(need: Need, sector: string | null): RedactedNeed {
  return {
    view: 'redacted',
    id: need.id,
    title: need.title,
    description: need.description,
    processes: need.processes,
    materials: need.materials,
    envelope: need.envelope,
    itGrade: need.itGrade,
    roughnessRa: need.roughnessRa,
    quantity: need.quantity,
    batchSize: need.batchSize,
    machineHours: need.machineHours,
    requiredCerts: need.requiredCerts,
    preferredCerts: need.preferredCerts,
    strictNational: need.strictNational,
    maxDistanceKm: need.maxDistanceKm,
    deadline: need.deadline,
    visibility: need.visibility,
    status: need.status,
    clusterId: need.clusterId,
    publishedAt: need.publishedAt,
    sector,
    delivery: { city: need.delivery.city, regionCode: need.delivery.regionCode },
  }
}

async function redact(sql: Sql | Tx, need: Need): Promise<RedactedNeed> {
  const [row] = await sql<{ sector: string | null }[]>`select ${needSectorExpression(sql, sql`${need.clusterId}::text`, sql`${need.orgId}::text`)} as sector`
  return redactedNeed(need, row?.sector ?? null)
}

/**
 * SQL condition over needs aliased `n`: published to one of these organizations by its visibility —
 * everyone, one cluster's members, or the invited. Single views and lists share it, so they cannot drift.
 */
export function publishedToCondition(sql: Sql | Tx, orgIds: string[]): postgres.Fragment {
  return publishedToOrganizations(sql, sql`${sql.array(orgIds)}::text[]`)
}

/** publishedToCondition for organizations given as an SQL `text[]` expression, e.g. sql`array[a.org_id]` in a join. */
export function publishedToOrganizations(sql: Sql | Tx, orgs: postgres.Fragment): postgres.Fragment {
  return sql`(n.status = 'published' and (n.visibility = 'public'
    or (n.visibility = 'invited' and n.invited_org_ids && ${orgs})
    or (n.visibility = 'cluster' and exists (
      select 1 from organization_clusters audience where audience.cluster_id = n.cluster_id and audience.org_id = any(${orgs})))))`
}

async function visibleTo(sql: Sql | Tx, need: Need, orgIds: string[]): Promise<boolean> {
  const [row] = await sql`select 1 from needs n where n.id = ${need.id} and ${publishedToCondition(sql, orgIds)}`
  return row !== undefined
}

/**
 * What this actor may see of a need: everything for those who run it (its contractor, its centre's
 * curators, platform admins) and for a supplier the centre has introduced; the redacted view for a
 * supplier it is published to; nothing (null: answer 404) otherwise.
 */
export async function viewNeed(sql: Sql | Tx, actor: Actor, need: Need): Promise<NeedView | null> {
  if (managesNeed(await needStanding(sql, actor, need.orgId))) return need
  const orgIds = actorOrgIds(actor)
  if (orgIds.length > 0) {
    const introduced = await sql<{ supplierOrgId: string }[]>`
      select supplier_org_id from matches
      where need_id = ${need.id} and supplier_org_id = any(${sql.array(orgIds)}::text[])
        and status = any(${sql.array([...INTRODUCED_STATUSES])}::text[])`
    // Introduced, the supplier may know the contractor, but still not which competitors were invited.
    if (introduced.length > 0) return { ...need, invitedOrgIds: need.invitedOrgIds.filter((id) => orgIds.includes(id)) }
  }
  return (await visibleTo(sql, need, orgIds)) ? redact(sql, need) : null
}
