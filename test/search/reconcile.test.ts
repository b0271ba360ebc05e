import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../src/lib/ids.js'
import type { Search } from '../../src/search/client.js'
import { reconcile, scheduleReconcile } from '../../src/search/reconcile.js'
import { createOutboxWorker, type SearchLog } from '../../src/search/worker.js'
import { insertCapacities, insertCapacity, insertContractor, insertNeeds, insertSupplier } from './fixtures.js'
import { indexDrift, NO_DRIFT, projectionDiff } from './projection.js'
import { cloneSharedDatabase, type SharedSearchDeps } from './shared-servers.js'

const quiet: SearchLog = { info: () => undefined, warn: () => undefined, error: () => undefined }

let deps: SharedSearchDeps
let search: Search

beforeAll(async () => {
  deps = await cloneSharedDatabase()
  search = await deps.newSearch()
})

afterAll(async () => {
  await deps?.close()
})

/** Every `step`-th element, `count` of them, starting at `from`: spread over the id range, not bunched. */
function spread<T>(items: readonly T[], count: number, from: number): T[] {
  const step = Math.floor(items.length / count)
  return Array.from({ length: count }, (_, i) => items[from + i * step] as T)
}

describe('reconcile', () => {
  it('finds and repairs in one pass exactly the documents deleted, altered or added behind its back', async () => {
    const supplier = await insertSupplier(deps.sql)
    const contractorId = await insertContractor(deps.sql)
    const capacityIds = await insertCapacities(deps.sql, supplier, 1000)
    const needIds = await insertNeeds(deps.sql, contractorId, 1000)
    // A supplier whose certificate is valid today: its capacities carry it until the date passes.
    const certified = await insertSupplier(deps.sql, { certificates: [{ standard: 'ISO9001', status: 'verified', validUntil: '2099-12-31' }] })
    const certifiedCapacities = [await insertCapacity(deps.sql, certified), await insertCapacity(deps.sql, certified), await insertCapacity(deps.sql, certified)]
    const worker = createOutboxWorker({ sql: deps.sql, search, log: quiet })
    expect(await worker.drainOnce()).toBe(2003)
    expect(await indexDrift(deps.sql, search)).toEqual(NO_DRIFT)

    const capacities = search.client.index(search.indexes.capacities)
    const needs = search.client.index(search.indexes.needs)
    // 1 % deleted, 1 % altered (half by a partial update, half by a full replacement), 2 orphans.
    const deleted = { capacities: spread(capacityIds, 10, 3), needs: spread(needIds, 10, 5) }
    const partial = { capacities: spread(capacityIds, 5, 7), needs: spread(needIds, 5, 9) }
    const replaced = { capacities: spread(capacityIds, 5, 11), needs: spread(needIds, 5, 13) }
    await search.deleteDocuments(search.indexes.capacities, deleted.capacities)
    await search.deleteDocuments(search.indexes.needs, deleted.needs)
    await search.waitOk(capacities.updateDocuments(partial.capacities.map((id) => ({ id, itGrade: 18 }))))
    await search.waitOk(needs.updateDocuments(partial.needs.map((id) => ({ id, status: 'cancelled' }))))
    const full = await capacities.getDocuments({ ids: replaced.capacities, limit: 5 })
    await search.addDocuments(search.indexes.capacities, full.results.map((d) => ({ ...d, title: 'Изменено в обход PostgreSQL', stray: true })))
    const fullNeeds = await needs.getDocuments({ ids: replaced.needs, limit: 5 })
    await search.addDocuments(search.indexes.needs, fullNeeds.results.map((d) => ({ ...d, processes: [] })))
    const orphans = { capacities: newId('cap'), needs: newId('need') }
    await search.addDocuments(search.indexes.capacities, [{ id: orphans.capacities, title: 'Сирота' }])
    await search.addDocuments(search.indexes.needs, [{ id: orphans.needs, title: 'Сирота' }])
    // Date drift: the certificate lapses (as if its date had passed); no write goes through the outbox.
    await deps.sql`update certificates set valid_until = current_date - 1, valid_from = current_date - 30 where org_id = ${certified.orgId}`

    const before = await indexDrift(deps.sql, search)
    expect(before.capacities.missing.sort()).toEqual([...deleted.capacities].sort())
    expect(before.capacities.extra).toEqual([orphans.capacities])
    expect(before.capacities.altered.map((a) => a.id).sort()).toEqual([...partial.capacities, ...replaced.capacities, ...certifiedCapacities].sort())

    const started = performance.now()
    const result = await reconcile({ sql: deps.sql, search, pageSize: 250 })
    const ms = performance.now() - started
    expect(result).not.toBeNull()
    expect(result?.capacities).toEqual({
      index: search.indexes.capacities,
      rows: 1003,
      documents: 1003 - 10 + 1,
      missing: 10,
      extra: 1,
      altered: 13,
      sent: 23,
      deleted: 1,
    })
    expect(result?.needs).toEqual({ index: search.indexes.needs, rows: 1000, documents: 1000 - 10 + 1, missing: 10, extra: 1, altered: 10, sent: 20, deleted: 1 })
    console.info(
      `reconcile: 2003 rows / 1985 documents; repaired capacities missing 10, altered 13 (3 by date), extra 1; needs missing 10, altered 10, extra 1 — in ${ms.toFixed(0)} ms`,
    )

    expect(await indexDrift(deps.sql, search)).toEqual(NO_DRIFT)
    const certifiedDoc = await capacities.getDocument(certifiedCapacities[0] ?? '')
    expect(certifiedDoc.certificates).toEqual([])

    // A second pass finds nothing.
    const again = await reconcile({ sql: deps.sql, search, pageSize: 250 })
    expect(again?.capacities).toMatchObject({ missing: 0, extra: 0, altered: 0, sent: 0, deleted: 0 })
    expect(again?.needs).toMatchObject({ missing: 0, extra: 0, altered: 0, sent: 0, deleted: 0 })
  })

  it('recreates and refills an index that was dropped', async () => {
    await search.waitOk(search.client.deleteIndex(search.indexes.needs))
    const result = await reconcile({ sql: deps.sql, search })
    expect(result?.needs).toMatchObject({ documents: 0, missing: 1000, sent: 1000 })
    expect((await projectionDiff(deps.sql, search, 'needs')).missing).toEqual([])
    expect(await indexDrift(deps.sql, search)).toEqual(NO_DRIFT)
  })

  it('runs once at a time: a second caller while one holds the lock gets null', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    let locked: () => void = () => undefined
    const taken = new Promise<void>((resolve) => (locked = resolve))
    const holder = deps.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(7302114003)`
      locked()
      await held
    })
    await taken
    expect(await reconcile({ sql: deps.sql, search })).toBeNull()
    release()
    await holder
    expect(await reconcile({ sql: deps.sql, search })).not.toBeNull()
  })

  it('scheduleReconcile runs the pass on its interval, logs what it did, and stops', async () => {
    const infos: Record<string, unknown>[] = []
    const errors: unknown[] = []
    const scheduled = scheduleReconcile({
      sql: deps.sql,
      search,
      everyMs: 50,
      log: { info: (_message, fields) => infos.push(fields ?? {}), error: (_message, fields) => errors.push(fields) },
    })
    const deadline = Date.now() + 10_000
    while (infos.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    await scheduled.stop()
    const runs = infos.length
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(infos.length).toBe(runs)
    expect(runs).toBeGreaterThan(0)
    expect(infos[0]).toMatchObject({ capacities: { missing: 0, extra: 0, altered: 0 }, needs: { missing: 0, extra: 0, altered: 0 } })
    expect(errors).toEqual([])
  })
})
