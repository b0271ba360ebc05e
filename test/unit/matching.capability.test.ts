import { describe, expect, it } from 'vitest'
import {
  UNDECLARED_HOURS_SCORE, envelopeFit, envelopeUtilisation, hoursWindow, matchSuppliers, roughnessFit, toleranceFit,
  type MatchNeed, type SupplierCandidate,
} from '../../src/matching/index.js'
import { NOW, makeCapacity, makeNeed, makeSite, makeSupplier, near } from '../fixtures/judged/builders.js'

function run(need: MatchNeed, ...suppliers: SupplierCandidate[]) {
  return matchSuppliers(need, suppliers, { now: NOW })
}

function onlyMatch(need: MatchNeed, supplier: SupplierCandidate) {
  const { matches } = run(need, supplier)
  expect(matches).toHaveLength(1)
  const [match] = matches
  if (match === undefined) throw new Error('unreachable')
  return match
}

function onlyNearMiss(need: MatchNeed, supplier: SupplierCandidate) {
  const { matches, nearMisses } = run(need, supplier)
  expect(matches).toHaveLength(0)
  expect(nearMisses).toHaveLength(1)
  const [miss] = nearMisses
  if (miss === undefined) throw new Error('unreachable')
  return miss
}

describe('capability: process coverage', () => {
  const need = makeNeed({ processes: ['MCH.MILL5', 'SRF.ANOD', 'QC.NDT'], materials: ['AL_D16'] })

  it('covers the processes with several capacities across two sites', () => {
    const supplier = makeSupplier({
      sites: [makeSite({ id: 'machining', ...near('ulyanovsk') }), makeSite({ id: 'finishing', ...near('ulyanovsk', 8, 5) })],
      capacities: [
        makeCapacity({ id: 'dmu-65', siteId: 'machining', processes: ['MCH.MILL5', 'QC.NDT'], materials: ['AL_D16'] }),
        makeCapacity({ id: 'anod-line', siteId: 'finishing', processes: ['SRF.ANOD'], materials: ['ALUMINIUM'] }),
      ],
    })
    const match = onlyMatch(makeNeed({ ...need, delivery: { ...near('ulyanovsk'), clusterId: null } }), supplier)
    expect(match.capacityIds).toEqual(['anod-line', 'dmu-65'])
    expect(match.breakdown.capability.details.processesCovered).toBe(3)
    expect(match.breakdown.capability.details.perProcess.map((p) => p.capacityId)).toEqual(['dmu-65', 'anod-line', 'dmu-65'])
    expect(match.explanation.ru).toContain('покрывает 3 из 3 операций')
    expect(match.explanation.en).toContain('covers 3 of 3 operations')
  })

  it('is a near miss naming the missing processes when one is not offered at all', () => {
    const supplier = makeSupplier({
      capacities: [makeCapacity({ processes: ['MCH.MILL5'], materials: ['AL_D16'] })],
    })
    const miss = onlyNearMiss(need, supplier)
    expect(miss.constraint).toBe('process')
    expect(miss.miss).toEqual({ missingProcesses: ['SRF.ANOD', 'QC.NDT'] })
    expect(miss.breakdown.capability.details.processesCovered).toBe(1)
    expect(miss.message.ru).toContain('Анодирование')
  })

  it('picks for each process the capacity that passes the other checks', () => {
    const supplier = makeSupplier({
      capacities: [
        makeCapacity({ id: 'old-lathe', processes: ['MCH.TURN'], itGrade: 11 }),
        makeCapacity({ id: 'cnc-lathe', processes: ['MCH.TURN'], itGrade: 7 }),
      ],
    })
    const match = onlyMatch(makeNeed({ processes: ['MCH.TURN'], itGrade: 8 }), supplier)
    expect(match.capacityIds).toEqual(['cnc-lathe'])
  })

  it('does not list a supplier offering none of the processes, not even as a near miss', () => {
    const supplier = makeSupplier({ capacities: [makeCapacity({ processes: ['PLS.INJ'] })] })
    expect(run(need, supplier)).toEqual({ matches: [], nearMisses: [] })
  })

  it('ignores a capacity whose site the supplier did not give', () => {
    const supplier = makeSupplier({ capacities: [makeCapacity({ siteId: 'nowhere' })] })
    expect(run(makeNeed(), supplier)).toEqual({ matches: [], nearMisses: [] })
  })

  it('judges each process only on the part requirements that apply to it', () => {
    const housing = makeNeed({ processes: ['CST.HPDC', 'MCH.MILL3'], materials: ['AL_AK12'], itGrade: 9, roughnessRa: 3.2 })
    const supplier = makeSupplier({
      capacities: [
        makeCapacity({ id: 'die-casting', processes: ['CST.HPDC'], materials: ['AL_AK12'], itGrade: 13 }),
        makeCapacity({ id: 'cnc', processes: ['MCH.MILL3'], materials: ['AL_AK12'], itGrade: 8, roughnessRa: 1.6 }),
      ],
    })
    const match = onlyMatch(housing, supplier)
    const [casting, milling] = match.breakdown.capability.details.perProcess
    expect(casting).toMatchObject({ capacityId: 'die-casting', toleranceMargin: null, unstated: [] })
    expect(milling).toMatchObject({ capacityId: 'cnc', toleranceMargin: 1 })
    expect(match.explanation.ru).not.toContain('не указаны:')
  })
})

describe('capability: material', () => {
  const need = makeNeed({ processes: ['MCH.MILL5'], materials: ['AL_D16'] })
  const withMaterials = (materials: string[]) => makeSupplier({ capacities: [makeCapacity({ processes: ['MCH.MILL5'], materials })] })

  it('scores the exact grade above the same family', () => {
    const grade = onlyMatch(need, withMaterials(['AL_D16']))
    const family = onlyMatch(need, withMaterials(['AL_V95']))
    expect(grade.breakdown.capability.details.perProcess[0]?.material).toBe('grade')
    expect(family.breakdown.capability.details.perProcess[0]?.material).toBe('family')
    expect(grade.breakdown.capability.value).toBeGreaterThan(family.breakdown.capability.value)
  })

  it('fails hard when the family is not worked', () => {
    const miss = onlyNearMiss(need, withMaterials(['TI_VT6', 'ST_45']))
    expect(miss.constraint).toBe('material')
    expect(miss.miss).toEqual({ required: ['AL_D16'], processes: ['MCH.MILL5'] })
    expect(miss.message.ru).toBe('не работает с материалом Д16')
  })

  it('skips the check when the need names no material', () => {
    onlyMatch(makeNeed({ processes: ['MCH.MILL5'] }), withMaterials(['TI_VT6']))
  })

  it('accepts a capacity that states no materials, with less credit than a stated grade', () => {
    const unstated = onlyMatch(need, withMaterials([]))
    expect(unstated.breakdown.capability.details.perProcess[0]?.material).toBe('unstated')
    expect(unstated.score).toBeLessThan(onlyMatch(need, withMaterials(['AL_D16'])).score)
  })
})

describe('capability: envelope', () => {
  const machine = { lengthMm: 500, widthMm: 120, heightMm: 60, massKg: 200 }
  const supplier = makeSupplier({ capacities: [makeCapacity({ envelope: machine })] })

  it('compares sorted dimensions, so orientation does not matter', () => {
    expect(envelopeUtilisation({ lengthMm: 50, widthMm: 400, heightMm: 100, massKg: 10 }, machine)).toBeCloseTo(0.8333, 3)
    onlyMatch(makeNeed({ envelope: { lengthMm: 50, widthMm: 400, heightMm: 100, massKg: 10 } }), supplier)
    onlyMatch(makeNeed({ envelope: { lengthMm: 100, widthMm: 50, heightMm: 400, massKg: 10 } }), supplier)
  })

  it('fails when a sorted side or the mass exceeds the machine', () => {
    const tooThick = onlyNearMiss(makeNeed({ envelope: { lengthMm: 70, widthMm: 400, heightMm: 100, massKg: 10 } }), supplier)
    expect(tooThick.constraint).toBe('envelope')
    expect(tooThick.miss).toMatchObject({ offered: machine, processes: ['MCH.TURN'] })
    expect(tooThick.message.ru).toContain('не помещается')
    const tooHeavy = onlyNearMiss(makeNeed({ envelope: { lengthMm: 50, widthMm: 50, heightMm: 50, massKg: 250 } }), supplier)
    expect(tooHeavy.constraint).toBe('envelope')
  })

  it('rewards headroom: comfortable up to 80 % of the work zone, tight towards 100 %', () => {
    expect(envelopeFit(0.5)).toBe(1)
    expect(envelopeFit(0.8)).toBe(1)
    expect(envelopeFit(1)).toBeCloseTo(0.7)
    expect(envelopeFit(0.9)).toBeGreaterThan(envelopeFit(0.95))
  })
})

describe('capability: tolerance and roughness', () => {
  const need = makeNeed({ itGrade: 7, roughnessRa: 1.6 })
  const capacity = (itGrade: number | null, roughnessRa: number | null) =>
    makeSupplier({ capacities: [makeCapacity({ itGrade, roughnessRa })] })

  it('accepts a grade at least as fine as required and prefers margin', () => {
    const atLimit = onlyMatch(need, capacity(7, 1.6))
    const finer = onlyMatch(need, capacity(6, 0.8))
    expect(finer.breakdown.capability.value).toBeGreaterThan(atLimit.breakdown.capability.value)
    expect(toleranceFit(0)).toBeCloseTo(0.8)
    expect(toleranceFit(2)).toBe(1)
  })

  it('rejects a coarser IT grade with the machine-readable miss', () => {
    const miss = onlyNearMiss(need, capacity(9, 0.8))
    expect(miss.constraint).toBe('tolerance')
    expect(miss.miss).toEqual({ required: 7, offered: 9, processes: ['MCH.TURN'] })
    expect(miss.message).toEqual({ ru: 'IT9 грубее требуемого IT7', en: 'IT9 is coarser than the required IT7' })
  })

  it('rejects a rougher Ra', () => {
    const miss = onlyNearMiss(need, capacity(7, 3.2))
    expect(miss.constraint).toBe('roughness')
    expect(miss.miss).toEqual({ required: 1.6, offered: 3.2, processes: ['MCH.TURN'] })
    expect(miss.message.ru).toBe('Ra 3,2 грубее требуемой Ra 1,6')
    expect(roughnessFit(1)).toBe(1)
  })

  it('does not fail a capacity that states no tolerance, but scores it lower and says so', () => {
    const unstated = onlyMatch(need, capacity(null, null))
    expect(unstated.score).toBeLessThan(onlyMatch(need, capacity(7, 1.6)).score)
    expect(unstated.explanation.ru).toContain('не указаны: точность, шероховатость')
  })
})

describe('capability: batch', () => {
  const supplier = makeSupplier({ capacities: [makeCapacity({ batchMin: 100, batchMax: 1000 })] })

  it('accepts a batch inside [batchMin, batchMax] and rejects one outside', () => {
    onlyMatch(makeNeed({ batchSize: 500 }), supplier)
    const small = onlyNearMiss(makeNeed({ batchSize: 50 }), supplier)
    expect(small.constraint).toBe('batch')
    expect(small.miss).toEqual({ required: 50, min: 100, max: 1000, processes: ['MCH.TURN'] })
    expect(small.message.ru).toBe('партия 50 шт. вне диапазона 100–1000 шт.')
    expect(onlyNearMiss(makeNeed({ batchSize: 5000 }), supplier).constraint).toBe('batch')
  })

  it('checks a total quantity without a batch size only against the minimum lot', () => {
    expect(onlyNearMiss(makeNeed({ quantity: 50 }), supplier).constraint).toBe('batch')
    onlyMatch(makeNeed({ quantity: 50_000 }), supplier)
  })

  it('checks a one-sided range', () => {
    const minOnly = makeSupplier({ capacities: [makeCapacity({ batchMin: 1000, batchMax: null })] })
    expect(onlyNearMiss(makeNeed({ batchSize: 10 }), minOnly).constraint).toBe('batch')
    onlyMatch(makeNeed({ batchSize: 10 }), makeSupplier())
  })
})

describe('capability: free hours before the deadline', () => {
  const need = makeNeed({ processes: ['MCH.TURN', 'MCH.MILL3'], machineHours: 100, deadline: '2027-01-15' })
  const hours = (entries: Record<string, number>) => Object.entries(entries).map(([month, h]) => ({ month, hours: h }))

  it('counts the months from now through the deadline month', () => {
    expect(hoursWindow('2026-11-20T10:00:00+03:00', '2027-01-15')).toEqual({ fromMonth: '2026-11', toMonth: '2027-01' })
  })

  it('fails when every capacity used declared hours and they fall short; months outside the window do not count', () => {
    const supplier = makeSupplier({
      capacities: [makeCapacity({
        processes: ['MCH.TURN', 'MCH.MILL3'],
        freeHours: hours({ '2026-10': 500, '2026-11': 60, '2027-01': 30, '2027-02': 500 }),
      })],
    })
    const miss = onlyNearMiss(need, supplier)
    expect(miss.constraint).toBe('hours')
    expect(miss.miss).toEqual({ requiredHours: 100, availableHours: 90, fromMonth: '2026-11', toMonth: '2027-01' })
    expect(miss.message.ru).toBe('свободно 90 ч за 2026-11…2027-01, нужно 100 ч')
  })

  it('sums the hours across the capacities used', () => {
    const supplier = makeSupplier({
      capacities: [
        makeCapacity({ id: 'lathe', processes: ['MCH.TURN'], freeHours: hours({ '2026-12': 60 }) }),
        makeCapacity({ id: 'mill', processes: ['MCH.MILL3'], freeHours: hours({ '2027-01': 50 }) }),
      ],
    })
    const match = onlyMatch(need, supplier)
    expect(match.breakdown.capacity.details).toMatchObject({ availableHours: 110, declared: 'all', requiredHours: 100 })
    expect(match.explanation.ru).toContain('свободно 110 ч до срока (нужно 100 ч)')
  })

  it('does not fail undeclared hours but scores them below declared sufficient hours', () => {
    const undeclared = onlyMatch(need, makeSupplier({ capacities: [makeCapacity({ processes: ['MCH.TURN', 'MCH.MILL3'] })] }))
    expect(undeclared.breakdown.capacity.value).toBe(UNDECLARED_HOURS_SCORE)
    const declared = onlyMatch(need, makeSupplier({
      capacities: [makeCapacity({ processes: ['MCH.TURN', 'MCH.MILL3'], freeHours: hours({ '2026-12': 150 }) })],
    }))
    expect(declared.score).toBeGreaterThan(undeclared.score)
  })

  it('does not fail when only some capacities used declared hours', () => {
    const supplier = makeSupplier({
      capacities: [
        makeCapacity({ id: 'lathe', processes: ['MCH.TURN'], freeHours: hours({ '2026-12': 20 }) }),
        makeCapacity({ id: 'mill', processes: ['MCH.MILL3'] }),
      ],
    })
    expect(onlyMatch(need, supplier).breakdown.capacity.details.declared).toBe('partial')
  })

  it('prefers the capacity with free hours to spare over a marginally finer one that is nearly booked', () => {
    const supplier = makeSupplier({
      capacities: [
        makeCapacity({ id: 'fine-but-busy', itGrade: 6, freeHours: hours({ '2026-12': 100 }) }),
        makeCapacity({ id: 'free', itGrade: 7, freeHours: hours({ '2026-12': 300 }) }),
      ],
    })
    const match = onlyMatch(makeNeed({ machineHours: 100, deadline: '2027-01-15', itGrade: 8 }), supplier)
    expect(match.capacityIds).toEqual(['free'])
  })

  it('uses a second capacity when the first alone lacks the hours', () => {
    const supplier = makeSupplier({
      capacities: [
        makeCapacity({ id: 'lathe-a', processes: ['MCH.TURN', 'MCH.MILL3'], freeHours: hours({ '2026-12': 70 }) }),
        makeCapacity({ id: 'lathe-b', processes: ['MCH.TURN', 'MCH.MILL3'], freeHours: hours({ '2026-12': 40 }) }),
      ],
    })
    expect(onlyMatch(need, supplier).capacityIds).toEqual(['lathe-a', 'lathe-b'])
  })
})
