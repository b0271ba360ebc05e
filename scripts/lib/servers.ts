import { chmod, mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createSql, type Sql } from '../../src/db/client.js'
import { migrate } from '../../src/db/migrate.js'
import { startEmbeddedMeilisearch } from '../../src/embedded/meilisearch.js'
import { startEmbeddedPostgres } from '../../src/embedded/postgres.js'
import { type Search, createSearch } from '../../src/search/client.js'
import { ensureIndexes } from '../../src/search/settings.js'

export interface ScratchServers {
  sql: Sql
  search: Search
  meiliUrl: string
  meiliKey: string
  postgresPid: number | undefined
  meilisearchPid: number | undefined
  stop(): Promise<void>
}

/**
 * Fresh embedded PostgreSQL and Meilisearch in `dir`, migrated and with indexes configured, for the
 * benchmarks: nothing is shared with the app's own `.data/`, and `stop()` removes the folder.
 */
export async function startScratchServers(dir: string): Promise<ScratchServers> {
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  await chmod(dir, 0o755)
  const pg = await startEmbeddedPostgres({ dir: join(dir, 'postgres'), database: 'podryad' })
  const meili = await startEmbeddedMeilisearch({ dir: join(dir, 'meilisearch') }).catch(async (error: unknown) => {
    await pg.stop()
    throw error
  })
  const sql = createSql(pg.url, { max: 12 })
  await migrate(sql)
  const search = createSearch({ url: meili.url, apiKey: meili.masterKey })
  await ensureIndexes(search)
  return {
    sql,
    search,
    meiliUrl: meili.url,
    meiliKey: meili.masterKey,
    postgresPid: pg.child.pid,
    meilisearchPid: meili.child.pid,
    stop: async () => {
      await sql.end({ timeout: 5 })
      await search.close()
      await meili.stop()
      await pg.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
