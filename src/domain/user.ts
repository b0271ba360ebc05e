import { z } from '@hono/zod-openapi'

export const PLATFORM_ROLES = ['curator', 'admin'] as const
export const USER_LANGUAGES = ['ru', 'en'] as const

/** Stored and compared lower-case: people type their address with whatever capitals they like. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: 'Некорректный адрес почты / Invalid email address' }))
  .openapi({ example: 'i.petrova@kamaz-supplier.ru' })

export const userNameSchema = z.string().trim().min(1).max(200).openapi({ example: 'Ирина Петрова' })

export const platformRoleSchema = z.enum(PLATFORM_ROLES).openapi({ description: 'Роль на платформе / Platform role: curator of a subcontracting centre or platform admin' })

export const meSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    platformRole: platformRoleSchema.nullable(),
    language: z.enum(USER_LANGUAGES),
    memberships: z.array(z.object({ orgId: z.string(), orgName: z.string(), role: z.enum(['member', 'admin']) })),
  })
  .openapi('Me')

/** A person as a platform admin manages them. */
export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    platformRole: platformRoleSchema.nullable(),
    active: z.boolean(),
    language: z.enum(USER_LANGUAGES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('User')

export const userUpdateSchema = z
  .object({
    platformRole: platformRoleSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('UserUpdate')

export type Me = z.infer<typeof meSchema>
export type User = z.infer<typeof userSchema>
export type UserUpdate = z.infer<typeof userUpdateSchema>
export type UserLanguage = (typeof USER_LANGUAGES)[number]
