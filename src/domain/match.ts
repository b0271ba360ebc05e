import { z } from '@hono/zod-openapi'
import { reasonSchema } from './audit.js'
import { idSchema } from './common.js'

const localizedSchema = z.object({ ru: z.string(), en: z.string() })

export const MATCH_STATUSES = ['suggested', 'shortlisted', 'introduced', 'interested', 'declined', 'contracted', 'closed'] as const

export const matchQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  explain: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').openapi({ description: 'Include the per-factor breakdown' }),
  nearMisses: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  refresh: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .openapi({ description: 'Recompute now instead of reading the persisted results (recomputed automatically when the need or a supplier changes)' }),
})

export const supplierMatchSchema = z
  .object({
    rank: z.number().int(),
    orgId: z.string(),
    name: z.string(),
    score: z.number(),
    distanceKm: z.number(),
    status: z.enum(MATCH_STATUSES),
    explanation: localizedSchema,
    capacityIds: z.array(z.string()),
    certificates: z.array(z.object({ id: z.string(), standard: z.string(), status: z.string(), validUntil: z.string().nullable(), covers: z.array(z.string()) })),
    breakdown: z.record(z.string(), z.unknown()).optional(),
    computedAt: z.string(),
  })
  .openapi('SupplierMatch')

export const nearMissSchema = z
  .object({
    orgId: z.string(),
    name: z.string(),
    constraint: z.string().openapi({ description: 'The one hard constraint the supplier fails' }),
    miss: z.record(z.string(), z.unknown()).openapi({ description: 'How far off, e.g. { "maxKm": 300, "km": 412 }' }),
    explanation: localizedSchema,
    score: z.number().openapi({ description: 'The score the supplier would have if the constraint were waived' }),
    distanceKm: z.number().nullable(),
  })
  .openapi('NearMiss')

export const needMatchesSchema = z
  .object({
    needId: z.string(),
    computedAt: z.string(),
    candidates: z.object({
      suppliers: z.number().int(),
      truncated: z.boolean().openapi({ description: 'True when retrieval hit its bound of capacity hits; narrow the need to see all' }),
    }),
    matches: z.array(supplierMatchSchema),
    nearMisses: z.array(nearMissSchema),
  })
  .openapi('NeedMatches')

export const matchingNeedSchema = z
  .object({
    needId: z.string(),
    title: z.string(),
    processes: z.array(z.string()),
    materials: z.array(z.string()),
    city: z.string().nullable(),
    regionCode: z.string(),
    deadline: z.string(),
    quantity: z.number().nullable(),
    score: z.number(),
    distanceKm: z.number(),
    status: z.enum(MATCH_STATUSES),
    explanation: localizedSchema,
    computedAt: z.string(),
  })
  .openapi('MatchingNeed')

export const matchingNeedsSchema = z.object({ orgId: z.string(), items: z.array(matchingNeedSchema) }).openapi('MatchingNeeds')

export type MatchQuery = z.infer<typeof matchQuerySchema>
export type NeedMatches = z.infer<typeof needMatchesSchema>
export type MatchingNeeds = z.infer<typeof matchingNeedsSchema>

export type MatchStatus = (typeof MATCH_STATUSES)[number]

/**
 * The pipeline of a pair. Declined, contracted and closed are final. The supplier answers an
 * introduction (interested / declined, see SUPPLIER_ANSWERS); every other step is the centre's.
 */
export const MATCH_TRANSITIONS: Record<MatchStatus, readonly MatchStatus[]> = {
  suggested: ['shortlisted', 'declined', 'closed'],
  shortlisted: ['introduced', 'declined', 'closed'],
  introduced: ['interested', 'declined', 'closed'],
  interested: ['contracted', 'closed'],
  declined: [],
  contracted: [],
  closed: [],
}

/** The statuses the supplier sets, from `introduced` only. */
export const SUPPLIER_ANSWERS: readonly MatchStatus[] = ['interested', 'declined']

/** From an introduction on, the parties know each other: the supplier sees the contractor's name. */
export const INTRODUCED_STATUSES: readonly MatchStatus[] = ['introduced', 'interested', 'contracted']

export const matchTransitionInputSchema = z
  .object({
    to: z.enum(MATCH_STATUSES).exclude(['suggested']),
    reason: reasonSchema.optional().openapi({ description: 'Required when a curator declines' }),
  })
  .strict()
  .openapi('MatchTransitionInput')

export const manualMatchInputSchema = z.object({ orgId: idSchema('org'), reason: reasonSchema }).strict().openapi('ManualMatchInput')

export const matchRemovalInputSchema = z.object({ reason: reasonSchema }).strict().openapi('MatchRemovalInput')

export const matchNoteInputSchema = z.object({ body: z.string().trim().min(1).max(10_000) }).strict().openapi('MatchNoteInput')

export const matchStateSchema = z
  .object({
    needId: z.string(),
    orgId: z.string(),
    status: z.enum(MATCH_STATUSES),
    statusReason: z.string().nullable(),
    statusChangedAt: z.string().nullable(),
    source: z.enum(['core', 'manual']),
    score: z.number(),
    explanation: localizedSchema,
  })
  .openapi('MatchState')

export const matchNoteSchema = z
  .object({
    id: z.string(),
    needId: z.string(),
    orgId: z.string(),
    author: z.object({ userId: z.string(), name: z.string() }),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi('MatchNote')

export type MatchTransitionInput = z.infer<typeof matchTransitionInputSchema>
export type MatchState = z.infer<typeof matchStateSchema>
export type MatchNote = z.infer<typeof matchNoteSchema>
