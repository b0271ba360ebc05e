import { addressText, geocodeFailureMessage } from '../../domain/site.js'
import type { DeliveryInput, NeedInput, NeedUpdate } from '../../domain/need.js'
import { type AmbiguousCandidate, findSubject, geocode } from '../../geo/index.js'
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../../lib/errors.js'
import type { ServiceContext, Tx } from '../context.js'
import type { DeliveryColumns } from './row.js'

/** Contractors post their own needs and centres post on behalf of plants; the lock keeps the poster until commit. */
export async function lockPoster(tx: Tx, orgId: string): Promise<void> {
  const [organization] = await tx<{ kinds: string[] }[]>`select kinds from organizations where id = ${orgId} for key share`
  if (!organization) throw new NotFoundError('Organization', orgId)
  if (!organization.kinds.some((kind) => kind === 'contractor' || kind === 'centre')) {
    throw new ConflictError(
      `Организация ${orgId} не является заказчиком или центром субконтрактации: добавьте ей вид «contractor» или «centre», чтобы размещать потребности / Organization ${orgId} is neither a contractor nor a centre: add the kind "contractor" or "centre" to post needs`,
      { kinds: organization.kinds },
    )
  }
}

/** Today's calendar day in UTC: the deadline is a date, so it is compared as one. */
export function today(ctx: ServiceContext): string {
  return ctx.now().toISOString().slice(0, 10)
}

/** The stored fields that rules across fields depend on; an update merges its patch over them. */
export type NeedFacts = Pick<NeedInput, 'requiredCerts' | 'preferredCerts' | 'quantity' | 'batchSize' | 'visibility' | 'clusterId'>

/**
 * Checks what the input schema cannot see alone (the clock, other rows, other fields) and geocodes a new
 * delivery. `facts` is the need as it will be; `changed` is what the client sent, so errors name its fields
 * and unchanged, already valid values are not judged again. All problems are reported together.
 */
export async function checkNeed(ctx: ServiceContext, tx: Tx, orgId: string, facts: NeedFacts, changed: NeedUpdate): Promise<DeliveryColumns | undefined> {
  const errors: FieldError[] = [
    ...deadlineErrors(ctx, changed.deadline),
    ...certificateOverlapErrors(facts, changed),
    ...batchSizeErrors(facts, changed),
    ...(await clusterErrors(tx, facts, changed)),
    ...(await invitedErrors(tx, changed)),
  ]
  const located = changed.delivery === undefined ? undefined : await locateDelivery(tx, orgId, changed.delivery)
  if (located && !located.ok) errors.push(located.error)
  const candidates = located && !located.ok ? located.candidates : undefined
  if (errors.length) throw new ValidationError('The need is inconsistent: see errors', errors, candidates ? { candidates } : {})
  return located?.ok ? located.columns : undefined
}

function deadlineErrors(ctx: ServiceContext, deadline: string | undefined): FieldError[] {
  const day = today(ctx)
  if (deadline === undefined || deadline > day) return []
  return [{ path: 'body.deadline', message: `Срок должен быть позже сегодняшнего дня (${day}) / The deadline must be after today (${day})` }]
}

/** A certificate is either required or preferred; the list the client sent is the one to fix. */
function certificateOverlapErrors(facts: NeedFacts, changed: NeedUpdate): FieldError[] {
  const required = facts.requiredCerts ?? []
  const preferred = facts.preferredCerts ?? []
  const [field, list, other] = changed.preferredCerts !== undefined ? ['preferredCerts', preferred, required] : ['requiredCerts', required, preferred]
  return list.flatMap((code, i) =>
    other.includes(code)
      ? [{ path: `body.${field}.${i}`, message: `Сертификат ${code} указан и как обязательный, и как желательный / Certificate ${code} is both required and preferred` }]
      : [],
  )
}

function batchSizeErrors(facts: NeedFacts, changed: NeedUpdate): FieldError[] {
  const { quantity, batchSize } = facts
  if (quantity == null || batchSize == null || batchSize <= quantity) return []
  const path = changed.batchSize !== undefined ? 'body.batchSize' : 'body.quantity'
  return [{ path, message: `Партия (${batchSize}) больше общего количества (${quantity}) / Batch size (${batchSize}) exceeds the quantity (${quantity})` }]
}

async function clusterErrors(tx: Tx, facts: NeedFacts, changed: NeedUpdate): Promise<FieldError[]> {
  if (facts.visibility === 'cluster' && facts.clusterId == null) {
    const path = changed.visibility !== undefined ? 'body.visibility' : 'body.clusterId'
    return [{ path, message: 'Для видимости «cluster» укажите кластер (clusterId) / Visibility "cluster" needs a clusterId' }]
  }
  if (changed.clusterId == null) return []
  // The key-share lock keeps the cluster from being deleted before the need referencing it commits.
  const [cluster] = await tx`select id from clusters where id = ${changed.clusterId} for key share`
  return cluster ? [] : [{ path: 'body.clusterId', message: `Кластер ${changed.clusterId} не найден / Cluster ${changed.clusterId} not found` }]
}

/**
 * Each invited organization must be an existing supplier. An invited-only need may name nobody yet:
 * then no supplier sees it until the contractor invites one or the centre introduces one.
 */
async function invitedErrors(tx: Tx, changed: NeedUpdate): Promise<FieldError[]> {
  if (changed.invitedOrgIds === undefined || changed.invitedOrgIds.length === 0) return []
  // The key-share lock keeps an invited organization from being deleted before the need naming it commits.
  const suppliers = await tx<{ id: string }[]>`
    select id from organizations where id = any(${tx.array(changed.invitedOrgIds)}::text[]) and 'supplier' = any(kinds) for key share`
  const found = new Set(suppliers.map((s) => s.id))
  return changed.invitedOrgIds.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `body.invitedOrgIds.${i}`, message: `Поставщик ${id} не найден / Supplier ${id} not found` }],
  )
}

type Located =
  | { ok: true; columns: DeliveryColumns }
  | { ok: false; error: FieldError; candidates?: AmbiguousCandidate[] }

/** A site of the posting organization lends its place; typed text is geocoded, explicit coordinates win. */
async function locateDelivery(tx: Tx, orgId: string, delivery: DeliveryInput): Promise<Located> {
  if (delivery.siteId !== undefined) {
    const [site] = await tx<{ address: string; city: string | null; regionCode: string; lat: number; lon: number; precision: DeliveryColumns['deliveryPrecision'] }[]>`
      select address, city, region_code, lat, lon, precision from sites where id = ${delivery.siteId} and org_id = ${orgId}`
    if (!site) {
      const message = `Площадка ${delivery.siteId} не найдена среди площадок организации / Site ${delivery.siteId} is not one of the organization's sites`
      return { ok: false, error: { path: 'body.delivery.siteId', message } }
    }
    return { ok: true, columns: { deliveryAddress: site.address, deliveryCity: site.city, deliveryRegionCode: site.regionCode, deliveryLat: site.lat, deliveryLon: site.lon, deliveryPrecision: site.precision } }
  }
  const result = geocode(delivery)
  if (!result.ok) {
    const error = { path: 'body.delivery', message: geocodeFailureMessage(result) }
    return result.reason === 'ambiguous' ? { ok: false, error, candidates: result.candidates } : { ok: false, error }
  }
  const { place } = result
  const address = addressText(delivery.address ?? { city: delivery.city, region: delivery.region })
  // When no named place matches, the gazetteer falls back to the region's centre, which can be hundreds of km off:
  // fine when the client named only a region, a silent error when they named a place.
  const namedOnlyRegion = delivery.city === undefined && (delivery.address === undefined || findSubject(delivery.address) !== undefined)
  if (place.precision === 'region' && !namedOnlyRegion) {
    const message = `Населённый пункт из «${address}» не найден в субъекте «${place.regionNameRu}»: проверьте написание или укажите только субъект / No place in «${address}» was found in ${place.regionNameRu}: check the spelling or give the region alone`
    return { ok: false, error: { path: 'body.delivery', message } }
  }
  return {
    ok: true,
    columns: { deliveryAddress: address, deliveryCity: place.city, deliveryRegionCode: place.regionCode, deliveryLat: place.lat, deliveryLon: place.lon, deliveryPrecision: place.precision },
  }
}
