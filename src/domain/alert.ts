import { z } from '@hono/zod-openapi'
import { uniqueListSchema } from './capacity.js'
import { subjectCodeSchema } from './cluster.js'
import { idSchema } from './common.js'
import { certificateCodeSchema, materialCodeSchema, processCodeSchema } from './taxonomy/index.js'

export const ALERT_KINDS = ['search', 'capacities'] as const
export const ALERT_STATUSES = ['active', 'paused'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]
export type AlertStatus = (typeof ALERT_STATUSES)[number]

/** Without a threshold, "needs like my capacities" reports pairs the core scores at least this well. */
export const DEFAULT_MIN_SCORE = 0.5
/** The need search's own radius bounds (src/routes/api/search). */
export const MAX_ALERT_RADIUS_KM = 3000

const nameSchema = z.string().trim().min(1).max(120).openapi({ example: 'Фрезерная обработка алюминия, до 200 км' })

export const searchAlertInputSchema = z
  .object({
    kind: z.literal('search'),
    name: nameSchema,
    q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Free text, as in the need search', example: 'корпус' }),
    processes: uniqueListSchema(processCodeSchema, 30, 'Процесс', 'Process').optional().openapi({ description: 'Any of these processes', example: ['MCH.MILL5'] }),
    material: materialCodeSchema.optional().openapi({ description: 'A grade (also its family) or a family (any of its grades), as in the need search' }),
    requiredCerts: uniqueListSchema(certificateCodeSchema, 20, 'Сертификат', 'Certificate').optional().openapi({ description: 'Needs requiring any of these' }),
    regionCode: subjectCodeSchema.optional().openapi({ description: "The delivery's federal subject" }),
    siteId: idSchema('site').optional().openapi({ description: "Measure the radius from this site of the supplier's" }),
    near: z.string().trim().min(2).max(200).optional().openapi({ description: 'Or from this place, geocoded offline', example: 'Набережные Челны, Республика Татарстан' }),
    radiusKm: z.number().min(1).max(MAX_ALERT_RADIUS_KM).optional().openapi({ description: 'Road km to the delivery point, as in the need search', example: 200 }),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.siteId !== undefined && input.near !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['near'], message: 'Укажите либо площадку, либо город / Give either a site or a place' })
    }
    const centre = input.siteId !== undefined || input.near !== undefined
    if (input.radiusKm !== undefined && !centre) {
      ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: 'Для радиуса нужна площадка или город / A radius needs a site or a place' })
    }
    if (input.radiusKm === undefined && centre) {
      ctx.addIssue({ code: 'custom', path: ['radiusKm'], message: 'Укажите радиус в км / Give the radius in km' })
    }
    const criteria = [input.q, input.processes?.length, input.material, input.requiredCerts?.length, input.regionCode, input.radiusKm]
    if (!criteria.some(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['processes'], message: 'Задайте хотя бы один фильтр / Set at least one filter' })
    }
  })
  .openapi('SearchAlertInput')

export const capacitiesAlertInputSchema = z
  .object({
    kind: z.literal('capacities'),
    name: nameSchema,
    minScore: z.number().min(0).max(1).optional().openapi({ description: `Lowest match score reported; ${DEFAULT_MIN_SCORE} if left out`, example: 0.6 }),
  })
  .strict()
  .openapi('CapacitiesAlertInput')

export const alertInputSchema = z
  .discriminatedUnion('kind', [searchAlertInputSchema, capacitiesAlertInputSchema], {
    error: 'Вид оповещения: search или capacities / The alert kind is search or capacities',
  })
  .openapi('AlertInput')

export const alertUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    status: z.enum(ALERT_STATUSES).optional().openapi({ description: 'paused: the alert finds nothing and adds nothing to digests until resumed' }),
  })
  .strict()
  .openapi('AlertUpdate')

export const alertSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    kind: z.enum(ALERT_KINDS),
    name: z.string(),
    status: z.enum(ALERT_STATUSES),
    q: z.string().nullable(),
    processes: z.array(z.string()),
    material: z.string().nullable(),
    requiredCerts: z.array(z.string()),
    regionCode: z.string().nullable(),
    siteId: z.string().nullable(),
    near: z.string().nullable(),
    radiusKm: z.number().nullable(),
    minScore: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Alert')

export const alertListSchema = z.object({ items: z.array(alertSchema), digestSubscribed: z.boolean() }).openapi('AlertList')

/** A new need an alert found, as a supplier may see it before an introduction: never the contractor. */
export const alertHitSchema = z
  .object({
    alertId: z.string(),
    alertName: z.string(),
    needId: z.string(),
    title: z.string(),
    processes: z.array(z.string()),
    materials: z.array(z.string()),
    city: z.string().nullable(),
    regionCode: z.string(),
    deadline: z.string(),
    quantity: z.number().nullable(),
    score: z.number().nullable().openapi({ description: 'The match score, for "needs like my capacities"' }),
    distanceKm: z.number().nullable().openapi({ description: 'Road km from the alert centre (saved searches with a radius) or from the supplier (capacities)' }),
    foundAt: z.string(),
  })
  .openapi('AlertHit')

export const alertHitListSchema = z.object({ items: z.array(alertHitSchema) }).openapi('AlertHitList')

export const digestSubscriptionSchema = z.object({ subscribed: z.boolean() }).strict().openapi('AlertDigestSubscription')

export type AlertInput = z.infer<typeof alertInputSchema>
export type SearchAlertInput = z.infer<typeof searchAlertInputSchema>
export type AlertUpdate = z.infer<typeof alertUpdateSchema>
export type Alert = z.infer<typeof alertSchema>
export type AlertList = z.infer<typeof alertListSchema>
export type AlertHit = z.infer<typeof alertHitSchema>
