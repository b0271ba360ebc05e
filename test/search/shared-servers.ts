import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import { createSql, type Sql } from '../../src/db/client.js'
import { createSearch, type Search } from '../../src/search/client.js'
import { CAPACITY_SETTINGS, ensureIndex, NEED_SETTINGS } from '../../src/search/settings.js'

/**
 * A fresh database cloned from the run's migrated template, on the run's shared PostgreSQL and
 * Meilisearch (test/setup/global-setup.ts), for search tests that never stop a server. Unlike
 * createTestDeps it builds no app, so these tests depend on src/search and src/db only.
 */
export interface SharedSearchDeps {
  sql: Sql
  /** A search client on its own random index prefix, with the indexes set up; closed and deleted by `close`. */
  newSearch(): Promise<Search>
  /** Deletes one client's indexes (enqueued, not awaited: `close` waits for them) and closes it. */
  dropSearch(search: Search): Promise<void>
  close(): Promise<void>
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export async function cloneSharedDatabase(): Promise<SharedSearchDeps> {
  const serverUrl = inject('postgresUrl')
  const databaseName = `t_${randomBytes(6).toString('hex')}`
  const admin = createSql(databaseUrl(serverUrl, 'postgres'), { max: 1 })
  await admin.unsafe(`create database ${databaseName} template ${inject('templateDatabase')}`)
  await admin.end()
  const sql = createSql(databaseUrl(serverUrl, databaseName), { max: 8 })
  const searches = new Set<Search>()
  const deletions: Promise<unknown>[] = []
  const meiliAdmin = createSearch({ url: inject('meiliUrl'), apiKey: inject('meiliKey') })

  async function dropSearch(search: Search): Promise<void> {
    searches.delete(search)
    for (const uid of [search.indexes.capacities, search.indexes.needs]) {
      deletions.push(meiliAdmin.client.deleteIndex(uid).then((task) => meiliAdmin.client.tasks.waitForTask(task, { timeout: 120_000 })))
    }
    await search.close()
  }

  return {
    sql,
    async newSearch() {
      const search = createSearch({ url: inject('meiliUrl'), apiKey: inject('meiliKey'), indexPrefix: `${databaseName}_${randomBytes(3).toString('hex')}_` })
      searches.add(search)
      // Both at once (ensureIndexes goes one after the other): this runs once per model-test run.
      await Promise.all([ensureIndex(search, search.indexes.capacities, CAPACITY_SETTINGS), ensureIndex(search, search.indexes.needs, NEED_SETTINGS)])
      return search
    },
    dropSearch,
    async close() {
      await Promise.allSettled([...searches].map(dropSearch))
      await Promise.allSettled(deletions)
      await meiliAdmin.close()
      await sql.end({ timeout: 5 })
    },
  }
}
