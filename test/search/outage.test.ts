import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { enqueueSearch } from '../../src/search/outbox.js'
import { SearchUnavailableError, unwrapSearchError } from '../../src/search/http.js'
import { createOutboxWorker, outboxBacklog, type SearchLog } from '../../src/search/worker.js'
import type { Tx } from '../../src/services/context.js'
import { indexedIds, insertCapacity, insertContractor, insertNeed, insertSupplier, skipBackoff, tableIds } from './fixtures.js'
import { startSearchHarness, type SearchHarness } from './harness.js'

const quiet: SearchLog = { info: () => undefined, warn: () => undefined, error: () => undefined }

let h: SearchHarness

beforeAll(async () => {
  h = await startSearchHarness()
})

afterAll(async () => {
  await h?.stop()
})

describe('Meilisearch outage', () => {
  it('keeps accepting writes while Meilisearch is down and loses none of them', async () => {
    const worker = createOutboxWorker({ sql: h.sql, search: h.search, log: quiet })
    const supplier = await insertSupplier(h.sql)
    const contractorId = await insertContractor(h.sql)
    const before = await insertCapacity(h.sql, supplier, { title: 'До сбоя' })
    const changedDuringOutage = await insertCapacity(h.sql, supplier, { title: 'Старое название' })
    await insertNeed(h.sql, contractorId)
    expect(await worker.drainOnce()).toBe(3)

    await h.meili.stop()
    const healthStarted = performance.now()
    expect(await h.search.health()).toBe(false)
    const healthMs = performance.now() - healthStarted
    expect(healthMs).toBeLessThan(1_500)

    for (let i = 0; i < 10; i++) {
      await insertCapacity(h.sql, supplier, { title: `Во время сбоя ${i}` })
      await insertNeed(h.sql, contractorId, { title: `Заявка во время сбоя ${i}` })
    }
    await h.sql.begin(async (tx) => {
      await tx`update capacities set title = 'Новое название' where id = ${changedDuringOutage}`
      await tx`delete from capacities where id = ${before}`
      await enqueueSearch(tx as Tx, 'capacity', [changedDuringOutage, before])
    })

    const drainStarted = performance.now()
    expect(await worker.drainOnce()).toBe(0)
    const drainMs = performance.now() - drainStarted
    expect(drainMs).toBeLessThan(2_000)
    console.info(`search outage: health() false in ${healthMs.toFixed(0)} ms, failed drain in ${drainMs.toFixed(0)} ms`)

    const rows = await h.sql<{ processed: number; attempted: number; withError: number; total: number }[]>`
      select count(*) filter (where processed_at is not null)::int as processed,
        count(*) filter (where attempts = 1)::int as attempted,
        count(*) filter (where last_error like '%Meilisearch%') ::int as with_error,
        count(*)::int as total
      from search_outbox where id > (select max(id) - 22 from search_outbox)`
    expect(rows[0]).toEqual({ processed: 0, attempted: 22, withError: 22, total: 22 })
    expect(await outboxBacklog(h.sql)).toMatchObject({ pending: 22, failing: 22 })
    // Unreachable is not the rows' fault: they stay due (the worker paces its retries by its poll), so
    // the backlog drains as soon as Meilisearch is back instead of waiting out per-row backoffs.
    const [due] = await h.sql<{ due: number }[]>`select count(*)::int as due from search_outbox where processed_at is null and available_at <= now()`
    expect(due?.due).toBe(22)

    await h.meili.start()
    expect(await h.search.health()).toBe(true)
    await skipBackoff(h.sql)
    expect(await worker.drainOnce()).toBe(22)

    expect(await indexedIds(h.search, h.search.indexes.capacities)).toEqual(await tableIds(h.sql, 'capacities'))
    expect(await indexedIds(h.search, h.search.indexes.needs)).toEqual(await tableIds(h.sql, 'needs'))
    const changed = await h.search.client.index(h.search.indexes.capacities).getDocument(changedDuringOutage)
    expect(changed.title).toBe('Новое название')
    expect(await outboxBacklog(h.sql)).toEqual({ pending: 0, failing: 0, oldestAgeSeconds: 0 })
  })

  it('gives up on a frozen Meilisearch within the request deadlines instead of hanging', async () => {
    const worker = createOutboxWorker({ sql: h.sql, search: h.search, log: quiet })
    const search = h.newSearch()
    h.meili.freeze()
    try {
      const healthStarted = performance.now()
      expect(await search.health()).toBe(false)
      const healthMs = performance.now() - healthStarted
      expect(healthMs).toBeLessThan(1_500)

      const searchStarted = performance.now()
      const failure = await search.client.index(search.indexes.capacities).search('фрезерная').catch((error: unknown) => error)
      const searchMs = performance.now() - searchStarted
      expect(unwrapSearchError(failure)).toBeInstanceOf(SearchUnavailableError)
      expect(searchMs).toBeLessThan(2_500)
      console.info(`search frozen: health() false in ${healthMs.toFixed(0)} ms, search failed in ${searchMs.toFixed(0)} ms`)
    } finally {
      h.meili.thaw()
    }
    expect(await search.health()).toBe(true)
    const supplier = await insertSupplier(h.sql)
    await insertCapacity(h.sql, supplier)
    expect(await worker.drainOnce()).toBe(1)
  })
})
