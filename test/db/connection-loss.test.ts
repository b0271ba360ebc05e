import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createSql, type Sql } from '../../src/db/client.js'
import { isDatabaseUnavailable } from '../../src/lib/problem.js'

/**
 * A transaction whose connection dies (server crash or restart, backend terminated, network reset)
 * must fail with a connection error the API turns into a 503, and nothing else: postgres.js 3.4.9
 * writes the ROLLBACK of such a transaction to the dead socket from a setImmediate, which throws
 * `TypeError: Cannot read properties of null (reading 'write')` outside any promise and kills the
 * process (porsager/postgres#1066, #1154, #1208). src/db/client.ts guards against it.
 */

let sql: Sql
let admin: Sql
const uncaught: unknown[] = []
const onUncaught = (error: unknown): void => {
  uncaught.push(error)
}

beforeAll(() => {
  sql = createSql(inject('postgresUrl'), { max: 3 })
  admin = createSql(inject('postgresUrl'), { max: 1 })
  process.on('uncaughtException', onUncaught)
})

afterAll(async () => {
  process.off('uncaughtException', onUncaught)
  await sql.end({ timeout: 5 })
  await admin.end({ timeout: 5 })
})

async function terminate(pid: number): Promise<void> {
  await admin`select pg_terminate_backend(${pid})`
}

/** Lets any deferred write (setImmediate) and reconnect timer of the driver run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200))

/**
 * After the loss the pool must serve again at once. One more statement may fail with the dying
 * backend's own FATAL (57P01): postgres.js keeps that error response past the close and hands it to the
 * next statement on the reconnected connection (a second, harmless driver bug: one 503). Anything
 * else, or a wait (a connection poisoned by a stale buffered write waits out connect_timeout, 5 s), fails.
 */
async function expectHealthyPool(): Promise<void> {
  const started = performance.now()
  const first = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => sql`select ${n}::int as n`))
  const failures = first.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
  expect(failures.length).toBeLessThanOrEqual(1)
  for (const failure of failures) expect(isDatabaseUnavailable(failure), String(failure)).toBe(true)
  const rows = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => sql`select ${n}::int as n`))
  expect(rows.map(([row]) => row?.n)).toEqual([1, 2, 3, 4, 5, 6])
  expect(performance.now() - started).toBeLessThan(2_000)
}

describe('a transaction that loses its connection', () => {
  it('fails with a connection error when its own backend is terminated mid-statement', async () => {
    const failure = await sql
      .begin(async (tx) => {
        await tx`select pg_terminate_backend(pg_backend_pid())`
      })
      .catch((error: unknown) => error)
    expect(isDatabaseUnavailable(failure), String(failure)).toBe(true)
    await settle()
    expect(uncaught).toEqual([])
    await expectHealthyPool()
  })

  it('fails with a connection error when the backend is killed while a statement runs', async () => {
    const failure = await sql
      .begin(async (tx) => {
        const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`
        setTimeout(() => void terminate(row?.pid ?? 0), 100)
        await tx`select pg_sleep(5)`
      })
      .catch((error: unknown) => error)
    expect(isDatabaseUnavailable(failure), String(failure)).toBe(true)
    await settle()
    expect(uncaught).toEqual([])
    await expectHealthyPool()
  })

  it('fails with a connection error when the connection dies between two statements', async () => {
    let second: unknown
    const failure = await sql
      .begin(async (tx) => {
        const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`
        await terminate(row?.pid ?? 0)
        await settle()
        // The connection is gone; this statement must fail, not be written to a dead socket.
        second = await tx`select 2`.catch((error: unknown) => error)
        throw second
      })
      .catch((error: unknown) => error)
    expect(isDatabaseUnavailable(failure), String(failure)).toBe(true)
    await settle()
    expect(uncaught).toEqual([])
    await expectHealthyPool()
  })

  it('a statement after one that failed mid-stream gets exactly its own rows (no leading holes)', async () => {
    const single = createSql(inject('postgresUrl'), { max: 1 })
    try {
      // Rows 1–3 stream, then row 4 divides by zero: the driver's row counter is left at 3.
      const failed = await single`select i, 1 / (4 - i) as boom from generate_series(1, 10) i`.catch((error: unknown) => error)
      expect((failed as { code?: string }).code).toBe('22012')
      const next = await single<{ x: number }[]>`select x from generate_series(1, 5) x`
      expect(next.length).toBe(5)
      expect(next.map((row) => row.x)).toEqual([1, 2, 3, 4, 5])
      const [first] = await single<{ one: number }[]>`select 1 as one`
      expect(first?.one).toBe(1)

      // The same after a connection that died while its rows streamed.
      const dying = await single
        .begin(async (tx) => tx`select i, case when i = 3 then pg_terminate_backend(pg_backend_pid()) end from generate_series(1, 5) i`)
        .catch((error: unknown) => error)
      expect(isDatabaseUnavailable(dying), String(dying)).toBe(true)
      await settle()
      const after = await single<{ x: number }[]>`select x from generate_series(1, 3) x`.catch(() => single<{ x: number }[]>`select x from generate_series(1, 3) x`)
      expect(after.map((row) => row.x)).toEqual([1, 2, 3])
      expect(uncaught).toEqual([])
    } finally {
      await single.end({ timeout: 5 })
    }
  })

  it('still commits and rolls back normally', async () => {
    await sql`create temporary table if not exists t (n int)`.catch(() => undefined)
    const [committed] = await sql.begin(async (tx) => tx<{ n: number }[]>`select 41 + 1 as n`)
    expect(committed?.n).toBe(42)
    const failure = await sql
      .begin(async (tx) => {
        await tx`select 1`
        throw new Error('business rule')
      })
      .catch((error: unknown) => error)
    expect((failure as Error).message).toBe('business rule')
    const sqlFailure = await sql.begin(async (tx) => tx`select 1/0`).catch((error: unknown) => error)
    expect((sqlFailure as { code?: string }).code).toBe('22012')
    expect(uncaught).toEqual([])
  })
})
