import type { Certificate } from '../../domain/certificate.js'
import type { Page } from '../../domain/common.js'
import type { ServiceContext } from '../context.js'
import { getOrganization } from '../organizations/get.js'
import { type CertificateRow, selectCertificates, toCertificate } from './row.js'

export interface CertificateListQuery {
  page: number
  perPage: number
}

export async function listCertificates(ctx: ServiceContext, orgId: string, query: CertificateListQuery): Promise<Page<Certificate>> {
  await getOrganization(ctx, orgId)
  const { sql } = ctx
  const [rows, [count]] = await Promise.all([
    sql<CertificateRow[]>`
      ${selectCertificates(sql)} where ce.org_id = ${orgId}
      order by ce.standard, ce.valid_from desc, ce.id
      limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    sql<{ total: number }[]>`select count(*)::int as total from certificates where org_id = ${orgId}`,
  ])
  return { items: rows.map(toCertificate), total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
