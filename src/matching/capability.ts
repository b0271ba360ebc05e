import { getProcess, materialMatch } from '../domain/taxonomy/index.js'
import { isoMonth } from './dates.js'
import type {
  CapacityCandidate, CapacityConstraint, Envelope, HoursDeclaration, MatchNeed, MaterialLevel, PartRequirement,
} from './types.js'

/**
 * Capability: can this capacity do this process on this part? A capacity is checked per process it would
 * be used for (material, envelope, tolerance, roughness, batch); which capacities a supplier uses and the
 * free hours they add up to are decided by the pair evaluation (evaluate.ts).
 *
 * Fit of one capacity for one process, in [0, 1]: a weighted mean of four components.
 * A component the need does not ask for, or that does not apply to the process, counts as 1.
 */
export const PROCESS_FIT_SHARES = {
  /** The material decides whether the shop can even quote: cutting data, tooling and heat treatment
   *  differ by alloy, and grade experience (not just the family) is what buyers ask for first. */
  material: 0.35,
  /** Accuracy and work zone decide whether the part can be made on this machine at all. */
  tolerance: 0.25,
  envelope: 0.25,
  /** Roughness is usually reachable with an extra finishing pass, so it weighs least. */
  roughness: 0.15,
} as const

/** Same grade = proven cutting data and material certificates; same family = likely but unproven. */
export const MATERIAL_FIT: Readonly<Record<MaterialLevel, number>> = { grade: 1, family: 0.75, none: 0 }

/**
 * The need states a requirement but the capacity does not state its ability (no IT grade, no Ra,
 * no envelope, no materials). Not a hard fail, since many SME profiles are incomplete and a curator can ask,
 * but half credit keeps suppliers that declare an adequate ability ahead of silent ones.
 */
export const UNSTATED_FIT = 0.5

/** Exactly at the required IT grade: capable but with no process margin (scrap risk at the limit). */
export const TOLERANCE_FIT_AT_LIMIT = 0.8
/** Each grade finer than required adds this, up to 1 (two grades of margin = comfortable Cpk). */
export const TOLERANCE_FIT_PER_GRADE = 0.1
/** Each grade coarser than required removes this (only seen when a near miss waives tolerance). */
export const TOLERANCE_PENALTY_PER_GRADE = 0.2

/** Exactly at the required Ra. */
export const ROUGHNESS_FIT_AT_LIMIT = 0.8
/** Per halving of Ra below the requirement (the Ra series 0.4, 0.8, 1.6, 3.2… steps by ×2). */
export const ROUGHNESS_FIT_PER_STEP = 0.2
/** Per doubling of Ra above the requirement (only seen when a near miss waives roughness). */
export const ROUGHNESS_PENALTY_PER_STEP = 0.4

/**
 * A part using up to 80 % of the work zone (and table load) fits comfortably; beyond that fixturing
 * and tool reach get tight, so the fit falls linearly to ENVELOPE_FIT_AT_LIMIT at 100 %.
 */
export const ENVELOPE_COMFORT_UTILISATION = 0.8
export const ENVELOPE_FIT_AT_LIMIT = 0.7

export interface CapacityAssessment {
  capacity: CapacityCandidate
  process: string
  fit: number
  material: MaterialLevel | 'not-required' | 'unstated'
  toleranceMargin: number | null
  roughnessMargin: number | null
  envelopeUtilisation: number | null
  /** Requirements of the need that apply to the process but that the capacity does not state. */
  unstated: PartRequirement[]
  /** Hard constraints this capacity fails for the need and process. */
  failures: ReadonlySet<CapacityConstraint>
}

export interface ApplicableRequirements { envelope: boolean; tolerance: boolean; roughness: boolean }

/**
 * Which of the need's part-level requirements a process is judged on, from the taxonomy's match params:
 * an IT grade or Ra on the drawing is achieved by the machining steps, not by the die casting, anodising
 * or heat treatment the part also goes through, and a NDT lab has no work zone to fit. Material and batch
 * always apply: the part's material goes through every operation, and the taxonomy omits 'material' for
 * processes (stamping, grinding) whose shops are still alloy-specific. A process the taxonomy does not know
 * is judged on everything.
 */
export function applicableRequirements(process: string): ApplicableRequirements {
  const params = getProcess(process)?.params
  if (params === undefined) return { envelope: true, tolerance: true, roughness: true }
  return {
    envelope: params.includes('envelope') || params.includes('mass'),
    tolerance: params.includes('tolerance'),
    roughness: params.includes('roughness'),
  }
}

const MATERIAL_RANK: Readonly<Record<MaterialLevel, number>> = { none: 0, family: 1, grade: 2 }

/** Every material of the need must be workable: a part is one material, and several listed grades
 *  are normally equivalents of one family (Д16Т / 2024), which a family-level match still accepts. */
function weakestMaterialLevel(required: readonly string[], offered: readonly string[]): MaterialLevel {
  let weakest: MaterialLevel = 'grade'
  for (const material of required) {
    const level = materialMatch(material, offered)
    if (MATERIAL_RANK[level] < MATERIAL_RANK[weakest]) weakest = level
  }
  return weakest
}

/** Sides of a box, shortest first. */
export type SortedSides = readonly [number, number, number]

/** The three sides in ascending order (a three-element sorting network: no array sort, no comparator calls). */
function sortedDimensions(envelope: Envelope): SortedSides {
  let a = envelope.lengthMm
  let b = envelope.widthMm
  let c = envelope.heightMm
  if (b < a) [a, b] = [b, a]
  if (c < b) [b, c] = [c, b]
  if (b < a) [a, b] = [b, a]
  return [a, b, c]
}

function ratio(part: number, machine: number): number {
  if (part <= 0) return 0
  return machine > 0 ? part / machine : Number.POSITIVE_INFINITY
}

function sortedUtilisation(partSides: SortedSides, partMassKg: number, machine: Envelope): number {
  const machineSides = sortedDimensions(machine)
  return Math.max(
    ratio(partSides[0], machineSides[0]),
    ratio(partSides[1], machineSides[1]),
    ratio(partSides[2], machineSides[2]),
    ratio(partMassKg, machine.massKg),
  )
}

/**
 * Largest of part/machine over the sorted dimensions and the mass: ≤ 1 means the part fits in some
 * axis-aligned orientation (a box fits another box that way iff its sorted sides are each no longer).
 */
export function envelopeUtilisation(part: Envelope, machine: Envelope): number {
  return sortedUtilisation(sortedDimensions(part), part.massKg, machine)
}

export function envelopeFit(utilisation: number): number {
  if (utilisation <= ENVELOPE_COMFORT_UTILISATION) return 1
  if (utilisation <= 1) {
    const squeeze = (utilisation - ENVELOPE_COMFORT_UTILISATION) / (1 - ENVELOPE_COMFORT_UTILISATION)
    return 1 - (1 - ENVELOPE_FIT_AT_LIMIT) * squeeze
  }
  return Math.max(0, ENVELOPE_FIT_AT_LIMIT * (2 - utilisation))
}

/** `margin` = required grade − offered grade: positive when the capacity is finer than needed. */
export function toleranceFit(margin: number): number {
  if (margin >= 0) return Math.min(1, TOLERANCE_FIT_AT_LIMIT + TOLERANCE_FIT_PER_GRADE * margin)
  return Math.max(0, TOLERANCE_FIT_AT_LIMIT + TOLERANCE_PENALTY_PER_GRADE * margin)
}

/** `margin` = log₂(required Ra / offered Ra): positive when the capacity is smoother than needed. */
export function roughnessFit(margin: number): number {
  if (margin >= 0) return Math.min(1, ROUGHNESS_FIT_AT_LIMIT + ROUGHNESS_FIT_PER_STEP * margin)
  return Math.max(0, ROUGHNESS_FIT_AT_LIMIT + ROUGHNESS_PENALTY_PER_STEP * margin)
}

/**
 * The batch the capacity would run. A need without a batch size is delivered as one lot of `quantity`,
 * which can be split, so only the capacity's minimum lot is checked against it.
 */
export function batchViolated(need: MatchNeed, capacity: CapacityCandidate): boolean {
  if (need.batchSize !== null) {
    return (capacity.batchMin !== null && need.batchSize < capacity.batchMin)
      || (capacity.batchMax !== null && need.batchSize > capacity.batchMax)
  }
  return need.quantity !== null && capacity.batchMin !== null && need.quantity < capacity.batchMin
}

/**
 * Capacity constraints as bits, so that the assignment search tests "fails nothing but the waived
 * constraint" with one mask instead of iterating a Set. Listed in the order assessCapacity checks them.
 */
export const FAILURE_BIT: Readonly<Record<CapacityConstraint, number>> = {
  material: 1, envelope: 2, tolerance: 4, roughness: 8, batch: 16,
}
const CAPACITY_CONSTRAINT_ORDER = Object.keys(FAILURE_BIT) as CapacityConstraint[]

function failureSet(failures: number): Set<CapacityConstraint> {
  return new Set(CAPACITY_CONSTRAINT_ORDER.filter((constraint) => (failures & FAILURE_BIT[constraint]) !== 0))
}

/** The need's envelope with its sides sorted once, instead of once per capacity compared. */
export interface PartEnvelope { envelope: Envelope; sides: SortedSides }

export function partEnvelope(need: MatchNeed): PartEnvelope | null {
  return need.envelope === null ? null : { envelope: need.envelope, sides: sortedDimensions(need.envelope) }
}

/**
 * How one capacity measures up to the part, whatever process it is used for. Only which of these count
 * depends on the process (applicableRequirements), so a capacity listing several of the need's processes
 * is measured once. A margin or utilisation is null when the need or the capacity leaves it unstated, and
 * its score is then UNSTATED_FIT (which counts only when the need states the requirement: judgeCapacity).
 */
export interface CapacityMeasure {
  material: CapacityAssessment['material']
  materialScore: number
  materialFails: boolean
  utilisation: number | null
  envelopeScore: number
  toleranceMargin: number | null
  toleranceScore: number
  roughnessMargin: number | null
  roughnessScore: number
  roughnessFails: boolean
  batchFails: boolean
}

export function measureCapacity(need: MatchNeed, part: PartEnvelope | null, capacity: CapacityCandidate): CapacityMeasure {
  let material: CapacityAssessment['material'] = 'not-required'
  let materialScore = 1
  if (need.materials.length > 0) {
    if (capacity.materials.length === 0) {
      material = 'unstated'
      materialScore = UNSTATED_FIT
    } else {
      material = weakestMaterialLevel(need.materials, capacity.materials)
      materialScore = MATERIAL_FIT[material]
    }
  }
  const utilisation = part !== null && capacity.envelope !== null
    ? sortedUtilisation(part.sides, part.envelope.massKg, capacity.envelope)
    : null
  const toleranceMargin = need.itGrade !== null && capacity.itGrade !== null ? need.itGrade - capacity.itGrade : null
  const roughnessMargin = need.roughnessRa !== null && capacity.roughnessRa !== null
    ? Math.log2(need.roughnessRa / capacity.roughnessRa)
    : null
  return {
    material,
    materialScore,
    materialFails: material === 'none',
    utilisation,
    envelopeScore: utilisation === null ? UNSTATED_FIT : envelopeFit(utilisation),
    toleranceMargin,
    toleranceScore: toleranceMargin === null ? UNSTATED_FIT : toleranceFit(toleranceMargin),
    roughnessMargin,
    roughnessScore: roughnessMargin === null ? UNSTATED_FIT : roughnessFit(roughnessMargin),
    roughnessFails: need.roughnessRa !== null && capacity.roughnessRa !== null && capacity.roughnessRa > need.roughnessRa,
    batchFails: batchViolated(need, capacity),
  }
}

/** A capacity judged for one process: the measure with only the requirements that apply to the process. */
export interface ProcessJudgement {
  fit: number
  toleranceMargin: number | null
  roughnessMargin: number | null
  envelopeUtilisation: number | null
  unstated: PartRequirement[]
  /** FAILURE_BIT flags of the hard constraints failed. */
  failures: number
}

export function judgeCapacity(
  need: MatchNeed,
  capacity: CapacityCandidate,
  measure: CapacityMeasure,
  applies: ApplicableRequirements,
): ProcessJudgement {
  const unstated: PartRequirement[] = []
  let failures = 0
  if (measure.material === 'unstated') unstated.push('material')
  if (measure.materialFails) failures |= FAILURE_BIT.material

  let utilisation: number | null = null
  let envelopeScore = 1
  if (need.envelope !== null && applies.envelope) {
    envelopeScore = measure.envelopeScore
    if (capacity.envelope === null) {
      unstated.push('envelope')
    } else {
      utilisation = measure.utilisation
      if (utilisation !== null && utilisation > 1) failures |= FAILURE_BIT.envelope
    }
  }

  let toleranceMargin: number | null = null
  let toleranceScore = 1
  if (need.itGrade !== null && applies.tolerance) {
    toleranceScore = measure.toleranceScore
    if (capacity.itGrade === null) {
      unstated.push('tolerance')
    } else {
      toleranceMargin = measure.toleranceMargin
      if (toleranceMargin !== null && toleranceMargin < 0) failures |= FAILURE_BIT.tolerance
    }
  }

  let roughnessMargin: number | null = null
  let roughnessScore = 1
  if (need.roughnessRa !== null && applies.roughness) {
    roughnessScore = measure.roughnessScore
    if (capacity.roughnessRa === null) {
      unstated.push('roughness')
    } else {
      roughnessMargin = measure.roughnessMargin
      if (measure.roughnessFails) failures |= FAILURE_BIT.roughness
    }
  }

  if (measure.batchFails) failures |= FAILURE_BIT.batch

  const fit = PROCESS_FIT_SHARES.material * measure.materialScore
    + PROCESS_FIT_SHARES.tolerance * toleranceScore
    + PROCESS_FIT_SHARES.envelope * envelopeScore
    + PROCESS_FIT_SHARES.roughness * roughnessScore

  return { fit, toleranceMargin, roughnessMargin, envelopeUtilisation: utilisation, unstated, failures }
}

export function assessCapacity(need: MatchNeed, capacity: CapacityCandidate, process: string): CapacityAssessment {
  const measure = measureCapacity(need, partEnvelope(need), capacity)
  const judged = judgeCapacity(need, capacity, measure, applicableRequirements(process))
  return {
    capacity,
    process,
    fit: judged.fit,
    material: measure.material,
    toleranceMargin: judged.toleranceMargin,
    roughnessMargin: judged.roughnessMargin,
    envelopeUtilisation: judged.envelopeUtilisation,
    unstated: judged.unstated,
    failures: failureSet(judged.failures),
  }
}

/* ------------------------------------------------------------------ free hours (the capacity factor) */

/**
 * Free hours count for the months from `now`'s month through the deadline month, both whole: a capacity's
 * free hours are declared per month, and we do not know how they spread inside one.
 */
export interface HoursWindow { fromMonth: string; toMonth: string }

export function hoursWindow(now: string, deadline: string): HoursWindow {
  return { fromMonth: isoMonth(now), toMonth: isoMonth(deadline) }
}

export function freeHoursInWindow(capacity: CapacityCandidate, window: HoursWindow): number {
  let total = 0
  for (const { month, hours } of capacity.freeHours) {
    if (month >= window.fromMonth && month <= window.toMonth) total += hours
  }
  return total
}

/** Not knowing the free hours is worse than knowing they suffice, but must not sink a good fit. */
export const UNDECLARED_HOURS_SCORE = 0.4
/** Declared hours exactly equal to the need: feasible, but any slip misses the deadline. */
export const HOURS_SCORE_AT_NEED = 0.7
/** Declared free hours in the window but no estimate on the need: we only know they are not booked out. */
export const HOURS_SCORE_FREE_WITHOUT_ESTIMATE = 1
/** Every capacity used declares zero free hours before the deadline: booked out, though the need set no estimate. */
export const HOURS_SCORE_BOOKED_OUT = 0.1

export interface FreeHoursAssessment {
  requiredHours: number | null
  availableHours: number
  declared: HoursDeclaration
  value: number
  /** The hard constraint: fails only when every capacity used declared its hours and they fall short. */
  violated: boolean
}

/**
 * Capacity factor. With an estimate N and declared hours H: H ≥ N scores from HOURS_SCORE_AT_NEED
 * (H = N) up to 1 (H ≥ 2N: room for a slipped set-up or a scrapped batch); H < N scales down to 0.
 * When only some capacities used declared hours, the rest are unknown, so a shortfall is not a fail
 * and scores like undeclared.
 */
export function assessFreeHours(
  requiredHours: number | null,
  availableHours: number,
  declared: HoursDeclaration,
): FreeHoursAssessment {
  return {
    requiredHours,
    availableHours,
    declared,
    value: freeHoursValue(requiredHours, availableHours, declared),
    violated: freeHoursViolated(requiredHours, availableHours, declared),
  }
}

function hoursEstimate(requiredHours: number | null): number | null {
  return requiredHours !== null && requiredHours > 0 ? requiredHours : null
}

/** The capacity factor of assessFreeHours, without building the record (the search calls it per leaf). */
export function freeHoursValue(requiredHours: number | null, availableHours: number, declared: HoursDeclaration): number {
  const estimate = hoursEstimate(requiredHours)
  if (declared === 'none') return UNDECLARED_HOURS_SCORE
  if (estimate === null) {
    if (availableHours > 0) return HOURS_SCORE_FREE_WITHOUT_ESTIMATE
    return declared === 'all' ? HOURS_SCORE_BOOKED_OUT : UNDECLARED_HOURS_SCORE
  }
  if (availableHours >= estimate) {
    const headroom = Math.min(1, (availableHours - estimate) / estimate)
    return HOURS_SCORE_AT_NEED + (1 - HOURS_SCORE_AT_NEED) * headroom
  }
  if (declared === 'partial') return UNDECLARED_HOURS_SCORE
  return HOURS_SCORE_AT_NEED * (availableHours / estimate)
}

/** The hours hard constraint of assessFreeHours: every capacity declared, an estimate, and not enough hours. */
export function freeHoursViolated(requiredHours: number | null, availableHours: number, declared: HoursDeclaration): boolean {
  const estimate = hoursEstimate(requiredHours)
  return declared === 'all' && estimate !== null && !(availableHours >= estimate)
}
