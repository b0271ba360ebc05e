import { EARTH_MEAN_RADIUS_KM, type LatLon, ROAD_FACTOR } from '../../src/geo/index.js'

/**
 * The geometry of the "where are the candidates" picture: an equirectangular projection centred on
 * the delivery point (longitude scaled by cos(latitude) there), in drawing units where the outermost
 * circle of interest has radius SKETCH_RADIUS. Distances users see are road km (great-circle × the road
 * factor), so a ring of R road km is drawn at R / ROAD_FACTOR straight-line km: a supplier 84 road km
 * away sits inside the 100 km ring.
 */

export const SKETCH_RADIUS = 100
const KM_PER_DEGREE = (Math.PI * EARTH_MEAN_RADIUS_KM) / 180
/** Round road distances for rings; those too small to tell apart at the chosen scale are skipped. */
const NICE_RINGS_KM = [10, 25, 50, 100, 200, 400, 800, 1600, 3200] as const
const MAX_NICE_RINGS = 3
/** A ring closer than this share of the extent to the centre, or to the limit ring, would only clutter. */
const MIN_RING_SHARE = 0.12
/** Room left around the farthest point. */
const MARGIN = 1.08

export interface SketchCandidate {
  id: string
  point: LatLon
}

export interface PlacedCandidate<C extends SketchCandidate> {
  candidate: C
  x: number
  y: number
}

export interface Ring {
  roadKm: number
  r: number
  /** The need's maximum distance, drawn differently from the round rings. */
  limit: boolean
}

export interface Sketch<C extends SketchCandidate> {
  rings: Ring[]
  placed: PlacedCandidate<C>[]
}

/** Straight-line km east (x) and south (y, as SVG counts downwards) of the centre. */
export function projectKm(center: LatLon, point: LatLon): { x: number; y: number } {
  const cosLat = Math.cos((center.lat * Math.PI) / 180)
  let dLon = point.lon - center.lon
  if (dLon > 180) dLon -= 360
  if (dLon < -180) dLon += 360
  return { x: dLon * cosLat * KM_PER_DEGREE, y: -(point.lat - center.lat) * KM_PER_DEGREE }
}

export function sketch<C extends SketchCandidate>(center: LatLon, candidates: readonly C[], maxDistanceKm: number | null): Sketch<C> {
  const projected = candidates.map((candidate) => ({ candidate, ...projectKm(center, candidate.point) }))
  const farthestKm = Math.max(0, ...projected.map(({ x, y }) => Math.hypot(x, y)))
  const limitKm = maxDistanceKm === null ? 0 : maxDistanceKm / ROAD_FACTOR
  const smallestKm = NICE_RINGS_KM[2] / ROAD_FACTOR
  const extentKm = Math.max(farthestKm, limitKm, smallestKm) * MARGIN
  const scale = SKETCH_RADIUS / extentKm
  const nice = NICE_RINGS_KM.map((roadKm) => roadKm / ROAD_FACTOR)
    .filter((km) => km <= extentKm && km >= extentKm * MIN_RING_SHARE)
    .filter((km) => limitKm === 0 || Math.abs(km - limitKm) >= extentKm * MIN_RING_SHARE)
    .slice(-MAX_NICE_RINGS)
    .map((km): Ring => ({ roadKm: Math.round(km * ROAD_FACTOR), r: km * scale, limit: false }))
  const rings = maxDistanceKm === null ? nice : [...nice, { roadKm: maxDistanceKm, r: limitKm * scale, limit: true }]
  return {
    rings: rings.sort((a, b) => a.r - b.r),
    placed: projected.map(({ candidate, x, y }) => ({ candidate, x: x * scale, y: y * scale })),
  }
}
