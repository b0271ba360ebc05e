export interface LatLon {
  lat: number
  lon: number
}

export interface BoundingBox {
  minLat: number
  maxLat: number
  minLon: number
  maxLon: number
}

/** IUGG mean Earth radius. */
export const EARTH_MEAN_RADIUS_KM = 6371.0088

/**
 * Roads are longer than the great circle; ~1.3 is the usual detour factor for Russian inter-city trips (domain-data §4.4).
 * It is badly wrong for the Калининград exclave and for Far East ↔ European Russia pairs, where per-pair overrides are needed.
 */
export const ROAD_FACTOR = 1.3

const toRadians = (degrees: number) => (degrees * Math.PI) / 180
const toDegrees = (radians: number) => (radians * 180) / Math.PI

/** Haversine distance on a sphere of the mean Earth radius; error vs the ellipsoid is under 0.5 %. */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const dLat = toRadians(b.lat - a.lat)
  const dLon = toRadians(b.lon - a.lon)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_MEAN_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

export function roadKm(a: LatLon, b: LatLon): number {
  return greatCircleKm(a, b) * ROAD_FACTOR
}

/**
 * Smallest lat/lon box containing every point within radiusKm of center (for index pre-filtering before greatCircleKm).
 * The longitude half-width is asin(sin(r/R) / cos(lat)), the widest point of the spherical cap, not r/R / cos(lat)
 * evaluated at the centre, which is too narrow at high latitudes. If the cap reaches a pole, every longitude is inside.
 * Longitudes are clamped to [-180, 180] rather than wrapped: only Chukotka straddles the antimeridian, and a box cut
 * there misses the few points across it instead of forcing every caller to handle minLon > maxLon.
 */
export function boundingBox(center: LatLon, radiusKm: number): BoundingBox {
  const angularRadius = radiusKm / EARTH_MEAN_RADIUS_KM
  const latDelta = toDegrees(angularRadius)
  const minLat = center.lat - latDelta
  const maxLat = center.lat + latDelta
  if (minLat <= -90 || maxLat >= 90) {
    return { minLat: Math.max(minLat, -90), maxLat: Math.min(maxLat, 90), minLon: -180, maxLon: 180 }
  }
  const lonDelta = toDegrees(Math.asin(Math.min(1, Math.sin(angularRadius) / Math.cos(toRadians(center.lat)))))
  return {
    minLat,
    maxLat,
    minLon: Math.max(center.lon - lonDelta, -180),
    maxLon: Math.min(center.lon + lonDelta, 180),
  }
}
