import type { ProcessGroupCode } from '../../domain/taxonomy/index.js'
import type { LatLon } from '../../geo/index.js'
import { type Filter, type FilterAttribute, filters } from '../../search/filters.js'
import type { Search } from '../../search/client.js'
import { requireSignedIn } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { type AreaQuery, type CodeLabel, type LabelKind, type SearchResult, codeLabels, materialCondition, runSearch, searchBox, searchCircle } from './shared.js'

export const NEED_SEARCH_SORTS = ['relevance', 'deadline', '-createdAt'] as const
export type NeedSearchSort = (typeof NEED_SEARCH_SORTS)[number]

const SORTS: Record<NeedSearchSort, string[] | undefined> = {
  relevance: undefined,
  deadline: ['deadlineTs:asc'],
  '-createdAt': ['createdAt:desc'],
}

const FACET_KINDS = {
  processes: 'process',
  processGroups: 'processGroup',
  materials: 'material',
  materialFamilies: 'materialFamily',
  regionCode: 'region',
  requiredCerts: 'certificate',
  clusterId: 'cluster',
} as const satisfies Partial<Record<FilterAttribute<'needs'>, LabelKind>>

export type NeedFacet = keyof typeof FACET_KINDS
export const NEED_FACETS = Object.keys(FACET_KINDS) as [NeedFacet, ...NeedFacet[]]
export const DEFAULT_NEED_FACETS: readonly NeedFacet[] = ['processes', 'processGroups', 'materialFamilies', 'regionCode', 'requiredCerts']

/**
 * What a search may ever show, whatever the client asks: published needs open to everyone. Drafts,
 * and needs shown to one cluster or to invited suppliers only, need an audience check that an
 * anonymous search cannot make. The filter and the PostgreSQL re-check both apply it.
 */
const SHOWN = { status: 'published', visibility: 'public' } as const

/**
 * Distances to a need are measured to its delivery point rounded to a 0.1° grid (about 11 × 6 km
 * at 55° N). The exact point is the plant, which is why the index does not display it (settings.ts);
 * exact distances from centres of the caller's choosing would give it away by trilateration. The
 * box is widened by how far rounding moves a point (half a cell's diagonal, under 8 km), so whether
 * a need is inside depends on the rounded point alone.
 */
const GRID_STEPS_PER_DEGREE = 10
const GRID_REACH_KM = 8

function gridPoint({ lat, lon }: LatLon): LatLon {
  return { lat: Math.round(lat * GRID_STEPS_PER_DEGREE) / GRID_STEPS_PER_DEGREE, lon: Math.round(lon * GRID_STEPS_PER_DEGREE) / GRID_STEPS_PER_DEGREE }
}

export interface NeedSearchQuery extends AreaQuery {
  q?: string | undefined
  page: number
  perPage: number
  sort: NeedSearchSort
  facets?: NeedFacet[] | undefined
  /** Any of these processes. */
  process?: string[] | undefined
  processGroup?: ProcessGroupCode | undefined
  /** A grade or a family (materialCondition). */
  material?: string | undefined
  /** Needs that require any of these standards. */
  requiredCert?: string[] | undefined
  /** The delivery's federal subject. */
  regionCode?: string | undefined
  clusterId?: string | undefined
  /** 'YYYY-MM-DD', inclusive. */
  deadlineAfter?: string | undefined
  deadlineBefore?: string | undefined
  /** Only among these needs: a saved alert is this search run over the needs published since its last run. */
  ids?: readonly string[] | undefined
}

/** Deliberately without the contractor's id or name: suppliers learn who posted a need only through a centre. */
export interface NeedHit {
  id: string
  title: string
  processes: CodeLabel[]
  materials: CodeLabel[]
  requiredCerts: CodeLabel[]
  city: string | null
  regionCode: string
  deadline: string
  itGrade: number | null
  quantity: number | null
  /** Road km from the search centre to the delivery point's grid cell; only with a radius. */
  distanceKm?: number
}

export type NeedSearchResult = SearchResult<NeedHit>

interface NeedHitRow {
  id: string
  title: string
  processes: string[]
  materials: string[]
  requiredCerts: string[]
  city: string | null
  regionCode: string
  lat: number
  lon: number
  deadline: string
  itGrade: number | null
  quantity: number | null
}

const f = filters('needs')

/** Epoch seconds of the date's UTC midnight, as the documents store `deadlineTs`. */
function deadlineTs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000
}

function needFilter(query: NeedSearchQuery, today: string): Filter<'needs'> {
  const material = query.material === undefined ? undefined : materialCondition(query.material)
  return f.all(
    f.eq('status', SHOWN.status),
    f.eq('visibility', SHOWN.visibility),
    // A need whose deadline has passed can no longer be answered.
    f.gte('deadlineTs', deadlineTs(today)),
    query.process?.length ? f.in('processes', query.process) : undefined,
    query.processGroup === undefined ? undefined : f.eq('processGroups', query.processGroup),
    material && f.in(material.attribute, material.values),
    query.requiredCert?.length ? f.in('requiredCerts', query.requiredCert) : undefined,
    query.regionCode === undefined ? undefined : f.eq('regionCode', query.regionCode),
    query.clusterId === undefined ? undefined : f.eq('clusterId', query.clusterId),
    query.deadlineAfter === undefined ? undefined : f.gte('deadlineTs', deadlineTs(query.deadlineAfter)),
    query.deadlineBefore === undefined ? undefined : f.lte('deadlineTs', deadlineTs(query.deadlineBefore)),
    query.ids === undefined ? undefined : f.in('id', query.ids),
  )
}

function toHit(row: NeedHitRow, distanceKm: number | null): NeedHit {
  return {
    id: row.id,
    title: row.title,
    processes: codeLabels('process', row.processes),
    materials: codeLabels('material', row.materials),
    requiredCerts: codeLabels('certificate', row.requiredCerts),
    city: row.city,
    regionCode: row.regionCode,
    deadline: row.deadline,
    itGrade: row.itGrade,
    quantity: row.quantity,
    ...(distanceKm === null ? {} : { distanceKm }),
  }
}

/**
 * Full-text and filtered search over published public needs, for anyone signed in; every hit is re-read
 * from PostgreSQL (see runSearch).
 */
export async function searchNeeds(ctx: ServiceContext, search: Search, query: NeedSearchQuery): Promise<NeedSearchResult> {
  requireSignedIn(ctx.actor)
  const { sql } = ctx
  const circle = searchCircle(query)
  return runSearch<NeedHitRow, NeedHit>({
    search,
    sql,
    indexUid: search.indexes.needs,
    q: query.q || undefined,
    filter: f.build(needFilter(query, ctx.now().toISOString().slice(0, 10)), circle && f.geoBox(searchBox(circle, GRID_REACH_KM))),
    sort: SORTS[query.sort],
    facets: query.facets ?? DEFAULT_NEED_FACETS,
    facetKinds: FACET_KINDS,
    page: query.page,
    perPage: query.perPage,
    circle,
    load: (ids) =>
      sql<NeedHitRow[]>`
        select n.id, n.title, n.processes, n.materials, n.required_certs, n.delivery_city as city,
               n.delivery_region_code as region_code, n.delivery_lat as lat, n.delivery_lon as lon,
               to_char(n.deadline, 'YYYY-MM-DD') as deadline, n.it_grade, n.quantity
        from needs n
        where n.id = any(${sql.array([...ids])}::text[]) and n.status = ${SHOWN.status} and n.visibility = ${SHOWN.visibility}
          and n.deadline >= ${ctx.now().toISOString().slice(0, 10)}`,
    pointOf: gridPoint,
    toHit,
  })
}
