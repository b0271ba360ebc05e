/**
 * Plain input data for the matching core. The service layer builds these from PostgreSQL rows;
 * the core never reads anything else (no I/O, no clock: `now` is always passed in).
 */

export interface Envelope { lengthMm: number; widthMm: number; heightMm: number; massKg: number }
export interface FreeHours { month: string; hours: number }

export interface Weights { capability: number; certification: number; proximity: number; capacity: number }
export type Factor = keyof Weights
export const FACTORS: readonly Factor[] = ['capability', 'certification', 'proximity', 'capacity']

export interface MatchNeed {
  id: string
  processes: string[]
  materials: string[]
  envelope: Envelope | null
  /** Required IT grade (IT1 finest … IT18 coarsest); a capacity must achieve a grade ≤ this. */
  itGrade: number | null
  /** Required roughness Ra, µm; a capacity must achieve Ra ≤ this. */
  roughnessRa: number | null
  batchSize: number | null
  quantity: number | null
  /** Machine-hours needed before the deadline, when the contractor estimated them. */
  machineHours: number | null
  requiredCerts: string[]
  preferredCerts: string[]
  strictNational: boolean
  delivery: { lat: number; lon: number; regionCode: string; clusterId: string | null }
  maxDistanceKm: number | null
  /** 'YYYY-MM-DD' */
  deadline: string
  weights?: Partial<Weights>
}

export interface CapacityCandidate {
  id: string
  siteId: string
  processes: string[]
  materials: string[]
  envelope: Envelope | null
  itGrade: number | null
  roughnessRa: number | null
  batchMin: number | null
  batchMax: number | null
  /** Empty means the supplier did not declare free hours for this capacity. */
  freeHours: FreeHours[]
}

export interface SiteCandidate { id: string; lat: number; lon: number; regionCode: string; clusterIds: string[] }

export type CertificateStatus = 'unverified' | 'verified' | 'rejected'

export interface CertificateHeld {
  id: string
  standard: string
  validFrom: string
  validUntil: string | null
  status: CertificateStatus
}

export interface SupplierCandidate {
  orgId: string
  name: string
  sites: SiteCandidate[]
  capacities: CapacityCandidate[]
  certificates: CertificateHeld[]
}

export interface MatchOptions {
  /** ISO date or date-time; only its calendar day and month are used. */
  now: string
  /** Keep the best `limit` matches and the best `limit` near misses; all of them when absent. */
  limit?: number
}

/* ------------------------------------------------------------------ results */

export type HardConstraint =
  | 'process' | 'material' | 'envelope' | 'tolerance' | 'roughness' | 'batch' | 'hours' | 'certificate' | 'distance'

/** Part requirements a capacity may leave unstated (no IT grade, no Ra, no envelope, no materials). */
export type PartRequirement = 'material' | 'envelope' | 'tolerance' | 'roughness'

/** The hard constraints a single capacity is checked against (the rest concern the whole supplier). */
export type CapacityConstraint = 'material' | 'envelope' | 'tolerance' | 'roughness' | 'batch'

export type MaterialLevel = 'grade' | 'family' | 'none'

export interface ProcessFit {
  process: string
  /** null when no capacity of the supplier covers the process (only in a 'process' near miss). */
  capacityId: string | null
  siteId: string | null
  fit: number
  /** 'not-required' when the need lists no material; 'unstated' when the capacity lists none. */
  material: MaterialLevel | 'not-required' | 'unstated'
  /** Grades of margin (required − offered); null when either side is unknown or the process is not judged on it. */
  toleranceMargin: number | null
  /** log₂(required Ra / offered Ra); null when either side is unknown or the process is not judged on it. */
  roughnessMargin: number | null
  /** Largest ratio part/machine over the sorted dimensions and the mass; null when either side is unknown or it does not apply. */
  envelopeUtilisation: number | null
  /** Requirements of the need that apply to this process but that the capacity does not state. */
  unstated: PartRequirement[]
}

export interface CapabilityDetails {
  processesRequired: number
  processesCovered: number
  perProcess: ProcessFit[]
}

/** A held certificate as it counts towards one required or preferred standard. */
export interface HeldCredit {
  certificateId: string
  standard: string
  status: CertificateStatus
  validUntil: string | null
  /** Implication credit: 1 full, 0 < x < 1 soft edge. */
  implication: number
}

export interface CertificateCredit {
  certificate: string
  /** Best implication credit × trust weight of the status over the certificates valid on the deadline. */
  credit: number
  /** The held certificate giving `credit`. */
  best: HeldCredit | null
  /** A held certificate with full implication credit (the only way a requirement is met), most trusted first. */
  satisfiedBy: HeldCredit | null
}

export interface CertificationDetails {
  required: CertificateCredit[]
  preferred: CertificateCredit[]
}

export interface ProximityDetails {
  distanceKm: number | null
  nearestSiteId: string | null
  halfDistanceKm: number
  decay: number
  sameCluster: boolean
  sameRegion: boolean
}

export type HoursDeclaration = 'all' | 'partial' | 'none'

export interface CapacityDetails {
  requiredHours: number | null
  availableHours: number
  declared: HoursDeclaration
  fromMonth: string
  toMonth: string
}

export interface FactorScore<D> { value: number; details: D }

export interface Breakdown {
  capability: FactorScore<CapabilityDetails>
  certification: FactorScore<CertificationDetails>
  proximity: FactorScore<ProximityDetails>
  capacity: FactorScore<CapacityDetails>
}

export interface CertificateUsed {
  id: string
  standard: string
  status: CertificateStatus
  validUntil: string | null
  /** Required or preferred standards this certificate gives the best credit for. */
  covers: string[]
}

export interface LocalizedText { ru: string; en: string }

export interface ScoredPair {
  score: number
  breakdown: Breakdown
  /** Road km from the nearest site used, rounded to whole km; null when the supplier has no located site. */
  distanceKm: number | null
  capacityIds: string[]
  certificatesUsed: CertificateUsed[]
  weights: Weights
}

export interface MatchResult extends ScoredPair {
  explanation: LocalizedText
}

export type Miss =
  | { constraint: 'process'; miss: { missingProcesses: string[] } }
  | { constraint: 'material'; miss: { required: string[]; processes: string[] } }
  | { constraint: 'envelope'; miss: { required: Envelope; offered: Envelope | null; processes: string[] } }
  | { constraint: 'tolerance'; miss: { required: number; offered: number; processes: string[] } }
  | { constraint: 'roughness'; miss: { required: number; offered: number; processes: string[] } }
  | { constraint: 'batch'; miss: { required: number; min: number | null; max: number | null; processes: string[] } }
  | { constraint: 'hours'; miss: { requiredHours: number; availableHours: number; fromMonth: string; toMonth: string } }
  | {
    constraint: 'certificate'
    miss: {
      certificate: string
      /** Held standards that only reach the requirement through a soft edge. */
      softAlternatives: string[]
      /** Held certificates that would satisfy but are not valid on the deadline. */
      notValidOnDeadline: { standard: string; validFrom: string; validUntil: string | null }[]
      /** Held certificates that would satisfy but a centre rejected. */
      rejected: string[]
    }
  }
  | { constraint: 'distance'; miss: { maxKm: number; km: number } }

/** A candidate failing exactly one hard constraint, scored as if that constraint were waived. */
export type NearMissResult = ScoredPair & Miss & { message: LocalizedText }

export type SupplierMatch = MatchResult & { orgId: string; name: string }
export type NeedMatch = MatchResult & { needId: string }
export type NearMiss = NearMissResult & { orgId: string; name: string }
export type NeedNearMiss = NearMissResult & { needId: string }
