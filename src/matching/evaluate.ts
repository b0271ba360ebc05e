import {
  assessCapacity, assessFreeHours, freeHoursInWindow,
  type CapacityAssessment, type FreeHoursAssessment, type HoursWindow,
} from './capability.js'
import { assessCertification, certificateMiss, type CertificationAssessment } from './certification.js'
import { assessProximity, siteDistance, type ProximityAssessment, type SiteDistance } from './proximity.js'
import type {
  CapacityConstraint, HardConstraint, HoursDeclaration, MatchNeed, Miss, ProcessFit, ScoredPair, SupplierCandidate, Weights,
} from './types.js'
import { weightedScore } from './weights.js'

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

interface PreparedCapacity extends CapacityAssessment {
  site: SiteDistance
  windowHours: number
  declaresHours: boolean
}

interface PreparedPair {
  need: MatchNeed
  supplier: SupplierCandidate
  weights: Weights
  window: HoursWindow
  processes: string[]
  /** Per process, the capacities listing it, best fit first. */
  listed: Map<string, PreparedCapacity[]>
  sites: SiteDistance[]
  certification: CertificationAssessment
}

interface Assignment {
  /** Per process (same order as PreparedPair.processes); null = uncovered, only under a 'process' waiver. */
  chosen: (PreparedCapacity | null)[]
  score: number
  capability: number
  hours: FreeHoursAssessment
  proximity: ProximityAssessment
}

function byFitThenId(a: PreparedCapacity, b: PreparedCapacity): number {
  if (a.fit !== b.fit) return b.fit - a.fit
  return a.capacity.id < b.capacity.id ? -1 : a.capacity.id > b.capacity.id ? 1 : 0
}

function prepare(need: MatchNeed, supplier: SupplierCandidate, weights: Weights, window: HoursWindow): PreparedPair {
  const sitesById = new Map<string, SiteDistance>()
  for (const site of supplier.sites) {
    if (!sitesById.has(site.id)) sitesById.set(site.id, siteDistance(need, site))
  }
  const processes = [...new Set(need.processes)]
  const wanted = new Set(processes)
  const listed = new Map<string, PreparedCapacity[]>(processes.map((p) => [p, []]))
  for (const capacity of supplier.capacities) {
    const site = sitesById.get(capacity.siteId)
    // A capacity at a site the supplier did not give cannot be located, so it cannot be offered.
    if (site === undefined) continue
    const windowHours = freeHoursInWindow(capacity, window)
    const declaresHours = capacity.freeHours.length > 0
    for (const process of new Set(capacity.processes)) {
      listed.get(process)?.push({ ...assessCapacity(need, capacity, process), site, windowHours, declaresHours })
    }
  }
  for (const list of listed.values()) list.sort(byFitThenId)
  return {
    need,
    supplier,
    weights,
    window,
    processes,
    listed,
    sites: [...sitesById.values()],
    certification: assessCertification(need, supplier.certificates),
  }
}

function passes(capacity: PreparedCapacity, waiver: Waiver | null): boolean {
  for (const failure of capacity.failures) {
    if (waiver === null || waiver.constraint !== failure) return false
  }
  return true
}

/** Keeps the best-fitting capacities per process so that the number of assignments stays bounded. */
function boundAssignments(lists: PreparedCapacity[][]): PreparedCapacity[][] {
  const bounded = lists.map((list) => [...list])
  const count = () => bounded.reduce((product, list) => product * Math.max(1, list.length), 1)
  while (count() > MAX_ASSIGNMENTS) {
    const longest = bounded.reduce((a, b) => (b.length > a.length ? b : a))
    longest.pop()
  }
  return bounded
}

function hoursDeclaration(used: readonly PreparedCapacity[]): HoursDeclaration {
  const declaring = used.filter((c) => c.declaresHours).length
  if (declaring === 0) return 'none'
  return declaring === used.length ? 'all' : 'partial'
}

function distanceOrInfinity(assignment: Assignment): number {
  return assignment.proximity.km ?? Number.POSITIVE_INFINITY
}

/** Best assignment that meets every hard constraint except the waived one, or null if none does. */
function bestAssignment(pair: PreparedPair, waiver: Waiver | null): Assignment | null {
  const { need, weights, certification } = pair
  const unmetCertificates = certification.unmet.filter(
    (code) => waiver === null || waiver.constraint !== 'certificate' || waiver.certificate !== code,
  )
  if (unmetCertificates.length > 0) return null

  const options: (PreparedCapacity[] | null)[] = []
  for (const process of pair.processes) {
    const listed = pair.listed.get(process) ?? []
    if (listed.length === 0) {
      if (waiver?.constraint !== 'process') return null
      options.push(null)
      continue
    }
    const eligible = listed.filter((capacity) => passes(capacity, waiver))
    if (eligible.length === 0) return null
    options.push(eligible)
  }
  const covered = options.filter((o): o is PreparedCapacity[] => o !== null)
  // A supplier offering none of the processes is another trade, not a near miss.
  if (covered.length === 0) return null
  const boundedLists = boundAssignments(covered)
  let nextBounded = 0
  const lists = options.map((o) => (o === null ? null : boundedLists[nextBounded++] ?? []))

  const processCount = Math.max(1, pair.processes.length)
  const maxFitFrom: number[] = new Array<number>(lists.length + 1).fill(0)
  for (let i = lists.length - 1; i >= 0; i--) maxFitFrom[i] = (maxFitFrom[i + 1] ?? 0) + (lists[i]?.[0]?.fit ?? 0)
  const scoreCeiling = (fitSum: number, from: number) => weightedScore(weights, {
    capability: (fitSum + (maxFitFrom[from] ?? 0)) / processCount,
    certification: certification.value,
    proximity: 1,
    capacity: 1,
  })

  let best: Assignment | null = null
  const chosen: (PreparedCapacity | null)[] = new Array<PreparedCapacity | null>(lists.length).fill(null)

  const evaluateLeaf = (fitSum: number) => {
    const used = new Map<string, PreparedCapacity>()
    for (const capacity of chosen) if (capacity !== null) used.set(capacity.capacity.id, capacity)
    const usedList = [...used.values()]
    const declared = hoursDeclaration(usedList)
    const available = usedList.reduce((sum, c) => sum + (c.declaresHours ? c.windowHours : 0), 0)
    const hours = assessFreeHours(need.machineHours, available, declared)
    if (hours.violated && waiver?.constraint !== 'hours') return

    const usedSites = new Map<string, SiteDistance>()
    for (const capacity of usedList) usedSites.set(capacity.site.site.id, capacity.site)
    const proximity = assessProximity(need, usedSites.size > 0 ? [...usedSites.values()] : pair.sites)
    const tooFar = need.maxDistanceKm !== null && (proximity.km === null || proximity.km > need.maxDistanceKm)
    if (tooFar && waiver?.constraint !== 'distance') return

    const capability = fitSum / processCount
    const score = weightedScore(weights, {
      capability,
      certification: certification.value,
      proximity: proximity.value,
      capacity: hours.value,
    })
    const candidate: Assignment = { chosen: [...chosen], score, capability, hours, proximity }
    if (best === null || score > best.score || (score === best.score && distanceOrInfinity(candidate) < distanceOrInfinity(best))) {
      best = candidate
    }
  }

  const visit = (index: number, fitSum: number) => {
    if (best !== null && scoreCeiling(fitSum, index) < best.score) return
    if (index === lists.length) {
      evaluateLeaf(fitSum)
      return
    }
    const list = lists[index]
    if (list === null || list === undefined) {
      chosen[index] = null
      visit(index + 1, fitSum)
      return
    }
    for (const capacity of list) {
      chosen[index] = capacity
      visit(index + 1, fitSum + capacity.fit)
    }
  }
  visit(0, 0)
  return best
}

function processFit(process: string, capacity: PreparedCapacity | null): ProcessFit {
  if (capacity === null) {
    return {
      process, capacityId: null, siteId: null, fit: 0, material: 'none',
      toleranceMargin: null, roughnessMargin: null, envelopeUtilisation: null, unstated: [],
    }
  }
  return {
    process,
    capacityId: capacity.capacity.id,
    siteId: capacity.capacity.siteId,
    fit: capacity.fit,
    material: capacity.material,
    toleranceMargin: capacity.toleranceMargin,
    roughnessMargin: capacity.roughnessMargin,
    envelopeUtilisation: capacity.envelopeUtilisation,
    unstated: capacity.unstated,
  }
}

function roundScore(score: number): number {
  const factor = 10 ** SCORE_DECIMALS
  return Math.round(score * factor) / factor
}

function scoredPair(pair: PreparedPair, assignment: Assignment): ScoredPair {
  const perProcess = pair.processes.map((process, i) => processFit(process, assignment.chosen[i] ?? null))
  const capacityIds = [...new Set(assignment.chosen.flatMap((c) => (c === null ? [] : [c.capacity.id])))].sort()
  return {
    score: roundScore(assignment.score),
    breakdown: {
      capability: {
        value: assignment.capability,
        details: {
          processesRequired: pair.processes.length,
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
          fromMonth: pair.window.fromMonth,
          toMonth: pair.window.toMonth,
        },
      },
    },
    distanceKm: assignment.proximity.details.distanceKm,
    capacityIds,
    certificatesUsed: pair.certification.used,
    weights: pair.weights,
  }
}

function failingProcesses(pair: PreparedPair, assignment: Assignment, constraint: CapacityConstraint) {
  return pair.processes.flatMap((process, i) => {
    const capacity = assignment.chosen[i]
    return capacity && capacity.failures.has(constraint) ? [{ process, capacity }] : []
  })
}

/** What exactly the waived constraint missed, read off the assignment that was scored. */
function describeMiss(pair: PreparedPair, assignment: Assignment, waiver: Waiver): Miss {
  const { need } = pair
  switch (waiver.constraint) {
    case 'process':
      return {
        constraint: 'process',
        miss: { missingProcesses: pair.processes.filter((_, i) => assignment.chosen[i] === null) },
      }
    case 'material': {
      const failing = failingProcesses(pair, assignment, 'material')
      return { constraint: 'material', miss: { required: [...need.materials], processes: failing.map((f) => f.process) } }
    }
    case 'envelope': {
      const failing = failingProcesses(pair, assignment, 'envelope')
      const worst = failing.reduce<(typeof failing)[number] | null>(
        (a, b) => (a === null || (b.capacity.envelopeUtilisation ?? 0) > (a.capacity.envelopeUtilisation ?? 0) ? b : a), null)
      return {
        constraint: 'envelope',
        miss: {
          required: need.envelope ?? { lengthMm: 0, widthMm: 0, heightMm: 0, massKg: 0 },
          offered: worst?.capacity.capacity.envelope ?? null,
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
          offered: Math.max(...failing.map((f) => f.capacity.capacity.itGrade ?? 0)),
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
          offered: Math.max(...failing.map((f) => f.capacity.capacity.roughnessRa ?? 0)),
          processes: failing.map((f) => f.process),
        },
      }
    }
    case 'batch': {
      const failing = failingProcesses(pair, assignment, 'batch')
      const first = failing[0]?.capacity.capacity
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
          fromMonth: pair.window.fromMonth,
          toMonth: pair.window.toMonth,
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
  const capacityFailures = new Set<HardConstraint>()
  const lists = [...pair.listed.values()]
  const missingProcess = lists.some((list) => list.length === 0)
  if (lists.every((list) => list.length === 0)) return waivers
  for (const list of lists) {
    for (const capacity of list) for (const failure of capacity.failures) capacityFailures.add(failure)
  }
  for (const constraint of HARD_CONSTRAINTS) {
    if (constraint === 'process') {
      if (missingProcess) waivers.push({ constraint })
    } else if (constraint === 'certificate') {
      const [only, ...rest] = pair.certification.unmet
      if (only !== undefined && rest.length === 0) waivers.push({ constraint, certificate: only })
    } else if (CAPACITY_CONSTRAINTS.has(constraint)) {
      if (capacityFailures.has(constraint)) waivers.push({ constraint })
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
  const pair = prepare(need, supplier, weights, window)
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
