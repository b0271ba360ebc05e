import { type GeocodeResult, geocode } from '../../geo/index.js'
import { type GeocodeFailure, type Site, type SiteAddress, addressText, geocodeFailureMessage } from '../../domain/site.js'
import { ValidationError } from '../../lib/errors.js'

/** Both or neither, as the input schemas enforce; null in an update drops earlier explicit coordinates. */
interface Coordinates {
  lat?: number | null | undefined
  lon?: number | null | undefined
}

/** The columns of `sites` that follow from its address and optional explicit coordinates. */
type SitePlace = Pick<Site, 'address' | 'city' | 'regionCode' | 'lat' | 'lon' | 'precision'>

/**
 * Geocodes a site; explicit coordinates always win. The gazetteer names no city for bare coordinates, so the address
 * still supplies one when it resolves to the same region as the point.
 */
export function locateSite(address: SiteAddress, coordinates: Coordinates): SitePlace {
  const fields = typeof address === 'string' ? { address } : address
  const pinned = coordinates.lat != null && coordinates.lon != null ? { lat: coordinates.lat, lon: coordinates.lon } : undefined
  const located = geocode(pinned ? { ...fields, ...pinned } : fields)
  if (!located.ok) throw geocodeError(located, address)
  const { city, regionCode, lat, lon, precision } = located.place
  const namedCity = city ?? (pinned ? cityIn(geocode(fields), regionCode) : null)
  return { address: addressText(address), city: namedCity, regionCode, lat, lon, precision }
}

function cityIn(result: GeocodeResult, regionCode: string): string | null {
  if (result.ok) return result.place.regionCode === regionCode ? result.place.city : null
  if (result.reason === 'ambiguous') return result.candidates.find((c) => c.regionCode === regionCode)?.city ?? null
  return null
}

function geocodeError(failure: GeocodeFailure, address: SiteAddress): ValidationError {
  const errors = [{ path: failurePath(failure, address), message: geocodeFailureMessage(failure) }]
  const extensions = failure.reason === 'ambiguous' ? { candidates: failure.candidates } : {}
  return new ValidationError('The site address could not be geocoded: see errors', errors, extensions)
}

function failurePath(failure: GeocodeFailure, address: SiteAddress): string {
  if (failure.reason === 'out_of_range') return 'body.lat'
  if (typeof address === 'string' || failure.reason === 'ambiguous') return 'body.address'
  return failure.reason === 'unknown_region' ? 'body.address.region' : 'body.address.city'
}
