import type { FilterableAttributes, Settings } from 'meilisearch'
import { type Search, SearchTaskError } from './client.js'
import { FILTERABLE, type SearchIndex } from './filters.js'
import { SearchRequestError, unwrapSearchError } from './http.js'

/**
 * Index settings. Changing filterable or searchable attributes makes Meilisearch re-index the whole
 * index, so `ensureIndexes` sends settings only when they differ from what the server has.
 */

/**
 * Granular filterable attributes (Meilisearch ≥ 1.14): strings get equality only and numbers also
 * ranges, and facet search is off everywhere (we never call it, and its FST is rebuilt on every
 * indexation, meilisearch#3862). `_geo` stays a plain entry: it is what `_geoBoundingBox` reads.
 */
function filterableAttributes(index: SearchIndex): FilterableAttributes {
  const table: Record<string, string> = FILTERABLE[index]
  const ofKind = (kind: string): string[] => Object.keys(table).filter((attribute) => table[attribute] === kind)
  return [
    '_geo',
    { attributePatterns: ofKind('string'), features: { facetSearch: false, filter: { equality: true, comparison: false } } },
    { attributePatterns: ofKind('number'), features: { facetSearch: false, filter: { equality: true, comparison: true } } },
  ]
}

/** Settings both indexes share; each is listed in Meilisearch's performance-tuning guide. */
const COMMON: Settings = {
  /** A matching service wants a few hundred candidates, never thousands; exports read PostgreSQL. */
  pagination: { maxTotalHits: 1000 },
  /** Covers every process code (113) and material grade (~90) in one facet distribution. */
  faceting: { maxValuesPerFacet: 200 },
  /** Word proximity per attribute rather than per word position: much cheaper to index, same ranking for short fields. */
  proximityPrecision: 'byAttribute',
  /** Typo tolerance works for Cyrillic out of the box ("фрезерня" finds "Фрезерная"); keep it explicit. */
  typoTolerance: { enabled: true },
  facetSearch: false,
}

export const CAPACITY_SETTINGS: Settings = {
  ...COMMON,
  /** Order is ranking weight: a title hit beats a description hit. */
  searchableAttributes: [
    'title',
    'processNamesRu',
    'processNamesEn',
    'materialNames',
    'equipment',
    'orgName',
    'descriptionRu',
    'descriptionEn',
    'city',
  ],
  filterableAttributes: filterableAttributes('capacities'),
  sortableAttributes: ['updatedAt', 'createdAt', 'itGrade', 'leadTimeDays', 'freeHoursTotal'],
  displayedAttributes: ['*'],
}

/**
 * A need's search hits never show who posted it: a contractor's identity stays hidden from suppliers
 * until a centre introduces them. `orgId` is filterable (a contractor lists its own needs) but neither
 * displayed nor searchable, and the delivery point (`_geo`) is not displayed either, because an exact
 * delivery address is the plant; hits carry the city and region instead. (The documents API ignores
 * displayed attributes; only the server, with the master key, can call it.)
 */
const NEED_DISPLAYED_ATTRIBUTES = [
  'id',
  'title',
  'description',
  'processes',
  'processGroups',
  'processNamesRu',
  'processNamesEn',
  'materials',
  'materialFamilies',
  'materialNames',
  'requiredCerts',
  'preferredCerts',
  'regionCode',
  'city',
  'clusterId',
  'status',
  'visibility',
  'deadline',
  'deadlineTs',
  'lengthMm',
  'widthMm',
  'heightMm',
  'massKg',
  'itGrade',
  'roughnessRa',
  'quantity',
  'batchSize',
  'maxDistanceKm',
  'publishedAt',
  'createdAt',
  'updatedAt',
] as const

export const NEED_SETTINGS: Settings = {
  ...COMMON,
  searchableAttributes: ['title', 'processNamesRu', 'processNamesEn', 'materialNames', 'description', 'city'],
  filterableAttributes: filterableAttributes('needs'),
  sortableAttributes: ['updatedAt', 'createdAt', 'deadlineTs', 'itGrade'],
  displayedAttributes: [...NEED_DISPLAYED_ATTRIBUTES],
}

/** Meilisearch returns sortable attributes sorted; everything else keeps the order it was given in. */
const UNORDERED = new Set(['sortableAttributes'])

function sameSetting(wanted: unknown, current: unknown, unordered: boolean): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(current) || wanted.length !== current.length) return false
    const [a, b] = unordered ? [[...wanted].sort(), [...current].sort()] : [wanted, current]
    return a.every((item, i) => sameSetting(item, b[i], false))
  }
  if (wanted !== null && typeof wanted === 'object') {
    if (current === null || typeof current !== 'object') return false
    // The server fills in defaults for keys we did not send; only the keys we send are ours to compare.
    return Object.entries(wanted).every(([key, value]) => sameSetting(value, (current as Record<string, unknown>)[key], false))
  }
  return wanted === current
}

/** The settings keys whose server value differs from `wanted`. */
export function settingsDiff(wanted: Settings, current: Settings): string[] {
  return Object.keys(wanted).filter(
    (key) => !sameSetting(wanted[key as keyof Settings], current[key as keyof Settings], UNORDERED.has(key)),
  )
}

/** The index's primary key: undefined when the index does not exist, null when it has none yet. */
async function indexPrimaryKey(search: Search, uid: string): Promise<string | null | undefined> {
  try {
    return (await search.client.getRawIndex(uid)).primaryKey
  } catch (error) {
    const cause = unwrapSearchError(error)
    if (cause instanceof SearchRequestError && cause.code === 'index_not_found') return undefined
    throw error
  }
}

export interface EnsureIndexResult {
  created: boolean
  /** Settings keys that were sent because they differed. */
  updated: string[]
}

/** Creates index `uid` with primary key `id` if missing and brings its settings to `settings`, waiting for each task. */
export async function ensureIndex(search: Search, uid: string, settings: Settings): Promise<EnsureIndexResult> {
  const primaryKey = await indexPrimaryKey(search, uid)
  const created = primaryKey === undefined
  if (created) {
    const raced = await search.waitOk(search.client.createIndex(uid, { primaryKey: 'id' })).then(
      () => false,
      (error: unknown) => {
        if (error instanceof SearchTaskError && error.task.error?.code === 'index_already_exists') return true
        throw error
      },
    )
    // Another process of the deployment created it a moment earlier (two starting at once:
    // test/faults/shutdown.test.ts); check its primary key and settings as for any existing index.
    if (raced) return { ...(await ensureIndex(search, uid, settings)), created: false }
  } else if (primaryKey === null) await search.waitOk(search.client.updateIndex(uid, { primaryKey: 'id' }))
  else if (primaryKey !== 'id') {
    throw new Error(`Meilisearch index ${uid} has primary key "${primaryKey}", expected "id"; run the reindex script to rebuild it`)
  }
  const index = search.client.index(uid)
  const updated = settingsDiff(settings, await index.getSettings())
  if (updated.length > 0) {
    const changes = Object.fromEntries(updated.map((key) => [key, settings[key as keyof Settings]])) as Settings
    await search.waitOk(index.updateSettings(changes))
  }
  return { created, updated }
}

/** Idempotent start-up step: both indexes exist with primary key `id` and our settings. */
export async function ensureIndexes(search: Search): Promise<Record<SearchIndex, EnsureIndexResult>> {
  return {
    capacities: await ensureIndex(search, search.indexes.capacities, CAPACITY_SETTINGS),
    needs: await ensureIndex(search, search.indexes.needs, NEED_SETTINGS),
  }
}
