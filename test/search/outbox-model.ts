import fc from 'fast-check'
import { expect } from 'vitest'
import type { Sql } from '../../src/db/client.js'
import { isConnectionError } from '../../src/db/errors.js'
import { newId } from '../../src/lib/ids.js'
import type { Search } from '../../src/search/client.js'
import { SearchUnavailableError } from '../../src/search/http.js'
import { enqueueOrganizationCapacities, enqueueSearch } from '../../src/search/outbox.js'
import { createOutboxWorker, outboxBacklog, type OutboxWorkerOptions, type SearchLog } from '../../src/search/worker.js'
import type { Tx } from '../../src/services/context.js'
import { indexDrift, NO_DRIFT } from './projection.js'
import type { SharedSearchDeps } from './shared-servers.js'

/**
 * Model-based test of the search outbox (perf-reliability.md R5). fast-check generates sequences of
 * business writes (each one SQL plus `enqueueSearch` in one transaction) interleaved with workers
 * that fail at every point of a batch:
 *
 * - before sending: the documents are loaded, then every send throws (Meilisearch unreachable);
 * - half-sent: one index's task succeeds, the other's send fails;
 * - after sending, before marking: the documents are in Meilisearch, then `onIndexed` throws, or the
 *   worker's PostgreSQL connection is killed, and the transaction never commits;
 * - duplicate sends: every payload goes twice; processed rows are enqueued again (a reindex replay);
 * - two workers draining at once with tiny batches.
 *
 * At the end a healthy worker drains what is left, and the index must equal the projection of
 * PostgreSQL in every document and every field. The "model" the commands keep is only which rows
 * exist (to pick targets); the oracle is PostgreSQL itself, projected by the documents module.
 */

const quiet: SearchLog = { info: () => undefined, warn: () => undefined, error: () => undefined }

const PROCESSES = ['MCH.TURN', 'MCH.MILL3', 'MCH.MILL5', 'STP.PROG', 'SHT.BEND', 'WLD.MIG'] as const
const MATERIALS = ['ST_ST3SP', 'AL_D16', 'ST_08PS', 'ST_12X18H10T'] as const
const CERTIFICATES = ['ISO9001', 'AS9100', 'IATF16949'] as const

interface Model {
  capacities: string[]
  needs: string[]
  suppliers: number
}

interface Supplier {
  orgId: string
  siteId: string
}

interface Real {
  sql: Sql
  search: Search
  suppliers: Supplier[]
  contractorId: string
  /** Worker outcomes, for the report. */
  stats: Record<string, number>
}

/** Titles are user text: any Unicode (no NUL, which PostgreSQL text cannot hold), 2…60 graphemes. */
const title = fc
  .string({ unit: 'grapheme', minLength: 2, maxLength: 60 })
  .map((s) => s.replaceAll('\u0000', ''))
  .filter((s) => s.trim().length >= 2)

const processes = fc.uniqueArray(fc.constantFrom(...PROCESSES), { minLength: 1, maxLength: 3 })
const materials = fc.uniqueArray(fc.constantFrom(...MATERIALS), { maxLength: 2 })
const itGrade = fc.option(fc.integer({ min: 1, max: 18 }), { nil: null })
const freeHours = fc.uniqueArray(
  fc.record({ month: fc.constantFrom('2020-01', '2024-06', '2999-11', '2999-12'), hours: fc.double({ min: 0, max: 600, noNaN: true }).map((h) => Math.round(h * 4) / 4) }),
  { selector: (e) => e.month, maxLength: 3 },
)

interface CapacitySpec {
  title: string
  processes: string[]
  materials: string[]
  itGrade: number | null
  freeHours: { month: string; hours: number }[]
}

const capacitySpec: fc.Arbitrary<CapacitySpec> = fc.record({ title, processes, materials, itGrade, freeHours })

interface NeedSpec {
  title: string
  processes: string[]
  status: 'draft' | 'published' | 'closed'
  deadline: string
  certs: string[]
}

const needSpec: fc.Arbitrary<NeedSpec> = fc.record({
  title,
  processes,
  status: fc.constantFrom('draft', 'published', 'closed'),
  deadline: fc.constantFrom('2026-01-15', '2027-03-01', '2030-12-31'),
  certs: fc.uniqueArray(fc.constantFrom(...CERTIFICATES), { maxLength: 2 }),
})

function pick(ids: readonly string[], index: number): string {
  const id = ids[index % ids.length]
  if (id === undefined) throw new Error('pick from an empty list')
  return id
}

function count(real: Real, key: string): void {
  real.stats[key] = (real.stats[key] ?? 0) + 1
}

/* ----------------------------------------------------------------------------------- writes */

/**
 * A business write, retried when it failed for a lost connection, as a client retries a 503. After a
 * worker's backend is terminated mid-statement, postgres.js hands that backend's FATAL (57P01) to the
 * next statement on the reconnected connection as well (a driver bug, see test/db/connection-loss.test.ts):
 * one spurious failure, which such a retry absorbs. Creates are idempotent (`on conflict do nothing`).
 */
async function write(real: Real, body: (tx: Tx) => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await real.sql.begin((tx) => body(tx as Tx))
      return
    } catch (error) {
      if (attempt >= 3 || !isConnectionError(error)) throw error
      count(real, 'write retried after a lost connection')
    }
  }
}

class CreateCapacity implements fc.AsyncCommand<Model, Real> {
  constructor(readonly supplier: number, readonly spec: CapacitySpec) {}
  check = () => true
  async run(model: Model, real: Real) {
    const supplier = real.suppliers[this.supplier % real.suppliers.length] as Supplier
    const id = newId('cap')
    await write(real, async (tx) => {
      await tx`
        insert into capacities (id, org_id, site_id, title, processes, materials, it_grade, free_hours)
        values (${id}, ${supplier.orgId}, ${supplier.siteId}, ${this.spec.title}, ${tx.array(this.spec.processes)}, ${tx.array(this.spec.materials)},
          ${this.spec.itGrade}, ${tx.json(this.spec.freeHours)})
        on conflict (id) do nothing`
      await enqueueSearch(tx as Tx, 'capacity', [id])
    })
    model.capacities.push(id)
  }
  toString = () => `createCapacity(${this.supplier}, ${JSON.stringify(this.spec)})`
}

class UpdateCapacity implements fc.AsyncCommand<Model, Real> {
  constructor(readonly target: number, readonly spec: CapacitySpec) {}
  check = (model: Readonly<Model>) => model.capacities.length > 0
  async run(model: Model, real: Real) {
    const id = pick(model.capacities, this.target)
    await write(real, async (tx) => {
      await tx`
        update capacities set title = ${this.spec.title}, processes = ${tx.array(this.spec.processes)}, materials = ${tx.array(this.spec.materials)},
          it_grade = ${this.spec.itGrade}, free_hours = ${tx.json(this.spec.freeHours)}, updated_at = clock_timestamp()
        where id = ${id}`
      await enqueueSearch(tx as Tx, 'capacity', [id])
    })
  }
  toString = () => `updateCapacity(#${this.target}, ${JSON.stringify(this.spec)})`
}

class DeleteCapacity implements fc.AsyncCommand<Model, Real> {
  constructor(readonly target: number) {}
  check = (model: Readonly<Model>) => model.capacities.length > 0
  async run(model: Model, real: Real) {
    const id = pick(model.capacities, this.target)
    await write(real, async (tx) => {
      await tx`delete from capacities where id = ${id}`
      await enqueueSearch(tx as Tx, 'capacity', [id])
    })
    model.capacities = model.capacities.filter((c) => c !== id)
  }
  toString = () => `deleteCapacity(#${this.target})`
}

class CreateNeed implements fc.AsyncCommand<Model, Real> {
  constructor(readonly spec: NeedSpec) {}
  check = () => true
  async run(model: Model, real: Real) {
    const id = newId('need')
    await write(real, async (tx) => {
      await tx`
        insert into needs (id, org_id, title, processes, required_certs, delivery_address, delivery_city, delivery_region_code,
          delivery_lat, delivery_lon, delivery_precision, deadline, status, published_at)
        values (${id}, ${real.contractorId}, ${this.spec.title}, ${tx.array(this.spec.processes)}, ${tx.array(this.spec.certs)}, 'пр. Мира, 1',
          'Набережные Челны', '16', 55.74, 52.41, 'city', ${this.spec.deadline}, ${this.spec.status},
          ${this.spec.status === 'draft' ? null : tx`now()`})
        on conflict (id) do nothing`
      await enqueueSearch(tx as Tx, 'need', [id])
    })
    model.needs.push(id)
  }
  toString = () => `createNeed(${JSON.stringify(this.spec)})`
}

class UpdateNeed implements fc.AsyncCommand<Model, Real> {
  constructor(readonly target: number, readonly spec: NeedSpec) {}
  check = (model: Readonly<Model>) => model.needs.length > 0
  async run(model: Model, real: Real) {
    const id = pick(model.needs, this.target)
    await write(real, async (tx) => {
      await tx`
        update needs set title = ${this.spec.title}, processes = ${tx.array(this.spec.processes)}, required_certs = ${tx.array(this.spec.certs)},
          status = ${this.spec.status}, deadline = ${this.spec.deadline}, updated_at = clock_timestamp()
        where id = ${id}`
      await enqueueSearch(tx as Tx, 'need', [id])
    })
  }
  toString = () => `updateNeed(#${this.target}, ${JSON.stringify(this.spec)})`
}

class DeleteNeed implements fc.AsyncCommand<Model, Real> {
  constructor(readonly target: number) {}
  check = (model: Readonly<Model>) => model.needs.length > 0
  async run(model: Model, real: Real) {
    const id = pick(model.needs, this.target)
    await write(real, async (tx) => {
      await tx`delete from needs where id = ${id}`
      await enqueueSearch(tx as Tx, 'need', [id])
    })
    model.needs = model.needs.filter((n) => n !== id)
  }
  toString = () => `deleteNeed(#${this.target})`
}

/** Capacity documents embed the organization's name: a rename refreshes all of them (as the service does). */
class RenameSupplier implements fc.AsyncCommand<Model, Real> {
  constructor(readonly supplier: number, readonly name: string) {}
  check = () => true
  async run(_model: Model, real: Real) {
    const supplier = real.suppliers[this.supplier % real.suppliers.length] as Supplier
    await write(real, async (tx) => {
      await tx`update organizations set name = ${this.name}, updated_at = clock_timestamp() where id = ${supplier.orgId}`
      await enqueueOrganizationCapacities(tx as Tx, supplier.orgId)
    })
  }
  toString = () => `renameSupplier(${this.supplier}, ${JSON.stringify(this.name)})`
}

/** …and its certificates valid today. */
class AddCertificate implements fc.AsyncCommand<Model, Real> {
  constructor(readonly supplier: number, readonly standard: string, readonly status: 'verified' | 'rejected') {}
  check = () => true
  async run(_model: Model, real: Real) {
    const supplier = real.suppliers[this.supplier % real.suppliers.length] as Supplier
    await write(real, async (tx) => {
      await tx`
        insert into certificates (id, org_id, standard, number, issuer, valid_from, valid_until, status)
        values (${newId('cert')}, ${supplier.orgId}, ${this.standard}, 'RU-1', 'Орган', '2020-01-01', '2099-01-01', ${this.status})`
      await enqueueOrganizationCapacities(tx as Tx, supplier.orgId)
    })
  }
  toString = () => `addCertificate(${this.supplier}, ${this.standard}, ${this.status})`
}

/* ---------------------------------------------------------------------------------- workers */

type Fault = 'none' | 'beforeSend' | 'halfSent' | 'afterSendHook' | 'afterSendConnectionKilled' | 'duplicateSend'

function faultySearch(search: Search, fault: Fault): Search {
  const unreachable = () => Promise.reject(new SearchUnavailableError('injected: Meilisearch unreachable'))
  switch (fault) {
    case 'beforeSend':
      return { ...search, addDocuments: unreachable, deleteDocuments: unreachable }
    case 'halfSent':
      // The capacities index gets its documents; the needs index does not.
      return {
        ...search,
        addDocuments: (uid, documents) => (uid === search.indexes.needs ? unreachable() : search.addDocuments(uid, documents)),
        deleteDocuments: (uid, ids) => (uid === search.indexes.needs ? unreachable() : search.deleteDocuments(uid, ids)),
      }
    case 'duplicateSend':
      return {
        ...search,
        addDocuments: async (uid, documents) => {
          await search.addDocuments(uid, documents)
          return search.addDocuments(uid, documents)
        },
        deleteDocuments: async (uid, ids) => {
          await search.deleteDocuments(uid, ids)
          return search.deleteDocuments(uid, ids)
        },
      }
    default:
      return search
  }
}

function onIndexedFor(fault: Fault): OutboxWorkerOptions['onIndexed'] {
  if (fault === 'afterSendHook') {
    return async () => {
      throw new Error('injected: crash after send, before the rows are marked')
    }
  }
  if (fault === 'afterSendConnectionKilled') {
    // The worker process dies with its transaction open: PostgreSQL sees the connection go and rolls back.
    return async (tx) => {
      await tx`select pg_terminate_backend(pg_backend_pid())`
    }
  }
  return undefined
}

class Drain implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fault: Fault, readonly batchSize: number) {}
  check = () => true
  async run(_model: Model, real: Real) {
    const worker = createOutboxWorker({
      sql: real.sql,
      search: faultySearch(real.search, this.fault),
      batchSize: this.batchSize,
      log: quiet,
      ...(onIndexedFor(this.fault) ? { onIndexed: onIndexedFor(this.fault) } : {}),
    })
    // A worker's claim can meet the same spurious connection error as a write (see `write`); the real
    // worker logs it and polls again, and so does the next drain here.
    const processed = await worker.drainOnce().catch((error: unknown) => {
      if (!isConnectionError(error)) throw error
      count(real, 'drain met a lost connection')
      return 0
    })
    count(real, `drain:${this.fault}`)
    if (processed > 0) count(real, `drain:${this.fault}:processed`)
    if (this.fault === 'afterSendConnectionKilled') {
      // The killed connection hands its stale FATAL to the next statement it runs (see `write`). Use
      // every connection of the pool once, so that spurious failure lands here and not in the oracle.
      const flushed = await Promise.allSettled(Array.from({ length: 8 }, () => real.sql`select pg_sleep(0.005)`))
      const spurious = flushed.filter((r) => r.status === 'rejected')
      for (const r of spurious) if (!isConnectionError(r.reason)) throw r.reason
      if (spurious.length > 0) count(real, 'spurious 57P01 after a killed connection')
    }
  }
  toString = () => `drain(${this.fault}, batch ${this.batchSize})`
}

class ConcurrentDrains implements fc.AsyncCommand<Model, Real> {
  constructor(readonly batchSize: number) {}
  check = () => true
  async run(_model: Model, real: Real) {
    const a = createOutboxWorker({ sql: real.sql, search: real.search, batchSize: this.batchSize, log: quiet })
    const b = createOutboxWorker({ sql: real.sql, search: real.search, batchSize: this.batchSize, log: quiet })
    const absorb = (error: unknown) => {
      if (!isConnectionError(error)) throw error
      count(real, 'drain met a lost connection')
      return 0
    }
    await Promise.all([a.drainOnce().catch(absorb), b.drainOnce().catch(absorb)])
    count(real, 'concurrentDrains')
  }
  toString = () => `concurrentDrains(batch ${this.batchSize})`
}

/** Processed rows come back (reindex replays them): the same documents are sent once more, maybe late. */
class ReplayProcessed implements fc.AsyncCommand<Model, Real> {
  check = () => true
  async run(_model: Model, real: Real) {
    await real.sql`insert into search_outbox (entity, entity_id) select distinct entity, entity_id from search_outbox where processed_at is not null`
  }
  toString = () => 'replayProcessed()'
}

/** Rows pushed back by a failure become due now, so the next worker in the sequence meets them again. */
class SkipBackoff implements fc.AsyncCommand<Model, Real> {
  check = () => true
  async run(_model: Model, real: Real) {
    await real.sql`update search_outbox set available_at = now() where processed_at is null`
  }
  toString = () => 'skipBackoff()'
}

const FAULTS: Fault[] = ['none', 'beforeSend', 'halfSent', 'afterSendHook', 'afterSendConnectionKilled', 'duplicateSend']

const commandArbitraries = [
    fc.tuple(fc.nat(1), capacitySpec).map(([s, spec]) => new CreateCapacity(s, spec)),
    fc.tuple(fc.nat(), capacitySpec).map(([t, spec]) => new UpdateCapacity(t, spec)),
    fc.nat().map((t) => new DeleteCapacity(t)),
    needSpec.map((spec) => new CreateNeed(spec)),
    fc.tuple(fc.nat(), needSpec).map(([t, spec]) => new UpdateNeed(t, spec)),
    fc.nat().map((t) => new DeleteNeed(t)),
    fc.tuple(fc.nat(1), title).map(([s, name]) => new RenameSupplier(s, name)),
    fc.tuple(fc.nat(1), fc.constantFrom(...CERTIFICATES), fc.constantFrom('verified' as const, 'rejected' as const)).map(([s, c, st]) => new AddCertificate(s, c, st)),
    fc.tuple(fc.constantFrom(...FAULTS), fc.integer({ min: 1, max: 4 })).map(([fault, batch]) => new Drain(fault, batch)),
    fc.tuple(fc.constantFrom(...FAULTS), fc.integer({ min: 1, max: 4 })).map(([fault, batch]) => new Drain(fault, batch)),
    fc.integer({ min: 1, max: 3 }).map((batch) => new ConcurrentDrains(batch)),
    fc.constant(new ReplayProcessed()),
    fc.constant(new SkipBackoff()),
]

/** Sequences of up to 24 commands; `size` biases their length (fast-check's default is "small"). */
export function outboxCommands(size: fc.SizeForArbitrary = 'small') {
  return fc.commands(commandArbitraries, { maxCommands: 24, size })
}

export interface ModelRunReport {
  runs: number
  commands: number
  stats: Record<string, number>
}

/** Runs the property `numRuns` times on a cloned database; each run has fresh tables and its own index prefix. */
export async function checkOutboxModel(deps: SharedSearchDeps, numRuns: number, options: { seed?: number; size?: fc.SizeForArbitrary } = {}): Promise<ModelRunReport> {
  const { seed } = options
  const report: ModelRunReport = { runs: 0, commands: 0, stats: {} }
  await fc.assert(
    fc.asyncProperty(outboxCommands(options.size), async (commands) => {
      await deps.sql`truncate organizations, clusters, search_outbox restart identity cascade`
      const search = await deps.newSearch()
      try {
        const suppliers: Supplier[] = []
        for (const name of ['ООО «Первый»', 'ООО «Второй»']) {
          const orgId = newId('org')
          const siteId = newId('site')
          await deps.sql`insert into organizations (id, name, inn, kinds) values (${orgId}, ${name}, ${String(1_000_000_000 + suppliers.length)}, '{supplier}')`
          await deps.sql`
            insert into sites (id, org_id, name, address, city, region_code, lat, lon, precision)
            values (${siteId}, ${orgId}, 'Цех', 'ул. Заводская, 1', 'Казань', '16', 55.79, 49.12, 'exact')`
          suppliers.push({ orgId, siteId })
        }
        const contractorId = newId('org')
        await deps.sql`insert into organizations (id, name, inn, kinds) values (${contractorId}, 'АО «Заказчик»', '2000000000', '{contractor}')`
        const real: Real = { sql: deps.sql, search, suppliers, contractorId, stats: report.stats }
        const model: Model = { capacities: [], needs: [], suppliers: suppliers.length }
        await fc.asyncModelRun(() => ({ model, real }), commands)
        report.runs++
        report.commands += [...commands].length

        // A healthy worker drains what the faulty ones left behind.
        const healthy = createOutboxWorker({ sql: deps.sql, search, log: quiet })
        for (let attempt = 1; attempt <= 3; attempt++) {
          await deps.sql`update search_outbox set available_at = now() where processed_at is null`.catch(() => undefined)
          const drained = await healthy.drainOnce().then(() => true, (error: unknown) => {
            if (!isConnectionError(error)) throw error
            return false
          })
          if (drained && (await outboxBacklog(deps.sql)).pending === 0) break
        }
        expect(await outboxBacklog(deps.sql)).toMatchObject({ pending: 0 })
        expect(await indexDrift(deps.sql, search)).toEqual(NO_DRIFT)
      } finally {
        await deps.dropSearch(search)
      }
    }),
    { numRuns, ...(seed !== undefined ? { seed } : {}) },
  )
  return report
}
