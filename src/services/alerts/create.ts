import { type Alert, type AlertInput, DEFAULT_MIN_SCORE, type SearchAlertInput } from '../../domain/alert.js'
import { geocodeFailureMessage } from '../../domain/site.js'
import { geocode } from '../../geo/index.js'
import { ValidationError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { audit } from '../audit.js'
import { type ServiceContext, type Tx, withTransaction } from '../context.js'
import { assertAlertsOf } from './access.js'
import { selectAlert } from './row.js'

interface Centre {
  siteId: string | null
  near: string | null
  centerLat: number | null
  centerLon: number | null
  radiusKm: number | null
}

/**
 * Where the radius is measured from, fixed when the alert is saved: a site of the supplier's own, or a
 * place the offline gazetteer names exactly once.
 */
async function centreOf(tx: Tx, orgId: string, input: SearchAlertInput): Promise<Centre> {
  if (input.radiusKm === undefined) return { siteId: null, near: null, centerLat: null, centerLon: null, radiusKm: null }
  if (input.siteId !== undefined) {
    const [site] = await tx<{ lat: number; lon: number }[]>`select lat, lon from sites where id = ${input.siteId} and org_id = ${orgId}`
    if (!site) {
      throw new ValidationError('The site is not one of the organization’s', [
        { path: 'body.siteId', message: 'Это не площадка вашей организации / Not a site of your organization' },
      ])
    }
    return { siteId: input.siteId, near: null, centerLat: site.lat, centerLon: site.lon, radiusKm: input.radiusKm }
  }
  const found = geocode(input.near ?? '')
  if (!found.ok) {
    throw new ValidationError(
      'The place in `near` does not name exactly one place: see errors',
      [{ path: 'body.near', message: geocodeFailureMessage(found) }],
      found.reason === 'ambiguous' ? { candidates: found.candidates } : {},
    )
  }
  return { siteId: null, near: input.near ?? null, centerLat: found.place.lat, centerLon: found.place.lon, radiusKm: input.radiusKm }
}

/** A member of the supplier saves a need search or asks for needs like its capacities; the alert starts active. */
export async function createAlert(ctx: ServiceContext, orgId: string, input: AlertInput): Promise<Alert> {
  await assertAlertsOf(ctx.sql, ctx.actor, orgId)
  const now = ctx.now()
  const id = newId('alrt', now.getTime())
  const createdBy = ctx.actor.kind === 'user' ? ctx.actor.userId : null
  return withTransaction(ctx, async (tx) => {
    const criteria =
      input.kind === 'search'
        ? {
            q: input.q ?? null,
            processes: input.processes ?? [],
            material: input.material ?? null,
            requiredCerts: input.requiredCerts ?? [],
            regionCode: input.regionCode ?? null,
            ...(await centreOf(tx, orgId, input)),
            minScore: null,
          }
        : { minScore: input.minScore ?? DEFAULT_MIN_SCORE }
    const row = { id, orgId, kind: input.kind, name: input.name, ...criteria, createdBy, createdAt: now, updatedAt: now }
    await tx`insert into supplier_alerts ${tx(row as Record<string, unknown>)}`
    await audit(tx, ctx.actor, { action: 'alert.create', entity: 'alert', entityId: id, details: { orgId, kind: input.kind } })
    const created = await selectAlert(tx, id)
    if (!created) throw new Error(`alert ${id} vanished inside its own transaction`)
    return created
  })
}
