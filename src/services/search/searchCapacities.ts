import type { Envelope } from '../../domain/common.js'
import { type ProcessGroupCode, satisfiersOf } from '../../domain/taxonomy/index.js'
import { type Filter, type FilterAttribute, filters } from '../../search/filters.js'
import type { Search } from '../../search/client.js'
import { envelopeOf } from '../capacities/row.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { type AreaQuery, type CodeLabel, type LabelKind, type SearchResult, codeLabels, materialCondition, runSearch, searchBox, searchCircle } from './shared.js'

export const CAPACITY_SEARCH_SORTS = ['relevance', '-updatedAt', 'itGrade', 'leadTimeDays'] as const
export type CapacitySearchSort = (typeof CAPACITY_SEARCH_SORTS)[number]

const SORTS: Record<CapacitySearchSort, string[] | undefined> = {
  relevance: undefined,
  '-updatedAt': ['updatedAt:desc'],
  itGrade: ['itGrade:asc'],
  leadTimeDays: ['leadTimeDays:asc'],
}

const FACET_KINDS = {
  processes: 'process',
  processGroups: 'processGroup',
  materials: 'material',
  materialFamilies: 'materialFamily',
  regionCode: 'region',
  certificates: 'certificate',
  clusterIds: 'cluster',
} as const satisfies Partial<Record<FilterAttribute<'capacities'>, LabelKind>>

export type CapacityFacet = keyof typeof FACET_KINDS
export const CAPACITY_FACETS = Object.keys(FACET_KINDS) as [CapacityFacet, ...CapacityFacet[]]
export const DEFAULT_CAPACITY_FACETS: readonly CapacityFacet[] = ['processes', 'processGroups', 'materialFamilies', 'regionCode', 'certificates']

export interface CapacitySearchQuery extends AreaQuery {
  q?: string | undefined
  page: number
  perPage: number
  sort: CapacitySearchSort
  facets?: CapacityFacet[] | undefined
  /** Any of these processes. */
  process?: string[] | undefined
  processGroup?: ProcessGroupCode | undefined
  /** A grade or a family (materialCondition). */
  material?: string | undefined
  /** Standards the organization must hold, every one of them. */
  certificate?: string[] | undefined
  /** Also accept any standard that fully satisfies a listed one (IATF 16949 for ISO 9001). */
  certificateClosure?: boolean | undefined
  regionCode?: string | undefined
  clusterId?: string | undefined
  /** At least this precise: IT grade ≤ the value. */
  itGradeAtMost?: number | undefined
  /** The part's size and mass: the machine envelope must take it. */
  lengthMm?: number | undefined
  widthMm?: number | undefined
  heightMm?: number | undefined
  massKg?: number | undefined
}

export interface CapacityHit {
  id: string
  title: string
  orgId: string
  orgName: string
  city: string | null
  regionCode: string
  processes: CodeLabel[]
  materials: CodeLabel[]
  itGrade: number | null
  envelope: Envelope | null
  leadTimeDays: number | null
  /** Road km from the search centre; only with a radius. */
  distanceKm?: number
}

export type CapacitySearchResult = SearchResult<CapacityHit>

interface CapacityHitRow {
  id: string
  title: string
  orgId: string
  orgName: string
  city: string | null
  regionCode: string
  lat: number
  lon: number
  processes: string[]
  materials: string[]
  itGrade: number | null
  lengthMm: number | null
  widthMm: number | null
  heightMm: number | null
  massKg: number | null
  leadTimeDays: number | null
}

const f = filters('capacities')

type MachineSide = 'maxLengthMm' | 'maxWidthMm' | 'maxHeightMm'
const MACHINE_SIDES: readonly MachineSide[] = ['maxLengthMm', 'maxWidthMm', 'maxHeightMm']

/** Every way to put each given part side against a different machine side. */
function placements(sides: readonly number[], free: readonly MachineSide[]): [MachineSide, number][][] {
  const [side, ...rest] = sides
  if (side === undefined) return [[]]
  return free.flatMap((axis) => placements(rest, free.filter((other) => other !== axis)).map((placed): [MachineSide, number][] => [[axis, side], ...placed]))
}

/**
 * The part fits in some axis-aligned orientation, as the matching core judges it: a 1000 × 300 mm
 * part fits a 1200 × 800 × 300 mm press bed turned either way. Sides the caller leaves out are free.
 */
function envelopeFilter(query: CapacitySearchQuery): Filter<'capacities'> | undefined {
  const sides = [query.lengthMm, query.widthMm, query.heightMm].filter((side): side is number => side !== undefined)
  const fits = sides.length === 0 ? undefined : f.any(...placements(sides, MACHINE_SIDES).map((placed) => f.all(...placed.map(([axis, side]) => f.gte(axis, side)))))
  return f.all(fits, query.massKg === undefined ? undefined : f.gte('maxMassKg', query.massKg))
}

/** Soft credits (similar schemes, older revisions) are left to matching, which scores them. */
function fullSatisfiers(code: string): string[] {
  return [...satisfiersOf(code)].filter(([, credit]) => credit === 1).map(([satisfier]) => satisfier)
}

function capacityFilter(query: CapacitySearchQuery): Filter<'capacities'> {
  const material = query.material === undefined ? undefined : materialCondition(query.material)
  return f.all(
    query.process?.length ? f.in('processes', query.process) : undefined,
    query.processGroup === undefined ? undefined : f.eq('processGroups', query.processGroup),
    material && f.in(material.attribute, material.values),
    ...(query.certificate ?? []).map((code) => f.in('certificates', query.certificateClosure ? fullSatisfiers(code) : [code])),
    query.regionCode === undefined ? undefined : f.eq('regionCode', query.regionCode),
    query.clusterId === undefined ? undefined : f.eq('clusterIds', query.clusterId),
    query.itGradeAtMost === undefined ? undefined : f.lte('itGrade', query.itGradeAtMost),
    envelopeFilter(query),
  )
}

function toHit(row: CapacityHitRow, distanceKm: number | null): CapacityHit {
  return {
    id: row.id,
    title: row.title,
    orgId: row.orgId,
    orgName: row.orgName,
    city: row.city,
    regionCode: row.regionCode,
    processes: codeLabels('process', row.processes),
    materials: codeLabels('material', row.materials),
    itGrade: row.itGrade,
    envelope: envelopeOf(row),
    leadTimeDays: row.leadTimeDays,
    ...(distanceKm === null ? {} : { distanceKm }),
  }
}

/** Full-text and filtered search over capacities, for anyone signed in; every hit is re-read from PostgreSQL (runSearch). */
export async function searchCapacities(ctx: ServiceContext, search: Search, query: CapacitySearchQuery): Promise<CapacitySearchResult> {
  requireSignedIn(ctx.actor)
  const { sql } = ctx
  const circle = searchCircle(query)
  const facets = query.facets ?? DEFAULT_CAPACITY_FACETS
  return runSearch<CapacityHitRow, CapacityHit>({
    search,
    sql,
    indexUid: search.indexes.capacities,
    q: query.q || undefined,
    filter: f.build(capacityFilter(query), circle && f.geoBox(searchBox(circle))),
    sort: SORTS[query.sort],
    facets,
    facetKinds: FACET_KINDS,
    page: query.page,
    perPage: query.perPage,
    circle,
    load: (ids) =>
      sql<CapacityHitRow[]>`
        select c.id, c.title, c.org_id, o.name as org_name, s.city, s.region_code, s.lat, s.lon, c.processes, c.materials,
               c.it_grade, c.length_mm, c.width_mm, c.height_mm, c.mass_kg, c.lead_time_days
        from capacities c
        join organizations o on o.id = c.org_id
        join sites s on s.id = c.site_id
        where c.id = any(${sql.array([...ids])}::text[])`,
    pointOf: (row) => ({ lat: row.lat, lon: row.lon }),
    toHit,
  })
}
