import { createRoute, z } from '@hono/zod-openapi'
import { GEO_PRECISIONS, type GeocodeFailure, geocodeFailureMessage } from '../../../domain/site.js'
import { SUBJECTS, geocode, suggestCities } from '../../../geo/index.js'
import { ServiceError, ValidationError } from '../../../lib/errors.js'
import { publicCache } from '../../cache.js'
import { createApiRouter, jsonResponse, problemResponses } from '../../openapi.js'

const tags = ['geo']

const geocodeQuery = z
  .object({
    q: z.string().trim().min(1).max(500).optional().openapi({ example: 'г. Набережные Челны, Республика Татарстан' }),
    city: z.string().trim().min(1).max(200).optional().openapi({ example: 'Киров' }),
    region: z.string().trim().min(1).max(200).optional().openapi({ example: 'Калужская область' }),
  })
  .refine((query) => query.q !== undefined || query.city !== undefined || query.region !== undefined, {
    error: 'Укажите адрес (q) или город и субъект РФ / Give an address (q) or a city and region',
    path: ['q'],
  })

type GeocodeQuery = z.infer<typeof geocodeQuery>

const placeSchema = z
  .object({
    city: z.string().nullable(),
    regionCode: z.string(),
    regionNameRu: z.string(),
    lat: z.number(),
    lon: z.number(),
    precision: z.enum(GEO_PRECISIONS),
    source: z.enum(['user', 'geonames', 'subjects']),
  })
  .openapi('GeoPlace')

const citySchema = z
  .object({ city: z.string(), regionCode: z.string(), regionNameRu: z.string(), lat: z.number(), lon: z.number() })
  .openapi('GeoCitySuggestion')

const regionSchema = z
  .object({ code: z.string(), nameRu: z.string(), nameEn: z.string(), federalDistrict: z.string(), centreRu: z.string().nullable(), lat: z.number(), lon: z.number() })
  .openapi('GeoRegion')

/** Ambiguous and unknown-region answers are the client's to fix (400, with `candidates`); no match at all is a 404. */
function geocodeProblem(failure: GeocodeFailure, query: GeocodeQuery): ServiceError {
  const field = failure.reason === 'unknown_region' && query.region !== undefined ? 'region' : query.q !== undefined ? 'q' : 'city'
  const errors = [{ path: `query.${field}`, message: geocodeFailureMessage(failure) }]
  if (failure.reason === 'not_found') return new ServiceError('NOT_FOUND', 404, 'No place matches the query', errors)
  return new ValidationError('The query does not name exactly one place: see errors', errors, failure.reason === 'ambiguous' ? { candidates: failure.candidates } : {})
}

const regions = SUBJECTS.flatMap(({ code, nameRu, nameEn, federalDistrict, centreRu, enabled, lat, lon }) =>
  enabled ? [{ code, nameRu, nameEn, federalDistrict, centreRu, lat, lon }] : [],
)

const router = createApiRouter()
router.use(publicCache(3600))

export const geoApi = router
  .openapi(
    createRoute({
      method: 'get',
      path: '/geocode',
      tags,
      description: 'Free text in `q`, or `city` and/or `region`; an ambiguous name answers 400 with `candidates`, an unknown one 404.',
      request: { query: geocodeQuery },
      responses: { 200: jsonResponse(placeSchema, 'The place'), ...problemResponses },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const result = geocode({ address: query.q, city: query.city, region: query.region })
      if (!result.ok) throw geocodeProblem(result, query)
      return c.json(result.place, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cities',
      tags,
      request: {
        query: z.object({
          prefix: z.string().trim().min(1).max(100).openapi({ example: 'Набер' }),
          limit: z.coerce.number().int().min(1).max(50).default(10),
        }),
      },
      responses: { 200: jsonResponse(z.object({ items: z.array(citySchema) }), 'Places whose name or a word of it starts with the prefix, most populous first'), ...problemResponses },
    }),
    async (c) => {
      const { prefix, limit } = c.req.valid('query')
      return c.json({ items: suggestCities(prefix, limit) }, 200)
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/regions', tags, responses: { 200: jsonResponse(z.object({ items: z.array(regionSchema) }), 'Federal subjects available for geocoding'), ...problemResponses } }),
    async (c) => c.json({ items: regions }, 200),
  )
