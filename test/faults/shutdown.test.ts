import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { Pool } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createSql } from '../../src/db/client.js'
import { enqueueNotification } from '../../src/notifications/outbox.js'
import { type EmbeddedMeilisearch, startEmbeddedMeilisearch } from '../../src/embedded/meilisearch.js'
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/embedded/postgres.js'
import { freePort } from '../../src/embedded/process.js'
import { createLogger, type Logger } from '../../src/lib/log.js'
import { newId } from '../../src/lib/ids.js'
import type { Search } from '../../src/search/client.js'
import { enqueueSearch } from '../../src/search/outbox.js'
import { createOutboxWorker, outboxBacklog, type SearchLog } from '../../src/search/worker.js'
import { startPodryad, type RunningPodryad } from '../../src/server.js'
import type { Tx } from '../../src/services/context.js'
import { createTestUser, sessionCookieOf, TEST_ORIGIN, TEST_PASSWORD } from '../helpers/auth.js'
import { randomInn } from '../helpers/fixtures.js'
import { indexDrift, NO_DRIFT } from '../search/projection.js'
import { sleep, waitFor } from './http.js'

/**
 * Graceful shutdown (`stop('SIGTERM')` of src/server.ts): requests in flight finish with 2xx, the
 * outbox worker leaves no row claimed (no transaction holds an outbox row), the pools are closed, and
 * the next start finds consistent data: once against servers this test owns (so it can look at them
 * after the app is gone), once with embedded servers in a DATA_DIR. Then: two outbox workers on one
 * database never process a row twice, under continuous writes and with failures injected.
 */

const quiet: SearchLog = { info: () => undefined, warn: () => undefined, error: () => undefined }

let root: string
let pg: EmbeddedPostgres
let meili: EmbeddedMeilisearch
/** The test's own connection: a different application_name from the app's ('podryad'). */
let observer: postgres.Sql

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'podryad-shutdown-'))
  await chmod(root, 0o755)
  meili = await startEmbeddedMeilisearch({ dir: join(root, 'meilisearch') })
  pg = await startEmbeddedPostgres({ dir: join(root, 'postgres'), database: 'podryad_shutdown' })
  observer = postgres(pg.url, { max: 2, connection: { application_name: 'fault-observer' }, onnotice: () => undefined })
})

afterAll(async () => {
  await observer?.end({ timeout: 5 })
  await meili?.stop()
  await pg?.stop()
  await rm(root, { recursive: true, force: true })
})

interface Client {
  pool: Pool
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>
}

function client(url: string): Client {
  const pool = new Pool(url, { connections: 32 })
  return {
    pool,
    async request(method, path, body, headers = {}) {
      const res = await pool.request({
        method: method as 'GET',
        path,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? null : JSON.stringify(body),
      })
      const text = await res.body.text()
      return { status: res.statusCode, body: text ? JSON.parse(text) : undefined }
    },
  }
}

async function signIn(running: RunningPodryad, http: Client): Promise<Record<string, string>> {
  const user = await createTestUser(running.sql, { name: 'Администратор', platformRole: 'admin' })
  const res = await http.pool.request({
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
  })
  await res.body.dump()
  const headers = new Headers()
  const setCookie = res.headers['set-cookie']
  for (const value of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) headers.append('set-cookie', value)
  return { cookie: sessionCookieOf(headers), origin: TEST_ORIGIN }
}

function captureLog(lines: string[]): Logger {
  return createLogger('debug', (line) => {
    lines.push(line)
  })
}

/** A backlog for the worker to be busy with when the app stops. */
async function capacityBacklog(sql: RunningPodryad['sql'], orgId: string, siteId: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId('cap'))
  await sql.begin(async (tx) => {
    await tx`
      insert into capacities (id, org_id, site_id, title, processes, description_ru)
      select id, ${orgId}, ${siteId}, 'Токарная обработка №' || n, '{MCH.TURN}', ${'Токарные станки с ЧПУ. '.repeat(10)}
      from unnest(${tx.array(ids)}::text[]) with ordinality as t(id, n)`
    await enqueueSearch(tx as Tx, 'capacity', ids)
  })
  return ids
}

/**
 * Requests that are certainly in flight when stop() is called: PATCHes of an organization whose row
 * the test holds locked, so they wait inside PostgreSQL until the test lets go.
 */
async function inFlightPatches(
  http: Client,
  asAdmin: Record<string, string>,
  orgId: string,
  lock: (tx: postgres.TransactionSql) => Promise<void>,
  hold: (run: (tx: postgres.TransactionSql) => Promise<void>) => Promise<unknown>,
): Promise<{ release(): void; held: Promise<unknown>; requests: Promise<{ status: number; body: any }>[]; waiting(): Promise<number> }> {
  let release: () => void = () => undefined
  let locked: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (release = resolve))
  const taken = new Promise<void>((resolve) => (locked = resolve))
  const held = hold(async (tx) => {
    await lock(tx)
    locked()
    await gate
  })
  await taken
  const requests = Array.from({ length: 6 }, (_, i) => http.request('PATCH', `/api/organizations/${orgId}`, { description: `Изменено во время остановки ${i}` }, asAdmin))
  return {
    release,
    held,
    requests,
    waiting: async () => {
      const [row] = await observer<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where application_name = 'podryad' and wait_event_type = 'Lock'`
      return row?.n ?? 0
    },
  }
}

describe('graceful shutdown against servers the test owns', () => {
  it('finishes requests in flight, leaves no outbox row claimed, closes the pools, and the next start carries on', async () => {
    const port = await freePort()
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(root, 'app'),
      DATABASE_URL: pg.url,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      SEARCH_INDEX_PREFIX: 'shut_',
      LOG_LEVEL: 'warn',
      MAILBOX_DIR: join(root, 'mailbox'),
    }
    const lines: string[] = []
    let running = await startPodryad(loadConfig(env), captureLog(lines))
    const http = client(running.url)
    const asAdmin = await signIn(running, http)
    const org = await http.request('POST', '/api/organizations', { name: 'ООО «Остановка»', inn: randomInn(), kinds: ['supplier'] }, asAdmin)
    expect(org.status).toBe(201)
    const site = await http.request('POST', `/api/organizations/${org.body.id}/sites`, { name: 'Цех', address: 'г. Набережные Челны, Республика Татарстан' }, asAdmin)
    expect(site.status).toBe(201)
    const backlog = await capacityBacklog(running.sql, org.body.id, site.body.id, 6000)

    const flight = await inFlightPatches(http, asAdmin, org.body.id, async (tx) => {
      await tx`select 1 from organizations where id = ${org.body.id} for update`
    }, (run) => observer.begin(run))
    await waitFor('PATCHes waiting on the row lock', async () => (await flight.waiting()) >= 1, 10_000, 20)
    // The worker is mid-backlog: some rows done, some claimed by its open transaction, some waiting.
    await waitFor('worker busy', async () => {
      const [row] = await observer<{ n: number }[]>`select count(*)::int as n from search_outbox where processed_at is not null`
      return (row?.n ?? 0) > 0
    }, 30_000, 20)

    const stopStarted = performance.now()
    const stopping = running.stop('SIGTERM')
    await sleep(300)
    // No new connections once stopping; the requests already in flight are still waiting.
    const refused = await fetch(`${running.url}/healthz`).then((r) => `answered ${r.status}`, (error: unknown) => (error as { cause?: { code?: string } }).cause?.code ?? String(error))
    flight.release()
    await flight.held
    const answers = await Promise.all(flight.requests)
    await stopping
    const stopMs = performance.now() - stopStarted

    expect(refused).toBe('ECONNREFUSED')
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200])
    // Pools closed: no connection of the app is left, and its pool refuses new work.
    const [connections] = await observer<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where application_name = 'podryad'`
    expect(connections?.n).toBe(0)
    await expect(running.sql`select 1`).rejects.toMatchObject({ code: 'CONNECTION_ENDED' })
    // No outbox row claimed: no lock on the table from anyone else, and every pending row can be taken at once.
    const [locks] = await observer<{ n: number }[]>`
      select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'search_outbox' and l.pid <> pg_backend_pid()`
    expect(locks?.n).toBe(0)
    const claimable = await observer.begin(async (tx) => tx<{ n: number }[]>`
      select count(*)::int as n from (select id from search_outbox where processed_at is null for update skip locked) free`)
    const [pending] = await observer<{ n: number }[]>`select count(*)::int as n from search_outbox where processed_at is null`
    const [total] = await observer<{ n: number }[]>`select count(*)::int as n from search_outbox`
    expect(claimable[0]?.n).toBe(pending?.n)
    await observer.begin((tx) => tx`select id from search_outbox for update nowait`)

    // The next start carries on: the rest of the backlog drains, and the index equals PostgreSQL.
    const restarted = performance.now()
    running = await startPodryad(loadConfig({ ...env, PORT: String(await freePort()) }), captureLog(lines))
    try {
      await waitFor('backlog drained after restart', async () => (await outboxBacklog(running.sql)).pending === 0, 120_000, 100)
      const drainMs = performance.now() - restarted
      expect(await indexDrift(running.sql, running.indexing)).toEqual(NO_DRIFT)
      const [patched] = await running.sql<{ description: string }[]>`select description from organizations where id = ${org.body.id}`
      expect(patched?.description).toMatch(/^Изменено во время остановки \d$/)
      console.info(
        `shutdown (external servers): 6 PATCHes in flight all 200; stop took ${stopMs.toFixed(0)} ms; ${pending?.n} of ${total?.n} outbox rows left pending (a ${backlog.length}-capacity backlog, and each PATCH refreshes all of them), none claimed; ` +
          `restart drained them in ${drainMs.toFixed(0)} ms; unhandled errors logged: ${lines.filter((l) => l.includes('"level":"error"')).length}`,
      )
    } finally {
      await running.stop('test end')
      await http.pool.close()
    }
  })
})

describe('graceful shutdown with embedded servers in a DATA_DIR', () => {
  it('stops PostgreSQL cleanly (no crash recovery on the next start) and the next start finds every acknowledged write', async () => {
    const dataDir = join(root, 'embedded')
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir, SEARCH_INDEX_PREFIX: 'emb_', LOG_LEVEL: 'debug' }
    const first: string[] = []
    let running = await startPodryad(loadConfig(env), captureLog(first))
    const http = client(running.url)
    const asAdmin = await signIn(running, http)
    const org = await http.request('POST', '/api/organizations', { name: 'ООО «Встроенная»', inn: randomInn(), kinds: ['supplier'] }, asAdmin)
    const site = await http.request('POST', `/api/organizations/${org.body.id}/sites`, { name: 'Цех', address: 'г. Набережные Челны, Республика Татарстан' }, asAdmin)
    const capacities = await Promise.all(
      Array.from({ length: 20 }, (_, i) => http.request('POST', `/api/organizations/${org.body.id}/capacities`, { siteId: site.body.id, title: `Фрезерная обработка ${i}`, processes: ['MCH.MILL3'] }, asAdmin)),
    )
    expect(capacities.map((c) => c.status)).toEqual(Array(20).fill(201))
    await capacityBacklog(running.sql, org.body.id, site.body.id, 3000)

    // Here the lock is held through the app's own pool: the test has no other way into the embedded server.
    const flight = await inFlightPatches(http, asAdmin, org.body.id, async (tx) => {
      await tx`select 1 from organizations where id = ${org.body.id} for update`
    }, (run) => running.sql.begin((tx) => run(tx as unknown as postgres.TransactionSql)))
    await sleep(300)
    const stopping = running.stop('SIGTERM')
    await sleep(300)
    flight.release()
    await flight.held
    const answers = await Promise.all(flight.requests)
    await stopping
    await http.pool.close()
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200])
    // PostgreSQL removes postmaster.pid only on a clean stop.
    expect(existsSync(join(dataDir, 'postgres', 'data', 'postmaster.pid'))).toBe(false)

    const second: string[] = []
    running = await startPodryad(loadConfig({ ...env, PORT: String(await freePort()) }), captureLog(second))
    try {
      const postgresLog = second.filter((l) => l.includes('"source":"postgres"')).join('\n')
      expect(postgresLog).toMatch(/database system was shut down at/)
      expect(postgresLog).not.toMatch(/not properly shut down|automatic recovery in progress/)
      const ids = capacities.map((c) => c.body.id as string)
      const present = await running.sql<{ id: string }[]>`select id from capacities where id = any(${running.sql.array(ids)}::text[])`
      expect(present.length).toBe(20)
      await waitFor('backlog drained after restart', async () => (await outboxBacklog(running.sql)).pending === 0, 120_000, 100)
      expect(await indexDrift(running.sql, running.indexing)).toEqual(NO_DRIFT)
      console.info('shutdown (embedded DATA_DIR): in-flight PATCHes all 200, clean PostgreSQL stop, 20/20 acknowledged capacities present, outbox drained, index equal to PostgreSQL')
    } finally {
      await running.stop('test end')
    }
  })
})

describe('two outbox workers on one database', () => {
  it('never process a row twice, under continuous writes and with injected failures', async () => {
    const lines: string[] = []
    const running = await startPodryad(
      loadConfig({
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        DATA_DIR: join(root, 'app2'),
        DATABASE_URL: pg.url,
        MEILI_URL: meili.url,
        MEILI_MASTER_KEY: meili.masterKey,
        SEARCH_INDEX_PREFIX: 'pair_',
        LOG_LEVEL: 'error',
        MAILBOX_DIR: join(root, 'mailbox2'),
      }),
      captureLog(lines),
      // Only schema and indexes from startPodryad: the app's own worker would be a third one.
    )
    await running.stop('only the schema and indexes were wanted')
    const { createSearch } = await import('../../src/search/client.js')
    const sqlA = createSql(pg.url, { max: 4 })
    const sqlB = createSql(pg.url, { max: 4 })
    const writerSql = createSql(pg.url, { max: 4 })
    const searchA = createSearch({ url: meili.url, apiKey: meili.masterKey, indexPrefix: 'pair_' })
    const searchB = createSearch({ url: meili.url, apiKey: meili.masterKey, indexPrefix: 'pair_' })
    try {
      // Rows of the other tests (indexed under other prefixes) are not this index's business.
      await writerSql`truncate organizations, search_outbox cascade`
      await writerSql`create table if not exists outbox_marks (outbox_id bigint not null, marked_at timestamptz not null default clock_timestamp())`
      await writerSql`
        create or replace function note_outbox_mark() returns trigger language plpgsql as $$
        begin insert into outbox_marks (outbox_id) values (new.id); return new; end $$`
      await writerSql`
        create or replace trigger outbox_marked after update of processed_at on search_outbox
        for each row when (new.processed_at is not null) execute function note_outbox_mark()`
      const sent = { a: 0, b: 0 }
      let failNext = 0
      const counting = (search: Search, key: 'a' | 'b'): Search => ({
        ...search,
        addDocuments: (uid, documents) => {
          sent[key] += documents.length
          // Worker B fails every fifth send, after the documents reached Meilisearch.
          if (key === 'b' && ++failNext % 5 === 0) return search.addDocuments(uid, documents).then(() => Promise.reject(new Error('injected failure after send')))
          return search.addDocuments(uid, documents)
        },
      })
      const a = createOutboxWorker({ sql: sqlA, search: counting(searchA, 'a'), batchSize: 50, pollMs: 100, log: quiet })
      const b = createOutboxWorker({ sql: sqlB, search: counting(searchB, 'b'), batchSize: 50, pollMs: 100, log: quiet })
      a.start()
      b.start()

      const [org] = await writerSql<{ id: string }[]>`insert into organizations (id, name, inn, kinds) values (${newId('org')}, 'ООО «Пара»', ${randomInn()}, '{supplier}') returning id`
      const siteId = newId('site')
      await writerSql`insert into sites (id, org_id, name, address, city, region_code, lat, lon, precision) values (${siteId}, ${org?.id ?? ''}, 'Цех', 'ул. 1', 'Казань', '16', 55.79, 49.12, 'exact')`
      const ids: string[] = []
      const until = performance.now() + 6_000
      let writes = 0
      while (performance.now() < until) {
        const fresh = await capacityBacklog(writerSql, org?.id ?? '', siteId, 20)
        ids.push(...fresh)
        const some = ids.filter((_, i) => i % 7 === writes % 7).slice(0, 30)
        await writerSql.begin(async (tx) => {
          await tx`update capacities set title = title || '+', updated_at = clock_timestamp() where id = any(${tx.array(some)}::text[])`
          await enqueueSearch(tx as Tx, 'capacity', some)
        })
        writes++
        await sleep(20)
      }
      await writerSql`update search_outbox set available_at = now() where processed_at is null`
      await waitFor('both workers drained everything', async () => (await outboxBacklog(writerSql)).pending === 0, 120_000, 100)
      await Promise.all([a.stop(), b.stop()])

      const [marks] = await writerSql<{ rows: number; marks: number; twice: number }[]>`
        select (select count(*)::int from search_outbox) as rows, count(*)::int as marks,
          (select count(*)::int from (select outbox_id from outbox_marks group by outbox_id having count(*) > 1) d) as twice
        from outbox_marks`
      console.info(`two workers: ${marks?.rows} outbox rows from ${writes} write rounds, marked ${marks?.marks} times, ${marks?.twice} twice; documents sent by A ${sent.a}, by B ${sent.b} (B failing every 5th send)`)
      expect(marks?.twice).toBe(0)
      expect(marks?.marks).toBe(marks?.rows)
      expect(sent.a).toBeGreaterThan(0)
      expect(sent.b).toBeGreaterThan(0)
      expect(await indexDrift(writerSql, searchA)).toEqual(NO_DRIFT)
    } finally {
      await Promise.all([searchA.close(), searchB.close()])
      await Promise.all([sqlA.end({ timeout: 5 }), sqlB.end({ timeout: 5 }), writerSql.end({ timeout: 5 })])
    }
  })
})

describe('two app processes on one database', () => {
  it('send every queued notification exactly once between them', async () => {
    const base = {
      HOST: '127.0.0.1',
      DATABASE_URL: pg.url,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      SEARCH_INDEX_PREFIX: 'duo_',
      LOG_LEVEL: 'error',
    }
    const mailboxes = [join(root, 'duo-mailbox-a'), join(root, 'duo-mailbox-b')]
    // Started at the same moment, as two processes of one deployment would be.
    const starts = await Promise.allSettled(
      mailboxes.map(async (mailbox, i) => startPodryad(loadConfig({ ...base, PORT: String(await freePort()), DATA_DIR: join(root, `duo-${i}`), MAILBOX_DIR: mailbox }), captureLog([]))),
    )
    const apps = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []))
    const writer = createSql(pg.url, { max: 4 })
    try {
      expect(starts.filter((start) => start.status === 'rejected')).toEqual([])
      // Queued in bursts while both apps poll, as many small transactions would.
      const ids: string[] = []
      for (let burst = 0; burst < 20; burst++) {
        await writer.begin(async (tx) => {
          for (let i = 0; i < 15; i++) {
            await enqueueNotification(tx as unknown as Tx, { kind: 'introduction', recipient: `buyer${burst}-${i}@example.ru`, subject: `Знакомство ${burst}-${i}`, body: 'Текст письма' })
          }
        })
        const [last] = await writer<{ id: string }[]>`select max(id)::text as id from notification_outbox`
        ids.push(last?.id ?? '')
        await sleep(100)
      }
      const [queued] = await writer<{ n: number }[]>`select count(*)::int as n from notification_outbox`
      await waitFor('every notification sent', async () => {
        const [left] = await writer<{ n: number }[]>`select count(*)::int as n from notification_outbox where sent_at is null`
        return left?.n === 0
      }, 60_000, 200)
      const files = (await Promise.all(mailboxes.map((dir) => readdir(dir).catch(() => [] as string[])))).map((names) => names.filter((n) => n.endsWith('.eml')))
      const messageIds = files.flat().map((name) => /-(\d+)\.eml$/.exec(name)?.[1])
      const twice = messageIds.length - new Set(messageIds).size
      console.info(`two apps, one database: ${queued?.n} notifications, sent by A ${files[0]?.length}, by B ${files[1]?.length}, ${twice} sent twice`)
      expect(twice).toBe(0)
      expect(messageIds.length).toBe(queued?.n)
      expect(files[0]?.length).toBeGreaterThan(0)
      expect(files[1]?.length).toBeGreaterThan(0)
    } finally {
      await writer.end({ timeout: 5 })
      await Promise.all(apps.map((app) => app.stop('test end')))
    }
  })
})

describe('SIGTERM to a running `npm start` process under load', () => {
  it('answers every request it accepted, exits 0, leaves no connection or claimed row, and keeps every acknowledged write', async () => {
    const port = await freePort()
    const env = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(root, 'sigterm'),
      DATABASE_URL: pg.url,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      SEARCH_INDEX_PREFIX: 'sig_',
      LOG_LEVEL: 'warn',
      MAILBOX_DIR: join(root, 'sigterm-mailbox'),
    }
    const child = spawn(join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    // One connection, so `pg_backend_pid()` below is all of the test's own 'podryad' connections.
    const own = createSql(pg.url, { max: 1 })
    try {
      await waitFor('the app listening', async () => output.includes('Podryad is listening'), 60_000, 100)
      const url = `http://127.0.0.1:${port}`
      const http = client(url)
      const asAdmin = await signIn({ sql: own } as unknown as RunningPodryad, http)
      const org = await http.request('POST', '/api/organizations', { name: 'ООО «Сигнал»', inn: randomInn(), kinds: ['supplier'] }, asAdmin)
      const site = await http.request('POST', `/api/organizations/${org.body.id}/sites`, { name: 'Цех', address: 'г. Набережные Челны, Республика Татарстан' }, asAdmin)
      expect(site.status).toBe(201)

      const outcomes: string[] = []
      const acknowledged: string[] = []
      let firing = true
      const loops = Array.from({ length: 16 }, async (_, i) => {
        while (firing) {
          const write = i % 2 === 0
          try {
            const res = write
              ? await http.request('POST', `/api/organizations/${org.body.id}/capacities`, { siteId: site.body.id, title: `Токарная обработка при остановке ${i}`, processes: ['MCH.TURN'] }, asAdmin)
              : await http.request('GET', `/api/search/capacities?q=${encodeURIComponent('токарная')}`, undefined, asAdmin)
            outcomes.push(String(res.status))
            if (write && res.status === 201) acknowledged.push(res.body.id as string)
          } catch (error) {
            const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code ?? 'error'
            outcomes.push(code)
            // Once the port is closed there is nobody to talk to; stop this loop.
            if (code === 'ECONNREFUSED') return
            await sleep(10)
          }
        }
      })
      await sleep(2_000)
      const signalled = performance.now()
      child.kill('SIGTERM')
      const code = await exited
      const exitMs = performance.now() - signalled
      firing = false
      await Promise.all(loops)
      await http.pool.close()

      const tally = outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {})
      const [connections] = await own<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where application_name = 'podryad' and pid <> pg_backend_pid()`
      const [locks] = await own<{ n: number }[]>`
        select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation
        where c.relname in ('search_outbox', 'notification_outbox', 'match_outbox') and l.pid <> pg_backend_pid()`
      const present = await own<{ id: string }[]>`select id from capacities where id = any(${own.array(acknowledged)}::text[])`
      const [committed] = await own<{ n: number }[]>`select count(*)::int as n from capacities where org_id = ${org.body.id as string} and title like 'Токарная обработка при остановке %'`
      console.info(
        `SIGTERM under load (16 clients, writes and searches): exit code ${code} after ${exitMs.toFixed(0)} ms; answers ${JSON.stringify(tally)}; ` +
          `app connections left ${connections?.n}, outbox rows claimed ${locks?.n}; acknowledged writes present ${present.length}/${acknowledged.length}, writes committed ${committed?.n}`,
      )
      expect(code).toBe(0)
      // Node's server.close() closes idle keep-alive sockets at once; a request the client writes onto one
      // at that instant meets a reset (ECONNRESET / UND_ERR_SOCKET) without having been read: the HTTP
      // keep-alive race that clients answer by retrying. Anything else (a 5xx, a timeout) is a failure,
      // and no write may commit without its 201 reaching the client.
      expect(Object.keys(tally).filter((o) => !['200', '201', 'ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(o))).toEqual([])
      expect(committed?.n).toBe(acknowledged.length)
      expect(tally['201'] ?? 0).toBeGreaterThan(0)
      expect(connections?.n).toBe(0)
      expect(locks?.n).toBe(0)
      expect(present.length).toBe(acknowledged.length)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      await own.end({ timeout: 5 })
    }
  })
})
