import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { readBackupManifest } from '../../src/db/backup.js'
import { createSql, type Sql } from '../../src/db/client.js'
import { newId } from '../../src/lib/ids.js'
import { createSearch, type Search } from '../../src/search/client.js'
import { enqueueSearch } from '../../src/search/outbox.js'
import { createOutboxWorker } from '../../src/search/worker.js'
import type { Tx } from '../../src/services/context.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { createTestUser, signInHeaders } from '../helpers/auth.js'
import { type TestDeps, createTestDeps, databaseUrl } from '../helpers/deps.js'
import { createOrganizationOfKinds, insertSite, randomInn } from '../helpers/fixtures.js'
import { indexDrift, NO_DRIFT } from '../search/projection.js'
import { call } from '../helpers/http.js'

/**
 * `npm run backup`, `npm run restore` and `npm run reindex`, run as the operator would run them (the
 * scripts, in child processes) against a database built through the API: the restored database equals
 * the original table by table, the rebuilt index answers a fixed query set exactly as the original did,
 * and a backup taken while writers commit is one snapshot.
 */

const run = promisify(execFile)
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx')

let deps: TestDeps
let asAdmin: Record<string, string>
let dir: string
const created: string[] = []

async function script(name: string, args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; code: number }> {
  const started = performance.now()
  try {
    const { stdout, stderr } = await run(TSX, [join('scripts', name), ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, timeout: 120_000 })
    console.info(`${name} ${args.join(' ')}: ${(performance.now() - started).toFixed(0)} ms`)
    return { stdout, stderr, code: 0 }
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number }
    return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', code: failed.code ?? -1 }
  }
}

async function emptyDatabase(): Promise<{ name: string; url: string }> {
  const name = `restore_${randomBytes(5).toString('hex')}`
  const admin = createSql(databaseUrl(inject('postgresUrl'), 'postgres'), { max: 1 })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  created.push(name)
  return { name, url: databaseUrl(inject('postgresUrl'), name) }
}

/** Every table's rows, as one digest per table (rows in a fixed order). */
async function contentDigests(sql: Sql): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' order by 1`
  const digests: Record<string, string> = {}
  for (const { name } of tables) {
    const [row] = await sql<{ digest: string }[]>`
      select count(*)::text || ':' || coalesce(md5(string_agg(t::text, E'\n' order by t::text)), '') as digest from ${sql(name)} t`
    digests[name] = name === 'schema_migrations' ? (row?.digest ?? '').split(':')[0] ?? '' : (row?.digest ?? '')
  }
  return digests
}

/**
 * The fixed query set. Queries over the hand-made corpus are compared hit for hit, in order. Queries
 * that also match the bulk rows rank thousands of documents equally, and Meilisearch returns equal
 * ranks in the order documents entered the index, which a rebuild does not keep: for those the totals,
 * facets and page sizes are compared, and the index as a whole is compared with PostgreSQL below.
 */
const QUERIES: { path: string; ties?: true }[] = [
  { path: '/api/search/capacities?q=фрезерная' },
  { path: '/api/search/capacities?q=штамповка' },
  { path: '/api/search/capacities?certificate=ISO9001' },
  { path: '/api/search/capacities?regionCode=73&facets=processes' },
  { path: '/api/search/capacities?near=' + encodeURIComponent('Набережные Челны') + '&radiusKm=60&facets=processes' },
  { path: '/api/search/needs?q=кронштейн' },
  { path: '/api/search/needs?facets=processes' },
  { path: '/api/search/capacities?q=токарная&perPage=50', ties: true },
  { path: '/api/search/capacities?process=MCH.TURN&perPage=50&page=2', ties: true },
  { path: '/api/search/capacities?regionCode=16&facets=processes,regionCode', ties: true },
]

async function answers(app: ReturnType<typeof createApp>, headers: Record<string, string>): Promise<unknown[]> {
  const out: unknown[] = []
  for (const { path, ties } of QUERIES) {
    const res = await call(app, 'GET', path, undefined, headers)
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200)
    const ids = res.body.hits.map((hit: { id: string }) => hit.id)
    out.push({ path, hits: ties ? ids.length : ids, totalHits: res.body.totalHits, facets: res.body.facets })
  }
  return out
}

beforeAll(async () => {
  deps = await createTestDeps()
  asAdmin = await deps.asAdmin()
  dir = await mkdtemp(join(tmpdir(), 'podryad-backup-'))

  // A small cluster through the API (sites geocoded, certificates, capacities, needs, audit rows)…
  const suppliers: { orgId: string; siteId: string }[] = []
  for (const [name, address, standard] of [
    ['ООО «Челнинский инструментальный завод»', 'Набережные Челны, Республика Татарстан', null],
    ['ООО «Елабужский механический завод»', 'Елабуга, Татарстан', 'ISO9001'],
    ['ООО «Авиационные технологии Поволжья»', 'Ульяновск', 'AS9100'],
  ] as const) {
    const orgId = await createOrganizationOfKinds(deps, ['supplier'], name)
    const site = await call(deps.app, 'POST', `/api/organizations/${orgId}/sites`, { name: 'Площадка', address }, asAdmin)
    expect(site.status, JSON.stringify(site.body)).toBe(201)
    if (standard) {
      const certificate = await call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, { standard, number: `RU-${orgId.slice(-6)}`, issuer: 'ООО «Русский Регистр»', validFrom: '2024-01-15', validUntil: null }, asAdmin)
      expect(certificate.status, JSON.stringify(certificate.body)).toBe(201)
    }
    suppliers.push({ orgId, siteId: site.body.id as string })
  }
  const capacities: [number, Record<string, unknown>][] = [
    [0, { title: 'Фрезерная обработка корпусных деталей на станках с ЧПУ', processes: ['MCH.MILL3', 'MCH.MILL4'], materials: ['ST_45'] }],
    [0, { title: 'Листовая штамповка в последовательных штампах', processes: ['STP.PROG'] }],
    [1, { title: 'Токарная обработка валов и осей', processes: ['MCH.TURN'], materials: ['ST_40KH'] }],
    [2, { title: 'Пятиосевая фрезерная обработка лопаток', processes: ['MCH.MILL5'] }],
  ]
  for (const [supplier, input] of capacities) {
    const { orgId, siteId } = suppliers[supplier] ?? { orgId: '', siteId: '' }
    const res = await call(deps.app, 'POST', `/api/organizations/${orgId}/capacities`, { siteId, ...input }, asAdmin)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  }
  const contractor = await createOrganizationOfKinds(deps, ['contractor'], 'ПАО «КАМАЗ»')
  for (const title of ['Кронштейн крепления бампера', 'Вал промежуточный коробки передач']) {
    const need = await call(deps.app, 'POST', `/api/organizations/${contractor}/needs`, { title, processes: ['MCH.TURN'], quantity: 500, deadline: '2027-03-31', delivery: { address: 'Набережные Челны, Республика Татарстан' } }, asAdmin)
    expect(need.status, JSON.stringify(need.body)).toBe(201)
    await publishNeed(deps.ctx, need.body.id as string)
  }
  // …and a few thousand capacities of one more supplier in Казань straight into the tables, so the figures are about more than a page.
  const orgId = await createOrganizationOfKinds(deps, ['supplier'], 'ООО «Казанский станкозавод»')
  const siteId = await insertSite(deps.sql, orgId, { address: 'г. Казань', city: 'Казань', regionCode: '16', lat: 55.79, lon: 49.12 })
  const bulk = Array.from({ length: 3000 }, () => newId('cap'))
  await deps.sql.begin(async (tx) => {
    await tx`
      insert into capacities (id, org_id, site_id, title, processes, description_ru)
      select id, ${orgId}, ${siteId}, 'Токарная обработка детали №' || n, '{MCH.TURN}', 'Станок ' || (n % 37) || ', партия ' || (n % 11)
      from unnest(${tx.array(bulk)}::text[]) with ordinality as t(id, n)`
    await enqueueSearch(tx as unknown as Tx, 'capacity', bulk)
  })
  const worker = createOutboxWorker({ sql: deps.sql, search: deps.search, log: { info: () => undefined, warn: () => undefined, error: () => undefined } })
  while ((await worker.drainOnce()) > 0);
})

afterAll(async () => {
  await deps?.close()
  const admin = createSql(databaseUrl(inject('postgresUrl'), 'postgres'), { max: 1 })
  for (const name of created) await admin.unsafe(`drop database if exists ${name} with (force)`)
  await admin.end()
  await rm(dir, { recursive: true, force: true })
})

describe('backup, restore, reindex', () => {
  it('restores an identical database, and the rebuilt index answers the fixed query set as before', async () => {
    const before = await answers(deps.app, asAdmin)
    const digests = await contentDigests(deps.sql)
    const source = databaseUrl(inject('postgresUrl'), deps.databaseName)
    const file = join(dir, 'quiet.backup.gz')

    const backup = await script('backup.ts', ['--out', file], { DATABASE_URL: source })
    expect(backup.code, backup.stderr).toBe(0)
    const manifest = await readBackupManifest(file)
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0)
    expect(manifest.tables.find((t) => t.name === 'capacities')?.rows).toBe(3004)
    // Referenced tables come first, so the restore can COPY them in this order with the foreign keys on.
    const order = manifest.tables.map((t) => t.name)
    expect(order.indexOf('organizations')).toBeLessThan(order.indexOf('sites'))
    expect(order.indexOf('sites')).toBeLessThan(order.indexOf('capacities'))
    expect(order.indexOf('matches')).toBeLessThan(order.indexOf('match_notes'))

    const target = await emptyDatabase()
    const restore = await script('restore.ts', [file], { DATABASE_URL: target.url })
    expect(restore.code, restore.stderr).toBe(0)
    expect(restore.stdout).toMatch(/row counts match the backup/)
    const restored = createSql(target.url, { max: 2 })
    const prefix = `${target.name}_`
    let search: Search | undefined
    try {
      expect(await contentDigests(restored)).toEqual(digests)
      // Identity sequences carry on after the restored rows instead of colliding with them.
      const [next] = await restored<{ fresh: boolean }[]>`
        insert into search_outbox (entity, entity_id) values ('capacity', 'cap_after_restore')
        returning id > (select max(id) from search_outbox where entity_id <> 'cap_after_restore') as fresh`
      expect(next?.fresh).toBe(true)
      await restored`delete from search_outbox where entity_id = 'cap_after_restore'`

      const reindex = await script('reindex.ts', [], { DATABASE_URL: target.url, MEILI_URL: inject('meiliUrl'), MEILI_MASTER_KEY: inject('meiliKey'), SEARCH_INDEX_PREFIX: prefix })
      expect(reindex.code, reindex.stderr).toBe(0)
      search = createSearch({ url: inject('meiliUrl'), apiKey: inject('meiliKey'), indexPrefix: prefix })
      const app = createApp({ sql: restored, search })
      const user = await createTestUser(restored, { name: 'Администратор после восстановления', platformRole: 'admin' })
      expect(await answers(app, await signInHeaders(app, user.email))).toEqual(before)
      expect(await indexDrift(restored, search)).toEqual(NO_DRIFT)
      const seconds = (s: string) => /in ([\d.]+) s/.exec(s)?.[1] ?? '?'
      console.info(
        `backup of the test database: ${manifest.tables.length} tables, ${rows} rows, ${((await stat(file)).size / 1024).toFixed(1)} KiB gzip, backup ${seconds(backup.stdout)} s, ` +
          `restore ${seconds(restore.stdout)} s, reindex ${seconds(reindex.stdout)} s; ${QUERIES.length} queries answer as before after restore + reindex, and the rebuilt index equals the restored rows`,
      )
    } finally {
      if (search) {
        await search.client.deleteIndex(search.indexes.capacities)
        await search.client.deleteIndex(search.indexes.needs)
        await search.close()
      }
      await restored.end()
    }
  })

  it('refuses to restore over data without --force, and replaces it with --force', async () => {
    const file = join(dir, 'force.backup.gz')
    const source = databaseUrl(inject('postgresUrl'), deps.databaseName)
    expect((await script('backup.ts', ['--out', file], { DATABASE_URL: source })).code).toBe(0)
    const target = await emptyDatabase()
    expect((await script('restore.ts', [file], { DATABASE_URL: target.url })).code).toBe(0)
    const sql = createSql(target.url, { max: 1 })
    try {
      await sql`insert into organizations (id, name, inn, kinds) values (${newId('org')}, 'ООО «Лишняя»', ${randomInn()}, '{supplier}')`
      const refused = await script('restore.ts', [file], { DATABASE_URL: target.url })
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/not empty .*--force/)
      const [extra] = await sql<{ n: number }[]>`select count(*)::int as n from organizations where name = 'ООО «Лишняя»'`
      expect(extra?.n).toBe(1)

      const forced = await script('restore.ts', [file, '--force'], { DATABASE_URL: target.url })
      expect(forced.code, forced.stderr).toBe(0)
      expect(await contentDigests(sql)).toEqual(await contentDigests(deps.sql))
      expect((await script('restore.ts', [join(dir, 'missing.gz')], { DATABASE_URL: target.url })).code).toBe(1)
      expect((await script('restore.ts', [], { DATABASE_URL: target.url })).code).toBe(2)
    } finally {
      await sql.end()
    }
  })

  it('takes one snapshot while writers commit: pairs written in one transaction are restored both or neither', async () => {
    // Each round adds an organization and its site in one transaction; tables are copied one after
    // the other, so a backup that was not one snapshot would hold more organizations than sites.
    let writing = true
    let rounds = 0
    const writer = (async () => {
      while (writing) {
        await deps.sql.begin(async (tx) => {
          const orgId = newId('org')
          await tx`insert into organizations (id, name, inn, kinds) values (${orgId}, 'ООО «Писатель»', ${randomInn()}, '{supplier}')`
          await tx`insert into sites (id, org_id, name, address, city, region_code, lat, lon, precision) values (${newId('site')}, ${orgId}, 'Цех', 'ул. 1', 'Казань', '16', 55.79, 49.12, 'city')`
        })
        rounds++
      }
    })()
    const file = join(dir, 'busy.backup.gz')
    try {
      while (rounds < 20) await new Promise((resolve) => setTimeout(resolve, 20))
      const backup = await script('backup.ts', ['--out', file], { DATABASE_URL: databaseUrl(inject('postgresUrl'), deps.databaseName) })
      expect(backup.code, backup.stderr).toBe(0)
    } finally {
      writing = false
      await writer
    }
    const target = await emptyDatabase()
    expect((await script('restore.ts', [file], { DATABASE_URL: target.url })).code).toBe(0)
    const sql = createSql(target.url, { max: 1 })
    try {
      const [pairs] = await sql<{ orgs: number; sites: number }[]>`
        select (select count(*)::int from organizations where name = 'ООО «Писатель»') as orgs,
          (select count(*)::int from sites s join organizations o on o.id = s.org_id where o.name = 'ООО «Писатель»') as sites`
      expect(pairs?.orgs).toBeGreaterThan(0)
      expect(pairs?.sites).toBe(pairs?.orgs)
      const [live] = await deps.sql<{ n: number }[]>`select count(*)::int as n from organizations where name = 'ООО «Писатель»'`
      console.info(`backup under writes: ${pairs?.orgs} of ${live?.n} writer pairs in the snapshot, every one whole (${rounds} rounds committed during the test)`)
    } finally {
      await sql.end()
    }
  })
})
