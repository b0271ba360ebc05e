import { ConflictError, type FieldError, NotFoundError } from '../../lib/errors.js'
import type { Tx } from '../context.js'

/** Only suppliers offer capacities; the key-share lock keeps the organization from being deleted under the write. */
export async function lockSupplier(tx: Tx, orgId: string): Promise<void> {
  const [organization] = await tx<{ kinds: string[] }[]>`select kinds from organizations where id = ${orgId} for key share`
  if (!organization) throw new NotFoundError('Organization', orgId)
  if (!organization.kinds.includes('supplier')) {
    throw new ConflictError(
      `Организация ${orgId} не является поставщиком: добавьте ей вид «supplier», чтобы публиковать мощности / Organization ${orgId} is not a supplier: add the kind "supplier" to publish capacities`,
      { kinds: organization.kinds },
    )
  }
}

/**
 * A capacity sits at one of its organization's own sites. Another organization's site reads as unknown, so
 * the answer does not reveal which sites exist elsewhere; the lock keeps the site until the write commits.
 */
export async function siteErrors(tx: Tx, orgId: string, siteId: string): Promise<FieldError[]> {
  const [site] = await tx`select id from sites where id = ${siteId} and org_id = ${orgId} for key share`
  if (site) return []
  return [{ path: 'body.siteId', message: `Площадка ${siteId} не найдена среди площадок организации / Site ${siteId} is not one of the organization's sites` }]
}

/** `path` names the field the client just sent, so an update that moves only one bound points at that one. */
export function batchRangeErrors(batchMin: number | null | undefined, batchMax: number | null | undefined, path: string): FieldError[] {
  if (batchMin == null || batchMax == null || batchMin <= batchMax) return []
  return [{ path, message: `Минимальная партия (${batchMin}) больше максимальной (${batchMax}) / Minimum batch (${batchMin}) exceeds maximum batch (${batchMax})` }]
}
