import type { Sql } from '../../db/client.js'
import type { Need, NeedUpdate } from '../../domain/need.js'
import type { GeoPrecision } from '../../geo/index.js'
import type { Tx } from '../context.js'
import { envelopeColumns, envelopeOf } from '../capacities/row.js'

export interface NeedRow extends Omit<Need, 'envelope' | 'delivery' | 'submittedAt' | 'publishedAt' | 'closedAt' | 'createdAt' | 'updatedAt'> {
  lengthMm: number | null
  widthMm: number | null
  heightMm: number | null
  massKg: number | null
  deliveryAddress: string
  deliveryCity: string | null
  deliveryRegionCode: string
  deliveryLat: number
  deliveryLon: number
  deliveryPrecision: GeoPrecision
  submittedAt: Date | null
  publishedAt: Date | null
  closedAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** The `delivery_*` columns of `needs`, named for `tx(values)`. */
export interface DeliveryColumns {
  deliveryAddress: string
  deliveryCity: string | null
  deliveryRegionCode: string
  deliveryLat: number
  deliveryLon: number
  deliveryPrecision: GeoPrecision
}

export function toNeed(row: NeedRow): Need {
  const {
    lengthMm, widthMm, heightMm, massKg,
    deliveryAddress, deliveryCity, deliveryRegionCode, deliveryLat, deliveryLon, deliveryPrecision,
    submittedAt, publishedAt, closedAt, createdAt, updatedAt, ...rest
  } = row
  return {
    ...rest,
    envelope: envelopeOf(row),
    delivery: { address: deliveryAddress, city: deliveryCity, regionCode: deliveryRegionCode, lat: deliveryLat, lon: deliveryLon, precision: deliveryPrecision },
    submittedAt: submittedAt?.toISOString() ?? null,
    publishedAt: publishedAt?.toISOString() ?? null,
    closedAt: closedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  }
}

/** The select list of a need row, aliased `n`; callers add where, order and limit. */
export function selectNeeds(sql: Sql | Tx) {
  return sql`
    select n.id, n.org_id, n.title, n.description, n.processes, n.materials,
           n.length_mm, n.width_mm, n.height_mm, n.mass_kg, n.it_grade, n.roughness_ra,
           n.quantity, n.batch_size, n.machine_hours, n.required_certs, n.preferred_certs, n.strict_national,
           n.delivery_address, n.delivery_city, n.delivery_region_code, n.delivery_lat, n.delivery_lon, n.delivery_precision,
           n.max_distance_km, n.deadline, n.visibility, n.status, n.cluster_id, n.invited_org_ids, n.posted_by_org_id, n.weights,
           n.submitted_at, n.published_at, n.closed_at, n.created_at, n.updated_at
    from needs n`
}

export async function selectNeed(sql: Sql | Tx, id: string): Promise<Need | undefined> {
  const [row] = await sql<NeedRow[]>`${selectNeeds(sql)} where n.id = ${id}`
  return row ? toNeed(row) : undefined
}

/**
 * Input fields as `needs` columns for `tx(values)`; absent fields are left out, so an update keeps them.
 * The delivery is left out too: it becomes columns only once geocoded (rules.ts).
 */
export function needColumns(tx: Tx, input: NeedUpdate): Record<string, unknown> {
  const { delivery, envelope, processes, materials, requiredCerts, preferredCerts, invitedOrgIds, weights, ...scalars } = input
  const columns: Record<string, unknown> = Object.fromEntries(Object.entries(scalars).filter(([, v]) => v !== undefined))
  if (processes !== undefined) columns.processes = tx.array(processes)
  if (materials !== undefined) columns.materials = tx.array(materials)
  if (requiredCerts !== undefined) columns.requiredCerts = tx.array(requiredCerts)
  if (preferredCerts !== undefined) columns.preferredCerts = tx.array(preferredCerts)
  if (invitedOrgIds !== undefined) columns.invitedOrgIds = tx.array(invitedOrgIds)
  if (weights !== undefined) columns.weights = weights === null ? null : tx.json(weights)
  return envelope === undefined ? columns : { ...columns, ...envelopeColumns(envelope) }
}

