import { randomInt } from 'node:crypto'
import type { Sql } from '../../src/db/client.js'
import { newId } from '../../src/lib/ids.js'
import { enqueueSearch } from '../../src/search/outbox.js'
import type { Search } from '../../src/search/client.js'
import type { Tx } from '../../src/services/context.js'

/** Plain-SQL rows for search tests; every write enqueues its outbox rows in the same transaction. */

function inn(): string {
  return String(randomInt(1_000_000_000, 9_999_999_999))
}

export interface CertificateInput {
  standard: string
  status?: 'unverified' | 'verified' | 'rejected'
  validUntil?: string | null
}

export interface SupplierInput {
  name?: string
  city?: string
  regionCode?: string
  lat?: number
  lon?: number
  clusterIds?: string[]
  certificates?: CertificateInput[]
}

export interface Supplier {
  orgId: string
  siteId: string
}

export async function insertCluster(sql: Sql, id = newId('clu')): Promise<string> {
  await sql`
    insert into clusters (id, name_ru, name_en, sector, region_codes, lat, lon)
    values (${id}, 'Кластер', 'Cluster', 'automotive', ${sql.array(['16'])}, 55.79, 49.12)`
  return id
}

export async function insertSupplier(sql: Sql, input: SupplierInput = {}): Promise<Supplier> {
  const orgId = newId('org')
  const siteId = newId('site')
  await sql.begin(async (tx) => {
    await tx`
      insert into organizations (id, name, inn, kinds)
      values (${orgId}, ${input.name ?? 'ООО «Поставщик»'}, ${inn()}, ${tx.array(['supplier'])})`
    for (const clusterId of input.clusterIds ?? []) {
      await tx`insert into organization_clusters (org_id, cluster_id) values (${orgId}, ${clusterId})`
    }
    await tx`
      insert into sites (id, org_id, name, address, city, region_code, lat, lon, precision)
      values (${siteId}, ${orgId}, 'Цех 1', 'ул. Заводская, 1', ${input.city ?? 'Казань'}, ${input.regionCode ?? '16'},
        ${input.lat ?? 55.79}, ${input.lon ?? 49.12}, 'exact')`
    for (const cert of input.certificates ?? []) {
      await tx`
        insert into certificates (id, org_id, standard, number, issuer, valid_from, valid_until, status)
        values (${newId('cert')}, ${orgId}, ${cert.standard}, 'RU-1', 'Орган', '2020-01-01', ${cert.validUntil ?? null}, ${cert.status ?? 'unverified'})`
    }
  })
  return { orgId, siteId }
}

export interface CapacityInput {
  title?: string
  processes?: string[]
  materials?: string[]
  freeHours?: { month: string; hours: number }[]
  itGrade?: number
  lengthMm?: number
}

export async function insertCapacity(sql: Sql, supplier: Supplier, input: CapacityInput = {}): Promise<string> {
  const id = newId('cap')
  await sql.begin(async (tx) => {
    await tx`
      insert into capacities (id, org_id, site_id, title, processes, materials, free_hours, it_grade, length_mm, description_ru)
      values (${id}, ${supplier.orgId}, ${supplier.siteId}, ${input.title ?? 'Фрезерная обработка корпусов'},
        ${tx.array(input.processes ?? ['MCH.MILL3'])}, ${tx.array(input.materials ?? [])}, ${tx.json(input.freeHours ?? [])},
        ${input.itGrade ?? 7}, ${input.lengthMm ?? 800}, 'Описание')`
    await enqueueSearch(tx as Tx, 'capacity', [id])
  })
  return id
}

export async function insertContractor(sql: Sql, name = 'АО «Заказчик»'): Promise<string> {
  const orgId = newId('org')
  await sql`insert into organizations (id, name, inn, kinds) values (${orgId}, ${name}, ${inn()}, ${sql.array(['contractor'])})`
  return orgId
}

export interface NeedInput {
  title?: string
  description?: string
  processes?: string[]
  status?: 'draft' | 'published'
  deadline?: string
}

export async function insertNeed(sql: Sql, orgId: string, input: NeedInput = {}): Promise<string> {
  const id = newId('need')
  await sql.begin(async (tx) => {
    await tx`
      insert into needs (id, org_id, title, description, processes, required_certs, delivery_address, delivery_city,
        delivery_region_code, delivery_lat, delivery_lon, delivery_precision, deadline, status)
      values (${id}, ${orgId}, ${input.title ?? 'Корпус редуктора'}, ${input.description ?? 'Партия 50 шт.'},
        ${tx.array(input.processes ?? ['MCH.MILL3'])}, ${tx.array(['ISO9001'])}, 'пр. Мира, 1', 'Набережные Челны', '16',
        55.74, 52.41, 'exact', ${input.deadline ?? '2027-03-01'}, ${input.status ?? 'published'})`
    await enqueueSearch(tx as Tx, 'need', [id])
  })
  return id
}

/** Many capacities in one statement, for volume tests; returns their ids. */
export async function insertCapacities(sql: Sql, supplier: Supplier, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId('cap'))
  await sql.begin(async (tx) => {
    await tx`
      insert into capacities (id, org_id, site_id, title, processes, materials, it_grade, description_ru)
      select id, ${supplier.orgId}, ${supplier.siteId}, 'Токарная обработка валов №' || n, '{MCH.TURN,MCH.MILL3}', '{ST_ST3SP}', 8,
        'Токарные станки с ЧПУ, партии от 10 до 1000 штук'
      from unnest(${tx.array(ids)}::text[]) with ordinality as t(id, n)`
    await enqueueSearch(tx as Tx, 'capacity', ids)
  })
  return ids
}

/** Many needs in one statement, for volume tests; returns their ids. */
export async function insertNeeds(sql: Sql, orgId: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId('need'))
  await sql.begin(async (tx) => {
    await tx`
      insert into needs (id, org_id, title, processes, delivery_address, delivery_city, delivery_region_code,
        delivery_lat, delivery_lon, delivery_precision, deadline, status)
      select id, ${orgId}, 'Вал ступенчатый №' || n, '{MCH.TURN}', 'пр. Мира, 1', 'Набережные Челны', '16', 55.74, 52.41, 'city',
        '2027-03-01', 'published'
      from unnest(${tx.array(ids)}::text[]) with ordinality as t(id, n)`
    await enqueueSearch(tx as Tx, 'need', ids)
  })
  return ids
}

/** Marks due now every row still waiting out a backoff, so a test need not sleep through it. */
export async function skipBackoff(sql: Sql): Promise<void> {
  await sql`update search_outbox set available_at = now() where processed_at is null`
}

/** Every document in an index (up to 10 000), with only `fields`. */
export async function indexedDocuments(search: Search, uid: string, fields: string[] = ['id']): Promise<Record<string, unknown>[]> {
  const page = await search.client.index(uid).getDocuments({ limit: 10_000, fields })
  return page.results
}

/** Sorted ids of every document in an index. */
export async function indexedIds(search: Search, uid: string): Promise<string[]> {
  return (await indexedDocuments(search, uid)).map((d) => String(d.id)).sort()
}

/** Sorted ids of every row of `capacities` or `needs`. */
export async function tableIds(sql: Sql, table: 'capacities' | 'needs'): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`select id from ${sql(table)}`
  return rows.map((r) => r.id).sort()
}
