import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getProcess } from '../../src/domain/taxonomy/index.js'
import type { Search } from '../../src/search/client.js'
import { filters } from '../../src/search/filters.js'
import { enqueueSearch } from '../../src/search/outbox.js'
import { ensureIndexes } from '../../src/search/settings.js'
import { DEFAULT_OUTBOX_BATCH_SIZE, createOutboxWorker, outboxBacklog, type SearchLog } from '../../src/search/worker.js'
import type { Tx } from '../../src/services/context.js'
import {
  indexedIds,
  insertCapacities,
  insertCapacity,
  insertCluster,
  insertContractor,
  insertNeed,
  insertNeeds,
  insertSupplier,
  skipBackoff,
  tableIds,
} from './fixtures.js'
import { startSearchHarness, type SearchHarness } from './harness.js'

const quiet: SearchLog = { info: () => undefined, warn: () => undefined, error: () => undefined }

let h: SearchHarness

beforeAll(async () => {
  h = await startSearchHarness()
})

afterAll(async () => {
  await h?.stop()
})

describe('outbox worker', () => {
  it('indexes new, updated and deleted capacities and needs, and never exposes the contractor', async () => {
    const worker = createOutboxWorker({ sql: h.sql, search: h.search, log: quiet })
    // A cluster id full of filter syntax proves the builder's escaping against the real engine.
    const oddCluster = await insertCluster(h.sql, 'clu "x" \\ AND y OR z')
    const supplier = await insertSupplier(h.sql, {
      name: 'ООО «Тест-Металл»',
      clusterIds: [oddCluster],
      certificates: [
        { standard: 'ISO9001', status: 'verified', validUntil: null },
        { standard: 'IATF16949', status: 'rejected', validUntil: '2099-01-01' },
        { standard: 'AS9100', status: 'unverified', validUntil: '2021-01-01' },
      ],
    })
    const capacityId = await insertCapacity(h.sql, supplier, {
      title: 'Фрезерная обработка корпусов',
      processes: ['MCH.MILL5', 'STP.PROG'],
      materials: ['ST_ST3SP'],
      freeHours: [
        { month: '2020-01', hours: 100 },
        { month: '2999-12', hours: 40 },
      ],
    })
    const contractorId = await insertContractor(h.sql, 'АО «Секретный Завод»')
    const needId = await insertNeed(h.sql, contractorId, { title: 'Корпус насоса', description: 'Фрезерование, партия 50 шт.' })

    expect(await worker.drainOnce()).toBe(2)

    const capacities = h.search.client.index(h.search.indexes.capacities)
    const capacity = await capacities.getDocument(capacityId)
    expect(capacity).toMatchObject({
      id: capacityId,
      orgId: supplier.orgId,
      orgName: 'ООО «Тест-Металл»',
      siteId: supplier.siteId,
      city: 'Казань',
      regionCode: '16',
      clusterIds: [oddCluster],
      _geo: { lat: 55.79, lng: 49.12 },
      processes: ['MCH.MILL5', 'STP.PROG'],
      processGroups: ['MCH', 'FRG'],
      materials: ['ST_ST3SP'],
      materialFamilies: ['STEEL_CARBON'],
      certificates: ['ISO9001'],
      freeHoursTotal: 40,
      itGrade: 7,
      maxLengthMm: 800,
    })
    expect(capacity.processNamesRu).toContain(getProcess('MCH.MILL5')?.nameRu)
    expect(capacity.materialNames).toContain('S235JR')

    const c = filters('capacities')
    const byCluster = await capacities.search('', { filter: c.build(c.eq('clusterIds', oddCluster)) })
    expect(byCluster.hits.map((hit) => hit.id)).toEqual([capacityId])
    const byTypo = await capacities.search('фрезерня', { filter: c.build(c.in('processGroups', ['MCH'])) })
    expect(byTypo.hits.map((hit) => hit.id)).toEqual([capacityId])
    const byEquivalent = await capacities.search('S235JR')
    expect(byEquivalent.hits.map((hit) => hit.id)).toEqual([capacityId])

    const needs = h.search.client.index(h.search.indexes.needs)
    const need = await needs.getDocument(needId)
    expect(need).toMatchObject({ id: needId, title: 'Корпус насоса', status: 'published', deadline: '2027-03-01', regionCode: '16' })
    expect(need.deadlineTs).toBe(Date.UTC(2027, 2, 1) / 1000)
    expect(JSON.stringify(need)).not.toContain('Секретный')
    expect((await needs.search('Секретный')).hits).toEqual([])
    // The documents API returns every field; what reaches a supplier is a search hit, and hits hide the contractor.
    const n = filters('needs')
    const ownNeeds = await needs.search('', { filter: n.build(n.eq('orgId', contractorId), n.eq('status', 'published')) })
    expect(ownNeeds.hits.map((hit) => hit.id)).toEqual([needId])
    expect(ownNeeds.hits[0]).not.toHaveProperty('orgId')
    expect(ownNeeds.hits[0]).not.toHaveProperty('_geo')
    expect(ownNeeds.hits[0]).toMatchObject({ city: 'Набережные Челны', regionCode: '16' })

    await h.sql.begin(async (tx) => {
      await tx`update capacities set title = 'Токарная обработка валов', updated_at = now() + interval '1 minute' where id = ${capacityId}`
      await enqueueSearch(tx as Tx, 'capacity', [capacityId])
    })
    expect(await worker.drainOnce()).toBe(1)
    expect((await capacities.getDocument(capacityId)).title).toBe('Токарная обработка валов')

    await h.sql.begin(async (tx) => {
      await tx`delete from capacities where id = ${capacityId}`
      await tx`delete from needs where id = ${needId}`
      await enqueueSearch(tx as Tx, 'capacity', [capacityId])
      await enqueueSearch(tx as Tx, 'need', [needId])
    })
    expect(await worker.drainOnce()).toBe(2)
    expect(await indexedIds(h.search, h.search.indexes.capacities)).not.toContain(capacityId)
    expect(await indexedIds(h.search, h.search.indexes.needs)).not.toContain(needId)

    const left = await h.sql`select 1 from search_outbox where processed_at is null`
    expect(left.length).toBe(0)
  })

  it('two workers draining at once never send the same row twice', async () => {
    const supplier = await insertSupplier(h.sql)
    const contractorId = await insertContractor(h.sql)
    const sent = { a: [] as string[], b: [] as string[] }
    const recording = (search: Search, into: string[]): Search => ({
      ...search,
      addDocuments: (uid, documents) => {
        into.push(...documents.map((d) => String(d.id)))
        return search.addDocuments(uid, documents)
      },
    })
    const a = createOutboxWorker({ sql: h.newSql(), search: recording(h.newSearch(), sent.a), batchSize: 40, log: quiet })
    const b = createOutboxWorker({ sql: h.newSql(), search: recording(h.newSearch(), sent.b), batchSize: 40, log: quiet })

    const capacityIds = await insertCapacities(h.sql, supplier, 300)
    const needIds = await insertNeeds(h.sql, contractorId, 200)
    for (const generation of [1, 2]) {
      if (generation === 2) {
        await h.sql.begin(async (tx) => {
          await tx`update capacities set title = title || ' (изм.)', updated_at = now() where id = any(${tx.array(capacityIds)}::text[])`
          await enqueueSearch(tx as Tx, 'capacity', capacityIds)
        })
      }
      sent.a.length = 0
      sent.b.length = 0
      const [doneA, doneB] = await Promise.all([a.drainOnce(), b.drainOnce()])
      const expected = generation === 1 ? [...capacityIds, ...needIds] : capacityIds
      expect(doneA + doneB).toBe(expected.length)
      expect(sent.a.length).toBeGreaterThan(0)
      expect(sent.b.length).toBeGreaterThan(0)
      const both = [...sent.a, ...sent.b]
      expect(new Set(both).size).toBe(both.length)
      expect(both.sort()).toEqual([...expected].sort())
    }

    const rows = await h.sql<{ processed: number; attempts: number; total: number }[]>`
      select count(*) filter (where processed_at is not null)::int as processed, sum(attempts)::int as attempts, count(*)::int as total
      from search_outbox where entity_id = any(${h.sql.array([...capacityIds, ...needIds])}::text[])`
    expect(rows[0]).toEqual({ processed: 800, attempts: 0, total: 800 })
    const titles = await h.search.client.index(h.search.indexes.capacities).getDocuments({ ids: capacityIds.slice(0, 5), fields: ['title'] })
    for (const doc of titles.results) expect(doc.title).toMatch(/\(изм\.\)$/)
  })

  it('does not mark rows processed when the Meilisearch task fails', async () => {
    const worker = createOutboxWorker({ sql: h.sql, search: h.search, log: quiet })
    const supplier = await insertSupplier(h.sql)
    const capacityId = await insertCapacity(h.sql, supplier)
    await worker.drainOnce()

    // An index whose primary key is not `id`: every addition naming primary key `id` fails as a task.
    const uid = h.search.indexes.capacities
    await h.search.waitOk(h.search.client.deleteIndex(uid))
    await h.search.waitOk(h.search.client.createIndex(uid, { primaryKey: 'slug' }))
    await h.sql.begin(async (tx) => {
      await tx`update capacities set title = 'После сбоя' where id = ${capacityId}`
      await enqueueSearch(tx as Tx, 'capacity', [capacityId])
    })

    expect(await worker.drainOnce()).toBe(0)
    const [row] = await h.sql<{ processedAt: Date | null; attempts: number; lastError: string; delay: number }[]>`
      select processed_at, attempts, last_error, extract(epoch from available_at - now())::float8 as delay
      from search_outbox where entity_id = ${capacityId} order by id desc limit 1`
    expect(row?.processedAt).toBeNull()
    expect(row?.attempts).toBe(1)
    expect(row?.lastError).toMatch(/task \d+ \(documentAdditionOrUpdate .*\) failed: index_primary_key_already_exists/)
    expect(row?.delay).toBeGreaterThan(0)
    expect(await worker.drainOnce()).toBe(0)

    // The worker re-checks the indexes after a failure and refuses a wrong primary key until it is fixed.
    await skipBackoff(h.sql)
    expect(await worker.drainOnce()).toBe(0)
    const [again] = await h.sql<{ attempts: number; lastError: string }[]>`
      select attempts, last_error from search_outbox where entity_id = ${capacityId} order by id desc limit 1`
    expect(again).toMatchObject({ attempts: 2, lastError: expect.stringMatching(/primary key "slug", expected "id"/) })

    await h.search.waitOk(h.search.client.deleteIndex(uid))
    await skipBackoff(h.sql)
    expect(await worker.drainOnce()).toBe(1)
    expect((await h.search.client.index(uid).getDocument(capacityId)).title).toBe('После сбоя')
    expect(await outboxBacklog(h.sql)).toEqual({ pending: 0, failing: 0, oldestAgeSeconds: 0 })
  })

  it('ensureIndexes is idempotent and leaves settings alone when they match', async () => {
    const result = await ensureIndexes(h.search)
    expect(result).toEqual({ capacities: { created: false, updated: [] }, needs: { created: false, updated: [] } })
  })

  it('wakes on NOTIFY, drains in the background and stops gracefully', async () => {
    const worker = createOutboxWorker({ sql: h.sql, search: h.search, pollMs: 60_000, log: quiet })
    worker.start()
    try {
      const supplier = await insertSupplier(h.sql)
      // Let LISTEN subscribe before the write: the 60 s poll cannot be what picks the row up.
      await new Promise((resolve) => setTimeout(resolve, 300))
      const capacityId = await insertCapacity(h.sql, supplier)
      const deadline = Date.now() + 5_000
      while (!(await indexedIds(h.search, h.search.indexes.capacities)).includes(capacityId)) {
        if (Date.now() > deadline) throw new Error('the worker did not pick up the notified row')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    } finally {
      await worker.stop()
    }
    // NOWAIT throws if any worker transaction still holds an outbox row.
    await h.sql.begin((tx) => tx`select id from search_outbox for update nowait`)
  })

  it(`drains a 5 000-row backlog (throughput is printed)`, async () => {
    const supplier = await insertSupplier(h.sql)
    const contractorId = await insertContractor(h.sql)
    const capacityIds = await insertCapacities(h.sql, supplier, 2500)
    const needIds = await insertNeeds(h.sql, contractorId, 2500)
    const worker = createOutboxWorker({ sql: h.sql, search: h.search, log: quiet })
    const started = performance.now()
    expect(await worker.drainOnce()).toBe(5000)
    const seconds = (performance.now() - started) / 1000
    console.info(`search outbox: drained 5000 rows in ${seconds.toFixed(2)} s (${Math.round(5000 / seconds)} rows/s, batch ${DEFAULT_OUTBOX_BATCH_SIZE})`)
    expect(await indexedIds(h.search, h.search.indexes.capacities)).toEqual(expect.arrayContaining(capacityIds))
    expect(await indexedIds(h.search, h.search.indexes.needs)).toEqual(await tableIds(h.sql, 'needs'))
    expect(needIds.length).toBe(2500)
  })
})
