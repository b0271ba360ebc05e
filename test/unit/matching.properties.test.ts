import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  certificateCredit, getProcess, isCertificateCode, isMaterialCode, isProcessCode, materialMatch,
} from '../../src/domain/taxonomy/index.js'
import { roadKm } from '../../src/geo/index.js'
import {
  FACTORS, matchNeedSchema, matchNeeds, matchSuppliers, selectTopK, supplierCandidateSchema,
  type CapacityCandidate, type CertificateHeld, type Envelope, type HardConstraint, type MatchNeed, type ScoredPair,
  type SiteCandidate, type SupplierCandidate,
} from '../../src/matching/index.js'

/* ------------------------------------------------------------------ arbitraries over real taxonomy codes */

const PROCESS_CODES = ['MCH.TURN', 'MCH.MILL3', 'MCH.MILL5', 'WLD.TIG', 'SRF.ANOD', 'QC.NDT']
const MATERIAL_CODES = ['AL_D16', 'AL_V95', 'ALUMINIUM', 'ST_40KH', 'ST_20KH', 'ST_45', 'TI_VT6', 'NI_KHN77TYUR']
const CERTIFICATE_CODES = [
  'ISO9001', 'GOST_R_ISO9001', 'IATF16949', 'GOST_R_58139', 'AS9100', 'GOST_R_EN9100_2011', 'ISO13485', 'ISO14001',
]
const REGIONS = ['16', '73', '63']
const CLUSTERS = ['innokam', 'ulyanovsk-avia']
const NOW = '2026-11-20'

const DAY_MS = 86_400_000
const FIRST_DAY = Date.UTC(2025, 0, 1)
const dayArb = fc.integer({ min: 0, max: 5 * 365 }).map((offset) => new Date(FIRST_DAY + offset * DAY_MS).toISOString().slice(0, 10))
const monthArb = fc.tuple(fc.integer({ min: 2025, max: 2029 }), fc.integer({ min: 1, max: 12 }))
  .map(([year, month]) => `${year}-${String(month).padStart(2, '0')}`)

const size = fc.double({ min: 0, max: 5000, noNaN: true })
const envelopeArb: fc.Arbitrary<Envelope> = fc.record({ lengthMm: size, widthMm: size, heightMm: size, massKg: size })

/** Mostly inside the Volga clusters (so distance limits bite both ways), sometimes anywhere on Earth. */
const pointArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ lat: fc.double({ min: 52, max: 58, noNaN: true }), lon: fc.double({ min: 46, max: 56, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }) }) },
)

const itGradeArb = fc.option(fc.integer({ min: 1, max: 18 }), { nil: null })
const roughnessArb = fc.option(fc.oneof(fc.constantFrom(0.4, 0.8, 1.6, 3.2, 6.3), fc.double({ min: 0.05, max: 50, noNaN: true })), { nil: null })
const countArb = fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: null })
const weightArb = fc.double({ min: 0.05, max: 0.7, noNaN: true })

const needArb: fc.Arbitrary<MatchNeed> = fc.record({
  id: fc.constantFrom('need-a', 'need-b', 'need-c'),
  processes: fc.uniqueArray(fc.constantFrom(...PROCESS_CODES), { minLength: 1, maxLength: 3 }),
  materials: fc.uniqueArray(fc.constantFrom(...MATERIAL_CODES), { maxLength: 2 }),
  envelope: fc.option(envelopeArb, { nil: null }),
  itGrade: itGradeArb,
  roughnessRa: roughnessArb,
  batchSize: countArb,
  quantity: countArb,
  machineHours: fc.option(fc.double({ min: 0, max: 800, noNaN: true }), { nil: null }),
  requiredCerts: fc.uniqueArray(fc.constantFrom(...CERTIFICATE_CODES), { maxLength: 2 }),
  preferredCerts: fc.uniqueArray(fc.constantFrom(...CERTIFICATE_CODES), { maxLength: 2 }),
  strictNational: fc.boolean(),
  delivery: fc.record({
    lat: fc.double({ min: 52, max: 58, noNaN: true }),
    lon: fc.double({ min: 46, max: 56, noNaN: true }),
    regionCode: fc.constantFrom(...REGIONS),
    clusterId: fc.option(fc.constantFrom(...CLUSTERS), { nil: null }),
  }),
  maxDistanceKm: fc.option(fc.double({ min: 0, max: 1500, noNaN: true }), { nil: null }),
  deadline: dayArb,
  weights: fc.option(
    fc.record({ capability: weightArb, certification: weightArb, proximity: weightArb, capacity: weightArb }, { requiredKeys: [] }),
    { nil: undefined },
  ),
})

const siteArb = (id: string): fc.Arbitrary<SiteCandidate> => fc.record({
  id: fc.constant(id),
  lat: pointArb.map((p) => p.lat),
  lon: pointArb.map((p) => p.lon),
  regionCode: fc.constantFrom(...REGIONS),
  clusterIds: fc.uniqueArray(fc.constantFrom(...CLUSTERS), { maxLength: 2 }),
}).chain((site) => pointArb.map((p) => ({ ...site, lat: p.lat, lon: p.lon })))

const capacityArb = (siteIds: readonly string[]): fc.Arbitrary<Omit<CapacityCandidate, 'id'>> => fc.record({
  siteId: fc.constantFrom(...siteIds),
  processes: fc.uniqueArray(fc.constantFrom(...PROCESS_CODES), { minLength: 1, maxLength: 3 }),
  materials: fc.uniqueArray(fc.constantFrom(...MATERIAL_CODES), { maxLength: 3 }),
  envelope: fc.option(envelopeArb, { nil: null }),
  itGrade: itGradeArb,
  roughnessRa: roughnessArb,
  batch: fc.tuple(countArb, countArb),
  freeHours: fc.array(fc.record({ month: monthArb, hours: fc.double({ min: 0, max: 400, noNaN: true }) }), { maxLength: 4 }),
}).map(({ batch: [a, b], ...rest }) => ({
  ...rest,
  batchMin: a !== null && b !== null ? Math.min(a, b) : a,
  batchMax: a !== null && b !== null ? Math.max(a, b) : b,
}))

const certificateArb: fc.Arbitrary<Omit<CertificateHeld, 'id'>> = fc.record({
  standard: fc.constantFrom(...CERTIFICATE_CODES),
  validity: fc.tuple(dayArb, fc.option(dayArb, { nil: null })),
  status: fc.constantFrom('unverified' as const, 'verified' as const, 'rejected' as const),
}).map(({ validity: [from, until], ...rest }) => ({
  ...rest,
  validFrom: until !== null && until < from ? until : from,
  validUntil: until !== null && until < from ? from : until,
}))

const supplierArb = (orgId: string): fc.Arbitrary<SupplierCandidate> => fc.integer({ min: 1, max: 3 }).chain((siteCount) => {
  const siteIds = Array.from({ length: siteCount }, (_, i) => `site-${i}`)
  return fc.record({
    orgId: fc.constant(orgId),
    name: fc.string({ maxLength: 12 }),
    sites: fc.tuple(...siteIds.map(siteArb)),
    capacities: fc.array(capacityArb(siteIds), { maxLength: 4 }).map((list) => list.map((c, i) => ({ ...c, id: `cap-${i}` }))),
    certificates: fc.array(certificateArb, { maxLength: 3 }).map((list) => list.map((c, i) => ({ ...c, id: `cert-${i}` }))),
  })
})

const suppliersArb = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => supplierArb(`org-${String.fromCharCode(97 + i)}`))))

/**
 * Random pairs rarely match, so this moves a random supplier towards a random need, one hard constraint
 * per flag (all flags on: a match; some off: near misses and non-matches), keeping the values random.
 */
function repairTowards(need: MatchNeed, supplier: SupplierCandidate, flags: readonly boolean[], slack: number): [MatchNeed, SupplierCandidate] {
  const [processes, materials, envelope, tolerance, roughness, batch, hours, certificates, distance] = flags
  const template: CapacityCandidate = {
    id: 'cap-0', siteId: supplier.sites[0]?.id ?? 'site-0', processes: [...need.processes], materials: [], envelope: null,
    itGrade: null, roughnessRa: null, batchMin: null, batchMax: null, freeHours: [],
  }
  const base = supplier.capacities.length > 0 ? supplier.capacities : [template]
  const capacities = base.map((capacity, i): CapacityCandidate => {
    const repaired = { ...capacity }
    if (processes) repaired.processes = [...new Set([...capacity.processes, need.processes[i % need.processes.length] ?? 'MCH.TURN'])]
    if (processes && base.length === 1) repaired.processes = [...new Set([...capacity.processes, ...need.processes])]
    if (materials && capacity.materials.length > 0) repaired.materials = [...new Set([...capacity.materials, ...need.materials])]
    if (envelope && need.envelope !== null) {
      const e = need.envelope
      repaired.envelope = { lengthMm: e.lengthMm * slack, widthMm: e.widthMm * slack, heightMm: e.heightMm * slack, massKg: e.massKg * slack }
    }
    if (tolerance && need.itGrade !== null && capacity.itGrade !== null) repaired.itGrade = Math.min(capacity.itGrade, need.itGrade)
    if (roughness && need.roughnessRa !== null && capacity.roughnessRa !== null) repaired.roughnessRa = Math.min(capacity.roughnessRa, need.roughnessRa)
    if (batch) { repaired.batchMin = null; repaired.batchMax = null }
    if (hours) {
      repaired.freeHours = need.deadline.slice(0, 7) >= NOW.slice(0, 7)
        ? [...capacity.freeHours, { month: need.deadline.slice(0, 7), hours: (need.machineHours ?? 0) + 1 }]
        : []
    }
    return repaired
  })
  const held = certificates
    ? [...supplier.certificates, ...need.requiredCerts.map((standard, i): CertificateHeld => ({
      id: `cert-req-${i}`, standard, validFrom: '2020-01-01', validUntil: null, status: 'verified',
    }))]
    : supplier.certificates
  const sites = distance
    ? supplier.sites.map((site, i) => ({ ...site, lat: need.delivery.lat + 0.1 * i * slack, lon: need.delivery.lon }))
    : supplier.sites
  const repairedNeed = distance && need.maxDistanceKm !== null ? { ...need, maxDistanceKm: need.maxDistanceKm + 100 } : need
  return [repairedNeed, { ...supplier, capacities, certificates: held, sites }]
}

const slackArb = fc.double({ min: 1, max: 2, noNaN: true })

/** A need and one supplier moved towards it on every hard constraint: nearly always a match. */
const matchingPairArb = fc.tuple(needArb, supplierArb('org-a'), slackArb)
  .map(([need, supplier, slack]) => repairTowards(need, supplier, Array.from({ length: 9 }, () => true), slack))

/** Each constraint repaired with probability 0.9: about a third of the suppliers match, many miss by one. */
const mostlyTrue = fc.integer({ min: 0, max: 9 }).map((x) => x < 9)

/** A need and several suppliers, each moved towards it on a random subset of the hard constraints. */
const marketArb = fc.tuple(needArb, suppliersArb).chain(([need, suppliers]) =>
  fc.tuple(...suppliers.map(() => fc.tuple(fc.array(mostlyTrue, { minLength: 9, maxLength: 9 }), slackArb))).map((repairs) => {
    const moved = suppliers.map((supplier, i) => {
      const [flags, slack] = repairs[i] ?? [[], 1]
      return repairTowards(need, supplier, flags, slack)[1]
    })
    return [need, moved] as const
  }))

/* ------------------------------------------------------------------ an independent oracle for the hard constraints */

function sortedSides(e: Envelope): number[] {
  return [e.lengthMm, e.widthMm, e.heightMm].sort((a, b) => a - b)
}

function inWindow(month: string, deadline: string): boolean {
  return month >= NOW.slice(0, 7) && month <= deadline.slice(0, 7)
}

/** The hard constraints the reported assignment violates, recomputed from the raw inputs. */
function violations(need: MatchNeed, supplier: SupplierCandidate, pair: ScoredPair): Set<HardConstraint> {
  const violated = new Set<HardConstraint>()
  const capacities = new Map(supplier.capacities.map((c) => [c.id, c]))
  const sites = new Map(supplier.sites.map((s) => [s.id, s]))
  const perProcess = pair.breakdown.capability.details.perProcess
  expect(perProcess.map((p) => p.process)).toEqual([...new Set(need.processes)])

  expect(perProcess.some((fit) => fit.capacityId !== null)).toBe(true)
  for (const fit of perProcess) {
    if (fit.capacityId === null) {
      violated.add('process')
      expect(supplier.capacities.some((c) => c.processes.includes(fit.process) && sites.has(c.siteId))).toBe(false)
      continue
    }
    // Part-level tolerance, roughness and envelope apply to a process when its taxonomy match params name them.
    const params: readonly string[] = getProcess(fit.process)?.params ?? []
    const capacity = capacities.get(fit.capacityId)
    if (capacity === undefined) throw new Error(`unknown capacity ${fit.capacityId}`)
    expect(capacity.processes).toContain(fit.process)
    expect(pair.capacityIds).toContain(capacity.id)
    if (need.materials.length > 0 && capacity.materials.length > 0
      && need.materials.some((m) => materialMatch(m, capacity.materials) === 'none')) violated.add('material')
    if (need.envelope !== null && capacity.envelope !== null && (params.includes('envelope') || params.includes('mass'))) {
      const part = sortedSides(need.envelope)
      const machine = sortedSides(capacity.envelope)
      if (part.some((side, i) => side > (machine[i] ?? 0)) || need.envelope.massKg > capacity.envelope.massKg) violated.add('envelope')
    }
    if (need.itGrade !== null && capacity.itGrade !== null && params.includes('tolerance') && capacity.itGrade > need.itGrade) {
      violated.add('tolerance')
    }
    if (need.roughnessRa !== null && capacity.roughnessRa !== null && params.includes('roughness') && capacity.roughnessRa > need.roughnessRa) {
      violated.add('roughness')
    }
    const batchFails = need.batchSize !== null
      ? (capacity.batchMin !== null && need.batchSize < capacity.batchMin) || (capacity.batchMax !== null && need.batchSize > capacity.batchMax)
      : need.quantity !== null && capacity.batchMin !== null && need.quantity < capacity.batchMin
    if (batchFails) violated.add('batch')
  }

  const used = pair.capacityIds.map((id) => capacities.get(id)).filter((c): c is CapacityCandidate => c !== undefined)
  expect(used).toHaveLength(pair.capacityIds.length)
  if (need.machineHours !== null && need.machineHours > 0 && used.length > 0 && used.every((c) => c.freeHours.length > 0)) {
    const available = used.flatMap((c) => c.freeHours).filter((h) => inWindow(h.month, need.deadline)).reduce((s, h) => s + h.hours, 0)
    if (available < need.machineHours) violated.add('hours')
  }

  for (const required of need.requiredCerts) {
    const met = supplier.certificates.some((held) => held.status !== 'rejected'
      && held.validFrom <= need.deadline && (held.validUntil === null || need.deadline <= held.validUntil)
      && certificateCredit(held.standard, required, { strictNational: need.strictNational }) === 1)
    if (!met) violated.add('certificate')
  }

  const usedSites = used.length > 0 ? used.map((c) => sites.get(c.siteId)) : supplier.sites
  const km = Math.min(...usedSites.map((s) => (s === undefined ? Number.POSITIVE_INFINITY : roadKm(s, need.delivery))))
  if (need.maxDistanceKm !== null && km > need.maxDistanceKm) violated.add('distance')
  return violated
}

function scoreOf(need: MatchNeed, supplier: SupplierCandidate): number | null {
  return matchSuppliers(need, [supplier], { now: NOW }).matches[0]?.score ?? null
}

const isUnit = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1

/* ------------------------------------------------------------------ properties */

describe('matching properties', () => {
  it('the arbitraries use real taxonomy codes and generate only inputs the schemas accept', () => {
    expect(PROCESS_CODES.every(isProcessCode)).toBe(true)
    expect(MATERIAL_CODES.every(isMaterialCode)).toBe(true)
    expect(CERTIFICATE_CODES.every(isCertificateCode)).toBe(true)
    fc.assert(fc.property(needArb, suppliersArb, (need, suppliers) => {
      matchNeedSchema.parse(need)
      for (const supplier of suppliers) supplierCandidateSchema.parse(supplier)
    }))
  })

  it('a match never violates a hard constraint; a near miss violates exactly the one it names', () => {
    let matched = 0
    let missed = 0
    fc.assert(fc.property(fc.oneof(marketArb, fc.tuple(needArb, suppliersArb)), ([need, suppliers]) => {
      const { matches, nearMisses } = matchSuppliers(need, suppliers, { now: NOW })
      const byOrg = new Map(suppliers.map((s) => [s.orgId, s]))
      for (const match of matches) {
        const supplier = byOrg.get(match.orgId)
        if (supplier === undefined) throw new Error('unknown supplier')
        expect([...violations(need, supplier, match)]).toEqual([])
      }
      for (const miss of nearMisses) {
        const supplier = byOrg.get(miss.orgId)
        if (supplier === undefined) throw new Error('unknown supplier')
        expect(matches.some((m) => m.orgId === miss.orgId)).toBe(false)
        expect([...violations(need, supplier, miss)]).toEqual([miss.constraint])
        if (miss.constraint === 'certificate') expect(need.requiredCerts).toContain(miss.miss.certificate)
      }
      matched += matches.length
      missed += nearMisses.length
    }), { numRuns: 400 })
    // The property must not hold vacuously.
    expect(matched).toBeGreaterThan(100)
    expect(missed).toBeGreaterThan(100)
  })

  it('adding a certificate never lowers a supplier’s score', () => {
    fc.assert(fc.property(matchingPairArb, certificateArb, fc.boolean(), ([need, supplier], extra, satisfying) => {
      const added: CertificateHeld = satisfying && need.requiredCerts[0] !== undefined
        ? { id: 'cert-new', standard: need.requiredCerts[0], validFrom: '2020-01-01', validUntil: null, status: 'verified' }
        : { ...extra, id: 'cert-new' }
      const before = scoreOf(need, supplier)
      fc.pre(before !== null)
      const after = scoreOf(need, { ...supplier, certificates: [...supplier.certificates, added] })
      expect(after).not.toBeNull()
      expect(after ?? 0).toBeGreaterThanOrEqual(before ?? 1)
    }), { numRuns: 300 })
  })

  it('moving a site closer never lowers a supplier’s score', () => {
    fc.assert(fc.property(matchingPairArb, fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), ([need, supplier], pick, t) => {
      const index = pick % supplier.sites.length
      const site = supplier.sites[index]
      if (site === undefined) throw new Error('unreachable')
      const moved = { ...site, lat: site.lat + (need.delivery.lat - site.lat) * t, lon: site.lon + (need.delivery.lon - site.lon) * t }
      fc.pre(roadKm(moved, need.delivery) <= roadKm(site, need.delivery))
      const before = scoreOf(need, supplier)
      fc.pre(before !== null)
      const after = scoreOf(need, { ...supplier, sites: supplier.sites.map((s, i) => (i === index ? moved : s)) })
      expect(after).not.toBeNull()
      expect(after ?? 0).toBeGreaterThanOrEqual(before ?? 1)
    }), { numRuns: 300 })
  })

  it('widening a capacity’s envelope never lowers a supplier’s score', () => {
    const growth = fc.double({ min: 1, max: 3, noNaN: true })
    fc.assert(fc.property(matchingPairArb, fc.nat(), fc.tuple(growth, growth, growth, growth), ([need, supplier], pick, [l, w, h, m]) => {
      const index = supplier.capacities.length === 0 ? -1 : pick % supplier.capacities.length
      const capacity = supplier.capacities[index]
      fc.pre(capacity !== undefined && capacity.envelope !== null)
      if (capacity === undefined || capacity.envelope === null) return
      const envelope = capacity.envelope
      const widened = {
        ...capacity,
        envelope: { lengthMm: envelope.lengthMm * l, widthMm: envelope.widthMm * w, heightMm: envelope.heightMm * h, massKg: envelope.massKg * m },
      }
      const before = scoreOf(need, supplier)
      fc.pre(before !== null)
      const after = scoreOf(need, { ...supplier, capacities: supplier.capacities.map((c, i) => (i === index ? widened : c)) })
      expect(after).not.toBeNull()
      expect(after ?? 0).toBeGreaterThanOrEqual(before ?? 1)
    }), { numRuns: 300 })
  })

  it('results are deterministic, independent of input order, and every score and factor is finite in [0, 1]', () => {
    fc.assert(fc.property(marketArb, ([need, suppliers]) => {
      const first = matchSuppliers(need, suppliers, { now: NOW })
      expect(matchSuppliers(need, suppliers, { now: NOW })).toEqual(first)
      expect(matchSuppliers(need, [...suppliers].reverse(), { now: NOW })).toEqual(first)
      for (const result of [...first.matches, ...first.nearMisses]) {
        expect(isUnit(result.score)).toBe(true)
        for (const factor of FACTORS) expect(isUnit(result.breakdown[factor].value)).toBe(true)
        expect(result.distanceKm === null || Number.isFinite(result.distanceKm)).toBe(true)
      }
    }), { numRuns: 200 })
  })

  it('the supplier view scores each pair exactly as the buyer view does', () => {
    fc.assert(fc.property(fc.array(needArb, { minLength: 1, maxLength: 3 }), supplierArb('org-a'), (rawNeeds, supplier) => {
      const needs = rawNeeds.map((need, i) => ({ ...need, id: `need-${i}` }))
      const view = matchNeeds(supplier, needs, { now: NOW })
      for (const need of needs) {
        const direct = matchSuppliers(need, [supplier], { now: NOW })
        expect(view.matches.find((m) => m.needId === need.id)?.score).toBe(direct.matches[0]?.score)
        expect(view.nearMisses.find((m) => m.needId === need.id)?.constraint).toBe(direct.nearMisses[0]?.constraint)
      }
    }), { numRuns: 100 })
  })
})

describe('fast paths of the pair evaluation', () => {
  /** A required standard no supplier can hold: not in the catalogue, so nothing implies it. */
  const UNHELD = 'UNHELD_STANDARD'

  it('scoring many suppliers for one need gives each exactly the record it gets alone', () => {
    // matchSuppliers works out the need's share once for all suppliers; nothing may leak from one to the next.
    fc.assert(fc.property(marketArb, ([need, suppliers]) => {
      const together = matchSuppliers(need, suppliers, { now: NOW })
      for (const supplier of suppliers) {
        const alone = matchSuppliers(need, [supplier], { now: NOW })
        expect(together.matches.filter((m) => m.orgId === supplier.orgId)).toEqual(alone.matches)
        expect(together.nearMisses.filter((m) => m.orgId === supplier.orgId)).toEqual(alone.nearMisses)
      }
    }), { numRuns: 200 })
  })

  it('one more unmet required standard turns matches into certificate near misses and drops every near miss', () => {
    // With two standards unmet the evaluation stops before assessing capacities; the general rule (a near miss
    // fails exactly one hard constraint) must still decide the outcome.
    let matched = 0
    fc.assert(fc.property(marketArb, ([need, suppliers]) => {
      const before = matchSuppliers(need, suppliers, { now: NOW })
      const after = matchSuppliers({ ...need, requiredCerts: [...need.requiredCerts, UNHELD] }, suppliers, { now: NOW })
      expect(after.matches).toEqual([])
      expect(after.nearMisses.map((m) => m.orgId).sort()).toEqual(before.matches.map((m) => m.orgId).sort())
      for (const miss of after.nearMisses) {
        expect(miss.constraint).toBe('certificate')
        if (miss.constraint === 'certificate') expect(miss.miss.certificate).toBe(UNHELD)
      }
      matched += before.matches.length
    }), { numRuns: 300 })
    expect(matched).toBeGreaterThan(50)
  })

  it('the order of a supplier’s sites, capacities and certificates does not change its record', () => {
    // Certificates already in id order are not copied and sorted again; capacities are located by a scan.
    const permutation = fc.array(fc.nat(), { maxLength: 8 })
    const permute = <T>(items: readonly T[], keys: readonly number[]) =>
      items.map((item, i) => ({ item, key: keys[i] ?? i })).sort((a, b) => a.key - b.key).map(({ item }) => item)
    fc.assert(fc.property(marketArb, permutation, permutation, permutation, ([need, suppliers], a, b, c) => {
      const shuffled = suppliers.map((supplier) => ({
        ...supplier,
        sites: permute(supplier.sites, a),
        capacities: permute(supplier.capacities, b),
        certificates: permute(supplier.certificates, c),
      }))
      expect(matchSuppliers(need, shuffled, { now: NOW })).toEqual(matchSuppliers(need, suppliers, { now: NOW }))
    }), { numRuns: 200 })
  })
})

describe('bounded top-k selection', () => {
  it('equals the top k of a stable full sort, ties included', () => {
    const item = fc.record({ key: fc.integer({ min: 0, max: 5 }), tag: fc.nat() })
    fc.assert(fc.property(fc.array(item, { maxLength: 60 }), fc.nat({ max: 70 }), (items, k) => {
      const byKeyDesc = (a: { key: number }, b: { key: number }) => b.key - a.key
      expect(selectTopK(items, k, byKeyDesc)).toEqual([...items].sort(byKeyDesc).slice(0, k))
    }), { numRuns: 500 })
  })

  it('matchSuppliers with a limit returns the head of the unlimited ranking', () => {
    fc.assert(fc.property(marketArb, fc.nat({ max: 7 }), ([need, suppliers], k) => {
      const all = matchSuppliers(need, suppliers, { now: NOW })
      const limited = matchSuppliers(need, suppliers, { now: NOW, limit: k })
      expect(limited.matches).toEqual(all.matches.slice(0, k))
      expect(limited.nearMisses).toEqual(all.nearMisses.slice(0, k))
    }), { numRuns: 200 })
  })
})
