export type * from './types.js'
export { FACTORS } from './types.js'
export {
  capacityCandidateSchema, certificateHeldSchema, envelopeSchema, matchNeedSchema, siteCandidateSchema, supplierCandidateSchema,
} from './schema.js'
export {
  DEFAULT_WEIGHTS, WEIGHT_BOUNDS, resolveWeights, weightedScore, weightsOverrideSchema,
  compareNeedRank, compareSupplierRank, matchNeeds, matchSuppliers, selectTopK, type Comparator,
} from './score.js'
export { HARD_CONSTRAINTS, MAX_ASSIGNMENTS, evaluatePair, type PairOutcome, type Waiver } from './evaluate.js'
export {
  ENVELOPE_COMFORT_UTILISATION, ENVELOPE_FIT_AT_LIMIT, HOURS_SCORE_AT_NEED, HOURS_SCORE_BOOKED_OUT,
  HOURS_SCORE_FREE_WITHOUT_ESTIMATE, MATERIAL_FIT, PROCESS_FIT_SHARES, ROUGHNESS_FIT_AT_LIMIT, ROUGHNESS_FIT_PER_STEP,
  ROUGHNESS_PENALTY_PER_STEP, TOLERANCE_FIT_AT_LIMIT, TOLERANCE_FIT_PER_GRADE, TOLERANCE_PENALTY_PER_GRADE,
  UNDECLARED_HOURS_SCORE, UNSTATED_FIT, applicableRequirements, assessCapacity, assessFreeHours, envelopeFit, envelopeUtilisation,
  freeHoursInWindow, hoursWindow, roughnessFit, toleranceFit, type ApplicableRequirements, type CapacityAssessment,
  type FreeHoursAssessment, type HoursWindow,
} from './capability.js'
export {
  PREFERRED_SHARE, REQUIRED_SHARE, TRUST_WEIGHT, assessCertification, certificateMiss, creditFor, validOn,
  type CertificationAssessment,
} from './certification.js'
export {
  HALF_DISTANCE_KM, SAME_CLUSTER_BONUS, SAME_REGION_BONUS, assessProximity, distanceDecay, proximityScore, siteDistance,
  type ProximityAssessment, type SiteDistance,
} from './proximity.js'
export { certificateLabel, explainMatch, explainMiss } from './explain.js'
