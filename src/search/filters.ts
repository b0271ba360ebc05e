/**
 * The one way to build Meilisearch filter strings. Filters are a small language; interpolating a
 * value into one unescaped either breaks the query or widens it (engineering.md §9.5). Here attribute
 * names come only from the whitelists below (checked by the compiler and again at run time), and every
 * value is a quoted, escaped string or a finite number.
 */

type FilterKind = 'string' | 'number'

/**
 * What each index lets callers filter on, and how. `string` attributes get equality only, `number`
 * attributes also ranges; settings.ts derives `filterableAttributes` from these tables.
 */
export const FILTERABLE = {
  capacities: {
    id: 'string',
    orgId: 'string',
    siteId: 'string',
    processes: 'string',
    processGroups: 'string',
    materials: 'string',
    materialFamilies: 'string',
    certificates: 'string',
    regionCode: 'string',
    clusterIds: 'string',
    maxLengthMm: 'number',
    maxWidthMm: 'number',
    maxHeightMm: 'number',
    maxMassKg: 'number',
    itGrade: 'number',
    roughnessRa: 'number',
    batchMin: 'number',
    batchMax: 'number',
    freeHoursTotal: 'number',
    leadTimeDays: 'number',
    updatedAt: 'number',
  },
  needs: {
    id: 'string',
    orgId: 'string',
    processes: 'string',
    processGroups: 'string',
    materials: 'string',
    materialFamilies: 'string',
    requiredCerts: 'string',
    preferredCerts: 'string',
    regionCode: 'string',
    clusterId: 'string',
    status: 'string',
    visibility: 'string',
    lengthMm: 'number',
    widthMm: 'number',
    heightMm: 'number',
    massKg: 'number',
    itGrade: 'number',
    roughnessRa: 'number',
    quantity: 'number',
    batchSize: 'number',
    deadlineTs: 'number',
    updatedAt: 'number',
  },
} as const satisfies Record<string, Record<string, FilterKind>>

export type SearchIndex = keyof typeof FILTERABLE
type Attributes<I extends SearchIndex> = (typeof FILTERABLE)[I]
export type FilterAttribute<I extends SearchIndex> = keyof Attributes<I> & string
type AttributeOfKind<I extends SearchIndex, K extends FilterKind> = {
  [A in FilterAttribute<I>]: Attributes<I>[A] extends K ? A : never
}[FilterAttribute<I>]
export type StringAttribute<I extends SearchIndex> = AttributeOfKind<I, 'string'>
export type NumberAttribute<I extends SearchIndex> = AttributeOfKind<I, 'number'>
type ValueOf<I extends SearchIndex, A extends FilterAttribute<I>> = Attributes<I>[A] extends 'number' ? number : string

/** A south-west / north-east box; `west > east` means it crosses the antimeridian (Chukotka). */
export interface GeoBox {
  south: number
  west: number
  north: number
  east: number
}

/**
 * A built filter expression for index `I`. `text` is null for "no condition" (an empty `all()`),
 * so optional conditions can be passed as `undefined` and simply drop out.
 */
export class Filter<I extends SearchIndex> {
  declare private readonly index: I
  constructor(readonly text: string | null) {}
}

type Part<I extends SearchIndex> = Filter<I> | undefined | null | false

/** Escapes `\` first, then `"`, and wraps the value in double quotes (Meilisearch's filter grammar). */
export function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
}

function formatNumber(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`Filter value must be a finite number, got ${String(value)}`)
  return String(value)
}

export interface FilterBuilder<I extends SearchIndex> {
  eq<A extends FilterAttribute<I>>(attribute: A, value: ValueOf<I, A>): Filter<I>
  /** Matches when the attribute (or any element of an array attribute) equals one of `values`. */
  in<A extends FilterAttribute<I>>(attribute: A, values: readonly ValueOf<I, A>[]): Filter<I>
  gte(attribute: NumberAttribute<I>, value: number): Filter<I>
  lte(attribute: NumberAttribute<I>, value: number): Filter<I>
  /** Documents where the attribute is null: "unknown" usually must not exclude a candidate. */
  isNull(attribute: FilterAttribute<I>): Filter<I>
  /** Documents where the attribute is an empty array (e.g. a capacity that lists no materials). */
  isEmpty(attribute: FilterAttribute<I>): Filter<I>
  /** `_geoBoundingBox`: cheap range filters, unlike `_geoRadius`, which loads the whole R-tree per query (perf §0.1). */
  geoBox(box: GeoBox): Filter<I>
  all(...parts: Part<I>[]): Filter<I>
  any(...parts: Part<I>[]): Filter<I>
  not(part: Filter<I>): Filter<I>
  /** The filter string for Meilisearch; undefined when there is no condition at all. */
  build(...parts: Part<I>[]): string | undefined
}

function latitude(value: number): string {
  if (!(value >= -90 && value <= 90)) throw new RangeError(`Latitude must be within [-90, 90], got ${String(value)}`)
  return formatNumber(value)
}

function longitude(value: number): string {
  if (!(value >= -180 && value <= 180)) throw new RangeError(`Longitude must be within [-180, 180], got ${String(value)}`)
  return formatNumber(value)
}

/** Returns the filter builder for one index; `filters('needs').eq('status', 'published')`. */
export function filters<I extends SearchIndex>(index: I): FilterBuilder<I> {
  const table: Record<string, FilterKind> = FILTERABLE[index]

  function kindOf(attribute: string): FilterKind {
    const kind = Object.hasOwn(table, attribute) ? table[attribute] : undefined
    if (!kind) throw new RangeError(`Attribute "${attribute}" is not filterable on the ${index} index`)
    return kind
  }

  function value(attribute: string, raw: string | number): string {
    const kind = kindOf(attribute)
    if (kind === 'number') return formatNumber(raw as number)
    if (typeof raw !== 'string') throw new TypeError(`Attribute "${attribute}" takes string values, got ${typeof raw}`)
    return quote(raw)
  }

  function numeric(attribute: string): void {
    if (kindOf(attribute) !== 'number') throw new RangeError(`Attribute "${attribute}" is not numeric; ranges need a numeric attribute`)
  }

  function combine(parts: Part<I>[], operator: 'AND' | 'OR'): Filter<I> {
    const present = parts.filter((p): p is Filter<I> => p instanceof Filter)
    if (operator === 'OR' && present.some((p) => p.text === null)) return new Filter(null)
    const texts = present.map((p) => p.text).filter((t): t is string => t !== null)
    if (texts.length === 0) {
      if (operator === 'OR') throw new RangeError('any() needs at least one condition: an empty OR matches nothing')
      return new Filter(null)
    }
    if (texts.length === 1) return new Filter(texts[0] ?? null)
    return new Filter(texts.map((t) => `(${t})`).join(` ${operator} `))
  }

  return {
    eq: (attribute, v) => new Filter(`${attribute} = ${value(attribute, v)}`),
    in: (attribute, values) => {
      if (values.length === 0) throw new RangeError(`in("${attribute}", []) matches nothing; skip the query instead`)
      return new Filter(`${attribute} IN [${values.map((v) => value(attribute, v)).join(', ')}]`)
    },
    gte: (attribute, v) => {
      numeric(attribute)
      return new Filter(`${attribute} >= ${formatNumber(v)}`)
    },
    lte: (attribute, v) => {
      numeric(attribute)
      return new Filter(`${attribute} <= ${formatNumber(v)}`)
    },
    isNull: (attribute) => {
      kindOf(attribute)
      return new Filter(`${attribute} IS NULL`)
    },
    isEmpty: (attribute) => {
      kindOf(attribute)
      return new Filter(`${attribute} IS EMPTY`)
    },
    geoBox: (box) => {
      if (!(box.north >= box.south)) throw new RangeError(`Bounding box north (${String(box.north)}) must not be below south (${String(box.south)})`)
      return new Filter(`_geoBoundingBox([${latitude(box.north)}, ${longitude(box.east)}], [${latitude(box.south)}, ${longitude(box.west)}])`)
    },
    all: (...parts) => combine(parts, 'AND'),
    any: (...parts) => combine(parts, 'OR'),
    not: (part) => {
      if (part.text === null) throw new RangeError('not() of an empty condition matches nothing')
      return new Filter(`NOT (${part.text})`)
    },
    build: (...parts) => combine(parts, 'AND').text ?? undefined,
  }
}
