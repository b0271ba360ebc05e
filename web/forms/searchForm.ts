import { z } from 'zod'
import { isCertificateCode, isMaterialCode, isProcessCode } from '../../src/domain/taxonomy/index.js'
import { getSubject } from '../../src/geo/index.js'
import { CAPACITY_SEARCH_SORTS, type CapacitySearchQuery } from '../../src/services/search/searchCapacities.js'
import { NEED_SEARCH_SORTS, type NeedSearchQuery } from '../../src/services/search/searchNeeds.js'
import { MAX_TOTAL_HITS } from '../../src/services/search/shared.js'
import type { PlainKey } from '../i18n/index.js'

export const PER_PAGE = 20
/** Search stops counting at MAX_TOTAL_HITS, so no page lies beyond it. */
export const MAX_PAGE = Math.floor(MAX_TOTAL_HITS / PER_PAGE)
export const RADIUS_OPTIONS_KM = [25, 50, 100, 200, 400, 800] as const
const DEFAULT_RADIUS_KM = 100

/** One facet: the attribute the search counts and the query parameter that filters by it. */
export interface FacetSpec {
  attribute: string
  param: string
  /** Several values (any/all of them, as the service defines) or one value at a time. */
  choice: 'many' | 'one'
  legend: PlainKey
}

export interface SearchSpec {
  kind: 'capacities' | 'needs'
  path: string
  title: PlainKey
  queryHint: PlainKey
  found: 'search.capacities.found' | 'search.needs.found'
  sorts: readonly string[]
  facets: readonly FacetSpec[]
}

export const CAPACITY_SEARCH: SearchSpec = {
  kind: 'capacities',
  path: '/search/capacities',
  title: 'search.capacities.title',
  queryHint: 'search.query.capacitiesHint',
  found: 'search.capacities.found',
  sorts: CAPACITY_SEARCH_SORTS,
  facets: [
    { attribute: 'processes', param: 'process', choice: 'many', legend: 'search.facet.processes' },
    { attribute: 'certificates', param: 'certificate', choice: 'many', legend: 'search.facet.certificates' },
    { attribute: 'materialFamilies', param: 'material', choice: 'one', legend: 'search.facet.materialFamilies' },
    { attribute: 'regionCode', param: 'regionCode', choice: 'one', legend: 'search.facet.regionCode' },
  ],
}

export const NEED_SEARCH: SearchSpec = {
  kind: 'needs',
  path: '/search/needs',
  title: 'search.needs.title',
  queryHint: 'search.query.needsHint',
  found: 'search.needs.found',
  sorts: NEED_SEARCH_SORTS,
  facets: [
    { attribute: 'processes', param: 'process', choice: 'many', legend: 'search.facet.processes' },
    { attribute: 'requiredCerts', param: 'requiredCert', choice: 'many', legend: 'search.facet.requiredCerts' },
    { attribute: 'materialFamilies', param: 'material', choice: 'one', legend: 'search.facet.materialFamilies' },
    { attribute: 'regionCode', param: 'regionCode', choice: 'one', legend: 'search.facet.regionCode' },
  ],
}

/** What the visitor asked for, as the form shows it back. */
export interface SearchFormState {
  q: string
  near: string
  radiusKm: number
  sort: string
  page: number
  filters: Record<string, string[]>
}

const isRegionCode = (code: string) => getSubject(code) !== undefined

const FILTER_CODES: Record<string, (code: string) => boolean> = {
  process: isProcessCode,
  certificate: isCertificateCode,
  requiredCert: isCertificateCode,
  material: isMaterialCode,
  regionCode: isRegionCode,
}

/** A bookmarked or hand-edited address never fails the page: unknown values are dropped, bad numbers fall back. */
function formSchema(spec: SearchSpec) {
  const filters = Object.fromEntries(
    spec.facets.map((facet) => {
      const known = FILTER_CODES[facet.param] ?? (() => false)
      const codes = z.array(z.string()).transform((values) => [...new Set(values.filter(known))].slice(0, facet.choice === 'one' ? 1 : 30))
      return [facet.param, codes.catch([])]
    }),
  )
  return z.object({
    q: z.string().trim().max(200).catch(''),
    near: z.string().trim().max(200).catch(''),
    radiusKm: z.coerce
      .number()
      .refine((km) => (RADIUS_OPTIONS_KM as readonly number[]).includes(km))
      .catch(DEFAULT_RADIUS_KM),
    sort: z.enum(spec.sorts as [string, ...string[]]).catch('relevance'),
    page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
    ...filters,
  })
}

export function parseSearchForm(spec: SearchSpec, single: (name: string) => string | undefined, many: (name: string) => string[]): SearchFormState {
  const input: Record<string, unknown> = {
    q: single('q') ?? '',
    near: single('near') ?? '',
    radiusKm: single('radiusKm') ?? DEFAULT_RADIUS_KM,
    sort: single('sort') ?? 'relevance',
    page: single('page') ?? 1,
    ...Object.fromEntries(spec.facets.map((facet) => [facet.param, many(facet.param)])),
  }
  const parsed = formSchema(spec).parse(input) as Record<string, unknown> & Omit<SearchFormState, 'filters'>
  const filters = Object.fromEntries(spec.facets.map((facet) => [facet.param, (parsed[facet.param] as string[] | undefined) ?? []]))
  return { q: parsed.q, near: parsed.near, radiusKm: parsed.radiusKm, sort: parsed.sort, page: parsed.page, filters }
}

/** The address of this search with some fields changed; `page` is left out on page 1. */
export function searchHref(spec: SearchSpec, state: SearchFormState, change: Partial<SearchFormState> = {}): string {
  const next = { ...state, ...change }
  const params = new URLSearchParams()
  if (next.q) params.set('q', next.q)
  if (next.near) {
    params.set('near', next.near)
    params.set('radiusKm', String(next.radiusKm))
  }
  if (next.sort !== 'relevance') params.set('sort', next.sort)
  for (const facet of spec.facets) for (const value of next.filters[facet.param] ?? []) params.append(facet.param, value)
  if (next.page > 1) params.set('page', String(next.page))
  const query = params.toString()
  return query ? `${spec.path}?${query}` : spec.path
}

/** The radius applies only around a place: a radius alone would be a search without a centre. */
function area(state: SearchFormState): { near?: string; radiusKm?: number } {
  return state.near ? { near: state.near, radiusKm: state.radiusKm } : {}
}

export function capacityQuery(state: SearchFormState): CapacitySearchQuery {
  return {
    q: state.q || undefined,
    page: state.page,
    perPage: PER_PAGE,
    sort: state.sort as CapacitySearchQuery['sort'],
    facets: ['processes', 'certificates', 'materialFamilies', 'regionCode'],
    process: state.filters.process,
    certificate: state.filters.certificate,
    material: state.filters.material?.[0],
    regionCode: state.filters.regionCode?.[0],
    ...area(state),
  }
}

export function needQuery(state: SearchFormState): NeedSearchQuery {
  return {
    q: state.q || undefined,
    page: state.page,
    perPage: PER_PAGE,
    sort: state.sort as NeedSearchQuery['sort'],
    facets: ['processes', 'requiredCerts', 'materialFamilies', 'regionCode'],
    process: state.filters.process,
    requiredCert: state.filters.requiredCert,
    material: state.filters.material?.[0],
    regionCode: state.filters.regionCode?.[0],
    ...area(state),
  }
}
