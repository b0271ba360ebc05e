/**
 * `npx tsx scripts/profile-matching.ts [--size 20k] [--needs 100] [--seed 42] [--now 2026-11-22] [--rounds 3] [--loop 0]`
 *
 * Times the pure matching core on generated data held in memory (no PostgreSQL, no Meilisearch):
 * suppliers, sites, capacities and certificates are grouped by organisation exactly as
 * `loadSupplierCandidates` does, needs become `MatchNeed`s as in `toMatchNeed`, and each need is scored
 * against two candidate sets: the suppliers the two retrieval queries would return
 * (`supplierRetrievalQueries`' filters applied in memory), then every supplier sharing one of its processes.
 *
 * Prints µs per candidate supplier for each set: p50 and p95 over needs of each need's best timed pass, and
 * the mean of the first pass (for the first set, on a cold JIT, as `bench:match` measures it). Then a golden
 * hash: SHA-256 of the serialised results of `matchSuppliers` (unlimited and with a limit) and `matchNeeds`,
 * so that an optimisation can be checked for byte-identical output (`--expect <hash>` fails the run on a
 * difference). With the defaults it is d6e1ffc280783c07afbee4c74ae0b9eba249dd1eab1bf58c19e8954f25aa9892, recorded before the core was optimised.
 *
 * For a CPU profile, keep the process busy in the scoring loop for a few seconds:
 *   node --import tsx --cpu-prof --cpu-prof-dir .profile scripts/profile-matching.ts --loop 10 --no-golden
 */
import { createHash } from 'node:crypto'
import { materialFamilyOf, satisfiersOf } from '../src/domain/taxonomy/index.js'
import { ROAD_FACTOR, boundingBox } from '../src/geo/index.js'
import { envelopeOf } from '../src/services/capacities/row.js'
import {
  CANDIDATE_LIMIT, NEAR_MISS_CANDIDATE_LIMIT, NEAR_MISS_DISTANCE_FACTOR,
} from '../src/services/matches/retrieve.js'
import { matchNeeds, matchSuppliers, type MatchNeed, type SupplierCandidate, type Weights } from '../src/matching/index.js'
import { generateDataset, type Dataset } from './data/generate.js'
import { parseNow, parseOptions, parsePositiveInt, parseSeed, parseSize, runCli, UsageError } from './lib/cli.js'
import { percentile, round } from './lib/stats.js'

const USAGE = `Usage: npx tsx scripts/profile-matching.ts [--size 20k] [--needs 100] [--seed 42] [--now YYYY-MM-DD]
                                        [--rounds 3] [--loop SECONDS] [--no-golden] [--expect HASH]

  --size       capacities to generate: 1000…1000000 or 1k…1m (default 20k)
  --needs      published needs to score (default 100)
  --seed       data generator seed (default 42)
  --now        the dataset's today (default 2026-11-22)
  --rounds     timed passes over the needs; each need's time is its best pass (default 3)
  --loop       then keep scoring for this many seconds, for node --cpu-prof (default 0)
  --no-golden  skip the golden-output hash
  --expect     exit 1 unless the golden hash equals this
`

/** Limit used for the second golden pass, to cover the top-k path as the endpoints call it. */
const GOLDEN_LIMIT = 20
/** Suppliers whose `matchNeeds` view goes into the golden hash. */
const GOLDEN_SUPPLIER_VIEWS = 200

interface Options {
  size: number
  needs: number
  seed: number
  now: string
  rounds: number
  loopSeconds: number
  golden: boolean
  expect: string | null
}

function parse(argv: readonly string[]): Options {
  const { values } = parseOptions(argv, {
    size: { type: 'string' },
    needs: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
    rounds: { type: 'string' },
    loop: { type: 'string' },
    'no-golden': { type: 'boolean' },
    expect: { type: 'string' },
  })
  const loop = values.loop ?? '0'
  if (!/^\d+$/.test(loop)) throw new UsageError(`--loop must be a whole number of seconds, got "${loop}"`)
  return {
    size: parseSize(values.size ?? '20k'),
    needs: parsePositiveInt('needs', values.needs ?? '100', 10_000),
    seed: parseSeed(values.seed ?? '42'),
    now: parseNow(values.now ?? '2026-11-22'),
    rounds: parsePositiveInt('rounds', values.rounds ?? '3', 100),
    loopSeconds: Number(loop),
    golden: values['no-golden'] !== true,
    expect: values.expect ?? null,
  }
}

function push<T>(groups: Map<string, T[]>, key: string, value: T): void {
  const group = groups.get(key)
  if (group === undefined) groups.set(key, [value])
  else group.push(value)
}

/** Supplier candidates as `loadSupplierCandidates` builds them from PostgreSQL rows. */
function supplierCandidates(dataset: Dataset): SupplierCandidate[] {
  const clusterIds = new Map<string, string[]>()
  for (const row of dataset.organizationClusters()) push(clusterIds, row.orgId, row.clusterId)
  const sites = new Map<string, SupplierCandidate['sites']>()
  for (const row of dataset.sites()) {
    push(sites, row.orgId, { id: row.id, lat: row.lat, lon: row.lon, regionCode: row.regionCode, clusterIds: clusterIds.get(row.orgId) ?? [] })
  }
  const capacities = new Map<string, SupplierCandidate['capacities']>()
  for (const row of dataset.capacities()) {
    push(capacities, row.orgId, {
      id: row.id,
      siteId: row.siteId,
      processes: row.processes,
      materials: row.materials,
      envelope: row.lengthMm && row.widthMm && row.heightMm && row.massKg
        ? { lengthMm: row.lengthMm, widthMm: row.widthMm, heightMm: row.heightMm, massKg: row.massKg }
        : null,
      itGrade: row.itGrade,
      roughnessRa: row.roughnessRa,
      batchMin: row.batchMin,
      batchMax: row.batchMax,
      freeHours: row.freeHours,
    })
  }
  const certificates = new Map<string, SupplierCandidate['certificates']>()
  for (const row of dataset.certificates()) {
    push(certificates, row.orgId, { id: row.id, standard: row.standard, validFrom: row.validFrom, validUntil: row.validUntil, status: row.status })
  }
  const suppliers: SupplierCandidate[] = []
  for (const org of dataset.organizations()) {
    if (!org.kinds.includes('supplier')) continue
    suppliers.push({
      orgId: org.id,
      name: org.name,
      sites: sites.get(org.id) ?? [],
      capacities: capacities.get(org.id) ?? [],
      certificates: certificates.get(org.id) ?? [],
    })
  }
  return suppliers
}

/** Published needs with a deadline after today, first by id (as the benchmark picks them), as `toMatchNeed` maps them. */
function matchNeedsOf(dataset: Dataset, now: string, count: number): MatchNeed[] {
  const needs: MatchNeed[] = []
  for (const row of dataset.needs()) {
    if (row.status !== 'published' || row.deadline <= now) continue
    needs.push({
      id: row.id,
      processes: row.processes,
      materials: row.materials,
      envelope: envelopeOf(row),
      itGrade: row.itGrade,
      roughnessRa: row.roughnessRa,
      batchSize: row.batchSize,
      quantity: row.quantity,
      machineHours: row.machineHours,
      requiredCerts: row.requiredCerts,
      preferredCerts: row.preferredCerts,
      strictNational: row.strictNational,
      delivery: { lat: row.deliveryLat, lon: row.deliveryLon, regionCode: row.deliveryRegionCode, clusterId: row.clusterId },
      maxDistanceKm: row.maxDistanceKm,
      deadline: row.deadline,
      ...(row.weights ? { weights: row.weights as Partial<Weights> } : {}),
    })
  }
  return needs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, count)
}

/** Suppliers with a capacity listing one of the need's processes: the retrieval's process filter. */
function candidatesFor(need: MatchNeed, byProcess: ReadonlyMap<string, readonly SupplierCandidate[]>): SupplierCandidate[] {
  const seen = new Set<SupplierCandidate>()
  for (const process of need.processes) for (const supplier of byProcess.get(process) ?? []) seen.add(supplier)
  return [...seen]
}

interface IndexedCapacity {
  id: string
  supplier: SupplierCandidate
  processes: readonly string[]
  materialFamilies: ReadonlySet<string>
  /** Standards of the supplier's certificates that are not rejected and not expired today, as the index holds them. */
  certificates: ReadonlySet<string>
  lat: number
  lon: number
}

/** The capacity documents the retrieval filters run on, in id order (Meilisearch's order without a query). */
function capacityIndex(suppliers: readonly SupplierCandidate[], today: string): IndexedCapacity[] {
  const documents: IndexedCapacity[] = []
  for (const supplier of suppliers) {
    const certificates = new Set(supplier.certificates
      .filter((c) => c.status !== 'rejected' && (c.validUntil === null || c.validUntil >= today))
      .map((c) => c.standard))
    const sites = new Map(supplier.sites.map((site) => [site.id, site]))
    for (const capacity of supplier.capacities) {
      const site = sites.get(capacity.siteId)
      if (site === undefined) continue
      const materialFamilies = new Set(capacity.materials.flatMap((m) => materialFamilyOf(m) ?? []))
      documents.push({ id: capacity.id, supplier, processes: capacity.processes, materialFamilies, certificates, lat: site.lat, lon: site.lon })
    }
  }
  return documents.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * The suppliers `retrieveSuppliers` would hand the core: the strict query (processes, certificate closure,
 * material families, distance box; first CANDIDATE_LIMIT hits) and the wide one (processes, 1.5× box;
 * first NEAR_MISS_CANDIDATE_LIMIT hits).
 */
function retrievedFor(need: MatchNeed, index: readonly IndexedCapacity[]): SupplierCandidate[] {
  const box = (factor: number) => need.maxDistanceKm === null
    ? null
    : boundingBox({ lat: need.delivery.lat, lon: need.delivery.lon }, (need.maxDistanceKm * factor) / ROAD_FACTOR)
  const inBox = (doc: IndexedCapacity, b: ReturnType<typeof box>) =>
    b === null || (doc.lat >= b.minLat && doc.lat <= b.maxLat && doc.lon >= b.minLon && doc.lon <= b.maxLon)
  const certificateSets = need.requiredCerts.map((required) => {
    const full = [...satisfiersOf(required, { strictNational: need.strictNational })].filter(([, credit]) => credit >= 1).map(([code]) => code)
    return full.length > 0 ? full : [required]
  })
  const families: ReadonlySet<string> = new Set(need.materials.flatMap((m) => materialFamilyOf(m) ?? []))
  const strictBox = box(1)
  const wideBox = box(NEAR_MISS_DISTANCE_FACTOR)
  const strict: SupplierCandidate[] = []
  const wide: SupplierCandidate[] = []
  for (const doc of index) {
    if (strict.length >= CANDIDATE_LIMIT && wide.length >= NEAR_MISS_CANDIDATE_LIMIT) break
    if (!doc.processes.some((p) => need.processes.includes(p))) continue
    if (wide.length < NEAR_MISS_CANDIDATE_LIMIT && inBox(doc, wideBox)) wide.push(doc.supplier)
    if (strict.length >= CANDIDATE_LIMIT || !inBox(doc, strictBox)) continue
    if (!certificateSets.every((set) => set.some((code) => doc.certificates.has(code)))) continue
    if (families.size > 0 && doc.materialFamilies.size > 0 && ![...doc.materialFamilies].some((f) => families.has(f))) continue
    strict.push(doc.supplier)
  }
  return [...new Set([...strict, ...wide])]
}

function indexByProcess(suppliers: readonly SupplierCandidate[]): Map<string, SupplierCandidate[]> {
  const byProcess = new Map<string, SupplierCandidate[]>()
  for (const supplier of suppliers) {
    const processes = new Set(supplier.capacities.flatMap((c) => c.processes))
    for (const process of processes) push(byProcess, process, supplier)
  }
  return byProcess
}

/** JSON with the few values JSON.stringify would blur (−0, NaN, ±∞) spelled out, so the hash sees every bit. */
function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number') return v
    if (Object.is(v, -0)) return '-0'
    return Number.isFinite(v) ? v : String(v)
  })
}

function goldenHash(needs: readonly MatchNeed[], work: readonly SupplierCandidate[][], suppliers: readonly SupplierCandidate[], now: string) {
  const hash = createHash('sha256')
  const counts = { matches: 0, nearMisses: 0, supplierViews: 0 }
  needs.forEach((need, i) => {
    const candidates = work[i] ?? []
    const all = matchSuppliers(need, candidates, { now })
    counts.matches += all.matches.length
    counts.nearMisses += all.nearMisses.length
    hash.update(serialise(all)).update('\n')
    hash.update(serialise(matchSuppliers(need, candidates, { now, limit: GOLDEN_LIMIT }))).update('\n')
  })
  const step = Math.max(1, Math.floor(suppliers.length / GOLDEN_SUPPLIER_VIEWS))
  for (let i = 0; i < suppliers.length && counts.supplierViews < GOLDEN_SUPPLIER_VIEWS; i += step) {
    const supplier = suppliers[i]
    if (supplier === undefined) continue
    hash.update(serialise(matchNeeds(supplier, needs, { now }))).update('\n')
    counts.supplierViews++
  }
  return { hash: hash.digest('hex'), ...counts }
}

/**
 * µs per candidate: the mean of the first (warm-up) pass over all pairs, which for the first candidate set
 * is measured on a cold JIT as `bench:match` measures it, and per need the best of `rounds` timed passes.
 * Each timed pass scores a fresh copy of the need's candidates, as the recompute path scores suppliers
 * just loaded from PostgreSQL: compact in the young generation rather than scattered over a big old heap.
 */
function timePerCandidate(needs: readonly MatchNeed[], work: readonly SupplierCandidate[][], rounds: number, now: string) {
  let firstPassMs = 0
  needs.forEach((need, i) => {
    const list = structuredClone(work[i] ?? [])
    const started = performance.now()
    matchSuppliers(need, list, { now })
    firstPassMs += performance.now() - started
  })
  const pairs = work.reduce((sum, list) => sum + list.length, 0)
  const firstPassMean = (firstPassMs * 1000) / Math.max(1, pairs)
  const best = needs.map(() => Number.POSITIVE_INFINITY)
  for (let r = 0; r < rounds; r++) {
    needs.forEach((need, i) => {
      const list = structuredClone(work[i] ?? [])
      if (list.length === 0) return
      const started = performance.now()
      matchSuppliers(need, list, { now })
      const usPerCandidate = ((performance.now() - started) * 1000) / list.length
      best[i] = Math.min(best[i] ?? Number.POSITIVE_INFINITY, usPerCandidate)
    })
  }
  return { firstPassMean, bestPerNeed: best.filter(Number.isFinite) }
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2))
  const nowIso = `${options.now}T10:00:00.000Z`
  const dataset = generateDataset({ seed: options.seed, capacities: options.size, now: options.now })
  const suppliers = supplierCandidates(dataset)
  const needs = matchNeedsOf(dataset, options.now, options.needs)
  const byProcess = indexByProcess(suppliers)
  const index = capacityIndex(suppliers, options.now)
  const candidateSets = {
    'retrieved': needs.map((need) => retrievedFor(need, index)),
    'sharing a process': needs.map((need) => candidatesFor(need, byProcess)),
  }
  console.log(`${suppliers.length} suppliers, ${needs.length} needs`)

  for (const [label, work] of Object.entries(candidateSets)) {
    const pairs = work.reduce((sum, list) => sum + list.length, 0)
    const { firstPassMean, bestPerNeed } = timePerCandidate(needs, work, options.rounds, nowIso)
    console.log(`${label}: ${pairs} pairs (${round(pairs / Math.max(1, needs.length), 1)} per need)\n`
      + `  matchSuppliers p50 ${round(percentile(bestPerNeed, 0.5), 2)} µs per candidate, p95 ${round(percentile(bestPerNeed, 0.95), 2)} µs `
      + `(best of ${options.rounds} per need, ${bestPerNeed.length} needs); first pass mean ${round(firstPassMean, 2)} µs`)
  }

  const work = candidateSets['sharing a process']
  if (options.loopSeconds > 0) {
    const until = performance.now() + options.loopSeconds * 1000
    let passes = 0
    while (performance.now() < until) {
      needs.forEach((need, i) => matchSuppliers(need, structuredClone(work[i] ?? []), { now: nowIso }))
      passes++
    }
    console.log(`profiling loop: ${passes} passes over the needs in ${options.loopSeconds} s`)
  }

  if (options.golden) {
    const golden = goldenHash(needs, work, suppliers, nowIso)
    console.log(`golden ${golden.hash} (${golden.matches} matches, ${golden.nearMisses} near misses, ${golden.supplierViews} supplier views)`)
    if (options.expect !== null && options.expect !== golden.hash) {
      console.error(`golden hash differs from the expected ${options.expect}`)
      process.exitCode = 1
    }
  }
}

await runCli(USAGE, main)
