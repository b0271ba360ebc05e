import type { RecordAny, SearchParams, SearchResponse } from 'meilisearch'
import type { Sql } from '../../db/client.js'
import { geocodeFailureMessage } from '../../domain/site.js'
import { PROCESS_GROUPS, getCertificate, getMaterial, getMaterialFamily, getProcess, materialFamilyOf } from '../../domain/taxonomy/index.js'
import { type LatLon, ROAD_FACTOR, boundingBox, geocode, getSubject, roadKm } from '../../geo/index.js'
import { UnavailableError, ValidationError } from '../../lib/errors.js'
import type { Search } from '../../search/client.js'
import type { GeoBox } from '../../search/filters.js'
import { SearchRequestError, SearchUnavailableError, unwrapSearchError } from '../../search/http.js'
import { CAPACITY_SETTINGS, NEED_SETTINGS } from '../../search/settings.js'

/**
 * The parts both search verbs share: where to search (a circle in road km), how one Meilisearch
 * query becomes a page of rows re-checked against PostgreSQL, and bilingual labels for codes.
 */

/** Meilisearch reports no hit past this bound (settings.ts), so it also bounds pages and the distance over-fetch. */
export const MAX_TOTAL_HITS = Math.min(CAPACITY_SETTINGS.pagination?.maxTotalHits ?? 1000, NEED_SETTINGS.pagination?.maxTotalHits ?? 1000)

export interface Label {
  ru: string
  en: string
}

export interface CodeLabel {
  code: string
  label: Label
}

export interface FacetValue {
  value: string
  count: number
  label: Label
}

export type Facets = Record<string, FacetValue[]>

/** Where the codes of a facet or a hit field come from, and so how they are named. */
export type LabelKind = 'process' | 'processGroup' | 'material' | 'materialFamily' | 'region' | 'certificate' | 'cluster'

const PROCESS_GROUPS_BY_CODE = new Map(PROCESS_GROUPS.map((group) => [group.code as string, group]))

function named(item: { nameRu: string; nameEn: string } | undefined): Label | undefined {
  return item && { ru: item.nameRu, en: item.nameEn }
}

/** Catalogue names; a grade's designation is the same word in both languages (as on the drawing). */
function catalogueLabel(kind: Exclude<LabelKind, 'cluster'>, code: string): Label | undefined {
  switch (kind) {
    case 'process':
      return named(getProcess(code))
    case 'processGroup':
      return named(PROCESS_GROUPS_BY_CODE.get(code))
    case 'material': {
      const grade = getMaterial(code)
      return grade ? { ru: grade.nameRu, en: grade.nameRu } : named(getMaterialFamily(code))
    }
    case 'materialFamily':
      return named(getMaterialFamily(code))
    case 'region':
      return named(getSubject(code))
    case 'certificate':
      return named(getCertificate(code))
  }
}

/** An unknown code (a catalogue entry retired after indexing) is shown as itself rather than dropped. */
export function codeLabels(kind: Exclude<LabelKind, 'cluster'>, codes: readonly string[]): CodeLabel[] {
  return codes.map((code) => ({ code, label: catalogueLabel(kind, code) ?? { ru: code, en: code } }))
}

async function clusterLabels(sql: Sql, ids: readonly string[]): Promise<Map<string, Label>> {
  if (ids.length === 0) return new Map()
  const rows = await sql<{ id: string; nameRu: string; nameEn: string }[]>`
    select id, name_ru, name_en from clusters where id = any(${sql.array([...ids])}::text[])`
  return new Map(rows.map((row) => [row.id, { ru: row.nameRu, en: row.nameEn }]))
}

type FacetDistribution = Record<string, Record<string, number>>

/** Each requested facet's values, most frequent first, with labels; an attribute without values is an empty list. */
async function labelFacets(sql: Sql, distribution: FacetDistribution, kinds: Readonly<Record<string, LabelKind>>, requested: readonly string[]): Promise<Facets> {
  const clusterIds = requested.filter((attribute) => kinds[attribute] === 'cluster').flatMap((attribute) => Object.keys(distribution[attribute] ?? {}))
  const clusters = await clusterLabels(sql, clusterIds)
  const label = (kind: LabelKind | undefined, value: string): Label =>
    (kind === 'cluster' ? clusters.get(value) : kind && catalogueLabel(kind, value)) ?? { ru: value, en: value }
  return Object.fromEntries(
    requested.map((attribute) => [
      attribute,
      Object.entries(distribution[attribute] ?? {})
        .map(([value, count]) => ({ value, count, label: label(kinds[attribute], value) }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    ]),
  )
}

/** Facet counts over the given documents, as Meilisearch would count them: each distinct value once per document. */
function countFacets(documents: readonly RecordAny[], attributes: readonly string[]): FacetDistribution {
  const distribution: FacetDistribution = Object.fromEntries(attributes.map((attribute) => [attribute, {}]))
  for (const document of documents) {
    for (const attribute of attributes) {
      const raw: unknown = document[attribute]
      const values = new Set((Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string'))
      const counts = distribution[attribute] ?? {}
      for (const value of values) counts[value] = (counts[value] ?? 0) + 1
    }
  }
  return distribution
}

/** A circle around a centre; the radius is in road km, like every distance users see in Podryad. */
export interface SearchCircle {
  center: LatLon
  radiusKm: number
}

export interface AreaQuery {
  near?: string | undefined
  lat?: number | undefined
  lon?: number | undefined
  radiusKm?: number | undefined
}

export const AREA_CENTRE_MESSAGE = 'Для радиуса нужен центр: near или lat и lon / A radius needs a centre: near, or lat and lon'

function locate(place: string): LatLon {
  const found = geocode(place)
  if (found.ok) return { lat: found.place.lat, lon: found.place.lon }
  throw new ValidationError(
    'The place in `near` does not name exactly one place: see errors',
    [{ path: 'query.near', message: geocodeFailureMessage(found) }],
    found.reason === 'ambiguous' ? { candidates: found.candidates } : {},
  )
}

/** The circle the query asks for, or null when it asks for none; `near` is geocoded with the offline gazetteer. */
export function searchCircle({ near, lat, lon, radiusKm }: AreaQuery): SearchCircle | null {
  if (radiusKm === undefined) return null
  if (near !== undefined) return { center: locate(near), radiusKm }
  if (lat === undefined || lon === undefined) throw new ValidationError('The request failed validation: see errors', [{ path: 'query.near', message: AREA_CENTRE_MESSAGE }])
  return { center: { lat, lon }, radiusKm }
}

/**
 * The `_geoBoundingBox` around the circle: road km ≤ R exactly when great-circle km ≤ R / ROAD_FACTOR,
 * so the box of that straight-line radius holds every candidate. `marginKm` widens it for points
 * the distance check moves (a need's coarse delivery point). Cheap for Meilisearch, unlike `_geoRadius`
 * (measurements.md); the exact check runs in TypeScript afterwards.
 */
export function searchBox(circle: SearchCircle, marginKm = 0): GeoBox {
  const box = boundingBox(circle.center, circle.radiusKm / ROAD_FACTOR + marginKm)
  return { south: box.minLat, west: box.minLon, north: box.maxLat, east: box.maxLon }
}

/** Meilisearch refusing work (429, `too_many_search_requests` 503) or failing (5xx) is our 503, never a 500. */
function searchFailure(error: unknown): unknown {
  const cause = unwrapSearchError(error)
  if (cause instanceof SearchUnavailableError) return cause
  if (cause instanceof SearchRequestError && (cause.status === 429 || cause.status >= 500)) {
    const unavailable = new UnavailableError(`Search is overloaded or failing (Meilisearch ${cause.status} ${cause.code ?? 'no code'}); retry shortly`, cause.retryAfter ?? 5)
    unavailable.publicMessage = 'Поиск перегружен, повторите позже / Search is overloaded; retry shortly'
    return unavailable
  }
  return error
}

async function searchIndex<S extends SearchParams>(search: Search, uid: string, q: string | undefined, params: S): Promise<SearchResponse<RecordAny, S>> {
  try {
    return await search.client.index(uid).search<RecordAny, S>(q ?? null, params)
  } catch (error) {
    throw searchFailure(error)
  }
}

export interface SearchPlan<Row extends { id: string }, Hit> {
  search: Search
  sql: Sql
  indexUid: string
  /** Free text; empty means a placeholder search (filters only). */
  q: string | undefined
  /** Built by the safe builder, with the server's own conditions and the circle's box already in. */
  filter: string | undefined
  /** Meilisearch sort expressions; undefined ranks by relevance alone. */
  sort: string[] | undefined
  facets: readonly string[]
  facetKinds: Readonly<Record<string, LabelKind>>
  page: number
  perPage: number
  circle: SearchCircle | null
  /** Re-reads the rows behind `ids` from PostgreSQL; ids whose row is gone or may no longer be shown are left out. */
  load(ids: readonly string[]): Promise<Row[]>
  /** Where a row is, for the distance check. */
  pointOf(row: Row): LatLon
  /** The row as a hit; `distanceKm` is rounded road km, null without a circle. */
  toHit(row: Row, distanceKm: number | null): Hit
}

export interface SearchResult<Hit> {
  hits: Hit[]
  page: number
  perPage: number
  totalHits: number
  totalIsExact: boolean
  facets: Facets
  processingTimeMs: number
}

/** The current rows behind `ids`, in the order of `ids` (Meilisearch's ranking); ids without a row are dropped. */
async function recheck<Row extends { id: string }>(plan: SearchPlan<Row, unknown>, ids: readonly string[]): Promise<Row[]> {
  if (ids.length === 0) return []
  const byId = new Map((await plan.load(ids)).map((row) => [row.id, row]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

interface Selection<Row> {
  rows: { row: Row; distanceKm: number | null }[]
  totalHits: number
  totalIsExact: boolean
  distribution: FacetDistribution
}

/**
 * Without a circle Meilisearch paginates and counts (`totalHits` is exhaustive up to MAX_TOTAL_HITS).
 * Only the page's ids are re-checked; ids dropped there (the index lags PostgreSQL) are taken off
 * the total, which is then no longer exact.
 */
async function selectPage<Row extends { id: string }>(plan: SearchPlan<Row, unknown>): Promise<Selection<Row>> {
  const { filter, sort, page, perPage, facets } = plan
  const response = await searchIndex(plan.search, plan.indexUid, plan.q, { filter, sort, facets: [...facets], page, hitsPerPage: perPage, attributesToRetrieve: ['id'] })
  const ids = response.hits.map((hit) => String(hit.id))
  const found = await recheck(plan, ids)
  const dropped = ids.length - found.length
  return {
    rows: found.map((row) => ({ row, distanceKm: null })),
    totalHits: response.totalHits - dropped,
    totalIsExact: response.totalHits < MAX_TOTAL_HITS && dropped === 0,
    distribution: response.facetDistribution ?? {},
  }
}

/**
 * With a circle the box over-selects, so Meilisearch can neither count nor paginate: the first
 * MAX_TOTAL_HITS candidates are fetched (ids and facet attributes only), all re-checked, the exact
 * road distance applied, and the survivors paginated and faceted here. The total is exact unless
 * the box held more candidates than that bound.
 */
async function selectInCircle<Row extends { id: string }>(plan: SearchPlan<Row, unknown>, circle: SearchCircle): Promise<Selection<Row>> {
  const { filter, sort, page, perPage, facets } = plan
  const response = await searchIndex(plan.search, plan.indexUid, plan.q, { filter, sort, offset: 0, limit: MAX_TOTAL_HITS, attributesToRetrieve: ['id', ...facets] })
  const documents = new Map(response.hits.map((hit) => [String(hit.id), hit as RecordAny]))
  const inside = (await recheck(plan, [...documents.keys()])).flatMap((row) => {
    const km = roadKm(circle.center, plan.pointOf(row))
    return km <= circle.radiusKm ? [{ row, distanceKm: Math.round(km) }] : []
  })
  return {
    rows: inside.slice((page - 1) * perPage, page * perPage),
    totalHits: inside.length,
    totalIsExact: response.hits.length < MAX_TOTAL_HITS,
    distribution: countFacets(
      inside.flatMap(({ row }) => documents.get(row.id) ?? []),
      facets,
    ),
  }
}

/** Runs one search and returns a page of current PostgreSQL rows, as hits, in Meilisearch's order. */
export async function runSearch<Row extends { id: string }, Hit>(plan: SearchPlan<Row, Hit>): Promise<SearchResult<Hit>> {
  const started = performance.now()
  const { rows, totalHits, totalIsExact, distribution } = plan.circle === null ? await selectPage(plan) : await selectInCircle(plan, plan.circle)
  return {
    hits: rows.map(({ row, distanceKm }) => plan.toHit(row, distanceKm)),
    page: plan.page,
    perPage: plan.perPage,
    totalHits,
    totalIsExact,
    facets: await labelFacets(plan.sql, distribution, plan.facetKinds, plan.facets),
    processingTimeMs: Math.round(performance.now() - started),
  }
}

/**
 * What an item must list to work `code`: a family is met by any of its grades (every document carries
 * its grades' families), a grade by itself or by its whole family. Sibling grades do not count, as in
 * the capacity list.
 */
export function materialCondition(code: string): { attribute: 'materials' | 'materialFamilies'; values: string[] } {
  if (getMaterialFamily(code)) return { attribute: 'materialFamilies', values: [code] }
  const family = materialFamilyOf(code)
  return { attribute: 'materials', values: family ? [code, family] : [code] }
}
