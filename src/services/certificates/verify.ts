import type { Certificate } from '../../domain/certificate.js'
import type { ServiceContext } from '../context.js'
import { optionalReason } from '../reason.js'
import { reviewCertificate } from './review.js'

/** A centre confirms the certificate against the issuer's register; a note on how is welcome, not required. */
export async function verifyCertificate(ctx: ServiceContext, id: string, input: { reason?: string | null } = {}): Promise<Certificate> {
  return reviewCertificate(ctx, id, 'verified', optionalReason(input.reason))
}
