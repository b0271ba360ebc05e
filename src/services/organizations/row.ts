import type { Organization } from '../../domain/organization.js'
import type { Sql } from '../../db/client.js'
import type { Tx } from '../context.js'

interface OrganizationRow extends Omit<Organization, 'createdAt' | 'updatedAt'> {
  createdAt: Date
  updatedAt: Date
}

export function toOrganization(row: OrganizationRow): Organization {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

/** The select list of an organization row, aliased `o`; callers add where/order/limit. */
export function selectOrganizations(sql: Sql | Tx) {
  return sql`
    select o.id, o.name, o.inn, o.ogrn, o.kinds, o.sme_size, o.verification, o.description, o.website,
           coalesce((select array_agg(cluster_id order by cluster_id) from organization_clusters where org_id = o.id), '{}') as cluster_ids,
           o.created_at, o.updated_at
    from organizations o`
}

export async function selectOrganization(sql: Sql | Tx, id: string): Promise<Organization | undefined> {
  const [row] = await sql<OrganizationRow[]>`${selectOrganizations(sql)} where o.id = ${id}`
  return row ? toOrganization(row) : undefined
}

export type { OrganizationRow }
