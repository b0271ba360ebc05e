import { z } from '@hono/zod-openapi'
import { weightsOverrideSchema } from '../matching/index.js'
import { itGradeSchema, materialListSchema, processListSchema, roughnessRaSchema, uniqueListSchema } from './capacity.js'
import { dateSchema, envelopeSchema, idSchema, latitudeSchema, longitudeSchema } from './common.js'
import { GEO_PRECISIONS } from './site.js'
import { certificateCodeSchema } from './taxonomy/index.js'

export const NEED_STATUSES = ['draft', 'submitted', 'published', 'closed', 'cancelled'] as const
export const NEED_VISIBILITIES = ['public', 'cluster', 'invited'] as const

/**
 * Where the parts go: one of the organization's sites, free text, or a city with its region. Explicit
 * coordinates refine a typed address; a site already has its own.
 */
export const deliveryInputSchema = z
  .object({
    siteId: idSchema('site').optional(),
    address: z.string().trim().min(2).max(500).optional().openapi({ example: 'Набережные Челны, Республика Татарстан' }),
    city: z.string().trim().min(1).max(200).optional().openapi({ example: 'Набережные Челны' }),
    region: z.string().trim().min(1).max(200).optional().openapi({ example: 'Республика Татарстан' }),
    lat: latitudeSchema.optional().openapi({ example: 55.7254 }),
    lon: longitudeSchema.optional().openapi({ example: 52.4112 }),
  })
  .strict()
  .superRefine((d, ctx) => {
    const typed = d.address !== undefined || d.city !== undefined || d.region !== undefined
    if (d.siteId !== undefined && (typed || d.lat !== undefined || d.lon !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['siteId'], message: 'Площадка уже задаёт адрес и координаты: укажите либо siteId, либо адрес / A site brings its own address and coordinates: give either siteId or an address' })
    } else if (d.siteId === undefined && !typed) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Укажите адрес, город с субъектом РФ или площадку (siteId) / Give an address, a city with its region, or a siteId' })
    } else if (d.address !== undefined && (d.city !== undefined || d.region !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'Укажите либо адрес одной строкой, либо город и субъект РФ / Give either a one-line address or a city and region' })
    }
    if ((d.lat === undefined) !== (d.lon === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['lon'], message: 'Укажите широту и долготу вместе / Give latitude and longitude together' })
    }
  })
  .openapi('DeliveryInput')

const certificateListSchema = uniqueListSchema(certificateCodeSchema, 20, 'Сертификат', 'Certificate')

/**
 * Where a need can go from each status: a contractor submits, a centre publishes (also straight from
 * a draft, on the contractor's behalf), the need is closed once answered; closed and cancelled are final.
 */
export const NEED_TRANSITIONS: Record<(typeof NEED_STATUSES)[number], readonly (typeof NEED_STATUSES)[number][]> = {
  draft: ['submitted', 'published', 'cancelled'],
  submitted: ['published', 'cancelled'],
  published: ['closed', 'cancelled'],
  closed: [],
  cancelled: [],
}

export const needInputSchema = z
  .object({
    title: z.string().trim().min(2).max(300).openapi({ example: 'Кронштейн крепления глушителя, штампованный' }),
    description: z.string().trim().max(10_000).optional(),
    processes: processListSchema,
    materials: materialListSchema.optional(),
    envelope: envelopeSchema.nullable().optional(),
    itGrade: itGradeSchema.nullable().optional(),
    roughnessRa: roughnessRaSchema.nullable().optional(),
    quantity: z.number().int().min(1).max(100_000_000).nullable().optional().openapi({ example: 120_000 }),
    batchSize: z.number().int().min(1).max(100_000_000).nullable().optional().openapi({ example: 10_000 }),
    machineHours: z.number().positive().max(1_000_000).nullable().optional().openapi({ example: 400 }),
    requiredCerts: certificateListSchema.optional().openapi({ example: ['IATF16949'] }),
    preferredCerts: certificateListSchema.optional().openapi({ example: ['ISO14001'] }),
    strictNational: z.boolean().optional().openapi({ description: 'Only Russian schemes and their identical adoptions count' }),
    delivery: deliveryInputSchema,
    maxDistanceKm: z.number().positive().max(10_000).nullable().optional().openapi({ example: 400 }),
    deadline: dateSchema.openapi({ description: 'Must be after today' }),
    visibility: z.enum(NEED_VISIBILITIES).optional(),
    clusterId: idSchema('clu').nullable().optional(),
    invitedOrgIds: uniqueListSchema(idSchema('org'), 100, 'Организация', 'Organization')
      .optional()
      .openapi({ description: 'The suppliers a need with visibility "invited" is shown and matched to' }),
    weights: weightsOverrideSchema.nullable().optional(),
  })
  .strict()
  .openapi('NeedInput')

export const needUpdateSchema = needInputSchema.partial().strict().openapi('NeedUpdate')

export const deliverySchema = z
  .object({
    address: z.string(),
    city: z.string().nullable(),
    regionCode: z.string(),
    lat: z.number(),
    lon: z.number(),
    precision: z.enum(GEO_PRECISIONS),
  })
  .openapi('Delivery')

export const needSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    title: z.string(),
    description: z.string(),
    processes: z.array(z.string()),
    materials: z.array(z.string()),
    envelope: envelopeSchema.nullable(),
    itGrade: z.number().int().nullable(),
    roughnessRa: z.number().nullable(),
    quantity: z.number().int().nullable(),
    batchSize: z.number().int().nullable(),
    machineHours: z.number().nullable(),
    requiredCerts: z.array(z.string()),
    preferredCerts: z.array(z.string()),
    strictNational: z.boolean(),
    delivery: deliverySchema,
    maxDistanceKm: z.number().nullable(),
    deadline: z.string(),
    visibility: z.enum(NEED_VISIBILITIES),
    status: z.enum(NEED_STATUSES),
    clusterId: z.string().nullable(),
    invitedOrgIds: z.array(z.string()),
    postedByOrgId: z.string().nullable().openapi({ description: 'The centre that published the need on the contractor\'s behalf' }),
    weights: weightsOverrideSchema.nullable(),
    submittedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Need')

/**
 * A need as a supplier sees it before an introduction: what is to be made, by when, and roughly
 * where, but not who wants it: no organization, no address, no exact point, no other invitees.
 */
export const redactedNeedSchema = needSchema
  .pick({
    id: true, title: true, description: true, processes: true, materials: true, envelope: true, itGrade: true, roughnessRa: true,
    quantity: true, batchSize: true, machineHours: true, requiredCerts: true, preferredCerts: true, strictNational: true,
    maxDistanceKm: true, deadline: true, visibility: true, status: true, clusterId: true, publishedAt: true,
  })
  .extend({
    view: z.literal('redacted').openapi({ description: "The contractor's identity is shown only after a centre introduces the parties" }),
    sector: z.string().nullable().openapi({ description: "The sector of the need's cluster, or of the contractor's", example: 'automotive' }),
    delivery: z.object({ city: z.string().nullable(), regionCode: z.string() }),
  })
  .openapi('RedactedNeed')

export type DeliveryInput = z.infer<typeof deliveryInputSchema>
export type NeedInput = z.infer<typeof needInputSchema>
export type NeedUpdate = z.infer<typeof needUpdateSchema>
export type NeedStatus = (typeof NEED_STATUSES)[number]
export type Need = z.infer<typeof needSchema>
export type RedactedNeed = z.infer<typeof redactedNeedSchema>
