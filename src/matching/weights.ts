import { z } from 'zod'
import { FACTORS, type Weights } from './types.js'

/**
 * Default weights of the four factors (sum 1). Hard constraints have already removed every supplier
 * that cannot do the job, so these weights only rank the suppliers that can.
 */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({
  /** What the buyer actually buys: material experience, accuracy margin and work-zone fit decide scrap,
   *  rework and whether the first article passes, so they carry the most weight. */
  capability: 0.4,
  /** Every match already meets the required standards; what remains is trust (verified by a centre vs
   *  self-declared) and the buyer's preferred extras, the second thing a buyer's quality office checks. */
  certification: 0.25,
  /** Logistics cost and delivery risk grow with road distance, and localising supply inside the cluster
   *  is the point of a cluster exchange, but a better-qualified shop a region away usually beats a weak local one. */
  proximity: 0.2,
  /** Free hours before the deadline matter, but they are self-reported, often undeclared and change weekly,
   *  so the noisiest signal weighs least. */
  capacity: 0.15,
})

/**
 * Bounds on each weight a need may set. The floor keeps every factor alive (a buyer who "does not
 * care about distance" still should not be offered a shop 3,000 km away ahead of an equal one nearby);
 * the ceiling stops a single factor from turning the ranking into a one-key sort. After renormalising,
 * every factor keeps at least 0.05 / (0.05 + 3 · 0.7) ≈ 2.3 % and at most 0.7 / (0.7 + 3 · 0.05) ≈ 82 %.
 */
export const WEIGHT_BOUNDS = Object.freeze({ min: 0.05, max: 0.7 })

const boundedWeight = z.number().finite().min(WEIGHT_BOUNDS.min).max(WEIGHT_BOUNDS.max)

/** A need's weight overrides: any subset of the factors, each within WEIGHT_BOUNDS, nothing else. */
export const weightsOverrideSchema = z.strictObject({
  capability: boundedWeight.optional(),
  certification: boundedWeight.optional(),
  proximity: boundedWeight.optional(),
  capacity: boundedWeight.optional(),
})

/**
 * Defaults merged with the need's overrides, renormalised to sum 1 (so a partial override shifts
 * weight relative to the defaults). Throws a ZodError for an out-of-bounds or unknown override.
 */
export function resolveWeights(overrides?: Partial<Weights>): Weights {
  const parsed = weightsOverrideSchema.parse(overrides ?? {})
  const merged: Weights = {
    capability: parsed.capability ?? DEFAULT_WEIGHTS.capability,
    certification: parsed.certification ?? DEFAULT_WEIGHTS.certification,
    proximity: parsed.proximity ?? DEFAULT_WEIGHTS.proximity,
    capacity: parsed.capacity ?? DEFAULT_WEIGHTS.capacity,
  }
  const total = FACTORS.reduce((sum, factor) => sum + merged[factor], 0)
  return {
    capability: merged.capability / total,
    certification: merged.certification / total,
    proximity: merged.proximity / total,
    capacity: merged.capacity / total,
  }
}

function unit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0
}

/** Weighted sum of factor values, each clamped to [0, 1]; with weights summing to 1 the result is in [0, 1]. */
export function weightedScore(weights: Weights, factors: Readonly<Record<keyof Weights, number>>): number {
  return weightedFactors(weights, factors.capability, factors.certification, factors.proximity, factors.capacity)
}

/**
 * weightedScore with the factors as arguments, for the assignment search, which scores every leaf and
 * bounds every branch and should not allocate a record each time. Adds in FACTORS order, from 0, exactly
 * as a reduce over FACTORS would, so both give the same bits.
 */
export function weightedFactors(
  weights: Weights, capability: number, certification: number, proximity: number, capacity: number,
): number {
  return unit(0
    + weights.capability * unit(capability)
    + weights.certification * unit(certification)
    + weights.proximity * unit(proximity)
    + weights.capacity * unit(capacity))
}
