import type postgres from 'postgres'
import type { Sql } from '../db/client.js'
import { getMaterial, getMaterialFamily, getProcess, materialFamilyOf } from '../domain/taxonomy/index.js'
import type { Tx } from '../services/context.js'

/**
 * Row → document mappers. They always re-read PostgreSQL, so a document is a full snapshot of the
 * current rows and sending it twice, or late, is harmless. An id that has no row any more means the
 * document must be deleted.
 *
 * Two fields depend on the date, not only on the rows: a capacity's `certificates` (valid today) and
 * `freeHoursTotal` (this month onwards). They go stale as days pass without any write; the periodic
 * reconcile job re-sends documents to refresh them. The index is a coarse pre-filter either way: the
 * matching service re-checks certificates against PostgreSQL at the need's deadline.
 */

type Queryable = Sql | Tx

export interface GeoPoint {
  lat: number
  lng: number
}

export interface CapacityDocument {
  id: string
  orgId: string
  orgName: string
  siteId: string
  city: string | null
  regionCode: string
  clusterIds: string[]
  _geo: GeoPoint | null
  title: string
  equipment: string
  processes: string[]
  /** Process group codes (`MCH`, `FRG`…) from the taxonomy, so "any machining" is one filter. */
  processGroups: string[]
  processNamesRu: string[]
  processNamesEn: string[]
  materials: string[]
  materialFamilies: string[]
  /** Grade designations, aliases and foreign equivalents, so "AISI 321" finds 12Х18Н10Т. */
  materialNames: string[]
  /** Standards the organization holds: not rejected, and valid today or open-ended. */
  certificates: string[]
  maxLengthMm: number | null
  maxWidthMm: number | null
  maxHeightMm: number | null
  maxMassKg: number | null
  itGrade: number | null
  roughnessRa: number | null
  batchMin: number | null
  batchMax: number | null
  /** Free machine-hours declared for this month and later. */
  freeHoursTotal: number
  leadTimeDays: number | null
  descriptionRu: string
  descriptionEn: string
  /** Epoch seconds. */
  createdAt: number
  updatedAt: number
}

/** Deliberately without the contractor's name; `orgId` is filterable but never displayed (settings.ts). */
export interface NeedDocument {
  id: string
  orgId: string
  title: string
  description: string
  processes: string[]
  processGroups: string[]
  processNamesRu: string[]
  processNamesEn: string[]
  materials: string[]
  materialFamilies: string[]
  materialNames: string[]
  requiredCerts: string[]
  preferredCerts: string[]
  regionCode: string
  city: string | null
  clusterId: string | null
  _geo: GeoPoint | null
  status: string
  visibility: string
  /** 'YYYY-MM-DD', for display. */
  deadline: string
  /** Epoch seconds of the deadline's UTC midnight, for sorting and range filters. */
  deadlineTs: number
  lengthMm: number | null
  widthMm: number | null
  heightMm: number | null
  massKg: number | null
  itGrade: number | null
  roughnessRa: number | null
  quantity: number | null
  batchSize: number | null
  maxDistanceKm: number | null
  publishedAt: number | null
  createdAt: number
  updatedAt: number
}

/**
 * One malformed `_geo` fails the whole batch it travels in (`invalid_document_geo_field`), so a point
 * that is not a finite, in-range coordinate is sent as no point at all. The schema's checks make this
 * unreachable today; the guard keeps one bad row from stalling everyone else's.
 */
function geoPoint(lat: unknown, lng: unknown): GeoPoint | null {
  if (typeof lat !== 'number' || typeof lng !== 'number') return null
  if (!(Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) return null
  return { lat, lng }
}

function unique(values: Iterable<string | undefined>): string[] {
  return [...new Set([...values].filter((v): v is string => v !== undefined && v !== ''))]
}

interface Taxonomy {
  processGroups: string[]
  processNamesRu: string[]
  processNamesEn: string[]
  materialFamilies: string[]
  materialNames: string[]
}

function taxonomyFields(processes: string[], materials: string[]): Taxonomy {
  const known = processes.map((code) => ({ code, process: getProcess(code) }))
  return {
    // The code prefix is not always the group (STP.* and TOOL.* are forging); unknown codes fall back to it.
    processGroups: unique(known.map(({ code, process }) => process?.group ?? code.split('.')[0])),
    processNamesRu: unique(known.map(({ process }) => process?.nameRu)),
    processNamesEn: unique(known.map(({ process }) => process?.nameEn)),
    materialFamilies: unique(materials.map((code) => materialFamilyOf(code))),
    materialNames: unique(
      materials.flatMap((code) => {
        const material = getMaterial(code)
        const family = getMaterialFamily(materialFamilyOf(code) ?? '')
        return [
          material?.nameRu,
          ...(material?.aliases ?? []),
          ...(material?.equivalents.map((e) => e.designation) ?? []),
          family?.nameRu,
          family?.nameEn,
        ]
      }),
    ),
  }
}

function freeHoursFrom(freeHours: unknown, currentMonth: string): number {
  if (!Array.isArray(freeHours)) return 0
  let total = 0
  for (const entry of freeHours as unknown[]) {
    if (!entry || typeof entry !== 'object') continue
    const { month, hours } = entry as { month?: unknown; hours?: unknown }
    if (typeof month === 'string' && month >= currentMonth && typeof hours === 'number' && Number.isFinite(hours)) total += hours
  }
  return total
}

interface CapacityRow {
  id: string
  orgId: string
  orgName: string
  siteId: string
  city: string | null
  regionCode: string
  lat: number
  lon: number
  clusterIds: string[]
  certificates: string[]
  title: string
  equipment: string
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
  freeHours: unknown
  currentMonth: string
  leadTimeDays: number | null
  descriptionRu: string
  descriptionEn: string
  createdAt: number
  updatedAt: number
}

async function capacityDocuments(sql: Queryable, where: postgres.Fragment, limit: number | null): Promise<CapacityDocument[]> {
  const rows = await sql<CapacityRow[]>`
    select c.id, c.org_id, o.name as org_name, c.site_id, s.city, s.region_code, s.lat, s.lon,
      coalesce((select array_agg(oc.cluster_id order by oc.cluster_id) from organization_clusters oc where oc.org_id = c.org_id), '{}') as cluster_ids,
      coalesce((
        select array_agg(distinct ce.standard order by ce.standard) from certificates ce
        where ce.org_id = c.org_id and ce.status <> 'rejected' and (ce.valid_until is null or ce.valid_until >= current_date)
      ), '{}') as certificates,
      c.title, c.equipment, c.processes, c.materials, c.length_mm, c.width_mm, c.height_mm, c.mass_kg,
      c.it_grade, c.roughness_ra, c.batch_min, c.batch_max, c.free_hours, to_char(current_date, 'YYYY-MM') as current_month,
      c.lead_time_days, c.description_ru, c.description_en,
      floor(extract(epoch from c.created_at))::float8 as created_at, floor(extract(epoch from c.updated_at))::float8 as updated_at
    from capacities c
    join organizations o on o.id = c.org_id
    join sites s on s.id = c.site_id
    where ${where}
    order by c.id
    ${limit === null ? sql`` : sql`limit ${limit}`}`
  return rows.map((row) => ({
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    siteId: row.siteId,
    city: row.city,
    regionCode: row.regionCode,
    clusterIds: row.clusterIds,
    _geo: geoPoint(row.lat, row.lon),
    title: row.title,
    equipment: row.equipment,
    processes: row.processes,
    materials: row.materials,
    ...taxonomyFields(row.processes, row.materials),
    certificates: row.certificates,
    maxLengthMm: row.lengthMm,
    maxWidthMm: row.widthMm,
    maxHeightMm: row.heightMm,
    maxMassKg: row.massKg,
    itGrade: row.itGrade,
    roughnessRa: row.roughnessRa,
    batchMin: row.batchMin,
    batchMax: row.batchMax,
    freeHoursTotal: freeHoursFrom(row.freeHours, row.currentMonth),
    leadTimeDays: row.leadTimeDays,
    descriptionRu: row.descriptionRu,
    descriptionEn: row.descriptionEn,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }))
}

interface NeedRow {
  id: string
  orgId: string
  title: string
  description: string
  processes: string[]
  materials: string[]
  requiredCerts: string[]
  preferredCerts: string[]
  regionCode: string
  city: string | null
  lat: number
  lon: number
  clusterId: string | null
  status: string
  visibility: string
  deadline: string
  lengthMm: number | null
  widthMm: number | null
  heightMm: number | null
  massKg: number | null
  itGrade: number | null
  roughnessRa: number | null
  quantity: number | null
  batchSize: number | null
  maxDistanceKm: number | null
  publishedAt: number | null
  createdAt: number
  updatedAt: number
}

async function needDocuments(sql: Queryable, where: postgres.Fragment, limit: number | null): Promise<NeedDocument[]> {
  const rows = await sql<NeedRow[]>`
    select n.id, n.org_id, n.title, n.description, n.processes, n.materials, n.required_certs, n.preferred_certs,
      n.delivery_region_code as region_code, n.delivery_city as city, n.delivery_lat as lat, n.delivery_lon as lon,
      n.cluster_id, n.status, n.visibility, to_char(n.deadline, 'YYYY-MM-DD') as deadline,
      n.length_mm, n.width_mm, n.height_mm, n.mass_kg, n.it_grade, n.roughness_ra, n.quantity, n.batch_size, n.max_distance_km,
      floor(extract(epoch from n.published_at))::float8 as published_at,
      floor(extract(epoch from n.created_at))::float8 as created_at, floor(extract(epoch from n.updated_at))::float8 as updated_at
    from needs n
    where ${where}
    order by n.id
    ${limit === null ? sql`` : sql`limit ${limit}`}`
  return rows.map((row) => ({
    id: row.id,
    orgId: row.orgId,
    title: row.title,
    description: row.description,
    processes: row.processes,
    materials: row.materials,
    ...taxonomyFields(row.processes, row.materials),
    requiredCerts: row.requiredCerts,
    preferredCerts: row.preferredCerts,
    regionCode: row.regionCode,
    city: row.city,
    clusterId: row.clusterId,
    _geo: geoPoint(row.lat, row.lon),
    status: row.status,
    visibility: row.visibility,
    deadline: row.deadline,
    deadlineTs: Date.parse(`${row.deadline}T00:00:00Z`) / 1000,
    lengthMm: row.lengthMm,
    widthMm: row.widthMm,
    heightMm: row.heightMm,
    massKg: row.massKg,
    itGrade: row.itGrade,
    roughnessRa: row.roughnessRa,
    quantity: row.quantity,
    batchSize: row.batchSize,
    maxDistanceKm: row.maxDistanceKm,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }))
}

/** Current documents for the capacities among `ids` that still exist. */
export function loadCapacityDocuments(sql: Queryable, ids: readonly string[]): Promise<CapacityDocument[]> {
  if (ids.length === 0) return Promise.resolve([])
  return capacityDocuments(sql, sql`c.id = any(${sql.array([...ids])}::text[])`, null)
}

/** Current documents for the needs among `ids` that still exist. */
export function loadNeedDocuments(sql: Queryable, ids: readonly string[]): Promise<NeedDocument[]> {
  if (ids.length === 0) return Promise.resolve([])
  return needDocuments(sql, sql`n.id = any(${sql.array([...ids])}::text[])`, null)
}

/** Up to `limit` capacity documents with ids after `afterId` (null: from the start), in id order. */
export function loadCapacityDocumentsPage(sql: Queryable, afterId: string | null, limit: number): Promise<CapacityDocument[]> {
  return capacityDocuments(sql, afterId === null ? sql`true` : sql`c.id > ${afterId}`, limit)
}

/** Up to `limit` need documents with ids after `afterId` (null: from the start), in id order. */
export function loadNeedDocumentsPage(sql: Queryable, afterId: string | null, limit: number): Promise<NeedDocument[]> {
  return needDocuments(sql, afterId === null ? sql`true` : sql`n.id > ${afterId}`, limit)
}
