import type { Cluster } from '../../domain/cluster.js'
import type { Sql } from '../../db/client.js'
import type { Tx } from '../context.js'

interface ClusterRow extends Omit<Cluster, 'createdAt' | 'updatedAt'> {
  createdAt: Date
  updatedAt: Date
}

export function toCluster(row: ClusterRow): Cluster {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

/** The select list of a cluster row, aliased `c`; callers add where/order/limit. */
export function selectClusters(sql: Sql | Tx) {
  return sql`select c.id, c.name_ru, c.name_en, c.sector, c.region_codes, c.lat, c.lon, c.created_at, c.updated_at from clusters c`
}

export async function selectCluster(sql: Sql | Tx, id: string): Promise<Cluster | undefined> {
  const [row] = await sql<ClusterRow[]>`${selectClusters(sql)} where c.id = ${id}`
  return row ? toCluster(row) : undefined
}

export type { ClusterRow }
