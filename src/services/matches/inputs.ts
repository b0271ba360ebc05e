import type { Sql } from '../../db/client.js'
import type { Need } from '../../domain/need.js'
import type { CertificateHeld, MatchNeed, SupplierCandidate, Weights } from '../../matching/index.js'
import type { Tx } from '../context.js'

/** The matching core's view of a need. */
export function toMatchNeed(need: Need): MatchNeed {
  return {
    id: need.id,
    processes: need.processes,
    materials: need.materials,
    envelope: need.envelope,
    itGrade: need.itGrade,
    roughnessRa: need.roughnessRa,
    batchSize: need.batchSize,
    quantity: need.quantity,
    machineHours: need.machineHours,
    requiredCerts: need.requiredCerts,
    preferredCerts: need.preferredCerts,
    strictNational: need.strictNational,
    delivery: { lat: need.delivery.lat, lon: need.delivery.lon, regionCode: need.delivery.regionCode, clusterId: need.clusterId },
    maxDistanceKm: need.maxDistanceKm,
    deadline: need.deadline,
    ...(need.weights ? { weights: need.weights as Partial<Weights> } : {}),
  }
}

interface SupplierRow {
  id: string
  name: string
  clusterIds: string[]
}

interface SiteRow {
  id: string
  orgId: string
  lat: number
  lon: number
  regionCode: string
}

interface CapacityRow {
  id: string
  orgId: string
  siteId: string
  processes: string[]
  materials: string[]
  lengthMm: number | null
  widthMm: number | null
  heightMm: number | null
  massKg: number | null
  itGrade: number | null
  roughnessRa: number | null
  batchMin: number | null
  batchMax: number | null
  freeHours: { month: string; hours: number }[]
}

interface CertificateRow extends CertificateHeld {
  orgId: string
}

function groupBy<T extends { orgId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) groups.set(row.orgId, [...(groups.get(row.orgId) ?? []), row])
  return groups
}

/** Everything the core needs about these suppliers, read from PostgreSQL (never from the index). */
export async function loadSupplierCandidates(sql: Sql | Tx, orgIds: readonly string[]): Promise<SupplierCandidate[]> {
  if (orgIds.length === 0) return []
  const ids = sql.array([...orgIds])
  const [suppliers, sites, capacities, certificates] = await Promise.all([
    sql<SupplierRow[]>`
      select o.id, o.name, coalesce((select array_agg(cluster_id) from organization_clusters where org_id = o.id), '{}') as cluster_ids
      from organizations o where o.id = any(${ids}::text[]) and 'supplier' = any(o.kinds)`,
    sql<SiteRow[]>`select id, org_id, lat, lon, region_code from sites where org_id = any(${ids}::text[])`,
    sql<CapacityRow[]>`
      select id, org_id, site_id, processes, materials, length_mm, width_mm, height_mm, mass_kg, it_grade, roughness_ra,
             batch_min, batch_max, free_hours
      from capacities where org_id = any(${ids}::text[])`,
    sql<CertificateRow[]>`
      select id, org_id, standard, valid_from, valid_until, status from certificates where org_id = any(${ids}::text[])`,
  ])
  const sitesByOrg = groupBy(sites)
  const capacitiesByOrg = groupBy(capacities)
  const certificatesByOrg = groupBy(certificates)
  return suppliers.map((supplier) => ({
    orgId: supplier.id,
    name: supplier.name,
    sites: (sitesByOrg.get(supplier.id) ?? []).map((s) => ({ id: s.id, lat: s.lat, lon: s.lon, regionCode: s.regionCode, clusterIds: supplier.clusterIds })),
    capacities: (capacitiesByOrg.get(supplier.id) ?? []).map((c) => ({
      id: c.id,
      siteId: c.siteId,
      processes: c.processes,
      materials: c.materials,
      envelope: c.lengthMm && c.widthMm && c.heightMm && c.massKg ? { lengthMm: c.lengthMm, widthMm: c.widthMm, heightMm: c.heightMm, massKg: c.massKg } : null,
      itGrade: c.itGrade,
      roughnessRa: c.roughnessRa,
      batchMin: c.batchMin,
      batchMax: c.batchMax,
      freeHours: c.freeHours,
    })),
    certificates: (certificatesByOrg.get(supplier.id) ?? []).map(({ orgId: _org, ...certificate }) => certificate),
  }))
}
