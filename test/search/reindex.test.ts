import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Search } from '../../src/search/client.js'
import { enqueueSearch } from '../../src/search/outbox.js'
import { reindex } from '../../src/search/reindex.js'
import { CAPACITY_SETTINGS, NEED_SETTINGS, settingsDiff } from '../../src/search/settings.js'
import { createOutboxWorker, type SearchLog } from '../../src/search/worker.js'
import type { Tx } from '../../src/services/context.js'
import { indexedDocuments, indexedIds, insertCapacities, insertContractor, insertNeeds, insertSupplier, tableIds } from './fixtures.js'
import { startSearchHarness, type SearchHarness } from './harness.js'

const quiet: SearchLog = { info: () => undefined, warn: () => undefined, error: () => undefined }

let h: SearchHarness

beforeAll(async () => {
  h = await startSearchHarness()
})

afterAll(async () => {
  await h?.stop()
})

describe('reindex', () => {
  it('rebuilds drifted indexes from PostgreSQL and swaps them in without leaving a _next index', async () => {
    const supplier = await insertSupplier(h.sql)
    const contractorId = await insertContractor(h.sql)
    const capacityIds = await insertCapacities(h.sql, supplier, 30)
    const needIds = await insertNeeds(h.sql, contractorId, 20)
    const worker = createOutboxWorker({ sql: h.sql, search: h.search, log: quiet })
    expect(await worker.drainOnce()).toBe(50)

    // Drift: documents lost, a document that has no row, a change that never reached the outbox.
    const capacities = h.search.client.index(h.search.indexes.capacities)
    await h.search.deleteDocuments(h.search.indexes.capacities, capacityIds.slice(0, 5))
    await h.search.deleteDocuments(h.search.indexes.needs, needIds.slice(0, 3))
    await h.search.addDocuments(h.search.indexes.capacities, [{ id: 'cap_orphan', title: 'Сирота' }])
    await h.sql`update capacities set title = 'Изменено мимо outbox' where id = ${capacityIds[10] ?? ''}`

    const result = await reindex({ sql: h.sql, search: h.search, pageSize: 7 })
    expect(result.capacities).toMatchObject({ index: h.search.indexes.capacities, documents: 30, replayed: 0 })
    expect(result.needs).toMatchObject({ index: h.search.indexes.needs, documents: 20, replayed: 0 })
    console.info(`search reindex: 50 documents in ${result.ms} ms`)

    expect(await indexedIds(h.search, h.search.indexes.capacities)).toEqual(await tableIds(h.sql, 'capacities'))
    expect(await indexedIds(h.search, h.search.indexes.needs)).toEqual(await tableIds(h.sql, 'needs'))
    expect((await capacities.getDocument(capacityIds[10] ?? '')).title).toBe('Изменено мимо outbox')
    const docs = await indexedDocuments(h.search, h.search.indexes.capacities, ['id', 'processGroups', '_geo'])
    expect(docs.every((d) => Array.isArray(d.processGroups) && d._geo !== null)).toBe(true)

    const { results } = await h.search.client.getRawIndexes({ limit: 1000 })
    const ours = results.map((index) => index.uid).filter((uid) => uid.startsWith(h.indexPrefix))
    expect(ours.sort()).toEqual([h.search.indexes.capacities, h.search.indexes.needs].sort())
    expect(settingsDiff(CAPACITY_SETTINGS, await capacities.getSettings())).toEqual([])
    expect(settingsDiff(NEED_SETTINGS, await h.search.client.index(h.search.indexes.needs).getSettings())).toEqual([])
    expect((await h.search.client.getRawIndex(h.search.indexes.capacities)).primaryKey).toBe('id')
  })

  it('replays changes the worker sent to the old index while the rebuild ran', async () => {
    const supplier = await insertSupplier(h.sql)
    const [capacityId = ''] = await insertCapacities(h.sql, supplier, 1)
    const worker = createOutboxWorker({ sql: h.sql, search: h.search, log: quiet })
    await worker.drainOnce()

    // While the rebuilt pages are being indexed (so after they were read), a change commits and the
    // worker sends it to the index that is about to be swapped out.
    let changed = false
    const rebuilding: Search = {
      ...h.search,
      waitOk: async (enqueued, options) => {
        const task = await enqueued
        if (!changed && task.type === 'documentAdditionOrUpdate' && task.indexUid === `${h.search.indexes.capacities}_next`) {
          changed = true
          await h.sql.begin(async (tx) => {
            await tx`update capacities set title = 'Изменено во время перестроения' where id = ${capacityId}`
            await enqueueSearch(tx as Tx, 'capacity', [capacityId])
          })
          expect(await worker.drainOnce()).toBe(1)
        }
        return h.search.waitOk(Promise.resolve(task), options)
      },
    }
    const result = await reindex({ sql: h.sql, search: rebuilding })
    expect(changed).toBe(true)
    expect(result.capacities.replayed).toBe(1)

    const capacities = h.search.client.index(h.search.indexes.capacities)
    expect((await capacities.getDocument(capacityId)).title).not.toBe('Изменено во время перестроения')
    expect(await worker.drainOnce()).toBe(1)
    expect((await capacities.getDocument(capacityId)).title).toBe('Изменено во время перестроения')
  })
})
