/**
 * Loads a generated dataset through the product's own ingestion path: rows go to PostgreSQL in batches, and each
 * batch of capacities or needs commits together with its `search_outbox` rows, so the outbox worker indexes them in
 * Meilisearch exactly as it indexes user edits. Rows stream from the dataset's generators; only one batch is ever
 * held in memory.
 *
 * Each batch is one `insert … select … from unnest($1::text[], $2::text[], …)`: one parameter per column whatever
 * the batch size (a multi-row VALUES list would hit PostgreSQL's 65 535-parameter limit at 5 000 capacities), and
 * one statement text per table, so it is prepared once.
 */
import type { Sql } from '../../src/db/client.js'
import { type SearchEntity, enqueueSearch } from '../../src/search/outbox.js'
import type { Tx } from '../../src/services/context.js'
import type { CapacityRow, CertificateRow, ClusterRow, Dataset, NeedRow, OrganizationClusterRow, OrganizationRow, SiteRow } from './generate.js'

export type TableName = 'clusters' | 'organizations' | 'organization_clusters' | 'sites' | 'certificates' | 'capacities' | 'needs'

export type LoadCounts = Record<TableName | 'search_outbox', number>

export interface LoadOptions {
  /** Called after every committed batch with the rows loaded into `table` so far. */
  onProgress?(table: TableName, rows: number): void
  batchSize?: number
  /** Write `search_outbox` rows for capacities and needs (default true); off when a reindex follows anyway. */
  outbox?: boolean
}

type PgType = 'text' | 'text[]' | 'double precision' | 'smallint' | 'integer' | 'boolean' | 'date' | 'timestamptz' | 'jsonb'

type Columns<Row> = readonly (readonly [keyof Row & string, PgType])[]

const CLUSTER_COLUMNS: Columns<ClusterRow> = [
  ['id', 'text'], ['nameRu', 'text'], ['nameEn', 'text'], ['sector', 'text'], ['regionCodes', 'text[]'],
  ['lat', 'double precision'], ['lon', 'double precision'],
]

const ORGANIZATION_COLUMNS: Columns<OrganizationRow> = [
  ['id', 'text'], ['name', 'text'], ['inn', 'text'], ['ogrn', 'text'], ['kinds', 'text[]'], ['smeSize', 'text'],
  ['verification', 'text'], ['description', 'text'], ['website', 'text'],
]

const ORGANIZATION_CLUSTER_COLUMNS: Columns<OrganizationClusterRow> = [['orgId', 'text'], ['clusterId', 'text']]

const SITE_COLUMNS: Columns<SiteRow> = [
  ['id', 'text'], ['orgId', 'text'], ['name', 'text'], ['address', 'text'], ['city', 'text'], ['regionCode', 'text'],
  ['lat', 'double precision'], ['lon', 'double precision'], ['precision', 'text'],
]

const CERTIFICATE_COLUMNS: Columns<CertificateRow> = [
  ['id', 'text'], ['orgId', 'text'], ['standard', 'text'], ['number', 'text'], ['issuer', 'text'], ['validFrom', 'date'],
  ['validUntil', 'date'], ['scope', 'text'], ['status', 'text'], ['statusReason', 'text'], ['statusChangedAt', 'timestamptz'],
]

const ENVELOPE_COLUMNS = [
  ['lengthMm', 'double precision'], ['widthMm', 'double precision'], ['heightMm', 'double precision'], ['massKg', 'double precision'],
  ['itGrade', 'smallint'], ['roughnessRa', 'double precision'],
] as const

const CAPACITY_COLUMNS: Columns<CapacityRow> = [
  ['id', 'text'], ['orgId', 'text'], ['siteId', 'text'], ['title', 'text'], ['processes', 'text[]'], ['equipment', 'text'],
  ['materials', 'text[]'], ...ENVELOPE_COLUMNS, ['batchMin', 'integer'], ['batchMax', 'integer'], ['freeHours', 'jsonb'],
  ['leadTimeDays', 'integer'], ['descriptionRu', 'text'], ['descriptionEn', 'text'],
]

const NEED_COLUMNS: Columns<NeedRow> = [
  ['id', 'text'], ['orgId', 'text'], ['title', 'text'], ['description', 'text'], ['processes', 'text[]'], ['materials', 'text[]'],
  ...ENVELOPE_COLUMNS, ['quantity', 'integer'], ['batchSize', 'integer'], ['machineHours', 'double precision'],
  ['requiredCerts', 'text[]'], ['preferredCerts', 'text[]'], ['strictNational', 'boolean'], ['deliveryAddress', 'text'],
  ['deliveryCity', 'text'], ['deliveryRegionCode', 'text'], ['deliveryLat', 'double precision'], ['deliveryLon', 'double precision'],
  ['deliveryPrecision', 'text'], ['maxDistanceKm', 'double precision'], ['deadline', 'date'], ['visibility', 'text'],
  ['status', 'text'], ['clusterId', 'text'], ['weights', 'jsonb'], ['publishedAt', 'timestamptz'],
]

const TEXT_OID = 25

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/** `{"MCH.TURN","MCH.MILL3"}`: elements always quoted, so codes and names never need to be trusted. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`
}

/** Every value travels as text and is cast back in SQL: one parameter type for all columns keeps the statement generic. */
function encode(value: unknown, type: PgType): string | null {
  if (value === null || value === undefined) return null
  if (type === 'text[]') return arrayLiteral(value as string[])
  if (type === 'jsonb') return JSON.stringify(value)
  return String(value)
}

function insertStatement(table: TableName, columns: Columns<unknown>): string {
  const names = columns.map(([key]) => snakeCase(key))
  const aliases = columns.map((_, i) => `c${i}`)
  const casts = columns.map(([, type], i) => `c${i}::${type}`)
  const arrays = columns.map((_, i) => `$${i + 1}::text[]`)
  return `insert into ${table} (${names.join(', ')}) select ${casts.join(', ')} from unnest(${arrays.join(', ')}) as t(${aliases.join(', ')})`
}

async function insertBatch<Row>(tx: Tx, table: TableName, columns: Columns<Row>, rows: readonly Row[]): Promise<void> {
  const parameters = columns.map(([key, type]) => tx.array(rows.map((row) => encode(row[key], type)), TEXT_OID))
  await tx.unsafe(insertStatement(table, columns as Columns<unknown>), parameters)
}

function* batches<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = []
  for (const row of rows) {
    batch.push(row)
    if (batch.length === size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

interface TableLoad<Row> {
  table: TableName
  columns: Columns<Row>
  rows: Iterable<Row>
  /** Capacities and needs: which search document each row refreshes. */
  search?: { entity: SearchEntity; id(row: Row): string }
}

interface LoadContext {
  sql: Sql
  batchSize: number
  outbox: boolean
  counts: LoadCounts
  onProgress: LoadOptions['onProgress']
}

async function loadTable<Row>(context: LoadContext, spec: TableLoad<Row>): Promise<void> {
  const { sql, batchSize, counts, onProgress } = context
  const search = context.outbox ? spec.search : undefined
  for (const batch of batches(spec.rows, batchSize)) {
    await sql.begin(async (tx) => {
      await insertBatch(tx, spec.table, spec.columns, batch)
      if (search) await enqueueSearch(tx, search.entity, batch.map(search.id))
    })
    counts[spec.table] += batch.length
    if (search) counts.search_outbox += batch.length
    onProgress?.(spec.table, counts[spec.table])
  }
}

/** Inserts in dependency order; returns the rows written per table. */
export async function loadDataset(sql: Sql, dataset: Dataset, options: LoadOptions = {}): Promise<LoadCounts> {
  const batchSize = options.batchSize ?? 5000
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`)
  const counts: LoadCounts = {
    clusters: 0, organizations: 0, organization_clusters: 0, sites: 0, certificates: 0, capacities: 0, needs: 0, search_outbox: 0,
  }
  const context: LoadContext = { sql, batchSize, outbox: options.outbox ?? true, counts, onProgress: options.onProgress }
  await loadTable(context, { table: 'clusters', columns: CLUSTER_COLUMNS, rows: dataset.clusters() })
  await loadTable(context, { table: 'organizations', columns: ORGANIZATION_COLUMNS, rows: dataset.organizations() })
  await loadTable(context, { table: 'organization_clusters', columns: ORGANIZATION_CLUSTER_COLUMNS, rows: dataset.organizationClusters() })
  await loadTable(context, { table: 'sites', columns: SITE_COLUMNS, rows: dataset.sites() })
  await loadTable(context, { table: 'certificates', columns: CERTIFICATE_COLUMNS, rows: dataset.certificates() })
  await loadTable(context, {
    table: 'capacities', columns: CAPACITY_COLUMNS, rows: dataset.capacities(), search: { entity: 'capacity', id: (row) => row.id },
  })
  await loadTable(context, {
    table: 'needs', columns: NEED_COLUMNS, rows: dataset.needs(), search: { entity: 'need', id: (row) => row.id },
  })
  return counts
}
