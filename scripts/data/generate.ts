/**
 * A realistic, deterministic, streaming dataset: every table is a generator that can be replayed on its own.
 * Each record draws from its own seeded stream (random.ts), so the same seed and `now` give byte-identical rows,
 * and rows that point at each other (a capacity's site, a need's delivery site) derive the ids they need instead of
 * remembering them. The only state kept across a whole run is one byte per supplier: how many capacities it has.
 */
import { type GeoPrecision, getSubject, greatCircleKm } from '../../src/geo/index.js'
import { type MaterialFamilyCode, getMaterial } from '../../src/domain/taxonomy/index.js'
import {
  ARCHETYPES,
  CAPACITY_KINDS,
  type ArchetypeKey,
  type CapacityKind,
  type CapacityKindKey,
  type MachineModel,
  familiesForProcess,
  kindsOffering,
} from './archetypes.js'
import {
  CENTRE_REGIONS,
  CLUSTERS,
  REGION_GENITIVE,
  SECTOR_PRIORS,
  type Anchor,
  type ClusterCity,
  type ClusterData,
  type PriorKey,
  type Sector,
  type SectorPrior,
  type SupplierCertRule,
  priorOf,
} from './clusters.js'
import { syntheticId } from './ids.js'
import * as text from './names.js'
import { PARTS, type Part } from './parts.js'
import { type Random, type Weighted, streamFor } from './random.js'
import { MAX_ORGANIZATIONS, entrepreneurInn, entrepreneurOgrn, legalEntityInn, legalEntityOgrn } from './requisites.js'

export interface DatasetOptions {
  seed: number
  /** Number of capacity rows; suppliers, contractors and needs scale from it. */
  capacities: number
  /** 'YYYY-MM-DD': the dataset's today. Validity dates, free hours and deadlines are relative to it. */
  now: string
  /** Contractors to generate; by default one per anchor plant, more for large datasets. */
  contractors?: number
}

export type SmeSize = 'micro' | 'small' | 'medium'

export interface ClusterRow {
  id: string
  nameRu: string
  nameEn: string
  sector: Sector
  regionCodes: string[]
  lat: number
  lon: number
}

export interface OrganizationRow {
  id: string
  name: string
  inn: string
  ogrn: string | null
  kinds: ('contractor' | 'supplier' | 'centre')[]
  smeSize: SmeSize | 'large' | null
  verification: 'unverified' | 'verified'
  description: string
  website: string | null
}

export interface OrganizationClusterRow {
  orgId: string
  clusterId: string
}

export interface SiteRow {
  id: string
  orgId: string
  name: string
  address: string
  city: string | null
  regionCode: string
  lat: number
  lon: number
  precision: GeoPrecision
}

export interface CertificateRow {
  id: string
  orgId: string
  standard: string
  number: string
  issuer: string
  validFrom: string
  validUntil: string | null
  scope: string
  status: 'unverified' | 'verified' | 'rejected'
  statusReason: string | null
  /** ISO timestamp of the curator's decision; null while unverified. */
  statusChangedAt: string | null
}

export interface FreeHours {
  month: string
  hours: number
}

export interface CapacityRow {
  id: string
  orgId: string
  siteId: string
  title: string
  processes: string[]
  equipment: string
  materials: string[]
  lengthMm: number | null
  widthMm: number | null
  heightMm: number | null
  massKg: number | null
  itGrade: number | null
  roughnessRa: number | null
  batchMin: number | null
  batchMax: number | null
  freeHours: FreeHours[]
  leadTimeDays: number | null
  descriptionRu: string
  descriptionEn: string
}

export interface NeedRow {
  id: string
  orgId: string
  title: string
  description: string
  processes: string[]
  materials: string[]
  lengthMm: number | null
  widthMm: number | null
  heightMm: number | null
  massKg: number | null
  itGrade: number | null
  roughnessRa: number | null
  quantity: number | null
  batchSize: number | null
  machineHours: number | null
  requiredCerts: string[]
  preferredCerts: string[]
  strictNational: boolean
  deliveryAddress: string
  deliveryCity: string | null
  deliveryRegionCode: string
  deliveryLat: number
  deliveryLon: number
  deliveryPrecision: GeoPrecision
  maxDistanceKm: number | null
  deadline: string
  visibility: 'public' | 'cluster' | 'invited'
  status: 'draft' | 'submitted' | 'published' | 'closed' | 'cancelled'
  clusterId: string | null
  weights: Record<string, number> | null
  /** ISO timestamp; null for drafts. */
  publishedAt: string | null
}

export interface DatasetPlan {
  clusters: number
  centres: number
  contractors: number
  suppliers: number
  capacities: number
  needs: number
}

export interface Dataset {
  readonly options: Readonly<DatasetOptions>
  readonly plan: Readonly<DatasetPlan>
  clusters(): Generator<ClusterRow>
  organizations(): Generator<OrganizationRow>
  organizationClusters(): Generator<OrganizationClusterRow>
  sites(): Generator<SiteRow>
  certificates(): Generator<CertificateRow>
  capacities(): Generator<CapacityRow>
  needs(): Generator<NeedRow>
}

export const MAX_CAPACITIES = 5_000_000
const DAY_MS = 86_400_000
/** Ids look issued a year before `now`, one millisecond apart, like a backlog loaded in one go. */
const ID_EPOCH_OFFSET_MS = 365 * DAY_MS
const SITE_SLOTS = 4
const CERTIFICATE_SLOTS = 16
const NEEDS_PER_CONTRACTOR = 5
const CAPACITIES_PER_CONTRACTOR = 700
const MIN_CONTRACTORS = 20
const MAX_CONTRACTORS = 100_000
/** Share of supplier sites placed out of town, 100–250 km from the nearest cluster city. */
const REMOTE_SITE_SHARE = 0.025
const KM_PER_DEGREE = 111.32

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

function validate(options: DatasetOptions): void {
  const { seed, capacities, now } = options
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer in 0…4294967295, got ${seed}`)
  if (!Number.isInteger(capacities) || capacities < 1 || capacities > MAX_CAPACITIES) {
    throw new RangeError(`capacities must be an integer in 1…${MAX_CAPACITIES}, got ${capacities}`)
  }
  if (!isCalendarDate(now)) throw new RangeError(`now must be a calendar date YYYY-MM-DD, got ${now}`)
  const { contractors } = options
  if (contractors !== undefined && (!Number.isInteger(contractors) || contractors < 1 || contractors > MAX_CONTRACTORS)) {
    throw new RangeError(`contractors must be an integer in 1…${MAX_CONTRACTORS}, got ${contractors}`)
  }
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)

function addMonths(month: string, count: number): string {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number)
  const index = year * 12 + (monthNumber - 1) + count
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

function hoursInMonth(month: string): number {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number)
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate() * 24
}

function timestamp(random: Random, date: string): string {
  return `${date}T${String(random.int(6, 18)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00.000Z`
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6

/** Two significant digits, as people quote volumes: 18 437 → 18 000, 1 234 → 1 200. */
function roundNice(value: number): number {
  if (value < 10) return Math.max(1, Math.round(value))
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - 1)
  return Math.round(value / magnitude) * magnitude
}

function roundMass(kg: number): number {
  if (kg >= 100) return Math.round(kg)
  if (kg >= 1) return Math.round(kg * 10) / 10
  return Math.max(0.01, Math.round(kg * 100) / 100)
}

interface Point {
  lat: number
  lon: number
}

/** Offsets on a local tangent plane: fine at the ≤ 250 km scale of a cluster. */
function offsetKm(origin: Point, eastKm: number, northKm: number): Point {
  const lat = origin.lat + northKm / KM_PER_DEGREE
  const lon = origin.lon + eastKm / (KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180))
  return { lat: round6(Math.max(-90, Math.min(90, lat))), lon: round6(Math.max(-180, Math.min(180, lon))) }
}

function nearestCity(cluster: ClusterData, point: Point): { city: ClusterCity; km: number } {
  let best = { city: cluster.cities[0] as ClusterCity, km: Number.POSITIVE_INFINITY }
  for (const city of cluster.cities) {
    const km = greatCircleKm(point, city)
    if (km < best.km) best = { city, km }
  }
  return best
}

function cityNamed(cluster: ClusterData, nameRu: string): ClusterCity {
  const city = cluster.cities.find((candidate) => candidate.nameRu === nameRu)
  if (!city) throw new Error(`cluster ${cluster.key} has no city ${nameRu}`)
  return city
}

const CLUSTER_WEIGHTS: Weighted<ClusterData> = CLUSTERS.map((cluster) => [cluster, cluster.weight])
const CITY_WEIGHTS: ReadonlyMap<string, Weighted<ClusterCity>> = new Map(
  CLUSTERS.map((cluster) => [cluster.key, cluster.cities.map((city) => [city, city.weight] as const)]),
)

function weightedCity(random: Random, cluster: ClusterData): ClusterCity {
  return random.weighted(CITY_WEIGHTS.get(cluster.key) ?? [])
}

/** A supplier mostly serves its cluster's own sector, sometimes the sector of another anchor there (Казань: aviation, engines, ships). */
function marketOf(random: Random, cluster: ClusterData): { sector: Sector; prior: PriorKey } {
  if (random.chance(0.6)) return { sector: cluster.sector, prior: cluster.sector }
  const anchor = random.pick(cluster.anchors)
  return { sector: anchor.sector, prior: priorOf(anchor) }
}

/** Clusters that share a region with `cluster`: a supplier may join both (Набережные Челны ↔ Казань). */
const NEIGHBOURS: ReadonlyMap<string, readonly ClusterData[]> = new Map(
  CLUSTERS.map((cluster) => [
    cluster.key,
    CLUSTERS.filter((other) => other !== cluster && other.regionCodes.some((code) => cluster.regionCodes.includes(code))),
  ]),
)

interface SupplierProfile {
  index: number
  orgSequence: number
  cluster: ClusterData
  secondCluster: ClusterData | null
  homeCity: ClusterCity
  sector: Sector
  prior: PriorKey
  archetypeKey: ArchetypeKey
  size: SmeSize
  naturalCapacityCount: number
  siteCount: number
  entrepreneur: boolean
}

const SIZE_WEIGHTS: Weighted<SmeSize> = [['micro', 0.3], ['small', 0.45], ['medium', 0.25]]
const CAPACITY_COUNT_BY_SIZE: Readonly<Record<SmeSize, readonly [number, number]>> = { micro: [1, 4], small: [2, 5], medium: [3, 6] }
const SITE_COUNT_BY_SIZE: Readonly<Record<SmeSize, Weighted<number>>> = {
  micro: [[1, 1]],
  small: [[1, 0.75], [2, 0.25]],
  medium: [[1, 0.5], [2, 0.35], [3, 0.15]],
}
const STAFF_BY_SIZE: Readonly<Record<SmeSize, readonly [number, number]>> = { micro: [3, 15], small: [16, 100], medium: [101, 250] }

function drawSupplierProfile(seed: number, index: number, orgSequence: number): SupplierProfile {
  const random = streamFor(seed, 'supplier', index)
  const cluster = random.weighted(CLUSTER_WEIGHTS)
  const homeCity = weightedCity(random, cluster)
  const { sector, prior } = marketOf(random, cluster)
  const archetypeKey = random.weighted(SECTOR_PRIORS[prior].archetypes)
  const size = random.weighted(SIZE_WEIGHTS)
  const [minCount, maxCount] = CAPACITY_COUNT_BY_SIZE[size]
  const naturalCapacityCount = random.int(minCount, maxCount)
  const siteCount = random.weighted(SITE_COUNT_BY_SIZE[size])
  const neighbours = NEIGHBOURS.get(cluster.key) ?? []
  const secondCluster = neighbours.length > 0 && random.chance(0.15) ? random.pick(neighbours) : null
  const entrepreneur = size === 'micro' && random.chance(0.15)
  return { index, orgSequence, cluster, secondCluster, homeCity, sector, prior, archetypeKey, size, naturalCapacityCount, siteCount, entrepreneur }
}

interface ContractorProfile {
  index: number
  orgSequence: number
  cluster: ClusterData
  city: ClusterCity
  sector: Sector
  prior: PriorKey
  defence: boolean
  anchor: Anchor | null
}

const ANCHORS: readonly { cluster: ClusterData; anchor: Anchor }[] = CLUSTERS.flatMap((cluster) => cluster.anchors.map((anchor) => ({ cluster, anchor })))
const DEFENCE_SECTORS: ReadonlySet<Sector> = new Set(['aviation', 'space', 'shipbuilding', 'engines'])

function drawContractorProfile(seed: number, index: number, orgSequence: number): ContractorProfile {
  const named = ANCHORS[index]
  if (named) {
    const { cluster, anchor } = named
    return {
      index, orgSequence, cluster, anchor,
      city: cityNamed(cluster, anchor.cityRu),
      sector: anchor.sector,
      prior: priorOf(anchor),
      defence: anchor.defence === true,
    }
  }
  const random = streamFor(seed, 'contractor', index)
  const cluster = random.weighted(CLUSTER_WEIGHTS)
  const city = weightedCity(random, cluster)
  const { sector, prior } = marketOf(random, cluster)
  return { index, orgSequence, cluster, city, sector, prior, anchor: null, defence: DEFENCE_SECTORS.has(sector) && random.chance(0.2) }
}

interface CentreProfile {
  index: number
  orgSequence: number
  regionCode: string
  clusters: readonly ClusterData[]
  city: ClusterCity
}

function centreProfile(index: number): CentreProfile {
  const regionCode = CENTRE_REGIONS[index] ?? ''
  const clusters = CLUSTERS.filter((cluster) => cluster.regionCodes.includes(regionCode))
  // The centre sits in the region's capital when a cluster city is the capital (Казань, not Набережные Челны).
  const cities = clusters.flatMap((cluster) => cluster.cities).filter((candidate) => candidate.regionCode === regionCode)
  const city = cities.find((candidate) => candidate.nameRu === getSubject(regionCode)?.centreRu) ?? cities[0]
  if (!city) throw new Error(`no cluster city in region ${regionCode}`)
  return { index, orgSequence: index, regionCode, clusters, city }
}

/** Grades a sector's shops list: the §5.1 grades plus those its typical parts are made of. */
const SECTOR_MATERIALS: ReadonlyMap<PriorKey, readonly string[]> = new Map(
  (Object.keys(SECTOR_PRIORS) as PriorKey[]).map((prior) => [
    prior,
    [...new Set([...SECTOR_PRIORS[prior].materials, ...PARTS[prior].flatMap((part) => part.materials)])],
  ]),
)

/** Grades any shop commonly stocks, whatever its customers. */
const COMMON_MATERIALS = [
  'ST_ST3SP', 'ST_20', 'ST_45', 'ST_40KH', 'ST_09G2S', 'ST_12KH18N10T', 'ST_20KH13', 'ST_35L', 'ST_110G13L', 'ST_KH12MF', 'ST_38KH2MYUA',
  'ST_RS_A32', 'ST_2212', 'AL_D16', 'AL_AMG6', 'AL_AD31', 'AL_AK12', 'AL_AK9CH', 'TI_VT1_0', 'TI_VT6', 'NI_KHN78T', 'CU_L63', 'CU_M1',
  'CI_SCH20', 'CI_VCH50', 'MG_ML5', 'PL_PA6', 'PL_POM', 'PL_PP', 'PL_ABS', 'PL_PE_HD', 'PL_PC', 'RB_NBR', 'RB_EPDM', 'CM_GFRP', 'CM_CFRP',
]

function inFamilies(codes: readonly string[], families: readonly MaterialFamilyCode[]): string[] {
  return codes.filter((code) => {
    const family = getMaterial(code)?.family
    return family !== undefined && families.includes(family)
  })
}

/** Casting alloys and cast irons: what foundries pour, never what sheet, forging or welding shops take in. */
const CAST_GRADES: ReadonlySet<string> = new Set([
  'AL_AK12', 'AL_AK9CH', 'AL_AK7CH', 'AL_AK5M', 'MG_ML5', 'ST_35L', 'ST_110G13L', 'CU_BRO5TS5S5', 'CU_BRAZH9_4',
  'CI_SCH20', 'CI_SCH25', 'CI_VCH40', 'CI_VCH50', 'CI_KCH35_10', 'CI_ICHKH28N2',
])
/** Families that have separate wrought and casting grades; a foundry lists only the casting ones. */
const SPLIT_FAMILIES: ReadonlySet<MaterialFamilyCode> = new Set(['ALUMINIUM', 'MAGNESIUM', 'COPPER_ALLOY'])
const FORMING_GROUPS: ReadonlySet<string> = new Set(['SHT', 'STP', 'FRG', 'WLD'])

function suitsKind(code: string, kind: CapacityKind): boolean {
  const group = kind.processes[0]?.split('.')[0] ?? ''
  if (group === 'CST') return CAST_GRADES.has(code) || !SPLIT_FAMILIES.has(getMaterial(code)?.family ?? 'OTHER')
  return !(FORMING_GROUPS.has(group) && CAST_GRADES.has(code))
}

interface GradeChoice {
  sectorGrades: readonly string[]
  commonGrades: readonly string[]
}

/** Filtered once per kind and sector, not per row: a million capacities share 70 × 10 combinations. */
const gradeChoices = new Map<string, GradeChoice>()

function gradeChoice(key: CapacityKindKey, prior: PriorKey): GradeChoice {
  const cacheKey = `${key}|${prior}`
  const cached = gradeChoices.get(cacheKey)
  if (cached) return cached
  const kind: CapacityKind = CAPACITY_KINDS[key]
  const families = kind.families ?? []
  const sectorGrades = inFamilies(SECTOR_MATERIALS.get(prior) ?? [], families).filter((code) => suitsKind(code, kind))
  const commonGrades = inFamilies(COMMON_MATERIALS, families).filter((code) => suitsKind(code, kind) && !sectorGrades.includes(code))
  const choice = { sectorGrades, commonGrades }
  gradeChoices.set(cacheKey, choice)
  return choice
}

function capacityMaterials(random: Random, key: CapacityKindKey, prior: PriorKey): string[] {
  if (CAPACITY_KINDS[key].families === null) return []
  const { sectorGrades, commonGrades } = gradeChoice(key, prior)
  const fromSector = random.sample(sectorGrades, random.int(1, 4))
  const fromCommon = random.sample(commonGrades, random.int(fromSector.length === 0 ? 1 : 0, 3))
  return [...fromSector, ...fromCommon]
}

/** Kinds of the supplier's trade, weighted up when the sector asks for their main process (§5.1 weights). */
function kindWeights(archetypeKey: ArchetypeKey, prior: SectorPrior): Weighted<CapacityKindKey> {
  const demand = new Map(prior.processes)
  return ARCHETYPES[archetypeKey].kinds.map(([key, weight]) => {
    const main = CAPACITY_KINDS[key].processes[0] ?? ''
    return [key, weight * (1 + 4 * (demand.get(main) ?? 0))]
  })
}

function chooseKinds(random: Random, weights: Weighted<CapacityKindKey>, count: number): CapacityKindKey[] {
  const distinct = random.weightedSample(weights, count)
  while (distinct.length < count) distinct.push(random.weighted(weights))
  return distinct
}

function drawFleet(random: Random, kind: CapacityKind, size: SmeSize): [MachineModel, number][] {
  const [min, max] = kind.fleet
  const drawn = random.int(min, max)
  const machines = size === 'micro' ? Math.max(min, Math.ceil(drawn / 2)) : drawn
  const [first, second] = random.sample(kind.models, 2)
  if (!first) throw new Error('a capacity kind without machine models')
  if (second && machines > 1 && random.chance(0.3)) {
    const secondCount = random.int(1, machines - 1)
    return [[first, machines - secondCount], [second, secondCount]]
  }
  return [[first, machines]]
}

const MAX_FREE_MONTHS = 6

interface CalendarMonth {
  month: string
  hours: number
}

/** The months free hours are declared for, starting with `now`'s, with their calendar hours (the schema's cap). */
function upcomingMonths(now: string): readonly CalendarMonth[] {
  return Array.from({ length: MAX_FREE_MONTHS }, (_, offset) => {
    const month = addMonths(now.slice(0, 7), offset)
    return { month, hours: hoursInMonth(month) }
  })
}

function freeHoursFor(random: Random, machines: number, calendar: readonly CalendarMonth[]): FreeHours[] {
  if (!random.chance(0.7)) return []
  const shifts = random.int(1, 2)
  const baseShare = random.float(0.05, 0.5)
  return calendar.slice(0, random.int(3, MAX_FREE_MONTHS)).map(({ month, hours: calendarHours }, offset) => {
    // Later months are less booked: plants plan a quarter ahead, so free time grows with the horizon.
    const share = Math.min(0.8, baseShare + 0.06 * offset + random.float(-0.03, 0.03))
    // A capacity card is one production cell: more machines add free hours, but operators, not spindles, limit them.
    const hours = Math.round((Math.sqrt(machines) * shifts * 8 * 21 * share) / 8) * 8
    return { month, hours: Math.max(8, Math.min(calendarHours, hours)) }
  })
}

function envelopeOf(fleet: readonly (readonly [MachineModel, number])[]): { size: [number, number, number]; massKg: number; param: number } {
  const size: [number, number, number] = [0, 0, 0]
  let massKg = 0
  let param = 0
  for (const [model] of fleet) {
    size[0] = Math.max(size[0], model.size[0])
    size[1] = Math.max(size[1], model.size[1])
    size[2] = Math.max(size[2], model.size[2])
    massKg = Math.max(massKg, model.massKg)
    param = Math.max(param, model.param)
  }
  return { size, massKg, param }
}

interface PartChoice {
  part: Part
  primary: string
}

const PARTS_BY_PROCESS: ReadonlyMap<PriorKey, ReadonlyMap<string, readonly Part[]>> = new Map(
  (Object.keys(PARTS) as PriorKey[]).map((prior) => {
    const byProcess = new Map<string, Part[]>()
    for (const part of PARTS[prior]) {
      const primary = part.routing[0] ?? ''
      byProcess.set(primary, [...(byProcess.get(primary) ?? []), part])
    }
    return [prior, byProcess]
  }),
)

function choosePart(random: Random, prior: PriorKey): PartChoice {
  const primary = random.weighted(SECTOR_PRIORS[prior].processes)
  const parts = PARTS_BY_PROCESS.get(prior)?.get(primary) ?? []
  return { part: random.pick(parts), primary }
}

/** Grades of the part that every operation of its routing can work. */
function needMaterials(random: Random, part: Part): string[] {
  const compatible = part.materials.filter((code) => {
    const family = getMaterial(code)?.family
    return part.routing.every((process) => {
      const families = familiesForProcess(process)
      return families === null || (family !== undefined && families.has(family))
    })
  })
  return compatible.length > 0 ? [random.pick(compatible)] : []
}

interface ProcessLimits {
  itGrade: readonly [number, number] | null
  roughness: readonly number[]
}

/** The finest and coarsest IT grades, and the Ra values, that kinds offering the process hold. */
function processLimits(process: string): ProcessLimits {
  const kinds = kindsOffering(process).map((key) => CAPACITY_KINDS[key] as CapacityKind)
  const grades = kinds.flatMap((kind) => (kind.itGrade ? [kind.itGrade] : []))
  const roughness = [...new Set(kinds.flatMap((kind) => kind.roughness ?? []))].sort((a, b) => a - b)
  if (grades.length === 0) return { itGrade: null, roughness }
  return { itGrade: [Math.min(...grades.map(([finest]) => finest)), Math.max(...grades.map(([, coarsest]) => coarsest))], roughness }
}

const LIMITS_BY_PROCESS: ReadonlyMap<string, ProcessLimits> = new Map(
  [...new Set(Object.values(SECTOR_PRIORS).flatMap((prior) => prior.processes.map(([process]) => process)))].map((process) => [process, processLimits(process)]),
)

/** Typical minutes per part for a process group, to turn a quantity into the machine-hours a buyer expects to book. */
const CYCLE_MINUTES: Readonly<Record<string, readonly [number, number]>> = {
  MCH: [5, 240], SHT: [1, 20], WLD: [5, 600], CST: [2, 120], FRG: [0.1, 5], STP: [0.05, 1], HT: [0.5, 10], SRF: [0.5, 15],
  PLS: [0.2, 2], ELC: [1, 120], CMP: [60, 600], QC: [5, 60], ASM: [30, 600],
}

const MAX_DISTANCES: readonly number[] = [150, 200, 300, 500, 700, 1000, 1500]

/** Russian accreditation (since 2014) and ФАП-21 approvals do not expire; НАКС welder attestation lasts 2 years. */
const VALIDITY_YEARS: Readonly<Record<string, number | null>> = {
  GOST_ISO_IEC17025: null,
  FAP21: null,
  NAKS_PERS: 2,
  NAKS_TECH: 4,
  RMRS_SPI: 5,
  RMRS_WELD: 5,
  ISO17025: 5,
}

function validityYears(standard: string): number | null {
  return standard in VALIDITY_YEARS ? (VALIDITY_YEARS[standard] ?? null) : 3
}

const BASELINE_QMS: SupplierCertRule = { codes: [['ISO9001', 0.7], ['GOST_R_ISO9001', 0.3]], share: { micro: 0.3, small: 0.55, medium: 0.8 } }
const TRADE_CERTS: readonly SupplierCertRule[] = [
  { codes: [['GOST_ISO_IEC17025', 0.7], ['ISO17025', 0.3]], share: { micro: 0.6, small: 0.8, medium: 0.9 }, archetypes: ['ndt_lab'] },
  { codes: [['NDT_PERS', 1]], share: { micro: 0.7, small: 0.85, medium: 0.95 }, archetypes: ['ndt_lab'] },
  { codes: [['NAKS_PERS', 1]], share: { micro: 0.4, small: 0.6, medium: 0.8 }, archetypes: ['welding'] },
  { codes: [['ISO3834-3', 0.6], ['ISO3834-4', 0.4]], share: { micro: 0.02, small: 0.06, medium: 0.12 }, archetypes: ['welding'] },
  { codes: [['ISO45001', 0.6], ['GOST_R_ISO45001', 0.4]], share: { micro: 0, small: 0.03, medium: 0.1 } },
]

function heldStandards(random: Random, profile: SupplierProfile): string[] {
  const rules = [BASELINE_QMS, ...SECTOR_PRIORS[profile.prior].supplierCerts, ...TRADE_CERTS]
  const held: string[] = []
  for (const rule of rules) {
    if (rule.archetypes && !rule.archetypes.includes(profile.archetypeKey)) continue
    if (!random.chance(rule.share[profile.size])) continue
    const code = random.weighted(rule.codes)
    if (!held.includes(code)) held.push(code)
  }
  return held
}

export function generateDataset(options: DatasetOptions): Dataset {
  validate(options)
  const { seed, now } = options
  const idEpoch = Date.parse(`${now}T00:00:00Z`) - ID_EPOCH_OFFSET_MS
  const nowYear = Number(now.slice(0, 4))
  const calendar = upcomingMonths(now)

  const centres = CENTRE_REGIONS.length
  const contractorCount = options.contractors ?? Math.max(ANCHORS.length, MIN_CONTRACTORS, Math.round(options.capacities / CAPACITIES_PER_CONTRACTOR))
  const capacityCounts = planCapacityCounts(seed, options.capacities, centres + contractorCount)
  const supplierCount = capacityCounts.length
  const firstSupplierSequence = centres + contractorCount
  if (firstSupplierSequence + supplierCount > MAX_ORGANIZATIONS) throw new RangeError('too many organizations for unique ИНН')

  const plan: DatasetPlan = {
    clusters: CLUSTERS.length,
    centres,
    contractors: contractorCount,
    suppliers: supplierCount,
    capacities: options.capacities,
    needs: contractorCount * NEEDS_PER_CONTRACTOR,
  }

  const orgId = (sequence: number) => syntheticId('org', idEpoch, sequence, seed)
  const siteId = (orgSequence: number, slot: number) => syntheticId('site', idEpoch, orgSequence * SITE_SLOTS + slot, seed)

  const supplier = (index: number): SupplierProfile => drawSupplierProfile(seed, index, firstSupplierSequence + index)
  const contractor = (index: number): ContractorProfile => drawContractorProfile(seed, index, centres + index)

  function* clusters(): Generator<ClusterRow> {
    for (const cluster of CLUSTERS) {
      const main = cluster.cities[0] as ClusterCity
      yield { id: cluster.id, nameRu: cluster.nameRu, nameEn: cluster.nameEn, sector: cluster.sector, regionCodes: [...cluster.regionCodes], lat: main.lat, lon: main.lon }
    }
  }

  function registration(random: Random, regionCode: string, sequence: number, entrepreneur: boolean): { inn: string; ogrn: string; founded: number } {
    const founded = random.int(nowYear - 30, nowYear - 1)
    // ОГРН exists since 2002: older companies were entered into the register in 2002–2003.
    const registered = Math.max(founded, 2002)
    return entrepreneur
      ? { inn: entrepreneurInn(regionCode, sequence), ogrn: entrepreneurOgrn(regionCode, sequence, registered), founded }
      : { inn: legalEntityInn(regionCode, sequence), ogrn: legalEntityOgrn(regionCode, sequence, registered), founded }
  }

  function centreRow(profile: CentreProfile): OrganizationRow {
    const random = streamFor(seed, 'centre', profile.index)
    const genitive = REGION_GENITIVE[profile.regionCode] ?? profile.regionCode
    const { name } = text.centreName(profile.index, genitive)
    const { inn, ogrn } = registration(random, profile.regionCode, profile.orgSequence, false)
    return { id: orgId(profile.orgSequence), name, inn, ogrn, kinds: ['centre'], smeSize: null, verification: 'verified', description: text.centreDescription(genitive), website: null }
  }

  function contractorRow(profile: ContractorProfile): OrganizationRow {
    const random = streamFor(seed, 'contractor-org', profile.index)
    const named = profile.anchor ? { name: profile.anchor.name, slug: null } : text.contractorName(random, profile.cluster, profile.sector)
    const { inn, ogrn } = registration(random, profile.city.regionCode, profile.orgSequence, false)
    const website = named.slug !== null && random.chance(0.6) ? text.websiteOf(named.slug, random) : null
    return {
      id: orgId(profile.orgSequence),
      name: named.name,
      inn,
      ogrn,
      kinds: ['contractor'],
      smeSize: 'large',
      verification: profile.anchor || random.chance(0.5) ? 'verified' : 'unverified',
      description: text.contractorDescription(profile.cluster, profile.anchor !== null),
      website,
    }
  }

  function supplierRow(profile: SupplierProfile): OrganizationRow {
    const random = streamFor(seed, 'supplier-org', profile.index)
    const archetype = ARCHETYPES[profile.archetypeKey]
    const named = profile.entrepreneur ? text.entrepreneurName(random) : text.supplierName(random, profile.cluster, archetype, profile.sector, profile.size)
    const { inn, ogrn, founded } = registration(random, profile.homeCity.regionCode, profile.orgSequence, profile.entrepreneur)
    const [minStaff, maxStaff] = STAFF_BY_SIZE[profile.size]
    const staff = random.int(minStaff, maxStaff)
    const machines = Math.max(1, Math.round(staff / random.int(3, 8)))
    const websiteShare = profile.size === 'micro' ? 0.25 : 0.55
    const verifiedShare = { micro: 0.1, small: 0.25, medium: 0.45 }[profile.size]
    return {
      id: orgId(profile.orgSequence),
      name: named.name,
      inn,
      ogrn,
      kinds: ['supplier'],
      smeSize: profile.size,
      verification: random.chance(verifiedShare) ? 'verified' : 'unverified',
      description: text.supplierDescription(random, archetype, founded, staff, machines, profile.cluster),
      website: named.slug !== null && random.chance(websiteShare) ? text.websiteOf(named.slug, random) : null,
    }
  }

  function* organizations(): Generator<OrganizationRow> {
    for (let i = 0; i < centres; i++) yield centreRow(centreProfile(i))
    for (let i = 0; i < contractorCount; i++) yield contractorRow(contractor(i))
    for (let i = 0; i < supplierCount; i++) yield supplierRow(supplier(i))
  }

  function* organizationClusters(): Generator<OrganizationClusterRow> {
    for (let i = 0; i < centres; i++) {
      const profile = centreProfile(i)
      for (const cluster of profile.clusters) yield { orgId: orgId(profile.orgSequence), clusterId: cluster.id }
    }
    for (let i = 0; i < contractorCount; i++) {
      const profile = contractor(i)
      yield { orgId: orgId(profile.orgSequence), clusterId: profile.cluster.id }
    }
    for (let i = 0; i < supplierCount; i++) {
      const profile = supplier(i)
      yield { orgId: orgId(profile.orgSequence), clusterId: profile.cluster.id }
      if (profile.secondCluster) yield { orgId: orgId(profile.orgSequence), clusterId: profile.secondCluster.id }
    }
  }

  function plantSite(random: Random, orgSequence: number, slot: number, city: ClusterCity, name: string): SiteRow {
    const { lat, lon } = offsetKm(city, random.gaussian(0, 3), random.gaussian(0, 3))
    return {
      id: siteId(orgSequence, slot),
      orgId: orgId(orgSequence),
      name,
      address: text.streetAddress(random, city.nameRu, city.regionCode),
      city: city.nameRu,
      regionCode: city.regionCode,
      lat,
      lon,
      precision: 'exact',
    }
  }

  const contractorSite = (profile: ContractorProfile): SiteRow =>
    plantSite(streamFor(seed, 'contractor-site', profile.index), profile.orgSequence, 0, profile.city, 'Основная производственная площадка')

  function supplierSite(random: Random, profile: SupplierProfile, slot: number): SiteRow {
    const id = siteId(profile.orgSequence, slot)
    const base = { id, orgId: orgId(profile.orgSequence), name: text.siteName(random, slot) }
    const anchorCity = slot === 0 ? profile.homeCity : weightedCity(random, profile.cluster)
    if (random.chance(REMOTE_SITE_SHARE)) {
      const km = random.float(100, 250)
      const angle = random.float(0, 2 * Math.PI)
      const point = offsetKm(anchorCity, km * Math.cos(angle), km * Math.sin(angle))
      const nearest = nearestCity(profile.cluster, point)
      const regionCode = nearest.city.regionCode
      return { ...base, address: text.ruralAddress(random, nearest.city.nameRu, regionCode, nearest.km), city: null, regionCode, ...point, precision: 'exact' }
    }
    if (random.chance(0.15)) {
      const { nameRu, regionCode, lat, lon } = anchorCity
      return { ...base, address: text.cityAddress(nameRu, regionCode), city: nameRu, regionCode, lat, lon, precision: 'city' }
    }
    const point = offsetKm(anchorCity, random.gaussian(0, anchorCity.scatterKm), random.gaussian(0, anchorCity.scatterKm))
    const { city } = nearestCity(profile.cluster, point)
    return { ...base, address: text.streetAddress(random, city.nameRu, city.regionCode), city: city.nameRu, regionCode: city.regionCode, ...point, precision: 'exact' }
  }

  function* sites(): Generator<SiteRow> {
    for (let i = 0; i < centres; i++) {
      const profile = centreProfile(i)
      yield plantSite(streamFor(seed, 'centre-site', i), profile.orgSequence, 0, profile.city, 'Офис центра')
    }
    for (let i = 0; i < contractorCount; i++) yield contractorSite(contractor(i))
    for (let i = 0; i < supplierCount; i++) {
      const profile = supplier(i)
      const random = streamFor(seed, 'supplier-sites', i)
      for (let slot = 0; slot < profile.siteCount; slot++) yield supplierSite(random, profile, slot)
    }
  }

  function certificateRow(random: Random, profile: SupplierProfile, standard: string, slot: number): CertificateRow {
    const years = validityYears(standard)
    const span = years === null ? 8 * 365 : years * 365
    // Issue dates spread a little beyond one validity period, so ~10 % have already expired.
    const age = random.int(0, Math.round(span * 1.1))
    const validFrom = addDays(now, -age)
    const validUntil = years === null ? null : addDays(addDays(validFrom, years * 365), -1)
    const status = random.weighted<CertificateRow['status']>([['unverified', 0.55], ['verified', 0.4], ['rejected', 0.05]])
    const decided = status === 'unverified' ? null : timestamp(random, addDays(validFrom, random.int(0, Math.max(0, daysBetween(validFrom, now) - 1))))
    return {
      id: syntheticId('cert', idEpoch, profile.orgSequence * CERTIFICATE_SLOTS + slot, seed),
      orgId: orgId(profile.orgSequence),
      standard,
      number: text.certificateNumber(random, standard, Number(validFrom.slice(0, 4))),
      issuer: text.certificateIssuer(random, standard),
      validFrom,
      validUntil,
      scope: text.certificateScope(ARCHETYPES[profile.archetypeKey], profile.sector),
      status,
      statusReason: status === 'rejected' ? random.pick(text.REJECTION_REASONS) : null,
      statusChangedAt: decided,
    }
  }

  function* certificates(): Generator<CertificateRow> {
    for (let i = 0; i < supplierCount; i++) {
      const profile = supplier(i)
      const random = streamFor(seed, 'certificates', i)
      const standards = heldStandards(random, profile).slice(0, CERTIFICATE_SLOTS)
      for (const [slot, standard] of standards.entries()) yield certificateRow(random, profile, standard, slot)
    }
  }

  function capacityRow(random: Random, profile: SupplierProfile, key: CapacityKindKey, sequence: number): CapacityRow {
    const kind: CapacityKind = CAPACITY_KINDS[key]
    const fleet = drawFleet(random, kind, profile.size)
    const machines = fleet.reduce((sum, [, count]) => sum + count, 0)
    const { size, massKg, param } = envelopeOf(fleet)
    const optional = (kind.optional ?? []).filter(() => random.chance(0.35))
    const processes = [...new Set([...kind.processes, ...optional])]
    const materials = capacityMaterials(random, key, profile.prior)
    const itGrade = kind.itGrade ? random.int(kind.itGrade[0], kind.itGrade[1]) : null
    const roughnessRa = kind.roughness ? random.pick(kind.roughness) : null
    const batchMin = kind.batchMin ? random.pick(kind.batchMin) : null
    const batchMax = batchMin === null ? null : Math.max(batchMin, roundNice(random.logUniform(kind.batchMax[0], kind.batchMax[1])))
    const leadTimeDays = random.int(kind.leadTimeDays[0], kind.leadTimeDays[1])
    // Laboratories and calibration take whatever arrives: neither a part envelope nor a batch applies.
    const envelope = kind.batchMin === null ? null : { lengthMm: size[0], widthMm: size[1], heightMm: size[2], massKg }
    const maker = fleet[0]?.[0].maker ?? ''
    const title = kind.title({ maker, param, size, massKg, machines })
    const equipment = text.equipmentText(fleet)
    const description = text.capacityDescription({ equipment, envelope, itGrade, roughnessRa, materials, batchMin, batchMax, leadTimeDays })
    return {
      id: syntheticId('cap', idEpoch, sequence, seed),
      orgId: orgId(profile.orgSequence),
      siteId: siteId(profile.orgSequence, random.chance(0.7) ? 0 : random.int(0, profile.siteCount - 1)),
      title: title.ru,
      processes,
      equipment,
      materials,
      lengthMm: envelope?.lengthMm ?? null,
      widthMm: envelope?.widthMm ?? null,
      heightMm: envelope?.heightMm ?? null,
      massKg: envelope?.massKg ?? null,
      itGrade,
      roughnessRa,
      batchMin,
      batchMax,
      freeHours: freeHoursFor(random, machines, calendar),
      leadTimeDays,
      descriptionRu: description.ru,
      descriptionEn: `${title.en}. ${description.en}`,
    }
  }

  function* capacities(): Generator<CapacityRow> {
    let sequence = 0
    for (let i = 0; i < supplierCount; i++) {
      const profile = supplier(i)
      const random = streamFor(seed, 'capacities', i)
      const count = capacityCounts[i] ?? 0
      const kinds = chooseKinds(random, kindWeights(profile.archetypeKey, SECTOR_PRIORS[profile.prior]), count)
      for (const key of kinds) yield capacityRow(random, profile, key, sequence++)
    }
  }

  // Anchors are the big buyers: they post twice as many requests as the other contractors.
  const requesters: Weighted<number> = Array.from({ length: contractorCount }, (_, i) => [i, i < ANCHORS.length ? 2 : 1] as const)

  function needRow(index: number): NeedRow {
    const random = streamFor(seed, 'needs', index)
    const buyer = contractor(random.weighted(requesters))
    const prior = SECTOR_PRIORS[buyer.prior]
    const { part, primary } = choosePart(random, buyer.prior)
    // The request names its main operation and only some follow-on ones: buyers leave anodizing or inspection to the
    // supplier's own subcontractors unless they insist on one supplier for the whole routing.
    const processes = [primary, ...part.routing.slice(1).filter(() => random.chance(0.35))]
    const materials = needMaterials(random, part)
    const scale = random.float(0.6, 1)
    const envelope = {
      lengthMm: Math.max(1, Math.round(part.size[0] * scale)),
      widthMm: Math.max(1, Math.round(part.size[1] * scale)),
      heightMm: Math.max(1, Math.round(part.size[2] * scale)),
      massKg: roundMass(part.massKg * scale ** 3),
    }
    const limits = LIMITS_BY_PROCESS.get(primary) ?? { itGrade: null, roughness: [] }
    const itGrade = limits.itGrade
      ? Math.min(limits.itGrade[1], Math.max(limits.itGrade[0], random.int(prior.itGrade[0], prior.itGrade[1])))
      : null
    const roughnessRa = limits.roughness.length > 0 && random.chance(0.5) ? random.pick(limits.roughness) : null
    const quantity = roundNice(random.logUniform(prior.quantity[0], prior.quantity[1]))
    const batchSize = prior.annual ? Math.max(1, roundNice(quantity / random.pick([4, 6, 12, 20]))) : Math.max(1, roundNice(quantity / random.pick([1, 1, 2, 4, 5])))
    const group = primary.split('.')[0] ?? ''
    const cycle = CYCLE_MINUTES[group] ?? [10, 60]
    const machineHours = random.chance(0.5) ? Math.min(1_000_000, roundNice((quantity * random.logUniform(cycle[0], cycle[1])) / 60)) : null
    const welds = processes.some((process) => process.startsWith('WLD.'))
    const required = [...random.weighted(prior.needCerts.required)]
    if (welds && prior.weldingCerts) required.push(...random.weighted(prior.weldingCerts.required))
    if (buyer.defence && random.chance(0.5)) required.push('GOST_RV_0015_002')
    const requiredCerts = [...new Set(required)]
    const softCandidates = [...prior.needCerts.preferred, ...(welds ? (prior.weldingCerts?.preferred ?? []) : []), ...(processes.includes('QC.NDT') ? ['NDT_PERS'] : [])]
    const preferredCerts = random.sample([...new Set(softCandidates)].filter((code) => !requiredCerts.includes(code)), random.int(0, 2))
    const site = contractorSite(buyer)
    const status = random.weighted<NeedRow['status']>([['published', 0.85], ['draft', 0.09], ['closed', 0.06]])
    const facts = {
      partRu: part.ru, routing: part.routing, materials, envelope, itGrade, roughnessRa, quantity, batchSize,
      annual: prior.annual, requiredCerts, deliveryCity: site.city ?? site.address,
    }
    return {
      id: syntheticId('need', idEpoch, index, seed),
      orgId: orgId(buyer.orgSequence),
      title: text.needTitle(facts),
      description: text.needDescription(random, facts),
      processes,
      materials,
      ...envelope,
      itGrade,
      roughnessRa,
      quantity,
      batchSize,
      machineHours,
      requiredCerts,
      preferredCerts,
      strictNational: requiredCerts.includes('GOST_RV_0015_002') && random.chance(0.5),
      deliveryAddress: site.address,
      deliveryCity: site.city,
      deliveryRegionCode: site.regionCode,
      deliveryLat: site.lat,
      deliveryLon: site.lon,
      deliveryPrecision: site.precision,
      maxDistanceKm: random.chance(0.3) ? null : random.pick(MAX_DISTANCES),
      deadline: addDays(now, random.int(30, 270)),
      visibility: random.weighted<NeedRow['visibility']>([['public', 0.85], ['cluster', 0.12], ['invited', 0.03]]),
      status,
      clusterId: buyer.cluster.id,
      weights: null,
      publishedAt: status === 'draft' ? null : timestamp(random, addDays(now, -random.int(1, 60))),
    }
  }

  function* needs(): Generator<NeedRow> {
    for (let i = 0; i < plan.needs; i++) yield needRow(i)
  }

  return { options: { ...options }, plan, clusters, organizations, organizationClusters, sites, certificates, capacities, needs }
}

/**
 * Capacities per supplier, in supplier order, summing exactly to `target`: suppliers are drawn until the total is
 * reached and the last one is cut short. One byte each keeps even a million capacities' plan under 300 KB.
 */
function planCapacityCounts(seed: number, target: number, firstSupplierSequence: number): Uint8Array {
  const counts: number[] = []
  let total = 0
  while (total < target) {
    const profile = drawSupplierProfile(seed, counts.length, firstSupplierSequence + counts.length)
    const count = Math.min(profile.naturalCapacityCount, target - total)
    counts.push(count)
    total += count
  }
  return Uint8Array.from(counts)
}
