import { z } from '@hono/zod-openapi'
import { getSubject } from '../geo/index.js'
import { latitudeSchema, longitudeSchema } from './common.js'

export const CLUSTER_SECTORS = [
  'automotive',
  'aviation',
  'space',
  'shipbuilding',
  'engines',
  'machine_building',
  'rail',
  'electrical',
  'construction_materials',
] as const

/** A federal subject code as in the first two digits of an INN; disabled subjects are still real subjects. */
export const subjectCodeSchema = z
  .string()
  .refine((code) => getSubject(code) !== undefined, { error: 'Неизвестный код субъекта РФ / Unknown federal subject code' })
  .openapi({ example: '16', description: 'Код субъекта РФ (2 digits)' })

export const clusterInputSchema = z
  .object({
    nameRu: z.string().trim().min(2).max(300).openapi({ example: 'Камский инновационный территориально-производственный кластер' }),
    nameEn: z.string().trim().min(2).max(300).openapi({ example: 'Kama Innovative Territorial Production Cluster' }),
    sector: z.enum(CLUSTER_SECTORS),
    regionCodes: z
      .array(subjectCodeSchema)
      .min(1)
      .max(20)
      .refine((codes) => new Set(codes).size === codes.length, { error: 'Коды субъектов не должны повторяться / Region codes must be unique' }),
    lat: latitudeSchema.openapi({ example: 55.74 }),
    lon: longitudeSchema.openapi({ example: 52.4 }),
  })
  .strict()
  .openapi('ClusterInput')

export const clusterUpdateSchema = clusterInputSchema.partial().strict().openapi('ClusterUpdate')

export const clusterSchema = z
  .object({
    id: z.string(),
    nameRu: z.string(),
    nameEn: z.string(),
    sector: z.enum(CLUSTER_SECTORS),
    regionCodes: z.array(z.string()),
    lat: z.number(),
    lon: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Cluster')

export type ClusterSector = (typeof CLUSTER_SECTORS)[number]
export type ClusterInput = z.infer<typeof clusterInputSchema>
export type ClusterUpdate = z.infer<typeof clusterUpdateSchema>
export type Cluster = z.infer<typeof clusterSchema>
