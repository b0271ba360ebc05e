import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_WEIGHTS, FACTORS, WEIGHT_BOUNDS, matchNeeds, matchNeedSchema, matchSuppliers, resolveWeights, selectTopK,
  supplierCandidateSchema, weightsOverrideSchema,
} from '../../src/matching/index.js'
import {
  CITY, NOW, makeCapacity, makeCertificate, makeNeed, makeSite, makeSupplier, near,
} from '../fixtures/judged/builders.js'

describe('weights', () => {
  it('defaults sum to 1 and sit inside the bounds', () => {
    const sum = FACTORS.reduce((s, f) => s + DEFAULT_WEIGHTS[f], 0)
    expect(sum).toBeCloseTo(1, 12)
    for (const factor of FACTORS) {
      expect(DEFAULT_WEIGHTS[factor]).toBeGreaterThanOrEqual(WEIGHT_BOUNDS.min)
      expect(DEFAULT_WEIGHTS[factor]).toBeLessThanOrEqual(WEIGHT_BOUNDS.max)
    }
  })

  it('the override schema accepts weights within the bounds and rejects the rest', () => {
    expect(weightsOverrideSchema.safeParse({ proximity: 0.05, capability: 0.7 }).success).toBe(true)
    expect(weightsOverrideSchema.safeParse({}).success).toBe(true)
    expect(weightsOverrideSchema.safeParse({ proximity: 0.04 }).success).toBe(false)
    expect(weightsOverrideSchema.safeParse({ capability: 0.71 }).success).toBe(false)
    expect(weightsOverrideSchema.safeParse({ capacity: Number.NaN }).success).toBe(false)
    expect(weightsOverrideSchema.safeParse({ price: 0.3 }).success).toBe(false)
  })

  it('resolveWeights merges with the defaults and renormalises to 1', () => {
    expect(resolveWeights()).toEqual(DEFAULT_WEIGHTS)
    const shifted = resolveWeights({ proximity: 0.6 })
    expect(FACTORS.reduce((s, f) => s + shifted[f], 0)).toBeCloseTo(1, 12)
    expect(shifted.proximity).toBeCloseTo(0.6 / 1.4)
    expect(shifted.capability / shifted.capacity).toBeCloseTo(DEFAULT_WEIGHTS.capability / DEFAULT_WEIGHTS.capacity)
    expect(() => resolveWeights({ proximity: 0.9 })).toThrow()
  })

  it('a need shifting weight to proximity prefers the nearer, weaker supplier', () => {
    const need = makeNeed({ itGrade: 9, roughnessRa: 3.2, materials: ['ST_40KH'] })
    const near10 = makeSupplier({
      orgId: 'near', sites: [makeSite({ ...near('naberezhnyeChelny', 10) })],
      capacities: [makeCapacity({ itGrade: 9, materials: ['ST_20KH'] })],
    })
    const far = makeSupplier({
      orgId: 'far', sites: [makeSite({ ...CITY.nizhnekamsk })],
      capacities: [makeCapacity({ itGrade: 6, roughnessRa: 0.8, materials: ['ST_40KH'] })],
    })
    const byDefault = matchSuppliers(need, [near10, far], { now: NOW }).matches.map((m) => m.orgId)
    const byProximity = matchSuppliers({ ...need, weights: { proximity: 0.7, capability: 0.05 } }, [near10, far], { now: NOW })
      .matches.map((m) => m.orgId)
    expect(byDefault).toEqual(['far', 'near'])
    expect(byProximity).toEqual(['near', 'far'])
  })
})

describe('ranking', () => {
  it('is score desc, then distance asc, then orgId asc', () => {
    const need = makeNeed()
    const at = (orgId: string, northKm: number) => makeSupplier({ orgId, sites: [makeSite({ ...near('naberezhnyeChelny', northKm) })] })
    const { matches } = matchSuppliers(need, [at('b', 0), at('c', 40), at('a', 0), at('d', 40)], { now: NOW })
    expect(matches.map((m) => m.orgId)).toEqual(['a', 'b', 'c', 'd'])
    expect(matches[0]?.score).toBe(matches[1]?.score)
  })

  it('limit keeps the best k matches and the best k near misses', () => {
    const need = makeNeed({ maxDistanceKm: 100 })
    const suppliers = Array.from({ length: 12 }, (_, i) =>
      makeSupplier({ orgId: `s${String(i).padStart(2, '0')}`, sites: [makeSite({ ...near('naberezhnyeChelny', i * 15) })] }))
    const all = matchSuppliers(need, suppliers, { now: NOW })
    const top3 = matchSuppliers(need, suppliers, { now: NOW, limit: 3 })
    expect(top3.matches).toEqual(all.matches.slice(0, 3))
    expect(top3.nearMisses).toEqual(all.nearMisses.slice(0, 3))
    expect(all.matches.length + all.nearMisses.length).toBe(12)
    expect(() => matchSuppliers(need, suppliers, { now: NOW, limit: -1 })).toThrow(RangeError)
  })

  it('selectTopK equals the head of a stable full sort', () => {
    const items = [5, 3, 9, 3, 1, 9, 7, 2]
    const desc = (a: number, b: number) => b - a
    for (let k = 0; k <= items.length + 1; k++) expect(selectTopK(items, k, desc)).toEqual([...items].sort(desc).slice(0, k))
  })
})

describe('near misses', () => {
  const need = makeNeed({ itGrade: 7, requiredCerts: ['IATF16949'], maxDistanceKm: 300 })
  const good = { capacities: [makeCapacity({ itGrade: 7 })], certificates: [makeCertificate({ standard: 'IATF16949' })] }

  it('lists suppliers failing exactly one hard constraint, scored as if it were waived', () => {
    const coarse = makeSupplier({ ...good, orgId: 'coarse', capacities: [makeCapacity({ itGrade: 9 })] })
    const uncertified = makeSupplier({ ...good, orgId: 'uncertified', certificates: [makeCertificate({ standard: 'ISO9001' })] })
    const far = makeSupplier({ ...good, orgId: 'far', sites: [makeSite({ ...CITY.samara })] })
    const twoFailures = makeSupplier({ orgId: 'two', capacities: [makeCapacity({ itGrade: 9 })], certificates: [] })
    const { matches, nearMisses } = matchSuppliers(need, [coarse, uncertified, far, twoFailures], { now: NOW })
    expect(matches).toHaveLength(0)
    expect(Object.fromEntries(nearMisses.map((m) => [m.orgId, m.constraint]))).toEqual({
      coarse: 'tolerance', uncertified: 'certificate', far: 'distance',
    })
    const byOrg = Object.fromEntries(nearMisses.map((m) => [m.orgId, m]))
    expect(byOrg.uncertified?.miss).toMatchObject({ certificate: 'IATF16949' })
    expect(byOrg.uncertified?.message.ru).toBe('нет действующего IATF 16949')
    for (const miss of nearMisses) {
      expect(miss.score).toBeGreaterThan(0)
      expect(miss.score).toBeLessThanOrEqual(1)
    }
  })
})

describe('explanations', () => {
  it('say coverage, certificates with validity and distance in Russian and English', () => {
    const need = makeNeed({
      processes: ['STP.PROG', 'WLD.RES', 'SRF.PAINT'], materials: ['ST_08PS'], requiredCerts: ['IATF16949'],
      delivery: { ...CITY.naberezhnyeChelny, clusterId: 'innokam' },
    })
    const supplier = makeSupplier({
      sites: [makeSite({ ...near('naberezhnyeChelny', 50, 40), clusterIds: ['innokam'] })],
      capacities: [makeCapacity({ processes: ['STP.PROG', 'WLD.RES', 'SRF.PAINT'], materials: ['ST_08PS'] })],
      certificates: [makeCertificate({ standard: 'IATF16949', validUntil: '2027-03-15' })],
    })
    const [match] = matchSuppliers(need, [supplier], { now: NOW }).matches
    expect(match?.explanation.ru).toMatch(/^покрывает 3 из 3 операций; работает с 08пс; IATF 16949 действителен до 2027-03; \d+ км, тот же кластер; свободные часы не указаны$/)
    expect(match?.explanation.en).toMatch(/^covers 3 of 3 operations; works 08пс; IATF 16949 valid until 2027-03; \d+ km, same cluster; free hours not declared$/)
    expect(match?.breakdown.capability.details.perProcess).toHaveLength(3)
    expect(match?.weights).toEqual(DEFAULT_WEIGHTS)
  })
})

describe('supplier view', () => {
  it('ranks needs for a supplier with the same evaluation', () => {
    const supplier = makeSupplier({
      sites: [makeSite({ ...near('ulyanovsk', 5) })],
      capacities: [makeCapacity({ processes: ['MCH.MILL5'], materials: ['AL_D16'], itGrade: 7 })],
      certificates: [makeCertificate({ standard: 'AS9100' })],
    })
    const aviastar = makeNeed({
      id: 'aviastar-bracket', processes: ['MCH.MILL5'], materials: ['AL_D16'], itGrade: 8, requiredCerts: ['AS9100'],
      delivery: { ...CITY.ulyanovsk, clusterId: 'ulyanovsk-avia' },
    })
    const kazan = makeNeed({ ...aviastar, id: 'kaz-rib', delivery: { ...CITY.kazan, clusterId: null } })
    const precise = makeNeed({ ...aviastar, id: 'odk-blisk', itGrade: 5 })
    const { matches, nearMisses } = matchNeeds(supplier, [kazan, precise, aviastar], { now: NOW })
    expect(matches.map((m) => m.needId)).toEqual(['aviastar-bracket', 'kaz-rib'])
    expect(nearMisses.map((m) => [m.needId, m.constraint])).toEqual([['odk-blisk', 'tolerance']])
    const direct = matchSuppliers(aviastar, [supplier], { now: NOW }).matches[0]
    expect(matches[0]?.score).toBe(direct?.score)
    expect(matches[0]?.breakdown).toEqual(direct?.breakdown)
  })
})

describe('inputs', () => {
  it('the builders produce inputs the schemas accept', () => {
    expect(matchNeedSchema.safeParse(makeNeed()).success).toBe(true)
    expect(supplierCandidateSchema.safeParse(makeSupplier()).success).toBe(true)
    expect(supplierCandidateSchema.safeParse(makeSupplier({ capacities: [makeCapacity({ siteId: 'nowhere' })] })).success).toBe(false)
    expect(matchNeedSchema.safeParse(makeNeed({ weights: { capacity: 0.9 } })).success).toBe(false)
  })

  it('reject a malformed now', () => {
    expect(() => matchSuppliers(makeNeed(), [makeSupplier()], { now: '20.11.2026' })).toThrow(RangeError)
  })
})

describe('purity', () => {
  it('no source file of the matching core reads the clock', () => {
    const dir = join(import.meta.dirname, '../../src/matching')
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(5)
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8')
      expect(source, file).not.toContain('Date.now(')
      expect(source, file).not.toContain('new Date()')
    }
  })
})
