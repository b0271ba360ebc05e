import { certificateCredit } from '../domain/taxonomy/index.js'
import type {
  CertificateCredit, CertificateHeld, CertificateStatus, CertificateUsed, CertificationDetails, HeldCredit, MatchNeed, Miss,
} from './types.js'

/**
 * Trust weight of a certificate by its verification status.
 * A centre that checked the certificate against the issuing body's register turns a claim into evidence;
 * self-declared certificates are often out of scope or issued by voluntary schemes with no audit behind
 * them, so they count clearly less, yet a supplier must not be sunk merely because no centre has
 * audited it yet, so they keep well over half the weight. Rejected certificates count for nothing.
 */
export const TRUST_WEIGHT: Readonly<Record<CertificateStatus, number>> = {
  verified: 1,
  unverified: 0.6,
  rejected: 0,
}

/**
 * How the certification factor splits between required and preferred standards. Required standards
 * are already met by every match, so their share mostly tells verified from self-declared; preferred
 * standards are the buyer's stated extras and should move a supplier up, but never outweigh the
 * trust in what the buyer requires.
 */
export const REQUIRED_SHARE = 0.7
export const PREFERRED_SHARE = 0.3

/**
 * TRUST_WEIGHT[status], by comparison: certificates arrive from the database with fresh status strings, and
 * a keyed property lookup has to find each fresh string in V8's string table first (several times slower).
 */
function trustOf(status: CertificateStatus): number {
  switch (status) {
    case 'verified': return TRUST_WEIGHT.verified
    case 'unverified': return TRUST_WEIGHT.unverified
    case 'rejected': return TRUST_WEIGHT.rejected
  }
}

/** Valid on `day`: validFrom ≤ day ≤ validUntil (no validUntil = no expiry). */
export function validOn(certificate: CertificateHeld, day: string): boolean {
  return certificate.validFrom <= day && (certificate.validUntil === null || day <= certificate.validUntil)
}

function implicationCredit(held: string, required: string, strictNational: boolean): number {
  const credit = certificateCredit(held, required, { strictNational })
  return Number.isFinite(credit) ? Math.min(1, Math.max(0, credit)) : 0
}

function heldCredit(certificate: CertificateHeld, implication: number): HeldCredit {
  return {
    certificateId: certificate.id,
    standard: certificate.standard,
    status: certificate.status,
    validUntil: certificate.validUntil,
    implication,
  }
}

function byId(a: CertificateHeld, b: CertificateHeld): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * Credit towards one standard from the certificates valid on the need's deadline and not rejected.
 * Only a full implication (IATF 16949 → ISO 9001) can meet a requirement; a soft edge
 * (ГОСТ Р ЕН 9100-2011 ~ AS9100) still earns partial credit in the score.
 */
export function creditFor(
  standard: string,
  certificates: readonly CertificateHeld[],
  deadline: string,
  strictNational: boolean,
): CertificateCredit {
  return creditFromSorted(standard, sortedById(certificates), deadline, strictNational)
}

/** The certificates in id order (the order every credit is decided in), copied only when not already in it. */
function sortedById(certificates: readonly CertificateHeld[]): readonly CertificateHeld[] {
  for (let i = 1; i < certificates.length; i++) {
    if (byId(certificates[i - 1] as CertificateHeld, certificates[i] as CertificateHeld) > 0) return [...certificates].sort(byId)
  }
  return certificates
}

function creditFromSorted(
  standard: string,
  sorted: readonly CertificateHeld[],
  deadline: string,
  strictNational: boolean,
): CertificateCredit {
  let credit = 0
  let best: HeldCredit | null = null
  let satisfiedBy: HeldCredit | null = null
  let satisfiedTrust = 0
  for (const certificate of sorted) {
    const trust = trustOf(certificate.status)
    if (trust <= 0 || !validOn(certificate, deadline)) continue
    const implication = implicationCredit(certificate.standard, standard, strictNational)
    if (implication <= 0) continue
    if (implication * trust > credit) {
      credit = implication * trust
      best = heldCredit(certificate, implication)
    }
    if (implication >= 1 && trust > satisfiedTrust) {
      satisfiedTrust = trust
      satisfiedBy = heldCredit(certificate, implication)
    }
  }
  return { certificate: standard, credit, best, satisfiedBy }
}

export interface CertificationAssessment {
  value: number
  details: CertificationDetails
  /** Required standards no valid, non-rejected certificate fully satisfies. */
  unmet: string[]
  used: CertificateUsed[]
}

/** Mean credit, 1 for no standards; summed in list order from 0, as a reduce would. */
function meanCredit(credits: readonly CertificateCredit[]): number {
  if (credits.length === 0) return 1
  let sum = 0
  for (const credit of credits) sum += credit.credit
  return sum / credits.length
}

function certificatesUsed(credits: readonly CertificateCredit[], sortedHeld: readonly CertificateHeld[]): CertificateUsed[] {
  const covers = new Map<string, Set<string>>()
  for (const credit of credits) {
    for (const ref of [credit.best, credit.satisfiedBy]) {
      if (ref === null) continue
      const set = covers.get(ref.certificateId) ?? new Set<string>()
      set.add(credit.certificate)
      covers.set(ref.certificateId, set)
    }
  }
  if (covers.size === 0) return []
  return sortedHeld.flatMap((certificate) => {
    const covered = covers.get(certificate.id)
    if (covered === undefined) return []
    return [{
      id: certificate.id,
      standard: certificate.standard,
      status: certificate.status,
      validUntil: certificate.validUntil,
      covers: [...covered].sort(),
    }]
  })
}

/** The need's standards, each once: what assessCertification looks up for every supplier of the need. */
export interface StandardsWanted { required: readonly string[]; preferred: readonly string[] }

export function standardsWanted(need: MatchNeed): StandardsWanted {
  return { required: [...new Set(need.requiredCerts)], preferred: [...new Set(need.preferredCerts)] }
}

export interface StandardsAssessment extends Omit<CertificationAssessment, 'used'> {
  /** The supplier's certificates in id order; left as given when the need names no standard (none is then used). */
  sortedHeld: readonly CertificateHeld[]
}

/**
 * assessCertification for one supplier of a need whose standards were deduplicated once, leaving out the
 * certificates used: a pair evaluation reads those only for the pairs it returns (certificatesUsedBy).
 */
export function assessStandards(
  wanted: StandardsWanted,
  need: MatchNeed,
  certificates: readonly CertificateHeld[],
): StandardsAssessment {
  const sortedHeld = wanted.required.length + wanted.preferred.length > 0 ? sortedById(certificates) : certificates
  const credit = (code: string) => creditFromSorted(code, sortedHeld, need.deadline, need.strictNational)
  const required = wanted.required.map(credit)
  const preferred = wanted.preferred.map(credit)
  const value = REQUIRED_SHARE * meanCredit(required) + PREFERRED_SHARE * meanCredit(preferred)
  return {
    value,
    details: { required, preferred },
    unmet: required.filter((c) => c.satisfiedBy === null).map((c) => c.certificate),
    sortedHeld,
  }
}

/** The `used` list of assessCertification, from an assessStandards result. */
export function certificatesUsedBy(assessment: StandardsAssessment): CertificateUsed[] {
  return certificatesUsed([...assessment.details.required, ...assessment.details.preferred], assessment.sortedHeld)
}

/**
 * Certification factor = REQUIRED_SHARE · mean required credit + PREFERRED_SHARE · mean preferred credit,
 * where an empty list counts as fully met. Each credit is a maximum over held certificates, so adding a
 * certificate never lowers the factor.
 */
export function assessCertification(need: MatchNeed, certificates: readonly CertificateHeld[]): CertificationAssessment {
  const assessed = assessStandards(standardsWanted(need), need, certificates)
  return { value: assessed.value, details: assessed.details, unmet: assessed.unmet, used: certificatesUsedBy(assessed) }
}

type CertificateMiss = Extract<Miss, { constraint: 'certificate' }>['miss']

/** Why a required standard is unmet, for the near-miss record and the certification-gap analytics. */
export function certificateMiss(
  standard: string,
  need: MatchNeed,
  certificates: readonly CertificateHeld[],
): CertificateMiss {
  const softAlternatives = new Set<string>()
  const notValidOnDeadline: CertificateMiss['notValidOnDeadline'] = []
  const rejected = new Set<string>()
  for (const certificate of [...certificates].sort(byId)) {
    const implication = implicationCredit(certificate.standard, standard, need.strictNational)
    if (implication <= 0) continue
    if (implication < 1) {
      if (certificate.status !== 'rejected' && validOn(certificate, need.deadline)) softAlternatives.add(certificate.standard)
    } else if (certificate.status === 'rejected') {
      rejected.add(certificate.standard)
    } else if (!validOn(certificate, need.deadline)) {
      notValidOnDeadline.push({
        standard: certificate.standard,
        validFrom: certificate.validFrom,
        validUntil: certificate.validUntil,
      })
    }
  }
  return {
    certificate: standard,
    softAlternatives: [...softAlternatives].sort(),
    notValidOnDeadline,
    rejected: [...rejected].sort(),
  }
}
