import { createRoute, z } from '@hono/zod-openapi'
import { itGradeSchema } from '../../../domain/capacity.js'
import { subjectCodeSchema } from '../../../domain/cluster.js'
import { csvQuerySchema, dateSchema, envelopeSchema, idSchema } from '../../../domain/common.js'
import { PROCESS_GROUPS, type ProcessGroupCode, certificateCodeSchema, materialCodeSchema, processCodeSchema } from '../../../domain/taxonomy/index.js'
import { CAPACITY_FACETS, CAPACITY_SEARCH_SORTS, DEFAULT_CAPACITY_FACETS, searchCapacities } from '../../../services/search/searchCapacities.js'
import { DEFAULT_NEED_FACETS, NEED_FACETS, NEED_SEARCH_SORTS, searchNeeds } from '../../../services/search/searchNeeds.js'
import { AREA_CENTRE_MESSAGE, MAX_TOTAL_HITS } from '../../../services/search/shared.js'
import { createApiRouter, jsonResponse, problemResponses, sessionProblems } from '../../openapi.js'

const tags = ['search']
const processGroupCodes = PROCESS_GROUPS.map((g) => g.code) as [ProcessGroupCode, ...ProcessGroupCode[]]

const RESULTS = `Hits are ids from Meilisearch re-read from PostgreSQL and shown in Meilisearch's order; an id whose row is gone (the index lags by up to a few seconds) is dropped, so a page can come out shorter than perPage and \`totalIsExact\` turns false. Meilisearch counts at most ${MAX_TOTAL_HITS} hits: pages end there, and a total of ${MAX_TOTAL_HITS} is not exact.`
const AREA = `With a radius (near or lat/lon, plus radiusKm) Meilisearch pre-selects a bounding box and the exact road distance is checked here; then up to ${MAX_TOTAL_HITS} candidates are read, the survivors are paginated and faceted on the server, and \`totalIsExact\` is false when the box held more candidates than that.`

const commonFields = {
  q: z.string().trim().max(200).optional().openapi({
    description: 'Free text in Russian or English, typo-tolerant («фрезерня» finds «фрезерная»). Quotes ask for an exact phrase.',
    example: 'фрезерная обработка',
  }),
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  perPage: z.coerce.number().int().min(1).max(50).default(20).openapi({ example: 20 }),
  near: z.string().trim().min(2).max(200).optional().openapi({
    description: 'Centre of a radius search as a place («Набережные Челны, Республика Татарстан»), geocoded offline; or give lat and lon',
    example: 'Набережные Челны, Республика Татарстан',
  }),
  lat: z.coerce.number().min(-90).max(90).optional().openapi({ example: 55.7254 }),
  lon: z.coerce.number().min(-180).max(180).optional().openapi({ example: 52.4112 }),
  radiusKm: z.coerce.number().min(1).max(3000).optional().openapi({
    description:
      'Radius in ROAD kilometres, as everywhere in Podryad (a need\'s maxDistanceKm, match distances): great-circle distance × 1.3. Each hit then carries `distanceKm` in the same road km, rounded to whole km.',
    example: 100,
  }),
  process: csvQuerySchema(processCodeSchema).optional().openapi({ description: 'Any of these process codes (comma-separated or repeated)', example: 'MCH.MILL5,MCH.MILL4' }),
  processGroup: z.enum(processGroupCodes).optional(),
  material: materialCodeSchema.optional().openapi({
    description: 'A grade (matches items listing the grade or its whole family) or a family (matches items listing any grade of it)',
    example: 'AL_D16',
  }),
  regionCode: subjectCodeSchema.optional(),
  clusterId: idSchema('clu').optional(),
}

type AreaFields = { page: number; perPage: number; near?: string | undefined; lat?: number | undefined; lon?: number | undefined; radiusKm?: number | undefined }

/** Rules across parameters, checked before anything reaches Meilisearch. */
function checkArea(query: AreaFields, ctx: z.RefinementCtx): void {
  const coordinates = query.lat !== undefined || query.lon !== undefined
  if ((query.lat === undefined) !== (query.lon === undefined)) {
    ctx.addIssue({ code: 'custom', path: [query.lat === undefined ? 'lat' : 'lon'], message: 'Укажите широту и долготу вместе / Give latitude and longitude together' })
  }
  if (query.near !== undefined && coordinates) {
    ctx.addIssue({ code: 'custom', path: ['near'], message: 'Укажите либо near, либо lat и lon / Give either near or lat and lon' })
  }
  if (query.radiusKm !== undefined && query.near === undefined && !coordinates) ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: AREA_CENTRE_MESSAGE })
  if (query.radiusKm === undefined && (query.near !== undefined || coordinates)) {
    ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: 'Для центра нужен радиус radiusKm / A centre needs a radius: radiusKm' })
  }
  if (query.page * query.perPage > MAX_TOTAL_HITS) {
    ctx.addIssue({
      code: 'custom',
      path: ['page'],
      message: `Поиск показывает первые ${MAX_TOTAL_HITS} результатов: уточните запрос / Search shows the first ${MAX_TOTAL_HITS} results: narrow the query`,
    })
  }
}

const capacityQuery = z
  .object({
    ...commonFields,
    sort: z.enum(CAPACITY_SEARCH_SORTS).default('relevance').openapi({ description: 'relevance (default), -updatedAt, itGrade (finest first), leadTimeDays (shortest first); with q, text relevance ranks first and the sort breaks ties' }),
    facets: csvQuerySchema(z.enum(CAPACITY_FACETS)).optional().openapi({ description: `Facet distributions to return; default ${DEFAULT_CAPACITY_FACETS.join(',')}; empty for none` }),
    certificate: csvQuerySchema(certificateCodeSchema).optional().openapi({ description: 'Standards the organization holds (valid today, not rejected): every one listed', example: 'ISO9001' }),
    certificateClosure: z.enum(['true', 'false']).transform((v) => v === 'true').optional().openapi({
      description: 'Also accept standards that fully satisfy a listed one (IATF 16949 and AS9100 for ISO 9001, identical national adoptions)',
    }),
    itGradeAtMost: z.coerce.number().pipe(itGradeSchema).optional().openapi({ description: 'Capacities at least this precise (IT grade ≤ value)' }),
    lengthMm: z.coerce.number().positive().max(100_000).optional().openapi({ description: "The part's sizes (mm) and mass (kg): the machine envelope must take the part in some orientation" }),
    widthMm: z.coerce.number().positive().max(100_000).optional(),
    heightMm: z.coerce.number().positive().max(100_000).optional(),
    massKg: z.coerce.number().positive().max(1_000_000).optional(),
  })
  .superRefine(checkArea)

const needQuery = z
  .object({
    ...commonFields,
    regionCode: subjectCodeSchema.optional().openapi({ description: "The delivery's federal subject" }),
    sort: z.enum(NEED_SEARCH_SORTS).default('relevance').openapi({ description: 'relevance (default), deadline (soonest first), -createdAt; with q, text relevance ranks first and the sort breaks ties' }),
    facets: csvQuerySchema(z.enum(NEED_FACETS)).optional().openapi({ description: `Facet distributions to return; default ${DEFAULT_NEED_FACETS.join(',')}; empty for none` }),
    requiredCert: csvQuerySchema(certificateCodeSchema).optional().openapi({ description: 'Needs that require any of these standards', example: 'IATF16949' }),
    deadlineAfter: dateSchema.optional().openapi({ description: 'Deadline on or after this date' }),
    deadlineBefore: dateSchema.optional().openapi({ description: 'Deadline on or before this date' }),
  })
  .superRefine(checkArea)
  .refine((query) => query.deadlineAfter === undefined || query.deadlineBefore === undefined || query.deadlineAfter <= query.deadlineBefore, {
    path: ['deadlineBefore'],
    error: 'deadlineBefore не может быть раньше deadlineAfter / deadlineBefore cannot be before deadlineAfter',
  })

const labelSchema = z.object({ ru: z.string(), en: z.string() }).openapi('SearchLabel')
const codeLabelSchema = z.object({ code: z.string(), label: labelSchema }).openapi('SearchCodeLabel')
const facetsSchema = z
  .record(z.string(), z.array(z.object({ value: z.string(), count: z.number().int(), label: labelSchema })))
  .openapi('SearchFacets', { description: 'Per requested attribute: values with their counts (most frequent first) and names' })
const distanceKm = z.number().optional().openapi({ description: 'Road km from the search centre, rounded; present only with a radius' })

const resultSchema = <T extends z.ZodTypeAny>(hit: T, name: string) =>
  z
    .object({
      hits: z.array(hit),
      page: z.number().int(),
      perPage: z.number().int(),
      totalHits: z.number().int(),
      totalIsExact: z.boolean(),
      facets: facetsSchema,
      processingTimeMs: z.number().int().openapi({ description: 'Server time for the whole search, PostgreSQL re-check included' }),
    })
    .openapi(name)

const capacityHitSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    orgId: z.string(),
    orgName: z.string(),
    city: z.string().nullable(),
    regionCode: z.string(),
    processes: z.array(codeLabelSchema),
    materials: z.array(codeLabelSchema),
    itGrade: z.number().int().nullable(),
    envelope: envelopeSchema.nullable(),
    leadTimeDays: z.number().int().nullable(),
    distanceKm,
  })
  .openapi('CapacitySearchHit')

const needHitSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    processes: z.array(codeLabelSchema),
    materials: z.array(codeLabelSchema),
    requiredCerts: z.array(codeLabelSchema),
    city: z.string().nullable(),
    regionCode: z.string(),
    deadline: z.string(),
    itGrade: z.number().int().nullable(),
    quantity: z.number().int().nullable(),
    distanceKm: distanceKm.openapi({ description: "Road km from the search centre to the delivery point's 0.1° grid cell, rounded; present only with a radius" }),
  })
  .openapi('NeedSearchHit')

/** `/api/search`: full-text and faceted search over capacities and published public needs. */
export const searchApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/capacities',
      tags,
      description: `Searches suppliers' capacities. ${RESULTS} ${AREA}`,
      request: { query: capacityQuery },
      responses: { 200: jsonResponse(resultSchema(capacityHitSchema, 'CapacitySearchResult'), 'A page of capacities'), ...problemResponses, ...sessionProblems },
    }),
    async (c) => c.json(await searchCapacities(c.var.ctx, c.var.search, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/needs',
      tags,
      description: `Searches published needs open to everyone; drafts and needs shown to a cluster or to invited suppliers never appear, whatever the parameters. Hits never name the contractor. ${RESULTS} ${AREA}`,
      request: { query: needQuery },
      responses: { 200: jsonResponse(resultSchema(needHitSchema, 'NeedSearchResult'), 'A page of needs'), ...problemResponses, ...sessionProblems },
    }),
    async (c) => c.json(await searchNeeds(c.var.ctx, c.var.search, c.req.valid('query')), 200),
  )
