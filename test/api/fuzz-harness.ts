import fc from 'fast-check'
import type { TestDeps } from '../helpers/deps.js'
import { createTestUser, signInHeaders, TEST_ORIGIN } from '../helpers/auth.js'
import { createOrganizationOfKinds, createSupplier, createSupplierSite, insertCapacity } from '../helpers/fixtures.js'
import { createSession } from '../../src/auth/session.js'
import { SESSION_COOKIE } from '../../src/auth/cookie.js'
import { ID_PATTERN, newId } from '../../src/lib/ids.js'

/**
 * API fuzzing (perf-reliability.md R7). Every operation of `/openapi.json` is called with fast-check
 * generated input: bodies valid by the schema, near-valid (one field replaced by a wrong type, a wrong
 * size, hostile Unicode, a missing or an extra key), arbitrary JSON and non-JSON; queries and path
 * parameters from the schema and hostile strings; content types, languages, cookies and origins; as
 * nobody, as a platform admin and as an organization member. No answer may be a 5xx, and every 4xx
 * must be an `application/problem+json` document whose `status` is the HTTP status.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
interface Schema {
  $ref?: string
  type?: string | string[]
  enum?: Json[]
  const?: Json
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  items?: Schema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  example?: Json
  default?: Json
}

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Schema
}

export interface Operation {
  method: string
  /** OpenAPI path template, e.g. `/api/capacities/{id}`. */
  path: string
  params: Parameter[]
  body?: Schema
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>
  components?: { schemas?: Record<string, Schema> }
}

export async function readOperations(app: TestDeps['app']): Promise<{ operations: Operation[]; components: Record<string, Schema> }> {
  const res = await app.request('/openapi.json')
  const doc = (await res.json()) as OpenApi
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody?.content?.['application/json']?.schema
      operations.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], ...(body ? { body } : {}) })
    }
  }
  return { operations, components: doc.components?.schemas ?? {} }
}

/* ------------------------------------------------------------------------------ hostile values */

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\uffff',
  '\u202eevil',
  'é', // e + combining acute
  'İıﬀß',
  '٣٤٥',
  '💥'.repeat(64),
  'Ж'.repeat(5000),
  'x'.repeat(70_000),
  "' OR 1=1 --",
  '"; DROP TABLE organizations; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '%ZZ',
  '%',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  '9007199254740993',
  '2027-02-30',
  '2027-13-01',
  '0000-00-00',
  '${jndi:ldap://x/a}',
  '\\',
  '"',
  'MCH.TURN,MCH.TURN',
  ',,,',
  'org_',
  'cap_0mb3k9x2a7q4r8s1t6v5w3x',
] as const

/** Codes the API knows (processes, materials, certificates, kinds, roles, statuses): values that pass validation. */
const KNOWN_CODES = ['MCH.TURN', 'MCH.MILL3', 'MCH.MILL5,MCH.TURN', 'ST_ST3SP', 'AL_D16', 'ISO9001', 'supplier', 'contractor', 'centre', 'admin', 'member', 'published', 'draft', '16', '77'] as const

const HOSTILE_NUMBERS = [0, -0, -1, 1.5, -1e308, 1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1, 1e-320, 0.1 + 0.2] as const

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
)

/** Anything that is not what the schema asked for. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [[]], { '': null }, { __proto__: { polluted: true } }, JSON.parse('{"__proto__":{"polluted":true}}')) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 40 }) },
)

/**
 * `arbitrary` in one case of `every`, nothing otherwise. (fast-check's `fc.option(a, { freq: n })` is the
 * other way round: nothing in one case of n.) Spoilers such as a broken cookie or a cross-site header
 * stop a request at the door, so they come now and then, not in most cases.
 */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: every - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary })
}

/* -------------------------------------------------------------------------- values from schemas */

export class SchemaArbitraries {
  constructor(
    private readonly components: Record<string, Schema>,
    private readonly ids: readonly string[],
  ) {}

  private resolve(schema: Schema): Schema {
    let current = schema
    for (let i = 0; current.$ref && i < 10; i++) current = this.components[current.$ref.replace('#/components/schemas/', '')] ?? {}
    return current
  }

  /** Values the schema accepts, mostly (refinements across fields are not in the schema). */
  valid(schema: Schema | undefined, depth = 0, name?: string): fc.Arbitrary<unknown> {
    if (!schema) return fc.jsonValue({ maxDepth: 2 })
    const s = this.resolve(schema)
    if (s.const !== undefined) return fc.constant(s.const)
    if (s.enum) return fc.constantFrom(...s.enum)
    if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf ?? []).map((x) => this.valid(x, depth + 1, name)))
    if (s.allOf) {
      const merged: Schema = { type: 'object', properties: {}, required: [] }
      for (const part of s.allOf.map((x) => this.resolve(x))) {
        Object.assign(merged.properties as object, part.properties ?? {})
        merged.required?.push(...(part.required ?? []))
      }
      return this.valid(merged, depth + 1)
    }
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : ['object']
    const generated = fc.oneof(...types.map((type) => this.ofType(type, s, depth, name)))
    // The schema's example is the likeliest value to pass every refinement the schema cannot express
    // (a known process code, a subject code), so it is used often; unless it fails the pattern itself.
    const example = s.example
    const exampleFits = example !== undefined && (typeof example !== 'string' || !s.pattern || new RegExp(s.pattern).test(example))
    return exampleFits ? fc.oneof({ weight: 3, arbitrary: fc.constant(example) }, { weight: 2, arbitrary: generated }) : generated
  }

  private ofType(type: string, s: Schema, depth: number, name?: string): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null)
      case 'boolean':
        return fc.boolean()
      case 'integer': {
        const min = Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? Math.floor(s.exclusiveMinimum) + 1 : -1000), -2_000_000_000)
        const max = Math.min(s.maximum ?? min + 100_000, 2_000_000_000)
        const smallMin = Math.max(min, 0)
        const smallMax = Math.min(max, smallMin + 20)
        return smallMin <= smallMax ? fc.oneof(fc.integer({ min: smallMin, max: smallMax }), fc.integer({ min, max })) : fc.integer({ min, max })
      }
      case 'number': {
        const min = s.minimum ?? s.exclusiveMinimum ?? -1000
        const max = s.maximum ?? min + 100_000
        // Whole numbers too: several "number" parameters are integers underneath (an IT grade).
        const double = fc.double({ min, max, noNaN: true, noDefaultInfinity: true, minExcluded: s.exclusiveMinimum !== undefined })
        const low = Math.ceil(min + (s.exclusiveMinimum !== undefined ? 1e-9 : 0))
        const high = Math.floor(max)
        // Small whole numbers first: limits the schema does not state (an IT grade ≤ 18) are usually small.
        const smallMin = Math.max(low, 0)
        const small = smallMin <= Math.min(high, smallMin + 20) ? fc.integer({ min: smallMin, max: Math.min(high, smallMin + 20) }) : undefined
        const whole = low <= high ? fc.integer({ min: low, max: high }) : undefined
        return fc.oneof(...[small, small, whole, double].filter((a): a is fc.Arbitrary<number> => a !== undefined))
      }
      case 'string':
        return this.string(s, name)
      case 'array': {
        const min = s.minItems ?? 0
        return fc.array(this.valid(s.items, depth + 1, name), { minLength: min, maxLength: Math.min(s.maxItems ?? min + 3, min + 3) })
      }
      default: {
        if (depth > 4) return fc.constant({})
        const properties = s.properties ?? {}
        const keys = Object.keys(properties)
        if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })
        return fc.record(Object.fromEntries(keys.map((key) => [key, this.valid(properties[key], depth + 1, key)])), { requiredKeys: (s.required ?? []).filter((k) => keys.includes(k)) })
      }
    }
  }

  private string(s: Schema, name?: string): fc.Arbitrary<string> {
    if (s.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
    if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
    if (s.format === 'email') return fc.emailAddress()
    if (s.format === 'uri' || s.format === 'url') return fc.webUrl()
    if (s.pattern) {
      // Ids: mostly ones that exist, so the request gets past the 404 and into the service.
      // The pattern is shared by every kind of id; the example's prefix (org_, cap_…) says which kind.
      const prefix =
        typeof s.example === 'string' && /^[a-z]{2,4}_/.test(s.example) ? s.example.slice(0, s.example.indexOf('_') + 1) : (name !== undefined ? ID_PREFIXES[name] : undefined) ?? ''
      const known = this.ids.filter((id) => id.startsWith(prefix) && new RegExp(s.pattern as string).test(id))
      // Unknown ids of the right kind (a 404 further in), or anything the pattern allows when the kind is unknown.
      const matching =
        prefix !== '' && s.pattern === ID_PATTERN.source
          ? fc.stringMatching(/^[0-9a-z]{21}$/).map((tail) => `${prefix}${tail}`)
          : fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 10_000))
      return known.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: matching }) : matching
    }
    // Free strings are often codes underneath (a process, an organization kind): known codes get past validation.
    const text = fc.string({ unit: 'grapheme', minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60) })
    const codes = KNOWN_CODES.filter((code) => code.length >= (s.minLength ?? 0) && code.length <= (s.maxLength ?? Infinity))
    return codes.length > 0 ? fc.oneof({ weight: 2, arbitrary: text }, { weight: 1, arbitrary: fc.constantFrom(...codes) }) : text
  }

  /** A valid value with one spot replaced by something hostile, a required key dropped, or an unknown key added. */
  nearValid(schema: Schema | undefined): fc.Arbitrary<unknown> {
    return fc.tuple(this.valid(schema), hostileValue, fc.nat(), fc.constantFrom('replace', 'replace', 'replace', 'drop', 'add')).map(([value, hostile, pick, how]) => mutate(value, hostile, pick, how))
  }
}

function mutate(value: unknown, hostile: unknown, pick: number, how: string): unknown {
  const copy = structuredClone(value) as unknown
  // Every container in the value, the root included.
  const containers: (Record<string, unknown> | unknown[])[] = []
  const walk = (v: unknown): void => {
    if (v !== null && typeof v === 'object') {
      containers.push(v as Record<string, unknown>)
      for (const child of Object.values(v)) walk(child)
    }
  }
  walk(copy)
  if (containers.length === 0) return hostile
  const target = containers[pick % containers.length] as Record<string, unknown>
  const keys = Object.keys(target)
  if (how === 'add' || keys.length === 0) {
    if (Array.isArray(target)) target.push(hostile)
    else target[['price', 'status', 'id', 'orgId', '__proto__', 'createdAt', ''][pick % 7] as string] = hostile
  } else {
    const key = keys[pick % keys.length] as string
    if (how === 'drop' && !Array.isArray(target)) delete target[key]
    else target[key] = hostile
  }
  return copy
}

/* ------------------------------------------------------------------------------------ requests */

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=----x',
  'application/xml',
  '',
  'json',
  ';;;',
] as const

export type Identity = 'anonymous' | 'admin' | 'member'

export interface FuzzCase {
  method: string
  url: string
  identity: Identity
  headers: Record<string, string>
  body: string | FormData | undefined
  /** What kind of body it is, for the report. */
  bodyKind: string
}

function encodeSegment(value: string, raw: boolean): string {
  // Raw: the string goes into the URL as is (when the URL parser takes it), to exercise decoding.
  if (raw && /^[\x21-\x7e]*$/.test(value) && !/[/?#]/.test(value) && value !== '' && value !== '.' && value !== '..') return value
  return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'))
}

function deepNesting(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`
}

export type Mode = 'valid' | 'one-hostile' | 'chaos'

export function caseArbitrary(op: Operation, schemas: SchemaArbitraries, modes: Mode[] = ['valid', 'valid', 'one-hostile', 'one-hostile', 'one-hostile', 'chaos']): fc.Arbitrary<FuzzCase> {
  const pathParams = op.params.filter((p) => p.in === 'path')
  const queryParams = op.params.filter((p) => p.in === 'query')

  // Each case has a mode: everything valid, exactly one part hostile, or anything goes. Hostile values
  // everywhere at once would stop nearly every request at the first validation (400) and never reach
  // the services; one at a time, they probe each field on its own.
  const mode = fc.constantFrom(...modes)

  const validPath = (p: Parameter) => schemas.valid(p.schema, 0, p.name).map((v) => [String(v), false] as const)
  const hostilePath = fc.tuple(hostileString, fc.boolean())
  const pathValues = fc.tuple(...pathParams.map((p) => fc.record({ valid: validPath(p), hostile: hostilePath })))

  const asQueryValue = (v: unknown) => (Array.isArray(v) ? v.map(String).join(',') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))
  // In a query, the documented example is nearly always the value to send: the schema says "string" for
  // lists of codes that only a few values satisfy.
  const validQuery = (p: Parameter) =>
    fc.option(
      p.schema?.example !== undefined && (typeof p.schema.example !== 'string' || !p.schema.pattern || new RegExp(p.schema.pattern).test(p.schema.example))
        ? fc.oneof({ weight: 5, arbitrary: fc.constant(asQueryValue(p.schema.example)) }, { weight: 1, arbitrary: schemas.valid(p.schema, 0, p.name).map(asQueryValue) })
        : schemas.valid(p.schema, 0, p.name).map(asQueryValue),
      { freq: 2, nil: undefined },
    )
  const hostileQuery = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: fc.array(hostileString, { minLength: 2, maxLength: 4 }) })
  const query = fc.tuple(
    fc.tuple(...queryParams.map((p) => fc.record({ valid: validQuery(p), hostile: hostileQuery }))),
    sometimes(fc.tuple(fc.constantFrom('page', 'q', 'x', '__proto__', 'sort[]', ''), hostileString), 4),
  )

  const validBody = op.body
    ? schemas.valid(op.body).map((v) => ({ kind: 'valid', text: JSON.stringify(v) ?? ('null' as string | undefined) }))
    : fc.constant({ kind: 'none', text: undefined as string | undefined })
  const otherBody = fc.oneof(
    { weight: 5, arbitrary: schemas.nearValid(op.body).map((v) => ({ kind: 'near-valid', text: JSON.stringify(v) ?? 'null' })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ kind: 'json', text: JSON.stringify(v) ?? 'null' })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ kind: 'raw', text })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { kind: 'raw', text: '{' },
        { kind: 'raw', text: '{"title":' },
        { kind: 'raw', text: '{"a":1,"a":2}' },
        { kind: 'raw', text: '1e999' },
        { kind: 'raw', text: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}' },
        { kind: 'raw', text: '\ufeff{}' },
        { kind: 'raw', text: deepNesting(10_000) },
        { kind: 'raw', text: JSON.stringify({ title: 'x'.repeat(1_100_000) }) },
      ),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none', text: undefined as string | undefined }) },
  )
  const body = fc.record({ valid: validBody, other: otherBody })

  const headers = fc.record(
    {
      contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }),
      language: fc.option(fc.oneof(fc.constantFrom('ru', 'en', 'en-US,en;q=0.9', 'zz', '*', ';q=', 'ru;q=abc'), fc.string({ maxLength: 30 })), { freq: 3 }),
      origin: fc.oneof({ weight: 5, arbitrary: fc.constant(TEST_ORIGIN) }, { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null', '') }, { weight: 1, arbitrary: fc.constant(undefined) }),
      fetchSite: sometimes(fc.constantFrom('same-origin', 'cross-site', 'none', 'bogus'), 4),
      badCookie: sometimes(fc.oneof(fc.constantFrom('__Host-session=', '__Host-session=abc', '__Host-session=' + 'A'.repeat(43), 'x=y; __Host-session=%ZZ'), fc.string({ maxLength: 60 })), 6),
    },
    { requiredKeys: ['contentType', 'origin'] },
  )

  const method = fc.oneof({ weight: 30, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') })
  const identity = fc.constantFrom<Identity>('anonymous', 'admin', 'admin', 'member')

  return fc.tuple(mode, fc.nat(), method, pathValues, query, body, headers, identity).map(([m0, pick, m, paths, [queryValues, extra], b0, h, who]) => {
    // Which part is hostile in 'one-hostile': a path parameter, a query parameter, or the body.
    const parts = pathParams.length + queryParams.length + (op.body ? 1 : 0)
    const hostilePart = m0 === 'one-hostile' && parts > 0 ? pick % parts : -1
    const isHostile = (index: number) => m0 === 'chaos' ? (pick >> index) % 2 === 1 : index === hostilePart
    let path = op.path
    pathParams.forEach((p, i) => {
      const choice = paths[i] as { valid: readonly [string, boolean]; hostile: readonly [string, boolean] }
      const [value, raw] = isHostile(i) ? choice.hostile : choice.valid
      path = path.replace(`{${p.name}}`, encodeSegment(value, raw))
    })
    const search = new URLSearchParams()
    queryParams.forEach((p, i) => {
      const choice = queryValues[i] as { valid: string | undefined; hostile: string | string[] }
      const value = isHostile(pathParams.length + i) ? choice.hostile : choice.valid
      if (value === undefined) return
      for (const v of Array.isArray(value) ? value : [value]) search.append(p.name, String(v).replace(/[\ud800-\udfff]/g, '\ufffd'))
    })
    if (extra && m0 !== 'valid') search.append(extra[0], extra[1].replace(/[\ud800-\udfff]/g, '\ufffd'))
    // The body: valid unless it is the hostile part (then near-valid or worse), or anything in chaos.
    const bodyHostile = op.body ? isHostile(parts - 1) : m0 !== 'valid'
    const b = m0 === 'chaos' || bodyHostile ? b0.other : b0.valid
    const qs = search.toString()
    const headersOut: Record<string, string> = {}
    const sendsBody = !['GET', 'HEAD'].includes(m) && b.text !== undefined
    if (sendsBody && h.contentType !== '') headersOut['content-type'] = h.contentType
    if (h.language !== null && h.language !== undefined) headersOut['accept-language'] = h.language
    if (h.origin !== undefined) headersOut.origin = h.origin
    if (h.fetchSite) headersOut['sec-fetch-site'] = h.fetchSite
    if (h.badCookie) headersOut.cookie = h.badCookie
    return {
      method: m,
      url: `http://localhost${path}${qs ? `?${qs}` : ''}`,
      identity: who,
      headers: headersOut,
      body: sendsBody ? b.text : undefined,
      bodyKind: sendsBody ? b.kind : 'none',
    }
  })
}

/* --------------------------------------------------------------------------------- the run */

export interface FuzzFixtures {
  ids: string[]
  headersFor(identity: Identity): Promise<Record<string, string>>
}

/** Organizations, sites, capacities, needs, certificates, a cluster and a member, so generated ids hit real rows. */
export async function createFuzzFixtures(deps: TestDeps): Promise<FuzzFixtures> {
  const supplierId = await createSupplier(deps, 'ООО «Фаззинг»')
  const siteId = await createSupplierSite(deps, supplierId)
  await insertCapacity(deps.sql, supplierId, siteId)
  await insertCapacity(deps.sql, supplierId, siteId)
  const contractorId = await createOrganizationOfKinds(deps, ['contractor'], 'АО «Заказчик фаззинга»')
  const clusterId = newId('clu')
  await deps.sql`insert into clusters (id, name_ru, name_en, sector, region_codes, lat, lon) values (${clusterId}, 'Кластер', 'Cluster', 'automotive', '{16}', 55.79, 49.12)`
  for (const status of ['draft', 'published']) {
    await deps.sql`
      insert into needs (id, org_id, title, processes, delivery_address, delivery_city, delivery_region_code, delivery_lat, delivery_lon,
        delivery_precision, deadline, status, cluster_id, published_at)
      values (${newId('need')}, ${contractorId}, 'Вал ступенчатый', '{MCH.TURN}', 'пр. Мира, 1', 'Набережные Челны', '16', 55.74, 52.41, 'city',
        '2030-03-01', ${status}, ${clusterId}, ${status === 'published' ? new Date() : null})`
  }
  await deps.sql`
    insert into certificates (id, org_id, standard, number, issuer, valid_from, valid_until)
    values (${newId('cert')}, ${supplierId}, 'ISO9001', 'RU-1', 'Орган', '2020-01-01', '2099-01-01')`
  await createTestUser(deps.sql, { name: 'Участник', memberships: [{ orgId: supplierId, role: 'admin' }] })
  /** The supplier, or a new organization when a fuzzed DELETE took it. */
  const liveOrganization = async (): Promise<string> => {
    const [row] = await deps.sql<{ id: string }[]>`select id from organizations where id = ${supplierId}`
    if (row) return row.id
    const id = newId('org')
    await deps.sql`insert into organizations (id, name, inn, kinds) values (${id}, 'ООО «Замена»', ${String(Date.now()).slice(-10)}, '{supplier}')`
    return id
  }

  const rows = await deps.sql<{ id: string }[]>`
    select id from organizations union all select id from sites union all select id from capacities union all select id from needs
    union all select id from certificates union all select id from clusters union all select id from users`
  const sessions = new Map<Identity, Record<string, string>>()
  const users = new Map<Identity, string>()
  async function fresh(identity: Identity): Promise<Record<string, string>> {
    // A new user each time: fuzzed requests may have changed, deactivated or removed the last one.
    const user =
      identity === 'admin'
        ? await createTestUser(deps.sql, { name: 'Администратор', platformRole: 'admin' })
        : await createTestUser(deps.sql, { name: 'Участник', memberships: [{ orgId: await liveOrganization(), role: 'admin' }] })
    // Fuzzing the sign-in route trips its throttle (429), which would refuse our own sign-in too.
    await deps.sql`delete from login_throttle`
    const headers = await signInHeaders(deps.app, user.email)
    sessions.set(identity, headers)
    users.set(identity, user.id)
    return headers
  }
  /** A user that can still sign in as `identity` (a fuzzed request may have deactivated or changed the last one). */
  async function liveUser(identity: Exclude<Identity, 'anonymous'>): Promise<string> {
    const current = sessions.get(identity)
    if (current) {
      const me = await deps.app.request('/api/auth/me', { headers: current })
      if (me.status === 200) return users.get(identity) as string
    }
    await fresh(identity)
    return users.get(identity) as string
  }
  return {
    ids: rows.map((r) => r.id),
    async headersFor(identity): Promise<Record<string, string>> {
      if (identity === 'anonymous') return {}
      // A session of the caller's own: routes fuzzed side by side must not sign each other out.
      const { token } = await createSession(deps.sql, await liveUser(identity), {}, new Date())
      return { cookie: `${SESSION_COOKIE}=${token}`, origin: TEST_ORIGIN }
    },
  }
}

export interface RouteReport {
  route: string
  cases: number
  statuses: Record<string, number>
  failure?: string
}

function checkResponse(method: string, status: number, contentType: string | null, text: string): string | undefined {
  if (status >= 500) return `answered ${status}: ${text.slice(0, 300)}`
  if (status >= 400) {
    if (!contentType?.startsWith('application/problem+json')) return `${status} with content-type ${contentType}: ${text.slice(0, 200)}`
    // A HEAD answer has the GET answer's headers and no body.
    if (method === 'HEAD') return text === '' ? undefined : `HEAD answered with a body`
    let body: { status?: unknown }
    try {
      body = JSON.parse(text) as { status?: unknown }
    } catch {
      return `${status} problem that is not JSON: ${text.slice(0, 200)}`
    }
    if (body.status !== status) return `${status} problem whose status is ${JSON.stringify(body.status)}`
  }
  return undefined
}

/** The HTTP answer a case must get: a 4xx is a problem document on the API, a page (or a problem) elsewhere. */
function checkAnswer(url: string, method: string, status: number, headers: Headers, text: string): string | undefined {
  const contentType = headers.get('content-type')
  if (new URL(url).pathname.startsWith('/api/') || status >= 500) return checkResponse(method, status, contentType, text)
  // An htmx request that needs a session gets no page but htmx's own redirect to the sign-in page.
  if (status === 401 && headers.get('hx-redirect')?.startsWith('/signin?next=') && text === '') return undefined
  if (status >= 400 && !contentType?.startsWith('text/html') && !contentType?.startsWith('application/problem+json')) return `${status} with content-type ${contentType}: ${text.slice(0, 200)}`
  return undefined
}

/** Fuzzes one route with up to `numRuns` cases (or `timeLimitMs`); the first failure is shrunk and reported. */
async function fuzzRoute(deps: TestDeps, fixtures: FuzzFixtures, route: string, cases: fc.Arbitrary<FuzzCase>, numRuns: number, timeLimitMs: number, seed?: number): Promise<RouteReport> {
  const statuses: Record<string, number> = {}
  let count = 0
  // Sessions are checked once per route (a fuzzed logout may end one); within a route a lost session only makes some cases anonymous.
  const identities = { anonymous: {}, admin: await fixtures.headersFor('admin'), member: await fixtures.headersFor('member') } as Record<Identity, Record<string, string>>
  const details = await fc.check(
    fc.asyncProperty(cases, async (c) => {
      count++
      const headers = { ...c.headers, ...(c.headers.cookie && c.identity !== 'anonymous' ? {} : identities[c.identity]) }
      if (c.identity !== 'anonymous' && c.headers.origin === undefined) delete headers.origin
      const res = await deps.app.request(c.url, { method: c.method, headers, ...(c.body !== undefined ? { body: c.body } : {}) })
      const text = await res.text()
      statuses[res.status] = (statuses[res.status] ?? 0) + 1
      const problem = checkAnswer(c.url, c.method, res.status, res.headers, text)
      if (problem) throw new Error(`${c.method} ${c.url.slice(0, 300)} as ${c.identity} (${c.bodyKind} body, ${JSON.stringify(c.headers).slice(0, 200)}): ${problem}`)
    }),
    { numRuns, interruptAfterTimeLimit: timeLimitMs, ...(seed !== undefined ? { seed } : {}), endOnFailure: false },
  )
  if (details.failed) {
    const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
    return { route, cases: count, statuses, failure: `${message}\n    (seed ${details.seed}, path ${details.counterexamplePath})` }
  }
  return { route, cases: count, statuses }
}

/**
 * Every route of the app, `concurrency` routes at a time: a case waits on PostgreSQL most of its time,
 * so a few routes side by side keep both the app and the database busy (and their requests meet each
 * other's writes, which is more hostile still). Reports come back in route order.
 */
export async function fuzzApi(deps: TestDeps, options: { numRuns: number; timeLimitMs: number; seed?: number; concurrency?: number }): Promise<RouteReport[]> {
  const { operations, components } = await readOperations(deps.app)
  const fixtures = await createFuzzFixtures(deps)
  const schemas = new SchemaArbitraries(components, fixtures.ids)
  const pages = new PageArbitraries(fixtures.ids, await formFieldNames(deps, fixtures))
  const targets: { route: string; cases: fc.Arbitrary<FuzzCase> }[] = [
    ...operations.map((op) => ({ route: `${op.method} ${op.path}`, cases: caseArbitrary(op, schemas) })),
    ...undocumentedRoutes(deps.app, operations).map((route) => ({ route: `${route.method} ${route.path}`, cases: pages.cases(route) })),
  ]
  const reports: RouteReport[] = new Array(targets.length)
  let next = 0
  const lane = async (): Promise<void> => {
    for (let i = next++; i < targets.length; i = next++) {
      const target = targets[i] as (typeof targets)[number]
      reports[i] = await fuzzRoute(deps, fixtures, target.route, target.cases, options.numRuns, options.timeLimitMs, options.seed)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, lane))
  return reports
}

/* ------------------------------------------------------------- routes outside /openapi.json */

/**
 * The routes the OpenAPI document does not describe: the pages and their forms, the certificate file
 * upload and download (multipart), health, docs, static files. They are read from the router itself,
 * so a route added later is fuzzed without anyone listing it.
 */
export interface PlainRoute {
  method: string
  /** Hono path, e.g. `/needs/:id/:step{submit|publish}`. */
  path: string
}

export function undocumentedRoutes(app: TestDeps['app'], operations: Operation[]): PlainRoute[] {
  const documented = new Set(operations.map((op) => `${op.method} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`))
  const seen = new Set<string>()
  const routes: PlainRoute[] = []
  for (const { method, path } of app.routes) {
    const key = `${method} ${path}`
    if (method === 'ALL' || path === '/*' || documented.has(key) || seen.has(key)) continue
    seen.add(key)
    routes.push({ method, path })
  }
  return routes
}

const PARAM = /:(\w+)(\{([^}]*)\})?/g

/** A page route with every parameter given a known id (or the first value its pattern allows). */
function samplePath(route: PlainRoute, ids: readonly string[]): string {
  return route.path
    .replace(PARAM, (_match, name: string, _pattern, alternatives: string | undefined) => {
      if (alternatives) return alternatives.split('|')[0] ?? 'x'
      const prefix = ID_PREFIXES[name]
      return ids.find((id) => prefix !== undefined && id.startsWith(prefix)) ?? 'x'
    })
    .replace('*', 'x')
}

/** The parameter name a bare `:id` stands for, by the collection before it. */
const COLLECTION_PARAMS: Record<string, string> = {
  organizations: 'orgId',
  needs: 'needId',
  certificates: 'certificateId',
  capacities: 'capacityId',
  sites: 'siteId',
  clusters: 'clusterId',
}

/** Which kind of id a page's path parameter holds, by its name. */
const ID_PREFIXES: Record<string, string> = {
  orgId: 'org_',
  clusterId: 'clu_',
  needId: 'need_',
  userId: 'usr_',
  capacityId: 'cap_',
  certificateId: 'cert_',
  siteId: 'site_',
  invitationId: 'inv_',
}

/** Every `name="…"` of the forms the pages render for a platform admin: the fields the form routes read. */
export async function formFieldNames(deps: TestDeps, fixtures: FuzzFixtures): Promise<string[]> {
  const headers = await fixtures.headersFor('admin')
  const names = new Set<string>(['file', 'next', 'lang', 'q'])
  const { operations } = await readOperations(deps.app)
  for (const route of undocumentedRoutes(deps.app, operations)) {
    if (route.method !== 'GET' || route.path.startsWith('/static')) continue
    for (const path of new Set([samplePath(route, fixtures.ids), ...fixtures.ids.slice(0, 12).map((id) => route.path.replace(PARAM, id))])) {
      if (path.includes(':')) continue
      const res = await deps.app.request(`http://localhost${path}`, { headers })
      for (const [, name] of (await res.text()).matchAll(/\bname="([^"]{1,60})"/g)) if (name) names.add(name)
    }
  }
  return [...names].sort()
}

const FORM_VALUES = ['MCH.TURN', 'MCH.MILL3', 'ST_ST3SP', 'ISO9001', '16', 'ru', 'en', 'admin', 'member', 'on', '2030-03-01', '2020-01-01', '100', '0', '-1', '1.5'] as const

const FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/html', 'application/octet-stream', ''] as const

/** Arbitrary requests for routes without a schema: known ids, the fields the pages' forms use, hostile values. */
export class PageArbitraries {
  constructor(
    private readonly ids: readonly string[],
    private readonly fields: readonly string[],
  ) {}

  private value(): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...FORM_VALUES) },
      { weight: 2, arbitrary: this.ids.length > 0 ? fc.constantFrom(...this.ids) : fc.constant('org_x') },
      { weight: 3, arbitrary: hostileString },
    )
  }

  private pairs(): fc.Arbitrary<[string, string][]> {
    const name = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...this.fields) }, { weight: 1, arbitrary: hostileString })
    return fc.array(fc.tuple(name, this.value()), { maxLength: 10 })
  }

  private param(name: string, alternatives: string | undefined): fc.Arbitrary<string> {
    const hostile = hostileString.map((v) => encodeSegment(v, false))
    if (alternatives) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...alternatives.split('|')) }, { weight: 1, arbitrary: hostile })
    const prefix = ID_PREFIXES[name]
    const known = this.ids.filter((id) => prefix === undefined || id.startsWith(prefix))
    return fc.oneof({ weight: 4, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant('x') }, { weight: 1, arbitrary: hostile })
  }

  cases(route: PlainRoute): fc.Arbitrary<FuzzCase> {
    // A bare `:id` holds the kind its collection names (`/organizations/:id` an org_ id).
    const params = [...route.path.matchAll(PARAM)].map((match) => {
      const [, name = '', , alternatives] = match
      const collection = route.path.slice(0, match.index).split('/').filter(Boolean).at(-1)
      return this.param(name === 'id' && collection ? (COLLECTION_PARAMS[collection] ?? name) : name, alternatives)
    })
    const tail = fc.oneof(fc.constantFrom('app.css', 'htmx.min.js', '../../../etc/passwd', '..%2f..%2fpackage.json', '%00', ''), hostileString.map((v) => encodeSegment(v, true)))
    const file = fc.record({
      bytes: fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.constant(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')), fc.constant(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))),
      type: fc.constantFrom(...FILE_TYPES),
      name: fc.oneof(fc.constantFrom('scan.pdf', 'cert.png', '../../x.pdf', ''), hostileString),
    })
    const body = fc.oneof(
      { weight: 6, arbitrary: this.pairs().map((pairs) => ({ kind: 'form', contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, v.replace(/[\ud800-\udfff]/g, '\ufffd')])).toString() as string | FormData | undefined })) },
      {
        weight: 2,
        arbitrary: fc.tuple(this.pairs(), fc.option(file, { freq: 2 })).map(([pairs, f]) => {
          const form = new FormData()
          for (const [k, v] of pairs) form.append(k, v)
          if (f) form.append('file', new Blob([f.bytes], { type: f.type }), f.name)
          return { kind: 'multipart', contentType: undefined as string | undefined, body: form as string | FormData | undefined }
        }),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ kind: 'json', contentType: 'application/json', body: JSON.stringify(v) ?? 'null' })) },
      { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom(...CONTENT_TYPES)).map(([text, type]) => ({ kind: 'raw', contentType: type || undefined, body: text as string | FormData | undefined })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'none', contentType: undefined as string | undefined, body: undefined as string | FormData | undefined }) },
    )
    const headers = fc.record(
      {
        language: fc.option(fc.oneof(fc.constantFrom('ru', 'en', 'en-US,en;q=0.9', 'zz', '*', ';q='), fc.string({ maxLength: 30 })), { freq: 3 }),
        origin: fc.oneof({ weight: 5, arbitrary: fc.constant(TEST_ORIGIN) }, { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null', '') }, { weight: 1, arbitrary: fc.constant(undefined) }),
        htmx: sometimes(fc.constantFrom('true', 'false', ''), 3),
        badCookie: sometimes(fc.oneof(fc.constantFrom('__Host-session=', '__Host-session=abc', 'lang=xx', 'lang=en; __Host-session=%ZZ'), fc.string({ maxLength: 60 })), 6),
      },
      { requiredKeys: ['origin'] },
    )
    const method = fc.oneof({ weight: 30, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD') })
    const identity = fc.constantFrom<Identity>('anonymous', 'admin', 'admin', 'member')
    return fc
      .tuple(method, fc.tuple(...params), tail, this.pairs(), body, headers, identity)
      .map(([m, values, t, query, b, h, who]) => {
        let index = 0
        const path = route.path.replace(PARAM, () => values[index++] ?? 'x').replace('*', t)
        const qs = new URLSearchParams(query.map(([k, v]): [string, string] => [k, v.replace(/[\ud800-\udfff]/g, '\ufffd')])).toString()
        const sendsBody = !['GET', 'HEAD'].includes(m) && b.body !== undefined
        const headersOut: Record<string, string> = {}
        if (sendsBody && b.contentType) headersOut['content-type'] = b.contentType
        if (h.language !== null && h.language !== undefined) headersOut['accept-language'] = h.language
        if (h.origin !== undefined) headersOut.origin = h.origin
        if (h.htmx) headersOut['hx-request'] = h.htmx
        if (h.badCookie) headersOut.cookie = h.badCookie
        return { method: m, url: `http://localhost${path}${qs ? `?${qs}` : ''}`, identity: who, headers: headersOut, body: sendsBody ? b.body : undefined, bodyKind: sendsBody ? b.kind : 'none' }
      })
  }
}
