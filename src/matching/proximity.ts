import { roadKm } from '../geo/index.js'
import type { MatchNeed, ProximityDetails, SiteCandidate } from './types.js'

/**
 * Road distance at which the distance part of the proximity score halves.
 * 150 road km is about 2–2.5 hours for a loaded truck on Russian regional roads: a same-day round
 * trip with loading inside one driver's shift, and about the radius of a regional cluster
 * (Набережные Челны – Елабуга – Нижнекамск, Самара – Тольятти). Beyond it parts need an overnight
 * run or a carrier, which is the real step up in logistics cost and delivery risk.
 */
export const HALF_DISTANCE_KM = 150

/**
 * Bonuses for a site in the delivery point's cluster or region, as shares of the headroom the
 * distance leaves (score = decay + (1 − decay) · bonus), so proximity never exceeds 1 and a bonus
 * matters most for suppliers that are not already next door. Cluster membership weighs more:
 * cluster programmes (and the centres' reporting) reward localising supply inside the cluster, and members
 * share a centre that already knows them. Same region still means one regional SME-support
 * infrastructure, regional subsidies and no inter-regional paperwork for the buyer.
 * Together they stay below 1 (0.45), so a far cluster member still trails a near one.
 */
export const SAME_CLUSTER_BONUS = 0.3
export const SAME_REGION_BONUS = 0.15

/** exp(−ln2 · d / HALF_DISTANCE_KM): 1 at the door, 0.5 at HALF_DISTANCE_KM, 0.25 at twice that. */
export function distanceDecay(km: number): number {
  if (!(km > 0)) return 1
  return Math.exp((-Math.LN2 * km) / HALF_DISTANCE_KM)
}

export function proximityScore(km: number | null, sameCluster: boolean, sameRegion: boolean): number {
  if (km === null) return 0
  const decay = distanceDecay(km)
  const bonus = (sameCluster ? SAME_CLUSTER_BONUS : 0) + (sameRegion ? SAME_REGION_BONUS : 0)
  return Math.min(1, decay + (1 - decay) * Math.min(1, bonus))
}

export interface SiteDistance { site: SiteCandidate; km: number }

export function siteDistance(need: MatchNeed, site: SiteCandidate): SiteDistance {
  return { site, km: roadKm({ lat: site.lat, lon: site.lon }, { lat: need.delivery.lat, lon: need.delivery.lon }) }
}

/** A site's distance and bonuses for one need, worked out once per pair for every assignment to reuse. */
export interface SiteProximity extends SiteDistance { sameCluster: boolean; sameRegion: boolean }

export function siteProximity(need: MatchNeed, site: SiteCandidate): SiteProximity {
  return {
    site,
    km: siteDistance(need, site).km,
    sameCluster: need.delivery.clusterId !== null && site.clusterIds.includes(need.delivery.clusterId),
    sameRegion: site.regionCode === need.delivery.regionCode,
  }
}

export interface ProximityAssessment {
  value: number
  /** Unrounded road km from the nearest site, null when no site is given. */
  km: number | null
  details: ProximityDetails
}

/**
 * Proximity of a set of sites (those of the capacities a supplier would use): distance from the
 * nearest one; the cluster and region bonuses apply when any of them belongs. Both parts only improve
 * when a site moves closer or is added.
 */
export function assessProximity(need: MatchNeed, sites: readonly SiteDistance[]): ProximityAssessment {
  let nearest: SiteDistance | null = null
  let sameCluster = false
  let sameRegion = false
  for (const candidate of sites) {
    if (nearest === null || candidate.km < nearest.km || (candidate.km === nearest.km && candidate.site.id < nearest.site.id)) {
      nearest = candidate
    }
    if (need.delivery.clusterId !== null && candidate.site.clusterIds.includes(need.delivery.clusterId)) sameCluster = true
    if (candidate.site.regionCode === need.delivery.regionCode) sameRegion = true
  }
  const km = nearest === null ? null : nearest.km
  return {
    value: proximityScore(km, sameCluster, sameRegion),
    km,
    details: {
      distanceKm: km === null ? null : Math.round(km),
      nearestSiteId: nearest === null ? null : nearest.site.id,
      halfDistanceKm: HALF_DISTANCE_KM,
      decay: km === null ? 0 : distanceDecay(km),
      sameCluster,
      sameRegion,
    },
  }
}
