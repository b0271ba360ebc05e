import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { capacityInputSchema } from '../../src/domain/capacity.js'
import { certificateInputSchema } from '../../src/domain/certificate.js'
import { clusterInputSchema } from '../../src/domain/cluster.js'
import { isValidInn, isValidOgrn } from '../../src/domain/inn.js'
import { needInputSchema } from '../../src/domain/need.js'
import { organizationInputSchema } from '../../src/domain/organization.js'
import { siteInputSchema } from '../../src/domain/site.js'
import { getCertificate, getMaterial, isProcessCode } from '../../src/domain/taxonomy/index.js'
import { greatCircleKm } from '../../src/geo/index.js'
import { ID_PATTERN } from '../../src/lib/ids.js'
import { CAPACITY_KINDS, type CapacityKind } from '../../scripts/data/archetypes.js'
import { CLUSTERS, SECTOR_PRIORS, type PriorKey } from '../../scripts/data/clusters.js'
import { type Dataset, generateDataset } from '../../scripts/data/generate.js'
import { PARTS } from '../../scripts/data/parts.js'
import { createRandom, hashSeed } from '../../scripts/data/random.js'
import { entrepreneurInn, entrepreneurOgrn, legalEntityInn, legalEntityOgrn } from '../../scripts/data/requisites.js'

const NOW = '2026-11-22'
const TABLES = ['clusters', 'organizations', 'organizationClusters', 'sites', 'certificates', 'capacities', 'needs'] as const
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function take<T>(rows: Iterable<T>, count: number): T[] {
  const taken: T[] = []
  for (const row of rows) {
    if (taken.length === count) break
    taken.push(row)
  }
  return taken
}

function rowsOf(dataset: Dataset, table: (typeof TABLES)[number]): Iterable<unknown> {
  return dataset[table]()
}

function firstRows(dataset: Dataset, count: number): string {
  return JSON.stringify(TABLES.map((table) => take(rowsOf(dataset, table), count)))
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

function hoursInMonth(month: string): number {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number)
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate() * 24
}

describe('random', () => {
  it('replays the same stream for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed)
      return [random.next(), random.int(1, 6), random.gaussian(), random.pick(['a', 'b', 'c']), random.sample([1, 2, 3, 4, 5], 3)]
    }
    expect(draw(7)).toEqual(draw(7))
    expect(draw(7)).not.toEqual(draw(8))
    expect(hashSeed(1, 'capacities', 2)).not.toBe(hashSeed(1, 'capacities', 3))
  })

  it('keeps helpers in range', () => {
    const random = createRandom(1)
    for (let i = 0; i < 10_000; i++) {
      const value = random.int(-3, 3)
      expect(value).toBeGreaterThanOrEqual(-3)
      expect(value).toBeLessThanOrEqual(3)
      expect(random.next()).toBeLessThan(1)
    }
    expect(new Set(random.sample([1, 2, 3, 4, 5], 5)).size).toBe(5)
    expect(random.weightedSample([['a', 1], ['b', 0.001]], 2).sort()).toEqual(['a', 'b'])
  })
})

describe('requisites', () => {
  it('makes checksum-valid, distinct ИНН and ОГРН from sequence numbers', () => {
    const inns = new Set<string>()
    const ogrns = new Set<string>()
    for (let sequence = 0; sequence < 5000; sequence++) {
      const region = sequence % 2 === 0 ? '16' : '77'
      for (const inn of [legalEntityInn(region, sequence), entrepreneurInn(region, sequence)]) {
        expect(isValidInn(inn), inn).toBe(true)
        inns.add(inn)
      }
      for (const ogrn of [legalEntityOgrn(region, sequence, 2010), entrepreneurOgrn(region, sequence, 2015)]) {
        expect(isValidOgrn(ogrn), ogrn).toBe(true)
        ogrns.add(ogrn)
      }
    }
    expect(inns.size).toBe(10_000)
    expect(ogrns.size).toBe(10_000)
  })
})

describe('catalogues', () => {
  const kinds = Object.values(CAPACITY_KINDS) as CapacityKind[]

  it('use real taxonomy codes only', () => {
    for (const kind of kinds) for (const process of [...kind.processes, ...(kind.optional ?? [])]) expect(isProcessCode(process), process).toBe(true)
    for (const prior of Object.values(SECTOR_PRIORS)) {
      for (const [process] of prior.processes) expect(isProcessCode(process), process).toBe(true)
      for (const code of prior.materials) expect(getMaterial(code), code).toBeDefined()
      const certRules = [prior.needCerts, ...(prior.weldingCerts ? [prior.weldingCerts] : [])]
      const certCodes = [
        ...certRules.flatMap((rule) => [...rule.required.flatMap(([codes]) => codes), ...rule.preferred]),
        ...prior.supplierCerts.flatMap((rule) => rule.codes.map(([code]) => code)),
      ]
      for (const code of certCodes) expect(getCertificate(code), code).toBeDefined()
    }
    for (const part of Object.values(PARTS).flat()) {
      for (const process of part.routing) expect(isProcessCode(process), process).toBe(true)
      for (const code of part.materials) expect(getMaterial(code), code).toBeDefined()
    }
  })

  it('have a part for every process a sector asks for, and a machine that takes it', () => {
    for (const [prior, data] of Object.entries(SECTOR_PRIORS) as [PriorKey, (typeof SECTOR_PRIORS)[PriorKey]][]) {
      for (const [process] of data.processes) {
        const parts = PARTS[prior].filter((part) => part.routing[0] === process)
        expect(parts.length, `${prior} ${process}`).toBeGreaterThan(0)
        for (const part of parts) {
          const partSize = [...part.size].sort((a, b) => b - a)
          const fits = kinds
            .filter((kind) => [...kind.processes, ...(kind.optional ?? [])].includes(process))
            .flatMap((kind) => kind.models)
            .some((model) => {
              const machine = [...model.size].sort((a, b) => b - a)
              return partSize.every((mm, i) => mm <= (machine[i] ?? 0)) && part.massKg <= model.massKg
            })
          expect(fits, `${prior}: ${part.ru}`).toBe(true)
        }
      }
    }
  })
})

describe('generateDataset', () => {
  it('replays byte-identical rows for the same seed and now, and other rows for another seed', () => {
    const options = { seed: 42, capacities: 3000, now: NOW }
    const a = generateDataset(options)
    const b = generateDataset(options)
    expect(firstRows(a, 50)).toBe(firstRows(b, 50))
    expect(firstRows(a, 50)).toBe(firstRows(a, 50))
    expect(JSON.stringify([...a.capacities()])).toBe(JSON.stringify([...b.capacities()]))
    const other = generateDataset({ ...options, seed: 43 })
    for (const table of ['organizations', 'sites', 'certificates', 'capacities', 'needs'] as const) {
      expect(JSON.stringify(take(rowsOf(other, table), 50)), table).not.toBe(JSON.stringify(take(rowsOf(a, table), 50)))
    }
  })

  it('refuses nonsense options', () => {
    expect(() => generateDataset({ seed: -1, capacities: 10, now: NOW })).toThrow(RangeError)
    expect(() => generateDataset({ seed: 1, capacities: 0, now: NOW })).toThrow(RangeError)
    expect(() => generateDataset({ seed: 1, capacities: 1.5, now: NOW })).toThrow(RangeError)
    expect(() => generateDataset({ seed: 1, capacities: 10, now: '2026-02-30' })).toThrow(RangeError)
  })

  it('scales suppliers, contractors and needs from the capacity count', () => {
    const { plan } = generateDataset({ seed: 5, capacities: 70_000, now: NOW })
    expect(plan.capacities).toBe(70_000)
    expect(plan.suppliers).toBeGreaterThan(70_000 / 4)
    expect(plan.suppliers).toBeLessThan(70_000 / 3)
    expect(plan.contractors).toBe(100)
    expect(plan.needs).toBe(500)
    expect(plan.centres).toBe(21)
    expect(generateDataset({ seed: 5, capacities: 1000, now: NOW }).plan.contractors).toBeGreaterThanOrEqual(20)
  })

  describe('every row passes the domain checks', () => {
    const dataset = generateDataset({ seed: 2026, capacities: 20_000, now: NOW })
    const clusters = [...dataset.clusters()]
    const organizations = [...dataset.organizations()]
    const memberships = [...dataset.organizationClusters()]
    const sites = [...dataset.sites()]
    const certificates = [...dataset.certificates()]
    const capacities = [...dataset.capacities()]
    const needs = [...dataset.needs()]
    const orgById = new Map(organizations.map((org) => [org.id, org]))
    const siteById = new Map(sites.map((site) => [site.id, site]))
    const clusterById = new Map(CLUSTERS.map((cluster) => [cluster.id, cluster]))

    it('has the planned number of rows and unique ids', () => {
      expect(clusters).toHaveLength(20)
      expect(organizations).toHaveLength(dataset.plan.centres + dataset.plan.contractors + dataset.plan.suppliers)
      expect(capacities).toHaveLength(20_000)
      expect(needs).toHaveLength(dataset.plan.needs)
      for (const rows of [clusters, organizations, sites, certificates, capacities, needs]) {
        const ids = rows.map((row) => row.id)
        expect(new Set(ids).size).toBe(ids.length)
        for (const id of ids) expect(id).toMatch(ID_PATTERN)
      }
    })

    it('clusters match the cluster input schema', () => {
      for (const { id: _, ...cluster } of clusters) clusterInputSchema.parse(cluster)
    })

    it('organizations have valid, unique ИНН/ОГРН and pass the organization schema', () => {
      const clusterIds = new Map<string, string[]>()
      for (const { orgId, clusterId } of memberships) clusterIds.set(orgId, [...(clusterIds.get(orgId) ?? []), clusterId])
      for (const { id, verification: _, ...org } of organizations) {
        organizationInputSchema.parse({ ...org, clusterIds: clusterIds.get(id) ?? [] })
        expect(isValidInn(org.inn), org.inn).toBe(true)
        expect(org.ogrn !== null && isValidOgrn(org.ogrn), org.ogrn ?? 'null').toBe(true)
      }
      expect(new Set(organizations.map((org) => org.inn)).size).toBe(organizations.length)
      expect(new Set(organizations.map((org) => org.ogrn)).size).toBe(organizations.length)
      const kinds = organizations.map((org) => org.kinds[0])
      expect(kinds.filter((kind) => kind === 'centre')).toHaveLength(21)
      expect(organizations.filter((org) => org.name.startsWith('ИП ')).every((org) => org.inn.length === 12 && org.smeSize === 'micro')).toBe(true)
    })

    it('memberships point at existing organizations and clusters, once each', () => {
      for (const { orgId, clusterId } of memberships) {
        expect(orgById.has(orgId)).toBe(true)
        expect(clusterById.has(clusterId)).toBe(true)
      }
      expect(new Set(memberships.map((m) => `${m.orgId} ${m.clusterId}`)).size).toBe(memberships.length)
      expect(new Set(memberships.map((m) => m.orgId)).size).toBe(organizations.length)
    })

    it('sites lie around their cluster cities: ≥ 95 % of supplier sites within 100 km', () => {
      const citiesOf = new Map<string, { lat: number; lon: number }[]>()
      for (const { orgId, clusterId } of memberships) {
        citiesOf.set(orgId, [...(citiesOf.get(orgId) ?? []), ...(clusterById.get(clusterId)?.cities ?? [])])
      }
      let supplierSites = 0
      let near = 0
      for (const site of sites) {
        siteInputSchema.parse({ name: site.name, address: site.address, lat: site.lat, lon: site.lon })
        expect(orgById.has(site.orgId)).toBe(true)
        expect(site.lat).toBeGreaterThan(40)
        expect(site.lat).toBeLessThan(70)
        expect(site.lon).toBeGreaterThan(20)
        expect(site.lon).toBeLessThan(180)
        if (!orgById.get(site.orgId)?.kinds.includes('supplier')) continue
        supplierSites++
        const km = Math.min(...(citiesOf.get(site.orgId) ?? []).map((city) => greatCircleKm(site, city)))
        if (km <= 100) near++
        expect(km).toBeLessThan(300)
      }
      expect(near / supplierSites).toBeGreaterThanOrEqual(0.95)
      expect(near).toBeLessThan(supplierSites)
    })

    it('certificates are real standards with ordered validity, some expired, some unverified, a few rejected', () => {
      for (const certificate of certificates) {
        const { standard, number, issuer, validFrom, validUntil, scope } = certificate
        certificateInputSchema.parse({ standard, number, issuer, validFrom, validUntil, scope })
        expect(orgById.get(certificate.orgId)?.kinds).toContain('supplier')
        expect(certificate.statusChangedAt === null).toBe(certificate.status === 'unverified')
        expect(certificate.statusReason === null).toBe(certificate.status !== 'rejected')
        if (certificate.statusChangedAt) expect(certificate.statusChangedAt.slice(0, 10) <= NOW).toBe(true)
      }
      const share = (predicate: (c: (typeof certificates)[number]) => boolean) => certificates.filter(predicate).length / certificates.length
      expect(share((c) => c.validUntil !== null && c.validUntil < NOW)).toBeGreaterThan(0.03)
      expect(share((c) => c.validUntil !== null && c.validUntil >= NOW && c.validUntil < addDays(NOW, 270))).toBeGreaterThan(0.05)
      expect(share((c) => c.status === 'unverified')).toBeGreaterThan(0.4)
      expect(share((c) => c.status === 'verified')).toBeGreaterThan(0.3)
      expect(share((c) => c.status === 'rejected')).toBeGreaterThan(0.01)
      const standards = new Set(certificates.map((c) => c.standard))
      for (const code of ['ISO9001', 'IATF16949', 'GOST_R_58139', 'AS9100', 'RMRS_SPI', 'NAKS_TECH', 'GOST_RV_0015_002']) expect(standards).toContain(code)
    })

    it('capacities pass the capacity schema and belong to a site of their supplier', () => {
      let withFreeHours = 0
      for (const capacity of capacities) {
        const { lengthMm, widthMm, heightMm, massKg } = capacity
        const envelope = lengthMm === null || widthMm === null || heightMm === null || massKg === null ? null : { lengthMm, widthMm, heightMm, massKg }
        expect([lengthMm, widthMm, heightMm, massKg].every((value) => value === null) || envelope !== null).toBe(true)
        capacityInputSchema.parse({
          siteId: capacity.siteId, title: capacity.title, processes: capacity.processes, equipment: capacity.equipment,
          materials: capacity.materials, envelope, itGrade: capacity.itGrade, roughnessRa: capacity.roughnessRa,
          batchMin: capacity.batchMin, batchMax: capacity.batchMax, freeHours: capacity.freeHours,
          leadTimeDays: capacity.leadTimeDays, descriptionRu: capacity.descriptionRu, descriptionEn: capacity.descriptionEn,
        })
        for (const code of capacity.materials) expect(getMaterial(code), code).toBeDefined()
        if (capacity.batchMin !== null && capacity.batchMax !== null) expect(capacity.batchMin).toBeLessThanOrEqual(capacity.batchMax)
        for (const { month, hours } of capacity.freeHours) {
          expect(month >= NOW.slice(0, 7)).toBe(true)
          expect(hours).toBeLessThanOrEqual(hoursInMonth(month))
        }
        if (capacity.freeHours.length > 0) withFreeHours++
        expect(orgById.get(capacity.orgId)?.kinds).toContain('supplier')
        expect(siteById.get(capacity.siteId)?.orgId).toBe(capacity.orgId)
      }
      expect(withFreeHours / capacities.length).toBeGreaterThan(0.6)
      expect(withFreeHours / capacities.length).toBeLessThan(0.8)
      const perSupplier = new Map<string, number>()
      for (const { orgId } of capacities) perSupplier.set(orgId, (perSupplier.get(orgId) ?? 0) + 1)
      for (const count of perSupplier.values()) expect(count).toBeGreaterThanOrEqual(1)
      for (const count of perSupplier.values()) expect(count).toBeLessThanOrEqual(6)
    })

    it('five-axis milling holds IT6–IT8 at Ra 0.8–1.6 and plasma IT12–IT14', () => {
      for (const capacity of capacities) {
        if (capacity.processes[0] === 'MCH.MILL5') {
          expect(capacity.itGrade).toBeGreaterThanOrEqual(6)
          expect(capacity.itGrade).toBeLessThanOrEqual(8)
          expect([0.8, 1.6]).toContain(capacity.roughnessRa)
        }
        if (capacity.processes[0] === 'SHT.PLASMA') {
          expect(capacity.itGrade).toBeGreaterThanOrEqual(12)
          expect(capacity.itGrade).toBeLessThanOrEqual(14)
        }
      }
    })

    it('needs pass the need schema, come from contractors and are due 1–9 months out', () => {
      for (const need of needs) {
        const { lengthMm, widthMm, heightMm, massKg } = need
        needInputSchema.parse({
          title: need.title, description: need.description, processes: need.processes, materials: need.materials,
          envelope: lengthMm && widthMm && heightMm && massKg ? { lengthMm, widthMm, heightMm, massKg } : null,
          itGrade: need.itGrade, roughnessRa: need.roughnessRa, quantity: need.quantity, batchSize: need.batchSize,
          machineHours: need.machineHours, requiredCerts: need.requiredCerts, preferredCerts: need.preferredCerts,
          strictNational: need.strictNational,
          delivery: { address: need.deliveryAddress, lat: need.deliveryLat, lon: need.deliveryLon },
          maxDistanceKm: need.maxDistanceKm, deadline: need.deadline, visibility: need.visibility,
          clusterId: need.clusterId, weights: need.weights,
        })
        expect(need.processes.length).toBeGreaterThanOrEqual(1)
        expect(need.processes.length).toBeLessThanOrEqual(3)
        expect(need.requiredCerts.filter((code) => need.preferredCerts.includes(code))).toEqual([])
        expect(orgById.get(need.orgId)?.kinds).toContain('contractor')
        expect(need.deadline > addDays(NOW, 27)).toBe(true)
        expect(need.deadline <= addDays(NOW, 275)).toBe(true)
        expect(need.maxDistanceKm === null || (need.maxDistanceKm >= 150 && need.maxDistanceKm <= 1500)).toBe(true)
        expect(need.publishedAt === null).toBe(need.status === 'draft')
        if (need.publishedAt) expect(need.publishedAt.slice(0, 10) <= NOW).toBe(true)
        expect(clusterById.has(need.clusterId ?? '')).toBe(true)
      }
      expect(needs.filter((need) => need.status === 'published').length / needs.length).toBeGreaterThan(0.7)
      expect(needs.filter((need) => need.visibility === 'public').length / needs.length).toBeGreaterThan(0.7)
      expect(needs.some((need) => need.status === 'draft')).toBe(true)
      expect(needs.some((need) => need.requiredCerts.includes('IATF16949') || need.requiredCerts.includes('GOST_R_58139'))).toBe(true)
    })
  })

  it('streams 200k capacities with bounded heap growth', () => {
    // heapUsed counts garbage not yet collected, which V8 lets pile up when the heap is already large; collecting at
    // each checkpoint measures what the generator really retains.
    v8.setFlagsFromString('--expose-gc')
    const collectGarbage = vm.runInNewContext('gc') as () => void
    const dataset = generateDataset({ seed: 9, capacities: 200_000, now: NOW })
    collectGarbage()
    const before = process.memoryUsage().heapUsed
    let peak = before
    let rows = 0
    let lastId = ''
    let generating = 0
    let started = performance.now()
    for (const capacity of dataset.capacities()) {
      rows++
      lastId = capacity.id
      if (rows % 50_000 === 0) {
        generating += performance.now() - started
        collectGarbage()
        peak = Math.max(peak, process.memoryUsage().heapUsed)
        started = performance.now()
      }
    }
    generating += performance.now() - started
    const growthMb = (peak - before) / 1e6
    console.log(`generated ${rows} capacities in ${(generating / 1000).toFixed(1)} s: ${Math.round(rows / (generating / 1000))} rows/s, retained heap growth ${growthMb.toFixed(1)} MB`)
    expect(rows).toBe(200_000)
    expect(lastId).toMatch(ID_PATTERN)
    expect(growthMb).toBeLessThan(200)
  })

  it('keeps ИНН unique across 300k capacities’ organizations', () => {
    const inns = new Set<string>()
    let count = 0
    for (const org of generateDataset({ seed: 3, capacities: 300_000, now: NOW }).organizations()) {
      inns.add(org.inn)
      count++
    }
    expect(inns.size).toBe(count)
  })
})

describe('scripts/generate.ts', () => {
  const run = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/generate.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })

  it('exits 2 with the usage on nonsense arguments', () => {
    for (const args of [['--size', '-5'], ['--size', '0'], ['--size', '5m'], ['--seed', 'abc'], ['--now', '2026-13-01'], ['--colour', 'red']]) {
      const result = run(...args)
      expect(result.status, args.join(' ')).toBe(2)
      expect(result.stderr).toContain('Usage: npx tsx scripts/generate.ts')
      expect(result.stdout).toBe('')
    }
  }, 120_000)

  it('prints a summary without a database', () => {
    const result = run('--size', '1k', '--seed', '1', '--now', NOW)
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Rows per table')
    expect(result.stdout).toMatch(/capacities\s+1000/)
  }, 60_000)
})
