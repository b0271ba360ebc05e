import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSql, type Sql } from '../../src/db/client.js'
import { migrate } from '../../src/db/migrate.js'
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '../../src/embedded/meilisearch.js'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/embedded/postgres.js'
import { createSearch, type Search } from '../../src/search/client.js'
import { ensureIndexes } from '../../src/search/settings.js'

/** A Meilisearch server the test can stop and start again on the same data folder and port. */
export interface RestartableMeilisearch {
  url: string
  port: number
  masterKey: string
  dir: string
  stop(): Promise<void>
  /** SIGKILL, as a crash or the OOM killer would: no chance to finish or persist anything in progress. */
  kill(): Promise<void>
  start(): Promise<void>
  /** SIGSTOP: the server still accepts connections but never answers, the worst kind of outage. */
  freeze(): void
  thaw(): void
}

export interface SearchHarness {
  sql: Sql
  search: Search
  pg: EmbeddedPostgres
  meili: RestartableMeilisearch
  indexPrefix: string
  /** Another client on the same Meilisearch and prefix (its own connection pool). */
  newSearch(): Search
  /** Another pool on the same database. */
  newSql(): Sql
  stop(): Promise<void>
}

/**
 * Throwaway PostgreSQL + Meilisearch in a temp folder, migrated, with a random index prefix and the
 * indexes set up. `stop()` stops both and removes the folder, whatever state the test left them in.
 */
export async function startSearchHarness(): Promise<SearchHarness> {
  const root = await mkdtemp(join(tmpdir(), 'podryad-search-'))
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data folder.
  await chmod(root, 0o755)
  const cleanups: (() => Promise<unknown>)[] = [() => rm(root, { recursive: true, force: true })]
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined)
  }
  try {
    // Meilisearch's last output lines, to explain a server that died under a test.
    const output: string[] = []
    const log = (line: string): void => {
      output.push(line)
      output.splice(0, output.length - 20)
    }
    // One after the other: a fork for one server while the other's binary is being copied into place
    // makes exec fail with ETXTBSY.
    const first = await startEmbeddedMeilisearch({ dir: join(root, 'meilisearch'), log })
    let current: EmbeddedMeilisearch | null = first
    const signal = (name: NodeJS.Signals): void => {
      const child = current?.child
      if (!child?.pid || child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Meilisearch is not running (exit ${child?.exitCode}, signal ${child?.signalCode}):\n${output.join('\n')}`)
      }
      process.kill(child.pid, name)
    }
    cleanups.push(async () => {
      if (current?.child.exitCode === null) signal('SIGCONT')
      await current?.stop()
    })
    const pg = await startEmbeddedPostgres({ dir: join(root, 'postgres'), database: 'podryad_test' })
    cleanups.push(() => pg.stop())
    const meili: RestartableMeilisearch = {
      url: first.url,
      port: first.port,
      masterKey: first.masterKey,
      dir: join(root, 'meilisearch'),
      async stop() {
        await current?.stop()
        current = null
      },
      async kill() {
        const child = current?.child
        current = null
        if (!child || child.exitCode !== null || child.signalCode !== null) return
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        child.kill('SIGKILL')
        await exited
      },
      async start() {
        if (current) return
        current = await startEmbeddedMeilisearch({ dir: meili.dir, port: meili.port, log })
      },
      freeze: () => signal('SIGSTOP'),
      thaw: () => signal('SIGCONT'),
    }

    const sql = createSql(pg.url)
    cleanups.push(() => sql.end({ timeout: 5 }))
    await migrate(sql)

    const indexPrefix = `t${randomBytes(4).toString('hex')}_`
    const clients: Search[] = []
    const newSearch = (): Search => {
      const client = createSearch({ url: meili.url, apiKey: meili.masterKey, indexPrefix })
      clients.push(client)
      return client
    }
    cleanups.push(() => Promise.all(clients.map((c) => c.close())))
    const search = newSearch()
    await ensureIndexes(search)

    const pools: Sql[] = []
    cleanups.push(() => Promise.all(pools.map((p) => p.end({ timeout: 5 }))))
    const newSql = (): Sql => {
      const pool = createSql(pg.url)
      pools.push(pool)
      return pool
    }

    return { sql, search, pg, meili, indexPrefix, newSearch, newSql, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
