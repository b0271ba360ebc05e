import { z } from '@hono/zod-openapi'
import { envelopeSchema, idSchema } from './common.js'
import { materialCodeSchema, processCodeSchema } from './taxonomy/index.js'

/** Repeats are refused at their own index, so a form can highlight the second «MCH.TURN», not the whole list. */
export function uniqueListSchema<T extends z.ZodType<string>>(item: T, max: number, whatRu: string, whatEn: string) {
  return z
    .array(item)
    .max(max)
    .superRefine((items, ctx) => {
      items.forEach((value, i) => {
        if (items.indexOf(value) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${whatRu} «${value}» указан дважды / ${whatEn} "${value}" is listed twice` })
      })
    })
}

/** Shared by capacities (what a site can do) and needs (what a part requires), so both speak the same codes. */
export const processListSchema = uniqueListSchema(processCodeSchema, 30, 'Процесс', 'Process')
  .min(1)
  .openapi({ example: ['MCH.MILL5'] })

export const materialListSchema = uniqueListSchema(materialCodeSchema, 50, 'Материал', 'Material').openapi({ example: ['AL_D16'] })

/** ISO 286 grades: IT1 is the finest, IT18 the coarsest. */
export const itGradeSchema = z.number().int().min(1).max(18).openapi({ example: 7, description: 'IT grade (ISO 286 / ГОСТ 25346), 1 = finest' })

export const roughnessRaSchema = z.number().min(0.01).max(100).openapi({ example: 1.6, description: 'Ra, µm' })

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/

function hoursInMonth(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number)
  return new Date(Date.UTC(year ?? 0, monthNumber ?? 0, 0)).getUTCDate() * 24
}

export const freeHoursEntrySchema = z
  .object({
    month: z.string().regex(MONTH_PATTERN, { error: 'Месяц в формате ГГГГ-ММ / Month as YYYY-MM' }).openapi({ example: '2027-03' }),
    hours: z.number().min(0).max(744).openapi({ example: 320 }),
  })
  .strict()
  .refine((entry) => entry.hours <= hoursInMonth(entry.month), {
    path: ['hours'],
    error: (issue) => {
      const entry = issue.input as { month: string }
      return `В месяце ${entry.month} не больше ${hoursInMonth(entry.month)} ч / ${entry.month} has only ${hoursInMonth(entry.month)} hours`
    },
  })
  .openapi('FreeHours')

export const freeHoursSchema = z
  .array(freeHoursEntrySchema)
  .max(24)
  .superRefine((entries, ctx) => {
    const months = entries.map((entry) => entry.month)
    months.forEach((month, i) => {
      if (months.indexOf(month) !== i) ctx.addIssue({ code: 'custom', path: [i, 'month'], message: `Месяц ${month} указан дважды / Month ${month} is listed twice` })
    })
  })

const batchSchema = z.number().int().min(1).max(10_000_000)

export const capacityInputSchema = z
  .object({
    siteId: idSchema('site'),
    title: z.string().trim().min(2).max(300).openapi({ example: '5-осевая фрезерная обработка алюминиевых сплавов' }),
    processes: processListSchema,
    equipment: z.string().trim().max(2000).optional().openapi({ example: 'DMG MORI DMU 65 monoBLOCK, Haas VF-2' }),
    materials: materialListSchema.optional(),
    envelope: envelopeSchema.nullable().optional(),
    itGrade: itGradeSchema.nullable().optional(),
    roughnessRa: roughnessRaSchema.nullable().optional(),
    batchMin: batchSchema.nullable().optional().openapi({ example: 1 }),
    batchMax: batchSchema.nullable().optional().openapi({ example: 500 }),
    freeHours: freeHoursSchema.optional(),
    leadTimeDays: z.number().int().min(0).max(730).nullable().optional().openapi({ example: 21 }),
    descriptionRu: z.string().trim().max(10_000).optional(),
    descriptionEn: z.string().trim().max(10_000).optional(),
  })
  .strict()
  .openapi('CapacityInput')

export const capacityUpdateSchema = capacityInputSchema.partial().strict().openapi('CapacityUpdate')

export const capacitySchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    siteId: z.string(),
    title: z.string(),
    processes: z.array(z.string()),
    equipment: z.string(),
    materials: z.array(z.string()),
    envelope: envelopeSchema.nullable(),
    itGrade: z.number().int().nullable(),
    roughnessRa: z.number().nullable(),
    batchMin: z.number().int().nullable(),
    batchMax: z.number().int().nullable(),
    freeHours: z.array(freeHoursEntrySchema),
    leadTimeDays: z.number().int().nullable(),
    descriptionRu: z.string(),
    descriptionEn: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Capacity')

export type FreeHoursEntry = z.infer<typeof freeHoursEntrySchema>
export type CapacityInput = z.infer<typeof capacityInputSchema>
export type CapacityUpdate = z.infer<typeof capacityUpdateSchema>
export type Capacity = z.infer<typeof capacitySchema>
