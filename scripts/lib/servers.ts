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

/** Runs every step even when an earlier one fails, then reports the first failure. */
async function allSteps(steps: (() => Promise<unknown>)[]): Promise<void> {
  const failures: unknown[] = []
  for (const step of steps) await step().catch((error: unknown) => failures.push(error))
  if (failures.length > 0) throw failures[0]
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
  const search = createSearch({ url: meili.url, apiKey: meili.masterKey })
  // The servers are detached from our process group (src/embedded/process.ts): whatever fails, stop them ourselves.
  const stop = () =>
    allSteps([
      () => sql.end({ timeout: 5 }),
      () => search.close(),
      () => meili.stop(),
      () => pg.stop(),
      () => rm(dir, { recursive: true, force: true }),
    ])
  try {
    await migrate(sql)
    await ensureIndexes(search)
  } catch (error) {
    await stop().catch(() => undefined)
    throw error
  }
  return {
    sql,
    search,
    meiliUrl: meili.url,
    meiliKey: meili.masterKey,
    postgresPid: pg.child.pid,
    meilisearchPid: meili.child.pid,
    stop,
  }
}

const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 }

/**
 * Runs `fn` with fresh scratch servers in `dir` and always stops them and removes the folder: when `fn`
 * returns or throws, and on Ctrl-C or SIGTERM (the servers run in their own process group, so the
 * terminal's signal reaches only us; we stop them, then exit 130/143).
 */
export async function withScratchServers<T>(dir: string, fn: (servers: ScratchServers) => Promise<T>): Promise<T> {
  const starting = startScratchServers(dir)
  let stopping: Promise<void> | undefined
  let received: NodeJS.Signals | undefined
  const stop = (): Promise<void> =>
    (stopping ??= starting.then(
      (servers) => servers.stop(),
      () => undefined, // startScratchServers cleaned up after itself
    ))
  const exitAfterStop = (signal: NodeJS.Signals) => process.exit(EXIT_CODES[signal] ?? 1)
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) return // a second Ctrl-C while stopping must not leave the servers running
    received = signal
    process.stderr.write(`\n${signal}: stopping the scratch servers…\n`)
    void stop()
      .catch((error: unknown) => process.stderr.write(`could not stop the scratch servers: ${String(error)}\n`))
      .then(() => exitAfterStop(signal))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    return await fn(await starting)
  } finally {
    await stop()
    // Whatever `fn` threw after the signal (closed pools) is noise: the run was interrupted.
    if (received) exitAfterStop(received)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
