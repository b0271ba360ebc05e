import type { Sql } from '../../db/client.js'
import { type Certificate, certificateSatisfies } from '../../domain/certificate.js'
import type { Tx } from '../context.js'

interface CertificateRow extends Omit<Certificate, 'satisfies' | 'createdAt' | 'updatedAt'> {
  createdAt: Date
  updatedAt: Date
}

export function toCertificate(row: CertificateRow): Certificate {
  return { ...row, satisfies: certificateSatisfies(row.standard), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

/** The select list of a certificate row, aliased `ce`; callers add where/order/limit. */
export function selectCertificates(sql: Sql | Tx) {
  return sql`
    select ce.id, ce.org_id, ce.standard, ce.number, ce.issuer, ce.valid_from, ce.valid_until, ce.scope, ce.status, ce.status_reason,
           ce.created_at, ce.updated_at
    from certificates ce`
}

/**
 * Why a centre rejected a certificate is between the owner and the centre: readers outside the organization
 * (and the curators covering it) see that it was rejected, not why.
 */
export function withoutRejectionReason(certificate: Certificate): Certificate {
  return certificate.status === 'rejected' ? { ...certificate, statusReason: null } : certificate
}

export async function selectCertificate(sql: Sql | Tx, id: string): Promise<Certificate | undefined> {
  const [row] = await sql<CertificateRow[]>`${selectCertificates(sql)} where ce.id = ${id}`
  return row ? toCertificate(row) : undefined
}

export type { CertificateRow }
