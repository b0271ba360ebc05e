import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { createSql, type Sql } from '../../src/db/client.js'
import { migrate, readMigrations } from '../../src/db/migrate.js'
import { databaseUrl } from '../helpers/deps.js'

let sql: Sql
let dir: string

beforeAll(async () => {
  const name = `m_${randomBytes(6).toString('hex')}`
  const admin = createSql(databaseUrl(inject('postgresUrl'), 'postgres'), { max: 1 })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  sql = createSql(databaseUrl(inject('postgresUrl'), name), { max: 4 })
  dir = await mkdtemp(join(tmpdir(), 'podryad-migrations-'))
})
afterAll(async () => {
  await sql.end()
  await rm(dir, { recursive: true, force: true })
})

describe('migration runner', () => {
  it('applies the real migrations once, even when two processes start together; a later run applies nothing', async () => {
    const files = await readMigrations()
    expect(files.length).toBeGreaterThan(0)
    const [first, second] = await Promise.all([migrate(sql), migrate(sql)])
    expect([...(first ?? []), ...(second ?? [])].sort()).toEqual(files.map((f) => f.name))
    expect(await migrate(sql)).toEqual([])
  })

  it('serialises concurrent runs: each file is applied exactly once', async () => {
    await writeFile(join(dir, '0001_widgets.sql'), 'create table widgets (id int primary key);')
    await writeFile(join(dir, '0002_gadgets.sql'), 'create table gadgets (id int primary key);')
    const runs = await Promise.all([migrate(sql, dir), migrate(sql, dir), migrate(sql, dir)])
    expect(runs.flat().sort()).toEqual(['0001_widgets.sql', '0002_gadgets.sql'])
  })

  it('refuses to run when an applied file was changed', async () => {
    await writeFile(join(dir, '0001_widgets.sql'), 'create table widgets (id bigint primary key);')
    await expect(migrate(sql, dir)).rejects.toThrow(/0001_widgets\.sql was changed/)
  })

  it('rolls back a failing file completely and records nothing for it', async () => {
    await writeFile(join(dir, '0001_widgets.sql'), 'create table widgets (id int primary key);')
    await writeFile(join(dir, '0003_broken.sql'), 'create table half_done (id int); select no_such_function();')
    await expect(migrate(sql, dir)).rejects.toThrow(/no_such_function/)
    const [table] = await sql`select to_regclass('half_done') as name`
    expect(table?.name).toBeNull()
    const [recorded] = await sql`select count(*)::int as n from schema_migrations where name = '0003_broken.sql'`
    expect(recorded?.n).toBe(0)
  })

  it('rejects a badly named file', async () => {
    await rm(join(dir, '0003_broken.sql'))
    await writeFile(join(dir, '4_oops.sql'), 'select 1;')
    await expect(readMigrations(dir)).rejects.toThrow(/0001_slug\.sql/)
  })
})
