import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createSql, type Sql } from '../../src/db/client.js'
import { migrate } from '../../src/db/migrate.js'
import { startEmbeddedMeilisearch } from '../../src/embedded/meilisearch.js'
import { startEmbeddedPostgres } from '../../src/embedded/postgres.js'
import { isAlive, stopOrphan } from '../../src/embedded/process.js'
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

/** Where scratch servers live: `servers-<pid of the run>-<name>`, so a folder names the run that owns it. */
const SCRATCH_ROOT = '.bench'
const SCRATCH_FOLDER = /^servers-(\d+)(?:-|$)/

async function pidIn(file: string): Promise<number | undefined> {
  if (!existsSync(file)) return undefined
  const pid = Number((await readFile(file, 'utf8')).split('\n')[0])
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

/**
 * A run killed outright (SIGKILL, a closed terminal, a crash of the machine) could not stop its servers, which run
 * in their own process group, nor remove their folder. Before starting, stop the servers of every run that is no
 * longer alive and remove its folder, so nothing half-loaded outlives its run or gets in the next one's way.
 */
export async function sweepAbandonedScratchServers(root = SCRATCH_ROOT): Promise<void> {
  const folders = await readdir(root).catch(() => [] as string[])
  for (const folder of folders) {
    const owner = Number(SCRATCH_FOLDER.exec(folder)?.[1])
    if (!owner || owner === process.pid || isAlive(owner)) continue
    const dir = join(root, folder)
    process.stderr.write(`removing ${dir}, left by an interrupted run (pid ${owner})\n`)
    try {
      const postgres = await pidIn(join(dir, 'postgres', 'data', 'postmaster.pid'))
      const meilisearch = await pidIn(join(dir, 'meilisearch', 'meilisearch.pid'))
      if (postgres) await stopOrphan(postgres, 'PostgreSQL', 'postgres', 'SIGINT')
      if (meilisearch) await stopOrphan(meilisearch, 'Meilisearch', 'meilisearch', 'SIGTERM')
      await rm(dir, { recursive: true, force: true })
    } catch (error) {
      // Not ours to force (stopOrphan found a live owner): this run uses its own folder, so it can go on.
      process.stderr.write(`could not clean ${dir} up: ${error instanceof Error ? error.message : String(error)}\n`)
    }
  }
}

/** The scratch folder of this run for `name` (e.g. one per benchmark size). */
export function scratchDir(name?: string): string {
  return join(SCRATCH_ROOT, name ? `servers-${process.pid}-${name}` : `servers-${process.pid}`)
}

const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 }

/**
 * Runs `fn` with fresh scratch servers in `dir` and always stops them and removes the folder: when `fn`
 * returns or throws, and on Ctrl-C or SIGTERM (the servers run in their own process group, so the
 * terminal's signal reaches only us; we stop them, then exit 130/143).
 */
export async function withScratchServers<T>(dir: string, fn: (servers: ScratchServers) => Promise<T>): Promise<T> {
  await sweepAbandonedScratchServers()
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
