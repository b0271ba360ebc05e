import { z } from '@hono/zod-openapi'
import { ID_PATTERN } from '../lib/ids.js'

export const idSchema = (prefix: string) =>
  z
    .string()
    .regex(ID_PATTERN)
    .refine((v) => v.startsWith(`${prefix}_`), { error: `Ожидается идентификатор вида ${prefix}_… / Expected an id like ${prefix}_…` })
    .openapi({ example: `${prefix}_0mb3k9x2a7q4r8s1t6v5w3x` })

export const idParamSchema = (prefix: string) => z.object({ id: idSchema(prefix).openapi({ param: { name: 'id', in: 'path' } }) })

/** A calendar date; zod's ISO date also rejects impossible days like 2026-02-30. */
export const dateSchema = z.iso.date().openapi({ example: '2027-03-31' })

export const latitudeSchema = z.number().min(-90).max(90)
export const longitudeSchema = z.number().min(-180).max(180)

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1).openapi({ example: 1 }),
  perPage: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
})

export interface Page<T> {
  items: T[]
  total: number
  page: number
  perPage: number
}

export const pageSchema = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z
    .object({ items: z.array(item), total: z.number().int(), page: z.number().int(), perPage: z.number().int() })
    .openapi(name)

/** `name` sorts ascending, `-name` descending, only over the listed keys. */
export const sortSchema = <K extends string>(keys: readonly [K, ...K[]], fallback: `${'' | '-'}${K}`) => {
  const values = keys.flatMap((k) => [k, `-${k}`]) as [string, ...string[]]
  return z
    .enum(values)
    .default(fallback)
    .transform((v) => ({ key: v.replace(/^-/, '') as K, descending: v.startsWith('-') }))
}

/** Comma-separated or repeated query values, e.g. `?kind=supplier,contractor`. */
export const csvQuerySchema = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(50))

/** A part's size and mass, or the largest part a machine takes; no real part reaches the bounds (100 m, 1 000 t), typos do. */
export const envelopeSchema = z
  .object({
    lengthMm: z.number().positive().max(100_000).openapi({ example: 730 }),
    widthMm: z.number().positive().max(100_000).openapi({ example: 650 }),
    heightMm: z.number().positive().max(100_000).openapi({ example: 500 }),
    massKg: z.number().positive().max(1_000_000).openapi({ example: 600 }),
  })
  .strict()
  .openapi('Envelope')

export type Envelope = z.infer<typeof envelopeSchema>
