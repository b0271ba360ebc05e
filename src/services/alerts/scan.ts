import type { Search } from '../../search/client.js'
import { ForbiddenError, isPlatformAdmin } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { type NeedHit, searchNeeds } from '../search/searchNeeds.js'
import { MAX_TOTAL_HITS } from '../search/shared.js'

/** Needs compared with the alerts per pass; a saved search asks Meilisearch about all of them at once. */
const SCAN_BATCH = Math.min(500, MAX_TOTAL_HITS)
/** A need whose indexing or matching is stuck is compared anyway after a day, rather than never. */
const SETTLE_GRACE_MS = 24 * 60 * 60 * 1000
/** One process scans at a time; the others find nothing to do until it commits. */
const SCAN_LOCK = 0x616c7274

interface Candidate {
  id: string
  processes: string[]
  regionCode: string
  publishedAt: Date
}

interface SearchAlertRow {
  id: string
  orgId: string
  q: string | null
  processes: string[]
  material: string | null
  requiredCerts: string[]
  regionCode: string | null
  centerLat: number | null
  centerLon: number | null
  radiusKm: number | null
  createdAt: Date
}

interface FoundHit {
  alertId: string
  needId: string
  orgId: string
  distanceKm: number | null
}

export interface ScanResult {
  /** Needs compared with the alerts. */
  scanned: number
  /** New alert hits recorded. */
  hits: number
}

/**
 * Published needs not compared yet whose search document and matches are current: nothing of theirs waits in
 * the search or match outbox, and the matching worker has ranked them once. Comparing earlier would read a
 * stale index (saved searches) or no pairs at all (capacities).
 */
async function settledCandidates(ctx: ServiceContext): Promise<Candidate[]> {
  const graceEnd = new Date(ctx.now().getTime() - SETTLE_GRACE_MS)
  return ctx.sql<Candidate[]>`
    select n.id, n.processes, n.delivery_region_code as region_code, n.published_at
    from needs n
    where n.status = 'published' and n.published_at is not null
      and not exists (select 1 from alert_scans s where s.need_id = n.id)
      and (n.published_at < ${graceEnd} or (
        not exists (select 1 from search_outbox so where so.entity = 'need' and so.entity_id = n.id and so.processed_at is null)
        and not exists (select 1 from match_outbox mo where mo.subject = 'need' and mo.subject_id = n.id and mo.processed_at is null)
        and exists (select 1 from match_runs r where r.need_id = n.id)))
    order by n.published_at, n.id
    limit ${SCAN_BATCH}`
}

/**
 * Active saved searches that could match one of the candidates: a process or region filter that none of
 * them has rules the alert out without asking Meilisearch. The search itself decides the rest.
 */
async function searchAlertsFor(ctx: ServiceContext, candidates: readonly Candidate[]): Promise<SearchAlertRow[]> {
  const { sql } = ctx
  const processes = [...new Set(candidates.flatMap((need) => need.processes))]
  const regions = [...new Set(candidates.map((need) => need.regionCode))]
  return sql<SearchAlertRow[]>`
    select id, org_id, q, processes, material, required_certs, region_code, center_lat, center_lon, radius_km, created_at
    from supplier_alerts
    where kind = 'search' and status = 'active'
      and (cardinality(processes) = 0 or processes && ${sql.array(processes)}::text[])
      and (region_code is null or region_code = any(${sql.array(regions)}::text[]))
    order by id`
}

/** The need search itself, limited to the candidates: the alert's filters mean exactly what they mean there. */
async function searchHits(ctx: ServiceContext, search: Search, alert: SearchAlertRow, ids: readonly string[]): Promise<NeedHit[]> {
  const area = alert.radiusKm === null || alert.centerLat === null || alert.centerLon === null ? {} : { lat: alert.centerLat, lon: alert.centerLon, radiusKm: alert.radiusKm }
  const found = await searchNeeds(ctx, search, {
    q: alert.q ?? undefined,
    process: alert.processes.length ? alert.processes : undefined,
    material: alert.material ?? undefined,
    requiredCert: alert.requiredCerts.length ? alert.requiredCerts : undefined,
    regionCode: alert.regionCode ?? undefined,
    ...area,
    ids,
    page: 1,
    perPage: ids.length,
    sort: 'relevance',
    facets: [],
  })
  return found.hits
}

/**
 * Compares newly published needs with every active alert and records the hits: saved searches through the
 * need search (Meilisearch, then re-checked in PostgreSQL), "needs like my capacities" from the persisted
 * matches scoring at least the alert's threshold. Each need is compared once; an alert reports only needs
 * published after it was created. A platform job.
 */
export async function scanAlerts(ctx: ServiceContext, search: Search): Promise<ScanResult> {
  if (!isPlatformAdmin(ctx.actor)) throw new ForbiddenError('Оповещения проверяет сама платформа / Alerts are checked by the platform itself')
  const total: ScanResult = { scanned: 0, hits: 0 }
  for (;;) {
    const pass = await scanBatch(ctx, search)
    if (pass === null) return total
    total.scanned += pass.scanned
    total.hits += pass.hits
    if (pass.scanned < SCAN_BATCH) return total
  }
}

async function scanBatch(ctx: ServiceContext, search: Search): Promise<ScanResult | null> {
  return ctx.sql.begin(async (tx) => {
    const [lock] = await tx<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(${SCAN_LOCK}) as locked`
    if (!lock?.locked) return null
    const candidates = await settledCandidates(ctx)
    if (candidates.length === 0) return null
    const ids = candidates.map((need) => need.id)
    const publishedAt = new Map(candidates.map((need) => [need.id, need.publishedAt.getTime()]))
    const found: FoundHit[] = []
    for (const alert of await searchAlertsFor(ctx, candidates)) {
      for (const hit of await searchHits(ctx, search, alert, ids)) {
        if ((publishedAt.get(hit.id) ?? 0) < alert.createdAt.getTime()) continue
        found.push({ alertId: alert.id, needId: hit.id, orgId: alert.orgId, distanceKm: hit.distanceKm ?? null })
      }
    }
    const now = ctx.now()
    let hits = 0
    if (found.length) {
      const inserted = await tx`
        insert into alert_hits (alert_id, need_id, org_id, distance_km, found_at)
        select alert_id, need_id, org_id, distance_km, ${now}
        from unnest(${tx.array(found.map((hit) => hit.alertId))}::text[], ${tx.array(found.map((hit) => hit.needId))}::text[],
                    ${tx.array(found.map((hit) => hit.orgId))}::text[], ${tx.array(found.map((hit) => hit.distanceKm) as number[])}::float8[])
          as t(alert_id, need_id, org_id, distance_km)
        on conflict do nothing
        returning 1`
      hits += inserted.length
    }
    const matched = await tx`
      insert into alert_hits (alert_id, need_id, org_id, score, distance_km, found_at)
      select a.id, m.need_id, a.org_id, m.score, m.distance_km, ${now}
      from supplier_alerts a
      join matches m on m.supplier_org_id = a.org_id
      join needs n on n.id = m.need_id
      where a.kind = 'capacities' and a.status = 'active' and m.need_id = any(${tx.array(ids)}::text[])
        and m.score >= a.min_score and n.published_at >= a.created_at
      on conflict do nothing
      returning 1`
    hits += matched.length
    await tx`insert into alert_scans (need_id, scanned_at) select unnest(${tx.array(ids)}::text[]), ${now} on conflict do nothing`
    return { scanned: candidates.length, hits }
  })
}
