import type { Certificate } from '../../domain/certificate.js'
import type { ServiceContext } from '../context.js'
import { requireReason } from '../reason.js'
import { reviewCertificate } from './review.js'

/** A rejected certificate stops counting for matching; the owner is told why. */
export async function rejectCertificate(ctx: ServiceContext, id: string, input: { reason?: string | null }): Promise<Certificate> {
  return reviewCertificate(ctx, id, 'rejected', requireReason(input.reason))
}
