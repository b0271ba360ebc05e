import type { Sql } from '../../db/client.js'
import type { Alert } from '../../domain/alert.js'
import type { Tx } from '../context.js'

interface AlertRow extends Omit<Alert, 'createdAt' | 'updatedAt'> {
  createdAt: Date
  updatedAt: Date
}

export function toAlert(row: AlertRow): Alert {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

/** The select list of an alert, aliased `a`; callers add where/order. */
export function selectAlerts(sql: Sql | Tx) {
  return sql`
    select a.id, a.org_id, a.kind, a.name, a.status, a.q, a.processes, a.material, a.required_certs, a.region_code,
           a.site_id, a.near, a.radius_km, a.min_score, a.created_at, a.updated_at
    from supplier_alerts a`
}

export async function selectAlert(sql: Sql | Tx, id: string): Promise<Alert | undefined> {
  const [row] = await sql<AlertRow[]>`${selectAlerts(sql)} where a.id = ${id}`
  return row ? toAlert(row) : undefined
}

export type { AlertRow }
