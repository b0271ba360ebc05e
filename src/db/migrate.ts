import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sql } from './client.js'

export const MIGRATIONS_DIR = new URL('../../sql/', import.meta.url).pathname

/** Arbitrary constant shared by every Podryad process: serialises concurrent start-ups. */
const MIGRATION_LOCK_ID = 7_302_114_001

const FILE_NAME = /^\d{4}_[a-z0-9_]+\.sql$/

export interface MigrationFile {
  name: string
  checksum: string
  text: string
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort()
  const files: MigrationFile[] = []
  for (const name of names) {
    if (!FILE_NAME.test(name)) throw new Error(`Migration file name must look like 0001_slug.sql: ${name}`)
    const text = await readFile(join(dir, name), 'utf8')
    files.push({ name, text, checksum: createHash('sha256').update(text).digest('hex') })
  }
  return files
}

export interface MigrateOptions {
  /** Stop after this file (a restore brings the schema to the backup's version, not the newest). */
  upTo?: string
}

/**
 * Applies pending migrations forward-only, one transaction per file, under an advisory lock.
 * Refuses to run when a file that was already applied has changed since.
 * Returns the names of the files applied by this call.
 */
export async function migrate(sql: Sql, dir = MIGRATIONS_DIR, options: MigrateOptions = {}): Promise<string[]> {
  const all = await readMigrations(dir)
  const files = options.upTo === undefined ? all : all.filter((file) => file.name <= (options.upTo ?? ''))
  await sql.begin(async (tx) => {
    // Under the lock too: two first start-ups racing on "create table if not exists" can both fail.
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`
    await tx`create table if not exists schema_migrations (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`
  })
  const applied: string[] = []
  for (const file of files) {
    const done = await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`
      const [existing] = await tx<{ checksum: string }[]>`select checksum from schema_migrations where name = ${file.name}`
      if (existing) {
        if (existing.checksum !== file.checksum) {
          throw new Error(`Migration ${file.name} was changed after it was applied (checksum differs). Migrations are forward-only: add a new file instead.`)
        }
        return false
      }
      await tx.unsafe(file.text)
      await tx`insert into schema_migrations (name, checksum) values (${file.name}, ${file.checksum})`
      return true
    })
    if (done) applied.push(file.name)
  }
  return applied
}
