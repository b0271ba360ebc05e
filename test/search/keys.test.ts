import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createSql } from '../../src/db/client.js'
import { freePort } from '../../src/embedded/process.js'
import { silentLogger } from '../../src/lib/log.js'
import { createSearch } from '../../src/search/client.js'
import { unwrapSearchError } from '../../src/search/http.js'
import { DOCUMENTS_KEY_ACTIONS, ensureScopedKeys, SEARCH_KEY_ACTIONS, scopedKeyUid } from '../../src/search/keys.js'
import { enqueueSearch } from '../../src/search/outbox.js'
import { outboxBacklog } from '../../src/search/worker.js'
import { startPodryad, type RunningPodryad } from '../../src/server.js'
import type { Tx } from '../../src/services/context.js'
import { createTestUser, sessionCookieOf, TEST_PASSWORD } from '../helpers/auth.js'
import { databaseUrl } from '../helpers/deps.js'
import { insertCapacity, insertSite, randomInn } from '../helpers/fixtures.js'
import { newId } from '../../src/lib/ids.js'

/**
 * Meilisearch keys (ASVS 5.0 13.2.2, perf-reliability.md S9): the app starts with the master key, makes
 * or finds a search-only key and a documents key scoped to its own indexes, and answers requests with
 * the search key alone. Against the shared test Meilisearch, which has a master key.
 */

const masterKey = inject('meiliKey')
const meiliUrl = inject('meiliUrl')
let running: RunningPodryad
let dataDir: string
let prefix: string
let appDatabaseUrl: string

async function refusal(write: Promise<unknown>): Promise<{ status?: number; code?: string }> {
  const error = await write.then(
    () => undefined,
    (e: unknown) => e,
  )
  const ours = unwrapSearchError(error)
  return { ...(ours && 'status' in ours ? { status: ours.status, code: ours.code } : {}) }
}

beforeAll(async () => {
  const database = `keys_${randomBytes(5).toString('hex')}`
  const admin = createSql(databaseUrl(inject('postgresUrl'), 'postgres'), { max: 1 })
  await admin.unsafe(`create database ${database} template ${inject('templateDatabase')}`)
  await admin.end()
  prefix = `${database}_`
  appDatabaseUrl = databaseUrl(inject('postgresUrl'), database)
  dataDir = await mkdtemp(join(tmpdir(), 'podryad-keys-'))
  running = await startPodryad(
    loadConfig({
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl(inject('postgresUrl'), database),
      MEILI_URL: meiliUrl,
      MEILI_MASTER_KEY: masterKey,
      SEARCH_INDEX_PREFIX: prefix,
    }),
    silentLogger,
  )
})

afterAll(async () => {
  await running?.stop('test end')
  await rm(dataDir, { recursive: true, force: true })
})

describe('scoped Meilisearch keys', () => {
  it('the app holds a search-only key on the request path and a documents key for the worker, neither of them the master key', async () => {
    const searchKey = running.search.client.config.apiKey
    const documentsKey = running.indexing.client.config.apiKey
    expect(searchKey).toBeTruthy()
    expect(documentsKey).toBeTruthy()
    expect(new Set([searchKey, documentsKey, masterKey]).size).toBe(3)

    const admin = createSearch({ url: meiliUrl, apiKey: masterKey })
    try {
      const [searchMeta, documentsMeta] = await Promise.all([
        admin.client.getKey(scopedKeyUid(prefix, 'search')),
        admin.client.getKey(scopedKeyUid(prefix, 'documents')),
      ])
      expect(searchMeta).toMatchObject({ key: searchKey, actions: [...SEARCH_KEY_ACTIONS], indexes: [`${prefix}*`], expiresAt: null })
      expect(documentsMeta).toMatchObject({ key: documentsKey, actions: [...DOCUMENTS_KEY_ACTIONS], indexes: [`${prefix}*`], expiresAt: null })
      // A second start (another process of the deployment) finds the same two keys rather than adding more.
      expect(await ensureScopedKeys(admin.client, prefix)).toEqual({ search: searchKey, documents: documentsKey })
      const ours = (await admin.client.getKeys({ limit: 1000 })).results.filter((k) => k.indexes.includes(`${prefix}*`))
      expect(ours).toHaveLength(2)
    } finally {
      await admin.close()
    }
  })

  it('the request-path key is refused any write (403) while search through the API still works', async () => {
    const index = running.search.client.index(running.search.indexes.capacities)
    expect(await refusal(index.addDocuments([{ id: 'cap_forged', title: 'Подделка' }]))).toEqual({ status: 403, code: 'invalid_api_key' })
    expect(await refusal(index.deleteAllDocuments())).toEqual({ status: 403, code: 'invalid_api_key' })
    expect(await refusal(index.updateSettings({ searchableAttributes: ['id'] }))).toEqual({ status: 403, code: 'invalid_api_key' })
    expect(await refusal(running.search.client.deleteIndex(running.search.indexes.needs))).toEqual({ status: 403, code: 'invalid_api_key' })
    expect(await refusal(running.search.client.getKeys())).toEqual({ status: 403, code: 'invalid_api_key' })
    expect(await refusal(running.search.client.index(running.search.indexes.capacities).getDocuments())).toEqual({ status: 403, code: 'invalid_api_key' })

    // A capacity written to PostgreSQL reaches the index through the worker's key, and the API finds it.
    const orgId = newId('org')
    await running.sql`insert into organizations (id, name, inn, kinds) values (${orgId}, 'ООО «Ключи»', ${randomInn()}, '{supplier}')`
    const siteId = await insertSite(running.sql, orgId, { address: 'г. Казань', city: 'Казань', regionCode: '16', lat: 55.79, lon: 49.12 })
    const capacityId = await insertCapacity(running.sql, orgId, siteId)
    await running.sql.begin((tx) => enqueueSearch(tx as unknown as Tx, 'capacity', [capacityId]))
    const deadline = Date.now() + 30_000
    while ((await outboxBacklog(running.sql)).pending > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await outboxBacklog(running.sql)).pending).toBe(0)

    const user = await createTestUser(running.sql)
    const login = await fetch(`${running.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }) })
    const res = await fetch(`${running.url}/api/search/capacities?q=${encodeURIComponent('токарная')}`, { headers: { cookie: sessionCookieOf(login.headers) } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { hits: { id: string }[] }
    expect(body.hits.map((hit) => hit.id)).toContain(capacityId)
  })

  it('the documents key writes only under its own prefix and cannot manage keys', async () => {
    const other = createSearch({ url: meiliUrl, apiKey: running.indexing.client.config.apiKey, indexPrefix: `other_${prefix}` })
    try {
      expect(await refusal(other.client.createIndex(other.indexes.capacities))).toEqual({ status: 403, code: 'invalid_api_key' })
      expect(await refusal(other.client.createKey({ actions: ['*'], indexes: ['*'], expiresAt: null }))).toEqual({ status: 403, code: 'invalid_api_key' })
    } finally {
      await other.close()
    }
  })

  it('runs with only the two scoped keys in its environment, no master key at all', async () => {
    const second = await startPodryad(
      loadConfig({
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        DATABASE_URL: appDatabaseUrl,
        MEILI_URL: meiliUrl,
        MEILI_SEARCH_KEY: String(running.search.client.config.apiKey),
        MEILI_DOCUMENTS_KEY: String(running.indexing.client.config.apiKey),
        SEARCH_INDEX_PREFIX: prefix,
      }),
      silentLogger,
    )
    try {
      expect(second.search.client.config.apiKey).toBe(running.search.client.config.apiKey)
      expect(second.indexing.client.config.apiKey).toBe(running.indexing.client.config.apiKey)
      expect((await second.search.client.index(second.search.indexes.capacities).search('')).hits.length).toBeGreaterThan(0)
    } finally {
      await second.stop('test end')
    }
  })
})
