import type { Sql } from '../../db/client.js'
import type { Site } from '../../domain/site.js'
import type { Tx } from '../context.js'

interface SiteRow extends Omit<Site, 'createdAt' | 'updatedAt'> {
  createdAt: Date
  updatedAt: Date
}

export function toSite(row: SiteRow): Site {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

/** The select list of a site row, aliased `s`; callers add where/order/limit. */
export function selectSites(sql: Sql | Tx) {
  return sql`
    select s.id, s.org_id, s.name, s.address, s.city, s.region_code, s.lat, s.lon, s.precision, s.created_at, s.updated_at
    from sites s`
}

export async function selectSite(sql: Sql | Tx, id: string): Promise<Site | undefined> {
  const [row] = await sql<SiteRow[]>`${selectSites(sql)} where s.id = ${id}`
  return row ? toSite(row) : undefined
}

/** Capacity documents embed their site's place, so every change to a site refreshes them. */
export async function capacityIdsAtSite(tx: Tx, siteId: string): Promise<string[]> {
  const rows = await tx<{ id: string }[]>`select id from capacities where site_id = ${siteId}`
  return rows.map((r) => r.id)
}

export type { SiteRow }
