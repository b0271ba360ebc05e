import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { Transform } from 'node:stream'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { restoreBackup, writeBackup } from '../../src/db/backup.js'
import { createSql, type Sql } from '../../src/db/client.js'
import { newId } from '../../src/lib/ids.js'
import { type TestDeps, createTestDeps, databaseUrl } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'

/**
 * The backup module in process (the scripts and the search rebuild are in test/faults/backup.test.ts):
 * a round trip is exact, large tables do not stall the driver's COPY, and a damaged file or a
 * non-empty target changes nothing.
 */

let deps: TestDeps
let dir: string
const created: string[] = []
const opened: Sql[] = []

async function emptyDatabase(): Promise<Sql> {
  const name = `bk_${randomBytes(5).toString('hex')}`
  const admin = createSql(databaseUrl(inject('postgresUrl'), 'postgres'), { max: 1 })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  created.push(name)
  const sql = createSql(databaseUrl(inject('postgresUrl'), name), { max: 2 })
  opened.push(sql)
  return sql
}

async function digests(sql: Sql): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and c.relname <> 'schema_migrations' order by 1`
  const out: Record<string, string> = {}
  for (const { name } of tables) {
    const [row] = await sql<{ digest: string }[]>`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, E'\n' order by t::text)), '') as digest from ${sql(name)} t`
    out[name] = row?.digest ?? ''
  }
  return out
}

beforeAll(async () => {
  deps = await createTestDeps()
  dir = await mkdtemp(join(tmpdir(), 'podryad-bk-'))
  await chmod(dir, 0o700)
  const orgId = newId('org')
  const siteId = newId('site')
  await deps.sql`insert into organizations (id, name, inn, kinds, description) values (${orgId}, 'ООО «Копия»', ${randomInn()}, '{supplier}', ${'Табуляция\tи перевод\nстроки, обратная косая \\ и NULL-подобное \\N'})`
  await deps.sql`insert into sites (id, org_id, name, address, city, region_code, lat, lon, precision) values (${siteId}, ${orgId}, 'Цех', 'ул. 1', 'Казань', '16', 55.79, 49.12, 'city')`
  // Far more than one socket chunk of COPY data: the size at which the driver's COPY used to stall.
  await deps.sql`
    insert into capacities (id, org_id, site_id, title, processes, description_ru)
    select 'cap_bk' || lpad(n::text, 19, '0'), ${orgId}, ${siteId}, 'Токарная обработка №' || n, '{MCH.TURN}', repeat('Станок с ЧПУ. ', 20)
    from generate_series(1, 3000) n`
  await deps.sql`insert into search_outbox (entity, entity_id) select 'capacity', id from capacities`
})

afterAll(async () => {
  for (const sql of opened) await sql.end()
  await deps?.close()
  const admin = createSql(databaseUrl(inject('postgresUrl'), 'postgres'), { max: 1 })
  for (const name of created) await admin.unsafe(`drop database if exists ${name} with (force)`)
  await admin.end()
  await rm(dir, { recursive: true, force: true })
})

describe('backup and restore in process', () => {
  it('round-trips every table exactly, special characters and identity sequences included', async () => {
    const file = join(dir, 'round.gz')
    const backup = await writeBackup(deps.sql, file)
    expect(backup.manifest.tables.find((t) => t.name === 'capacities')?.rows).toBe(3000)
    const target = await emptyDatabase()
    const restored = await restoreBackup(target, file)
    expect(restored.rows).toBe(backup.manifest.tables.reduce((sum, t) => sum + t.rows, 0))
    expect(await digests(target)).toEqual(await digests(deps.sql))
    const [next] = await target<{ id: string }[]>`insert into search_outbox (entity, entity_id) values ('capacity', 'cap_next') returning id::text`
    const [max] = await deps.sql<{ id: string }[]>`select max(id)::text as id from search_outbox`
    expect(BigInt(next?.id ?? 0)).toBeGreaterThan(BigInt(max?.id ?? 0))
  })

  it('refuses a non-empty database without force and a damaged file, changing no row', async () => {
    const file = join(dir, 'guard.gz')
    await writeBackup(deps.sql, file)
    const target = await emptyDatabase()
    await restoreBackup(target, file)
    await target`insert into organizations (id, name, inn, kinds) values (${newId('org')}, 'ООО «Лишняя»', ${randomInn()}, '{supplier}')`
    await expect(restoreBackup(target, file)).rejects.toThrow(/not empty.*--force/)

    // The same backup cut short in the middle of the capacities: the restore fails and leaves the database empty.
    const truncated = join(dir, 'truncated.gz')
    let kept = 0
    await pipeline(
      createReadStream(file),
      createGunzip(),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          const room = Math.max(0, 200_000 - kept)
          kept += Math.min(room, chunk.length)
          done(null, chunk.subarray(0, room))
        },
      }),
      createGzip(),
      createWriteStream(truncated),
    )
    const fresh = await emptyDatabase()
    await expect(restoreBackup(fresh, truncated)).rejects.toThrow(/ends early/)
    const counts = await digests(fresh)
    expect(Object.values(counts).filter((d) => !d.startsWith('0:'))).toEqual([])
    await expect(restoreBackup(fresh, join(dir, 'round.gz.missing'))).rejects.toThrow(/ENOENT/)
  })
})
