import { satisfiersOf } from '../../domain/taxonomy/index.js'
import { materialFamilyOf } from '../../domain/taxonomy/index.js'
import { ROAD_FACTOR, boundingBox } from '../../geo/index.js'
import type { MatchNeed, SupplierCandidate } from '../../matching/index.js'
import type { Search } from '../../search/client.js'
import { filters } from '../../search/filters.js'

/**
 * Most capacity hits one retrieval considers: Meilisearch's `maxTotalHits`. A need broad enough to hit
 * more (a common process, no certificate, no distance limit) is scored on the first 1000 capacities
 * and the response says `truncated`; narrowing the need (distance, certificates) lifts the limit.
 */
export const CANDIDATE_LIMIT = 1000

/** Near misses on distance are looked for up to this multiple of the need's maximum distance. */
export const NEAR_MISS_DISTANCE_FACTOR = 1.5

/** Capacity hits fetched for near misses (any certificate, any material, a wider box). */
export const NEAR_MISS_CANDIDATE_LIMIT = 300

export interface SupplierRetrieval {
  /** Suppliers with a capacity passing every filter the index can apply. */
  orgIds: string[]
  /** Further suppliers that may fail exactly one constraint: the near-miss candidates. */
  nearMissOrgIds: string[]
  hits: number
  truncated: boolean
}

interface CapacityHit {
  id: string
  orgId: string
}

function withinBox(need: MatchNeed, factor: number) {
  const c = filters('capacities')
  if (need.maxDistanceKm === null) return undefined
  // The box is on straight-line distance; the limit is in road km (× ROAD_FACTOR), so divide.
  const box = boundingBox({ lat: need.delivery.lat, lon: need.delivery.lon }, (need.maxDistanceKm * factor) / ROAD_FACTOR)
  return c.geoBox({ south: box.minLat, west: box.minLon, north: box.maxLat, east: box.maxLon })
}

/** Filter of capacities that can hold one of the required certificates through the implication closure. */
function certificateFilters(need: MatchNeed) {
  const c = filters('capacities')
  return need.requiredCerts.map((required) => {
    const full = [...satisfiersOf(required, { strictNational: need.strictNational })].filter(([, credit]) => credit >= 1).map(([code]) => code)
    return c.in('certificates', full.length > 0 ? full : [required])
  })
}

function materialFilter(need: MatchNeed) {
  const c = filters('capacities')
  const families = [...new Set(need.materials.map((m) => materialFamilyOf(m)).filter((f): f is NonNullable<typeof f> => f !== undefined))]
  if (families.length === 0) return undefined
  // A capacity that states no materials is not excluded: the core gives it partial credit.
  return c.any(c.isEmpty('materials'), c.in('materialFamilies', families))
}

export interface CapacityQuery {
  indexUid: string
  filter?: string
  limit: number
  attributesToRetrieve: string[]
}

/**
 * The two capacity queries of one retrieval: the strict query applies processes, the certificate
 * closure, material families and the distance box; the second, wider one finds suppliers that may
 * miss exactly one of them. Exported so the benchmark sends exactly these to Meilisearch directly.
 */
export function supplierRetrievalQueries(indexUid: string, need: MatchNeed): [CapacityQuery, CapacityQuery] {
  const c = filters('capacities')
  const processes = c.in('processes', need.processes)
  const strictFilter = c.build(processes, ...certificateFilters(need), materialFilter(need), withinBox(need, 1))
  const wideFilter = c.build(processes, withinBox(need, NEAR_MISS_DISTANCE_FACTOR))
  return [
    { indexUid, ...(strictFilter ? { filter: strictFilter } : {}), limit: CANDIDATE_LIMIT, attributesToRetrieve: ['id', 'orgId'] },
    { indexUid, ...(wideFilter ? { filter: wideFilter } : {}), limit: NEAR_MISS_CANDIDATE_LIMIT, attributesToRetrieve: ['id', 'orgId'] },
  ]
}

/** One round trip (multi-search) narrows the candidates for a need; the core then decides. */
export async function retrieveSuppliers(search: Search, need: MatchNeed): Promise<SupplierRetrieval> {
  const response = await search.client.multiSearch<{ queries: CapacityQuery[] }, CapacityHit>({
    queries: supplierRetrievalQueries(search.indexes.capacities, need),
  })
  const [strict, relaxed] = response.results
  const orgIds = [...new Set((strict?.hits ?? []).map((hit) => hit.orgId))]
  const strictSet = new Set(orgIds)
  const nearMissOrgIds = [...new Set((relaxed?.hits ?? []).map((hit) => hit.orgId))].filter((id) => !strictSet.has(id))
  const estimated = strict?.estimatedTotalHits ?? strict?.hits.length ?? 0
  return { orgIds, nearMissOrgIds, hits: strict?.hits.length ?? 0, truncated: estimated > CANDIDATE_LIMIT }
}

/**
 * Published needs a supplier could answer: any process it offers, visible to it (public, or limited
 * to a cluster it belongs to), deadline not passed. Distance is need-specific, so the core checks it.
 */
export async function retrieveNeedIds(search: Search, supplier: SupplierCandidate, today: string): Promise<{ ids: string[]; truncated: boolean }> {
  const n = filters('needs')
  const processes = [...new Set(supplier.capacities.flatMap((capacity) => capacity.processes))]
  if (processes.length === 0) return { ids: [], truncated: false }
  const clusterIds = [...new Set(supplier.sites.flatMap((site) => site.clusterIds))]
  const visibility = clusterIds.length > 0 ? n.any(n.eq('visibility', 'public'), n.all(n.eq('visibility', 'cluster'), n.in('clusterId', clusterIds))) : n.eq('visibility', 'public')
  const result = await search.client.index(search.indexes.needs).search<{ id: string }>('', {
    filter: n.build(n.eq('status', 'published'), visibility, n.in('processes', processes), n.gte('deadlineTs', Date.parse(`${today}T00:00:00Z`) / 1000)),
    limit: CANDIDATE_LIMIT,
    attributesToRetrieve: ['id'],
  })
  return { ids: result.hits.map((hit) => hit.id), truncated: (result.estimatedTotalHits ?? 0) > CANDIDATE_LIMIT }
}
