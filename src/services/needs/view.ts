import type { Sql } from '../../db/client.js'
import { INTRODUCED_STATUSES } from '../../domain/match.js'
import type { Need, RedactedNeed } from '../../domain/need.js'
import type { Actor, Tx } from '../context.js'
import { actorOrgIds, managesNeed, needStanding } from './access.js'

export type NeedView = Need | RedactedNeed

/** Suppliers learn who wants a part only through the centre: this is what they see before that. */
async function redact(sql: Sql | Tx, need: Need): Promise<RedactedNeed> {
  const [cluster] = await sql<{ sector: string }[]>`
    select sector from clusters
    where id = coalesce(${need.clusterId}::text, (select cluster_id from organization_clusters where org_id = ${need.orgId} order by cluster_id limit 1))`
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
    sector: cluster?.sector ?? null,
    delivery: { city: need.delivery.city, regionCode: need.delivery.regionCode },
  }
}

/** A published need reaches suppliers by its visibility: everyone, one cluster's members, or the invited. */
async function visibleTo(sql: Sql | Tx, need: Need, orgIds: string[]): Promise<boolean> {
  if (need.status !== 'published') return false
  if (need.visibility === 'public') return true
  if (need.visibility === 'invited') return need.invitedOrgIds.some((id) => orgIds.includes(id))
  if (need.clusterId === null || orgIds.length === 0) return false
  const [member] = await sql`select 1 from organization_clusters where cluster_id = ${need.clusterId} and org_id = any(${sql.array(orgIds)}::text[])`
  return member !== undefined
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
