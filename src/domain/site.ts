import { z } from '@hono/zod-openapi'
import { type GeocodeResult, getSubject } from '../geo/index.js'
import { latitudeSchema, longitudeSchema } from './common.js'

export const GEO_PRECISIONS = ['exact', 'city', 'settlement', 'region'] as const

export const structuredAddressSchema = z
  .object({
    city: z.string().trim().min(1).max(200).optional().openapi({ example: 'Тольятти' }),
    region: z.string().trim().min(1).max(200).optional().openapi({ example: 'Самарская область' }),
  })
  .strict()
  .refine((a) => a.city !== undefined || a.region !== undefined, { error: 'Укажите город или субъект РФ / Give a city or a region' })
  .openapi('StructuredAddress')

export const siteAddressSchema = z
  .union([z.string().trim().min(2).max(500).openapi({ example: 'г. Набережные Челны, Республика Татарстан' }), structuredAddressSchema], {
    error: 'Адрес — строка или объект { city, region } / The address is text or an object { city, region }',
  })
  .openapi({ description: 'Free text («г. Рыбинск, Ярославская обл.») or { city, region }' })

const coordinatesPaired = (s: { lat?: number | null | undefined; lon?: number | null | undefined }) => (s.lat == null) === (s.lon == null)
const COORDINATES_PAIRED = { error: 'Укажите широту и долготу вместе / Give latitude and longitude together', path: ['lon'] }

const siteFields = z.object({
  name: z.string().trim().min(1).max(200).openapi({ example: 'Цех № 2 (механообработка)' }),
  address: siteAddressSchema,
  lat: latitudeSchema.optional().openapi({ example: 55.7254, description: 'Explicit coordinates win over the geocoded address' }),
  lon: longitudeSchema.optional().openapi({ example: 52.4112 }),
})

export const siteInputSchema = siteFields.strict().refine(coordinatesPaired, COORDINATES_PAIRED).openapi('SiteInput')

export const siteUpdateSchema = siteFields
  .extend({
    lat: latitudeSchema.nullable().optional().openapi({ description: 'null drops explicit coordinates: the address is geocoded again' }),
    lon: longitudeSchema.nullable().optional(),
  })
  .partial()
  .strict()
  .refine(coordinatesPaired, COORDINATES_PAIRED)
  .openapi('SiteUpdate')

export const siteSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    name: z.string(),
    address: z.string(),
    city: z.string().nullable(),
    regionCode: z.string(),
    lat: z.number(),
    lon: z.number(),
    precision: z.enum(GEO_PRECISIONS),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Site')

export type SiteAddress = z.infer<typeof siteAddressSchema>
export type SiteInput = z.infer<typeof siteInputSchema>
export type SiteUpdate = z.infer<typeof siteUpdateSchema>
export type Site = z.infer<typeof siteSchema>

/** How a structured address is stored and shown: «Тольятти, Самарская область». */
export function addressText(address: SiteAddress): string {
  return typeof address === 'string' ? address : [address.city, address.region].filter(Boolean).join(', ')
}

export type GeocodeFailure = Extract<GeocodeResult, { ok: false }>

function joinAlternatives(items: readonly string[], or: string): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}`
}

/** Bilingual text telling the user what to fix, shared by the site services and the geo API. */
export function geocodeFailureMessage(failure: GeocodeFailure): string {
  switch (failure.reason) {
    case 'ambiguous': {
      const cities = [...new Set(failure.candidates.map((c) => c.city))].join(' / ')
      const ru = joinAlternatives(failure.candidates.map((c) => `${c.regionNameRu} (${c.regionCode})`), 'или')
      const en = joinAlternatives(failure.candidates.map((c) => `${getSubject(c.regionCode)?.nameEn ?? c.regionNameRu} (${c.regionCode})`), 'or')
      return `${cities}: ${ru} — укажите регион / ${cities}: ${en} — specify the region`
    }
    case 'not_found':
      return 'Населённый пункт не найден: проверьте написание или добавьте субъект РФ, например «Тольятти, Самарская область» / Place not found: check the spelling or add the region, e.g. «Тольятти, Самарская область»'
    case 'unknown_region':
      return 'Субъект РФ не распознан или пока не поддерживается: укажите его полное название, например «Республика Татарстан» / Region not recognised or not yet supported: give its full name, e.g. «Республика Татарстан»'
    case 'out_of_range':
      return 'Координаты вне диапазона: широта от −90 до 90, долгота от −180 до 180 / Coordinates out of range: latitude −90…90, longitude −180…180'
  }
}
