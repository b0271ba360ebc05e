import type { Certificate } from '../../domain/certificate.js'
import { NotFoundError } from '../../lib/errors.js'
import type { ServiceContext } from '../context.js'
import { selectCertificate } from './row.js'

export async function getCertificate(ctx: ServiceContext, id: string): Promise<Certificate> {
  const certificate = await selectCertificate(ctx.sql, id)
  if (!certificate) throw new NotFoundError('Certificate', id)
  return certificate
}
