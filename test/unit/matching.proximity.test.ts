import { describe, expect, it } from 'vitest'
import { roadKm } from '../../src/geo/index.js'
import {
  HALF_DISTANCE_KM, SAME_CLUSTER_BONUS, SAME_REGION_BONUS, distanceDecay, matchSuppliers, proximityScore,
} from '../../src/matching/index.js'
import { CITY, NOW, makeCapacity, makeNeed, makeSite, makeSupplier, near } from '../fixtures/judged/builders.js'

describe('proximity: decay with road distance', () => {
  it('is 1 at the door, half at the half-distance, a quarter at twice it', () => {
    expect(HALF_DISTANCE_KM).toBe(150)
    expect(distanceDecay(0)).toBe(1)
    expect(distanceDecay(HALF_DISTANCE_KM)).toBeCloseTo(0.5, 12)
    expect(distanceDecay(2 * HALF_DISTANCE_KM)).toBeCloseTo(0.25, 12)
    expect(distanceDecay(100)).toBeGreaterThan(distanceDecay(101))
  })

  it('uses great-circle distance times the road factor', () => {
    const need = makeNeed({ delivery: { ...CITY.naberezhnyeChelny, clusterId: null } })
    const supplier = makeSupplier({ sites: [makeSite({ ...CITY.kazan })] })
    const [match] = matchSuppliers(need, [supplier], { now: NOW }).matches
    const km = roadKm(CITY.kazan, CITY.naberezhnyeChelny)
    expect(match?.distanceKm).toBe(Math.round(km))
    expect(match?.breakdown.proximity.details.decay).toBeCloseTo(distanceDecay(km))
  })
})

describe('proximity: cluster and region bonuses', () => {
  it('fill part of the headroom the distance leaves, so the score stays ≤ 1', () => {
    const decay = distanceDecay(HALF_DISTANCE_KM)
    expect(proximityScore(HALF_DISTANCE_KM, false, false)).toBeCloseTo(0.5)
    expect(proximityScore(HALF_DISTANCE_KM, false, true)).toBeCloseTo(decay + (1 - decay) * SAME_REGION_BONUS)
    expect(proximityScore(HALF_DISTANCE_KM, true, false)).toBeCloseTo(decay + (1 - decay) * SAME_CLUSTER_BONUS)
    expect(proximityScore(HALF_DISTANCE_KM, true, true)).toBeCloseTo(decay + (1 - decay) * (SAME_CLUSTER_BONUS + SAME_REGION_BONUS))
    expect(proximityScore(0, true, true)).toBe(1)
    expect(proximityScore(10_000, true, true)).toBeLessThanOrEqual(1)
    expect(SAME_CLUSTER_BONUS).toBeGreaterThan(SAME_REGION_BONUS)
  })

  it('ranks a cluster member above an equally distant outsider', () => {
    const need = makeNeed({ delivery: { ...CITY.naberezhnyeChelny, clusterId: 'innokam' } })
    const member = makeSupplier({ orgId: 'member', sites: [makeSite({ ...near('naberezhnyeChelny', 30), clusterIds: ['innokam'] })] })
    const outsider = makeSupplier({ orgId: 'outsider', sites: [makeSite({ ...near('naberezhnyeChelny', 30), regionCode: '18' })] })
    const { matches } = matchSuppliers(need, [outsider, member], { now: NOW })
    expect(matches.map((m) => m.orgId)).toEqual(['member', 'outsider'])
    expect(matches[0]?.breakdown.proximity.details).toMatchObject({ sameCluster: true, sameRegion: true })
    expect(matches[0]?.explanation.ru).toContain('39 км, тот же кластер') // 30 km as the crow flies × road factor 1.3
  })
})

describe('proximity: sites used and the hard distance limit', () => {
  it('measures from the nearest site among those of the capacities used', () => {
    const need = makeNeed({ processes: ['WLD.SAW'], delivery: { ...CITY.severodvinsk, clusterId: null } })
    const supplier = makeSupplier({
      sites: [makeSite({ id: 'office', ...CITY.severodvinsk }), makeSite({ id: 'yard', ...CITY.stPetersburg })],
      capacities: [makeCapacity({ siteId: 'yard', processes: ['WLD.SAW'] })],
    })
    const [match] = matchSuppliers(need, [supplier], { now: NOW }).matches
    expect(match?.breakdown.proximity.details.nearestSiteId).toBe('yard')
    expect(match?.distanceKm).toBe(Math.round(roadKm(CITY.stPetersburg, CITY.severodvinsk)))
  })

  it('treats the need’s max distance as hard, comparing road km', () => {
    const need = makeNeed({ maxDistanceKm: 300 })
    const farAway = makeSupplier({ sites: [makeSite({ ...CITY.ulyanovsk })] })
    const { matches, nearMisses } = matchSuppliers(need, [farAway], { now: NOW })
    const km = roadKm(CITY.ulyanovsk, CITY.naberezhnyeChelny)
    expect(km).toBeGreaterThan(300)
    expect(matches).toHaveLength(0)
    expect(nearMisses[0]?.constraint).toBe('distance')
    expect(nearMisses[0]?.miss).toEqual({ maxKm: 300, km: Math.ceil(km) })
    expect(nearMisses[0]?.message).toEqual({ ru: `${Math.ceil(km)} км > 300 км`, en: `${Math.ceil(km)} km > 300 km` })
    expect(matchSuppliers({ ...need, maxDistanceKm: 400 }, [farAway], { now: NOW }).matches).toHaveLength(1)
  })

  it('uses the near site when both sites can do the work', () => {
    const need = makeNeed({ maxDistanceKm: 100 })
    const supplier = makeSupplier({
      sites: [makeSite({ id: 'far', ...CITY.ulyanovsk }), makeSite({ id: 'near', ...near('naberezhnyeChelny', 10) })],
      capacities: [
        makeCapacity({ id: 'far-lathe', siteId: 'far', itGrade: 6 }),
        makeCapacity({ id: 'near-lathe', siteId: 'near', itGrade: 8 }),
      ],
    })
    const [match] = matchSuppliers(need, [supplier], { now: NOW }).matches
    expect(match?.capacityIds).toEqual(['near-lathe'])
  })
})
