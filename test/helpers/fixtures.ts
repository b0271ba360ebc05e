import { randomInt } from 'node:crypto'
import type { Sql } from '../../src/db/client.js'
import { newId } from '../../src/lib/ids.js'
import type { TestDeps } from './deps.js'
import { call } from './http.js'

/** What the API fixtures need: the app, and a platform admin to create through it. */
type Api = Pick<TestDeps, 'app' | 'asAdmin'>

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8]

/** A random, checksum-valid 10-digit INN, so tests never collide on the unique INN. */
export function randomInn(): string {
  const digits = Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 + randomInt(9) : randomInt(10)))
  const check = (INN10_WEIGHTS.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0) % 11) % 10
  return [...digits, check].join('')
}

/** A supplier organization created through the API by a platform admin; returns its id. */
export async function createSupplier(api: Api, name = 'ООО «Челнинский инструментальный завод»'): Promise<string> {
  const res = await call(api.app, 'POST', '/api/organizations', { name, inn: randomInn(), kinds: ['supplier'], smeSize: 'small' }, await api.asAdmin())
  if (res.status !== 201) throw new Error(`createSupplier: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id as string
}

/** A site of `orgId` created through the API by a platform admin, in Набережные Челны unless told otherwise; returns its id. */
export async function createSupplierSite(api: Api, orgId: string, address: unknown = 'г. Набережные Челны, Республика Татарстан'): Promise<string> {
  const res = await call(api.app, 'POST', `/api/organizations/${orgId}/sites`, { name: 'Механический цех', address }, await api.asAdmin())
  if (res.status !== 201) throw new Error(`createSupplierSite: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id as string
}

/** A minimal capacity row written straight to the table, for tests of other entities that must refresh it. */
export async function insertCapacity(sql: Sql, orgId: string, siteId: string): Promise<string> {
  const id = newId('cap')
  await sql`insert into capacities (id, org_id, site_id, title, processes) values (${id}, ${orgId}, ${siteId}, 'Токарная обработка валов', ${sql.array(['MCH.TURN'])})`
  return id
}

/** Runs `write` and returns what it answered and the search_outbox rows it added, as sorted `entity:id` strings. */
export async function outboxAddedBy<T>(sql: Sql, write: () => Promise<T>): Promise<{ result: T; rows: string[] }> {
  const [mark] = await sql<{ id: number }[]>`select coalesce(max(id), 0)::int as id from search_outbox`
  const result = await write()
  const rows = await sql<{ entity: string; entityId: string }[]>`select entity, entity_id from search_outbox where id > ${mark?.id ?? 0}`
  return { result, rows: rows.map((r) => `${r.entity}:${r.entityId}`).sort() }
}

/** An organization of the given kinds (contractor, supplier, centre) created through the API by a platform admin; returns its id. */
export async function createOrganizationOfKinds(api: Api, kinds: string[], name: string): Promise<string> {
  const res = await call(api.app, 'POST', '/api/organizations', { name, inn: randomInn(), kinds }, await api.asAdmin())
  if (res.status !== 201) throw new Error(`createOrganizationOfKinds: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.id as string
}

export interface SitePlace {
  address: string
  city: string
  regionCode: string
  lat: number
  lon: number
}

/** A site row written straight to the table, so tests of capacities and needs do not depend on geocoding sites. */
export async function insertSite(sql: Sql, orgId: string, place: SitePlace): Promise<string> {
  const id = newId('site')
  await sql`
    insert into sites (id, org_id, name, address, city, region_code, lat, lon, precision)
    values (${id}, ${orgId}, 'Производственная площадка', ${place.address}, ${place.city}, ${place.regionCode}, ${place.lat}, ${place.lon}, 'city')`
  return id
}
