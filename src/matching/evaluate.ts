import {
  FAILURE_BIT, applicableRequirements, assessFreeHours, freeHoursInWindow, freeHoursValue, freeHoursViolated, judgeCapacity,
  measureCapacity, partEnvelope,
  type ApplicableRequirements, type CapacityAssessment, type CapacityMeasure, type FreeHoursAssessment, type HoursWindow,
  type PartEnvelope, type ProcessJudgement,
} from './capability.js'
import {
  assessStandards, certificateMiss, certificatesUsedBy, standardsWanted, type StandardsAssessment, type StandardsWanted,
} from './certification.js'
import { assessProximity, proximityScore, siteProximity, type ProximityAssessment, type SiteProximity } from './proximity.js'
import type {
  CapacityCandidate, CapacityConstraint, HardConstraint, HoursDeclaration, MatchNeed, Miss, ProcessFit, ScoredPair,
  SupplierCandidate, Weights,
} from './types.js'
import { weightedFactors } from './weights.js'

/**
 * Evaluation of one need × one supplier: hard constraints, then the score of the best way the supplier
 * can do the job.
 *
 * A supplier may cover the processes with several capacities at several sites. "Best" is the assignment
 * of one eligible capacity per process that maximises the total score, not a greedy per-process pick:
 * a greedy pick by capability alone could trade a marginally better machine for a site 900 km away or a
 * capacity with no free hours, and would make the score drop when a supplier improves (widens an
 * envelope, moves a site closer). With the maximum, any change that does not worsen any assignment
 * cannot lower the supplier's score.
 */

/** Order in which near-miss constraints are preferred when waiving either of two gives the same score. */
export const HARD_CONSTRAINTS: readonly HardConstraint[] = [
  'process', 'material', 'envelope', 'tolerance', 'roughness', 'batch', 'hours', 'certificate', 'distance',
]

const CAPACITY_CONSTRAINTS: ReadonlySet<HardConstraint> = new Set<CapacityConstraint>([
  'material', 'envelope', 'tolerance', 'roughness', 'batch',
])

/**
 * Most capacity assignments examined for one supplier and need. Real profiles give a handful of capacities
 * per process (a few hundred assignments at most); beyond this, each process keeps only its best-fitting
 * capacities, which bounds the work for a pathological profile at the cost of exactness there.
 */
export const MAX_ASSIGNMENTS = 4096

/** Reported scores are rounded so that float noise never decides a rank (ties fall to distance, then id). */
const SCORE_DECIMALS = 6

export type Waiver =
  | { constraint: Exclude<HardConstraint, 'certificate'> }
  | { constraint: 'certificate'; certificate: string }

/**
 * Everything a pair evaluation needs from the need alone (and `now`), worked out once per need rather than
 * once per supplier: matchSuppliers evaluates one need against hundreds of suppliers.
 */
export interface NeedContext {
  need: MatchNeed
  weights: Weights
  window: HoursWindow
  /** The need's processes, each once, in the need's order. */
  processes: string[]
  /** Per process (same order): the part requirements it is judged on, from the taxonomy. */
  applies: ApplicableRequirements[]
  part: PartEnvelope | null
  standards: StandardsWanted
}

export function needContext(need: MatchNeed, weights: Weights, window: HoursWindow): NeedContext {
  const processes = [...new Set(need.processes)]
  return {
    need,
    weights,
    window,
    processes,
    applies: processes.map((process) => applicableRequirements(process)),
    part: partEnvelope(need),
    standards: standardsWanted(need),
  }
}

/** A capacity's free hours in the need's window, shared by its options for several processes. */
interface CapacityHours { declares: boolean; inWindow: number }

/** One capacity considered for one process of the need. */
interface CapacityOption extends ProcessJudgement {
  capacity: CapacityCandidate
  material: CapacityAssessment['material']
  site: SiteProximity
  hours: CapacityHours
}

interface PreparedPair {
  context: NeedContext
  supplier: SupplierCandidate
  /** Per process (same order as NeedContext.processes), the capacities listing it, best fit first. */
  listed: CapacityOption[][]
  certification: StandardsAssessment
}

interface Assignment {
  /** Per process (same order as NeedContext.processes); null = uncovered, only under a 'process' waiver. */
  chosen: (CapacityOption | null)[]
  score: number
  capability: number
  hours: FreeHoursAssessment
  proximity: ProximityAssessment
}

function byFitThenId(a: CapacityOption, b: CapacityOption): number {
  if (a.fit !== b.fit) return b.fit - a.fit
  return a.capacity.id < b.capacity.id ? -1 : a.capacity.id > b.capacity.id ? 1 : 0
}

function prepare(context: NeedContext, supplier: SupplierCandidate, certification: StandardsAssessment): PreparedPair {
  const { need, processes } = context
  // Each site id once, the first given, as capacities refer to sites by id.
  const sites: SiteProximity[] = []
  for (const site of supplier.sites) {
    if (!sites.some((known) => known.site.id === site.id)) sites.push(siteProximity(need, site))
  }
  const listed: CapacityOption[][] = processes.map(() => [])
  for (const capacity of supplier.capacities) {
    // Located, measured and counted once, and only when the capacity lists one of the need's processes
    // (most capacities of a candidate do not).
    let site: SiteProximity | undefined
    let measure: CapacityMeasure | null = null
    let hours: CapacityHours | null = null
    for (let position = 0; position < capacity.processes.length; position++) {
      const process = capacity.processes[position] as string
      const index = processes.indexOf(process)
      const list = listed[index]
      const applies = context.applies[index]
      // A process the capacity lists twice is offered once.
      if (list === undefined || applies === undefined || capacity.processes.indexOf(process) !== position) continue
      site ??= sites.find((known) => known.site.id === capacity.siteId)
      // A capacity at a site the supplier did not give cannot be located, so it cannot be offered.
      if (site === undefined) break
      measure ??= measureCapacity(need, context.part, capacity)
      hours ??= { declares: capacity.freeHours.length > 0, inWindow: freeHoursInWindow(capacity, context.window) }
      const judged = judgeCapacity(need, capacity, measure, applies)
      list.push({
        capacity,
        material: measure.material,
        fit: judged.fit,
        toleranceMargin: judged.toleranceMargin,
        roughnessMargin: judged.roughnessMargin,
        envelopeUtilisation: judged.envelopeUtilisation,
        unstated: judged.unstated,
        failures: judged.failures,
        site,
        hours,
      })
    }
  }
  for (const list of listed) list.sort(byFitThenId)
  return { context, supplier, listed, certification }
}

function isCapacityConstraint(constraint: HardConstraint): constraint is CapacityConstraint {
  return CAPACITY_CONSTRAINTS.has(constraint)
}

/** Fails no hard constraint except the waived one (`waivedBit`: its FAILURE_BIT, 0 when none is waived). */
function passes(option: CapacityOption, waivedBit: number): boolean {
  return (option.failures & ~waivedBit) === 0
}

function assignmentCount(lists: readonly (readonly CapacityOption[] | null)[]): number {
  return lists.reduce((product, list) => product * Math.max(1, list?.length ?? 0), 1)
}

/**
 * Keeps the best-fitting capacities per process so that the number of assignments stays bounded:
 * drops the worst capacity of the first longest list until the product is within MAX_ASSIGNMENTS.
 */
function boundAssignments(lists: (CapacityOption[] | null)[]): (CapacityOption[] | null)[] {
  if (assignmentCount(lists) <= MAX_ASSIGNMENTS) return lists
  const bounded = lists.map((list) => (list === null ? null : [...list]))
  while (assignmentCount(bounded) > MAX_ASSIGNMENTS) {
    let longest: CapacityOption[] | null = null
    for (const list of bounded) if (list !== null && (longest === null || list.length > longest.length)) longest = list
    longest?.pop()
  }
  return bounded
}

/** Whether the same capacity was already chosen for an earlier process (it then counts once). */
function chosenEarlier(chosen: readonly (CapacityOption | null)[], index: number, option: CapacityOption): boolean {
  for (let i = 0; i < index; i++) if (chosen[i]?.capacity.id === option.capacity.id) return true
  return false
}

/**
 * Depth-first search over the assignments (one eligible capacity per process, lists best fit first),
 * pruning a branch when even the best remaining fits with perfect proximity and capacity scores could not
 * beat the best assignment found. Leaves are scored on plain numbers; the records of the hours and
 * proximity assessments are built once, for the winner.
 */
class AssignmentSearch {
  private readonly chosen: (CapacityOption | null)[]
  /** maxFitFrom[i]: sum of the best fits of lists i… (what the remaining processes can add at most). */
  private readonly maxFitFrom: number[]
  private readonly processCount: number
  private best: {
    chosen: (CapacityOption | null)[]
    score: number
    capability: number
    /** Road km of the nearest site used, Infinity when unknown: the tie-break between equal scores. */
    distance: number
    available: number
    declared: HoursDeclaration
  } | null = null

  constructor(
    private readonly pair: PreparedPair,
    private readonly lists: readonly (readonly CapacityOption[] | null)[],
    private readonly waiver: Waiver | null,
  ) {
    this.chosen = new Array<CapacityOption | null>(lists.length).fill(null)
    this.processCount = Math.max(1, pair.context.processes.length)
    this.maxFitFrom = new Array<number>(lists.length + 1).fill(0)
    for (let i = lists.length - 1; i >= 0; i--) {
      this.maxFitFrom[i] = (this.maxFitFrom[i + 1] ?? 0) + (lists[i]?.[0]?.fit ?? 0)
    }
  }

  private ceiling(fitSum: number, from: number): number {
    const capability = (fitSum + (this.maxFitFrom[from] ?? 0)) / this.processCount
    return weightedFactors(this.pair.context.weights, capability, this.pair.certification.value, 1, 1)
  }

  visit(index: number, fitSum: number): void {
    if (this.best !== null && this.ceiling(fitSum, index) < this.best.score) return
    if (index === this.lists.length) {
      this.leaf(fitSum)
      return
    }
    const list = this.lists[index]
    if (list === null || list === undefined) {
      this.chosen[index] = null
      this.visit(index + 1, fitSum)
      return
    }
    for (const option of list) {
      this.chosen[index] = option
      this.visit(index + 1, fitSum + option.fit)
    }
  }

  private leaf(fitSum: number): void {
    const { need, weights } = this.pair.context
    // Every leaf covers at least one process (bestAssignment returns before searching otherwise), so at
    // least one capacity and site are used.
    let used = 0
    let declaring = 0
    let available = 0
    let nearest: SiteProximity | null = null
    let sameCluster = false
    let sameRegion = false
    for (let i = 0; i < this.chosen.length; i++) {
      const option = this.chosen[i]
      if (option === null || option === undefined || chosenEarlier(this.chosen, i, option)) continue
      used++
      if (option.hours.declares) declaring++
      available = available + (option.hours.declares ? option.hours.inWindow : 0)
      // A site shared by two capacities changes neither the nearest site nor the bonuses the second time.
      const site = option.site
      if (nearest === null || site.km < nearest.km || (site.km === nearest.km && site.site.id < nearest.site.id)) nearest = site
      if (site.sameCluster) sameCluster = true
      if (site.sameRegion) sameRegion = true
    }

    const declared: HoursDeclaration = declaring === 0 ? 'none' : declaring === used ? 'all' : 'partial'
    if (freeHoursViolated(need.machineHours, available, declared) && this.waiver?.constraint !== 'hours') return
    const km = nearest === null ? null : nearest.km
    const tooFar = need.maxDistanceKm !== null && (km === null || km > need.maxDistanceKm)
    if (tooFar && this.waiver?.constraint !== 'distance') return

    const capability = fitSum / this.processCount
    const score = weightedFactors(
      weights,
      capability,
      this.pair.certification.value,
      proximityScore(km, sameCluster, sameRegion),
      freeHoursValue(need.machineHours, available, declared),
    )
    const distance = km ?? Number.POSITIVE_INFINITY
    if (this.best === null || score > this.best.score || (score === this.best.score && distance < this.best.distance)) {
      this.best = { chosen: [...this.chosen], score, capability, distance, available, declared }
    }
  }

  /** The best assignment with its hours and proximity records (the same functions the leaves scored with). */
  result(): Assignment | null {
    if (this.best === null) return null
    const { chosen, score, capability, available, declared } = this.best
    const usedSites: SiteProximity[] = []
    for (const option of chosen) {
      if (option !== null && !usedSites.some((site) => site.site.id === option.site.site.id)) usedSites.push(option.site)
    }
    const { need } = this.pair.context
    return {
      chosen,
      score,
      capability,
      hours: assessFreeHours(need.machineHours, available, declared),
      proximity: assessProximity(need, usedSites),
    }
  }
}

/** Best assignment that meets every hard constraint except the waived one, or null if none does. */
function bestAssignment(pair: PreparedPair, waiver: Waiver | null): Assignment | null {
  const waivedCertificate = waiver?.constraint === 'certificate' ? waiver.certificate : null
  if (pair.certification.unmet.some((code) => code !== waivedCertificate)) return null

  const waivedBit = waiver !== null && isCapacityConstraint(waiver.constraint) ? FAILURE_BIT[waiver.constraint] : 0
  const options: (CapacityOption[] | null)[] = []
  let covered = 0
  for (const listed of pair.listed) {
    if (listed.length === 0) {
      if (waiver?.constraint !== 'process') return null
      options.push(null)
      continue
    }
    const eligible = listed.filter((option) => passes(option, waivedBit))
    if (eligible.length === 0) return null
    options.push(eligible)
    covered++
  }
  // A supplier offering none of the processes is another trade, not a near miss.
  if (covered === 0) return null

  const search = new AssignmentSearch(pair, boundAssignments(options), waiver)
  search.visit(0, 0)
  return search.result()
}

function processFit(process: string, option: CapacityOption | null): ProcessFit {
  if (option === null) {
    return {
      process, capacityId: null, siteId: null, fit: 0, material: 'none',
      toleranceMargin: null, roughnessMargin: null, envelopeUtilisation: null, unstated: [],
    }
  }
  return {
    process,
    capacityId: option.capacity.id,
    siteId: option.capacity.siteId,
    fit: option.fit,
    material: option.material,
    toleranceMargin: option.toleranceMargin,
    roughnessMargin: option.roughnessMargin,
    envelopeUtilisation: option.envelopeUtilisation,
    unstated: option.unstated,
  }
}

function roundScore(score: number): number {
  const factor = 10 ** SCORE_DECIMALS
  return Math.round(score * factor) / factor
}

function scoredPair(pair: PreparedPair, assignment: Assignment): ScoredPair {
  const { processes, window, weights } = pair.context
  const perProcess = processes.map((process, i) => processFit(process, assignment.chosen[i] ?? null))
  const capacityIds = [...new Set(assignment.chosen.flatMap((c) => (c === null ? [] : [c.capacity.id])))].sort()
  return {
    score: roundScore(assignment.score),
    breakdown: {
      capability: {
        value: assignment.capability,
        details: {
          processesRequired: processes.length,
          processesCovered: perProcess.filter((p) => p.capacityId !== null).length,
          perProcess,
        },
      },
      certification: { value: pair.certification.value, details: pair.certification.details },
      proximity: { value: assignment.proximity.value, details: assignment.proximity.details },
      capacity: {
        value: assignment.hours.value,
        details: {
          requiredHours: assignment.hours.requiredHours,
          availableHours: assignment.hours.availableHours,
          declared: assignment.hours.declared,
          fromMonth: window.fromMonth,
          toMonth: window.toMonth,
        },
      },
    },
    distanceKm: assignment.proximity.details.distanceKm,
    capacityIds,
    certificatesUsed: certificatesUsedBy(pair.certification),
    weights,
  }
}

function failingProcesses(pair: PreparedPair, assignment: Assignment, constraint: CapacityConstraint) {
  return pair.context.processes.flatMap((process, i) => {
    const option = assignment.chosen[i]
    return option && (option.failures & FAILURE_BIT[constraint]) !== 0 ? [{ process, option }] : []
  })
}

/** What exactly the waived constraint missed, read off the assignment that was scored. */
function describeMiss(pair: PreparedPair, assignment: Assignment, waiver: Waiver): Miss {
  const { need, processes, window } = pair.context
  switch (waiver.constraint) {
    case 'process':
      return {
        constraint: 'process',
        miss: { missingProcesses: processes.filter((_, i) => assignment.chosen[i] === null) },
      }
    case 'material': {
      const failing = failingProcesses(pair, assignment, 'material')
      return { constraint: 'material', miss: { required: [...need.materials], processes: failing.map((f) => f.process) } }
    }
    case 'envelope': {
      const failing = failingProcesses(pair, assignment, 'envelope')
      const worst = failing.reduce<(typeof failing)[number] | null>(
        (a, b) => (a === null || (b.option.envelopeUtilisation ?? 0) > (a.option.envelopeUtilisation ?? 0) ? b : a), null)
      return {
        constraint: 'envelope',
        miss: {
          required: need.envelope ?? { lengthMm: 0, widthMm: 0, heightMm: 0, massKg: 0 },
          offered: worst?.option.capacity.envelope ?? null,
          processes: failing.map((f) => f.process),
        },
      }
    }
    case 'tolerance': {
      const failing = failingProcesses(pair, assignment, 'tolerance')
      return {
        constraint: 'tolerance',
        miss: {
          required: need.itGrade ?? 0,
          offered: Math.max(...failing.map((f) => f.option.capacity.itGrade ?? 0)),
          processes: failing.map((f) => f.process),
        },
      }
    }
    case 'roughness': {
      const failing = failingProcesses(pair, assignment, 'roughness')
      return {
        constraint: 'roughness',
        miss: {
          required: need.roughnessRa ?? 0,
          offered: Math.max(...failing.map((f) => f.option.capacity.roughnessRa ?? 0)),
          processes: failing.map((f) => f.process),
        },
      }
    }
    case 'batch': {
      const failing = failingProcesses(pair, assignment, 'batch')
      const first = failing[0]?.option.capacity
      return {
        constraint: 'batch',
        miss: {
          required: need.batchSize ?? need.quantity ?? 0,
          min: first?.batchMin ?? null,
          max: first?.batchMax ?? null,
          processes: failing.map((f) => f.process),
        },
      }
    }
    case 'hours':
      return {
        constraint: 'hours',
        miss: {
          requiredHours: need.machineHours ?? 0,
          availableHours: assignment.hours.availableHours,
          fromMonth: window.fromMonth,
          toMonth: window.toMonth,
        },
      }
    case 'certificate':
      return { constraint: 'certificate', miss: certificateMiss(waiver.certificate, need, pair.supplier.certificates) }
    case 'distance':
      return {
        constraint: 'distance',
        // Rounded up, so the reported km is never at or below the limit it broke («301 км > 300 км»).
        miss: { maxKm: need.maxDistanceKm ?? 0, km: Math.ceil(assignment.proximity.km ?? 0) },
      }
  }
}

/**
 * Waivers worth trying for a supplier that is not a match: one per constraint it could be failing.
 * None for a supplier that lists none of the need's processes.
 */
function candidateWaivers(pair: PreparedPair): Waiver[] {
  const waivers: Waiver[] = []
  if (pair.listed.every((list) => list.length === 0)) return waivers
  const missingProcess = pair.listed.some((list) => list.length === 0)
  let capacityFailures = 0
  for (const list of pair.listed) for (const option of list) capacityFailures |= option.failures
  for (const constraint of HARD_CONSTRAINTS) {
    if (constraint === 'process') {
      if (missingProcess) waivers.push({ constraint })
    } else if (constraint === 'certificate') {
      const [only, ...rest] = pair.certification.unmet
      if (only !== undefined && rest.length === 0) waivers.push({ constraint, certificate: only })
    } else if (isCapacityConstraint(constraint)) {
      if ((capacityFailures & FAILURE_BIT[constraint]) !== 0) waivers.push({ constraint })
    } else {
      waivers.push({ constraint })
    }
  }
  return waivers
}

export type PairOutcome =
  | { kind: 'match'; pair: ScoredPair }
  | { kind: 'near-miss'; pair: ScoredPair; miss: Miss }
  | { kind: 'none' }

/**
 * A match meets every hard constraint. A near miss fails exactly one: waiving that one constraint
 * (for certificates: that one required standard) makes it a match, and it is scored as if waived so
 * that curators can rank near misses. When waiving either of two constraints would do, the one giving
 * the higher score is reported. A 'process' near miss covers some of the processes: a shop offering none
 * of them is simply in another trade.
 */
export function evaluatePair(
  need: MatchNeed,
  supplier: SupplierCandidate,
  weights: Weights,
  window: HoursWindow,
): PairOutcome {
  return evaluateForNeed(needContext(need, weights, window), supplier)
}

/** evaluatePair with the need's share of the work done once (needContext), for evaluating many suppliers. */
export function evaluateForNeed(context: NeedContext, supplier: SupplierCandidate): PairOutcome {
  const certification = assessStandards(context.standards, context.need, supplier.certificates)
  // Waiving one required standard still leaves another unmet: neither a match nor a near miss, whatever the
  // capacities, so they are not even assessed (most suppliers a need with several standards sees end here).
  if (certification.unmet.length > 1) return { kind: 'none' }
  const pair = prepare(context, supplier, certification)
  const strict = bestAssignment(pair, null)
  if (strict !== null) return { kind: 'match', pair: scoredPair(pair, strict) }

  let nearest: { assignment: Assignment; waiver: Waiver } | null = null
  for (const waiver of candidateWaivers(pair)) {
    const assignment = bestAssignment(pair, waiver)
    if (assignment !== null && (nearest === null || assignment.score > nearest.assignment.score)) {
      nearest = { assignment, waiver }
    }
  }
  if (nearest === null) return { kind: 'none' }
  return {
    kind: 'near-miss',
    pair: scoredPair(pair, nearest.assignment),
    miss: describeMiss(pair, nearest.assignment, nearest.waiver),
  }
}
