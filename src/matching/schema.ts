import { z } from 'zod'
import type { CapacityCandidate, CertificateHeld, MatchNeed, SiteCandidate, SupplierCandidate } from './types.js'
import { weightsOverrideSchema } from './weights.js'

/**
 * Structural schemas of the core's inputs. The service layer validates codes against the taxonomy
 * when data enters; these pin down what the core itself relies on (finite numbers, ISO dates,
 * capacities pointing at the supplier's own sites) and give property tests the input space to generate.
 */

const isoDay = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const isoMonth = /^\d{4}-(0[1-9]|1[0-2])$/
const nonNegative = z.number().finite().nonnegative()
const code = z.string().min(1)

export const envelopeSchema = z.object({
  lengthMm: nonNegative,
  widthMm: nonNegative,
  heightMm: nonNegative,
  massKg: nonNegative,
})

/** IT1 … IT18 (ГОСТ 25346 / ISO 286); IT01 and IT0 are gauge-block territory, not subcontracting. */
const itGradeSchema = z.number().int().min(1).max(18)
const roughnessSchema = z.number().finite().positive()
const latitude = z.number().min(-90).max(90)
const longitude = z.number().min(-180).max(180)

export const matchNeedSchema = z.object({
  id: code,
  processes: z.array(code).min(1),
  materials: z.array(code),
  envelope: envelopeSchema.nullable(),
  itGrade: itGradeSchema.nullable(),
  roughnessRa: roughnessSchema.nullable(),
  batchSize: z.number().int().positive().nullable(),
  quantity: z.number().int().positive().nullable(),
  machineHours: nonNegative.nullable(),
  requiredCerts: z.array(code),
  preferredCerts: z.array(code),
  strictNational: z.boolean(),
  delivery: z.object({
    lat: latitude,
    lon: longitude,
    regionCode: code,
    clusterId: code.nullable(),
  }),
  maxDistanceKm: nonNegative.nullable(),
  deadline: z.string().regex(isoDay),
  weights: weightsOverrideSchema.optional(),
})

export const capacityCandidateSchema = z.object({
  id: code,
  siteId: code,
  processes: z.array(code).min(1),
  materials: z.array(code),
  envelope: envelopeSchema.nullable(),
  itGrade: itGradeSchema.nullable(),
  roughnessRa: roughnessSchema.nullable(),
  batchMin: z.number().int().positive().nullable(),
  batchMax: z.number().int().positive().nullable(),
  freeHours: z.array(z.object({ month: z.string().regex(isoMonth), hours: nonNegative })),
}).refine((c) => c.batchMin === null || c.batchMax === null || c.batchMin <= c.batchMax, {
  message: 'batchMin must not exceed batchMax',
  path: ['batchMax'],
})

export const siteCandidateSchema = z.object({
  id: code,
  lat: latitude,
  lon: longitude,
  regionCode: code,
  clusterIds: z.array(code),
})

export const certificateHeldSchema = z.object({
  id: code,
  standard: code,
  validFrom: z.string().regex(isoDay),
  validUntil: z.string().regex(isoDay).nullable(),
  status: z.enum(['unverified', 'verified', 'rejected']),
})

export const supplierCandidateSchema = z.object({
  orgId: code,
  name: z.string(),
  sites: z.array(siteCandidateSchema).min(1),
  capacities: z.array(capacityCandidateSchema),
  certificates: z.array(certificateHeldSchema),
}).superRefine((supplier, ctx) => {
  const siteIds = new Set(supplier.sites.map((site) => site.id))
  supplier.capacities.forEach((capacity, index) => {
    if (!siteIds.has(capacity.siteId)) {
      ctx.addIssue({ code: 'custom', message: `unknown site ${capacity.siteId}`, path: ['capacities', index, 'siteId'] })
    }
  })
  if (new Set(supplier.capacities.map((c) => c.id)).size !== supplier.capacities.length) {
    ctx.addIssue({ code: 'custom', message: 'capacity ids must be unique', path: ['capacities'] })
  }
})

/* Compile-time proof that what the schemas accept is exactly the plain input types. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const schemasMatchTypes: [
  Same<z.infer<typeof matchNeedSchema>, MatchNeed>,
  Same<z.infer<typeof capacityCandidateSchema>, CapacityCandidate>,
  Same<z.infer<typeof siteCandidateSchema>, SiteCandidate>,
  Same<z.infer<typeof certificateHeldSchema>, CertificateHeld>,
  Same<z.infer<typeof supplierCandidateSchema>, SupplierCandidate>,
] = [true, true, true, true, true]
void schemasMatchTypes
