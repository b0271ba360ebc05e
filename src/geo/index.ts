export { boundingBox, greatCircleKm, roadKm, EARTH_MEAN_RADIUS_KM, ROAD_FACTOR, type BoundingBox, type LatLon } from './distance.js'
export {
  geocode,
  preloadGazetteer,
  suggestCities,
  type AmbiguousCandidate,
  type CitySuggestion,
  type GeocodeInput,
  type GeocodeResult,
  type GeoPlace,
  type GeoPrecision,
} from './gazetteer.js'
export { mentionsRegionType, normalizeText, withoutTypeWords } from './normalize.js'
export { SUBJECTS, findSubject, getSubject, type FederalDistrict, type Subject } from './subjects.js'
