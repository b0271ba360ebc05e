import type { Certificate } from '../../domain/certificate.js'
import type { Page } from '../../domain/common.js'
import { hasOrganizationAccess } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { getOrganization } from '../organizations/get.js'
import { type CertificateRow, selectCertificates, toCertificate, withoutRejectionReason } from './row.js'

export interface CertificateListQuery {
  page: number
  perPage: number
}

/** As getCertificate: public inside the platform, the reason of a rejection only for those who keep the organization. */
export async function listCertificates(ctx: ServiceContext, orgId: string, query: CertificateListQuery): Promise<Page<Certificate>> {
  await getOrganization(ctx, orgId)
  const { sql } = ctx
  const [insider, rows, [count]] = await Promise.all([
    hasOrganizationAccess(sql, ctx.actor, orgId, 'member'),
    sql<CertificateRow[]>`
      ${selectCertificates(sql)} where ce.org_id = ${orgId}
      order by ce.standard, ce.valid_from desc, ce.id
      limit ${query.perPage} offset ${(query.page - 1) * query.perPage}`,
    sql<{ total: number }[]>`select count(*)::int as total from certificates where org_id = ${orgId}`,
  ])
  const certificates = rows.map(toCertificate)
  return { items: insider ? certificates : certificates.map(withoutRejectionReason), total: count?.total ?? 0, page: query.page, perPage: query.perPage }
}
