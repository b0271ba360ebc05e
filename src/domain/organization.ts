import { z } from '@hono/zod-openapi'
import { idSchema } from './common.js'
import { isValidInn, isValidOgrn } from './inn.js'

export const ORGANIZATION_KINDS = ['contractor', 'supplier', 'centre'] as const
export const SME_SIZES = ['micro', 'small', 'medium', 'large'] as const
export const VERIFICATION_STATUSES = ['unverified', 'verified'] as const

export const innSchema = z
  .string()
  .trim()
  .refine(isValidInn, { error: 'ИНН должен состоять из 10 или 12 цифр с верной контрольной суммой / INN must be 10 or 12 digits with valid check digits' })
  .openapi({ example: '1650032058', description: 'ИНН (10 digits for a legal entity, 12 for an individual entrepreneur)' })

export const ogrnSchema = z
  .string()
  .trim()
  .refine(isValidOgrn, { error: 'ОГРН должен состоять из 13 (ОГРНИП — 15) цифр с верной контрольной цифрой / OGRN must be 13 (OGRNIP 15) digits with a valid check digit' })
  .openapi({ example: '1021602013971' })

export const organizationInputSchema = z
  .object({
    name: z.string().trim().min(2).max(300).openapi({ example: 'ООО «Камский механический завод»' }),
    inn: innSchema,
    ogrn: ogrnSchema.nullable().optional(),
    kinds: z.array(z.enum(ORGANIZATION_KINDS)).min(1).max(3).refine((k) => new Set(k).size === k.length, { error: 'Виды не должны повторяться / Kinds must be unique' }),
    smeSize: z.enum(SME_SIZES).nullable().optional(),
    description: z.string().max(5000).optional(),
    website: z.url().max(300).nullable().optional(),
    clusterIds: z.array(idSchema('clu')).max(20).optional(),
  })
  .strict()
  .openapi('OrganizationInput')

export const organizationUpdateSchema = organizationInputSchema.partial().strict().openapi('OrganizationUpdate')

export const organizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    inn: z.string(),
    ogrn: z.string().nullable(),
    kinds: z.array(z.enum(ORGANIZATION_KINDS)),
    smeSize: z.enum(SME_SIZES).nullable(),
    verification: z.enum(VERIFICATION_STATUSES),
    description: z.string(),
    website: z.string().nullable(),
    clusterIds: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Organization')

export type OrganizationInput = z.infer<typeof organizationInputSchema>
export type OrganizationUpdate = z.infer<typeof organizationUpdateSchema>
export type Organization = z.infer<typeof organizationSchema>
