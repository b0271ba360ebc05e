import postgres from 'postgres'
import { isConnectionError } from './errors.js'

export type Sql = postgres.Sql<{ date: string }>

export interface SqlOptions {
  max?: number
  /** Seconds before a connection attempt fails: a few, so a dead database answers 503 quickly. */
  connectTimeout?: number
}

/**
 * One pool per process. Columns are camelCased on the way out and snake_cased in `sql(object)`
 * helpers; `count(*)` and bigint come back as strings, so queries cast them to int.
 */
export function createSql(url: string, options: SqlOptions = {}): Sql {
  const sql: Sql = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: options.connectTimeout ?? 5,
    backoff: reconnectDelaySeconds,
    max_lifetime: 60 * 30,
    transform: postgres.camel,
    onnotice: () => undefined,
    connection: { application_name: 'podryad' },
    types: {
      // Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
      date: { to: 1082, from: [1082], serialize: (value: string) => value, parse: (value: string) => value },
    },
  })
  repairSparseResults(sql)
  return guardTransactions(sql)
}

let resultsRepaired = false

/** Drops the leading holes a stale row counter leaves in a result (see `repairSparseResults`). */
export function withoutLeadingHoles<T>(value: T): T {
  if (!Array.isArray(value) || value.length === 0 || 0 in value) return value
  let holes = 0
  while (holes < value.length && !(holes in value)) holes++
  value.splice(0, holes)
  return value
}

/**
 * Works around a second postgres.js 3.4.9 bug: the connection's row counter is reset only when a
 * statement completes, so after a statement that fails mid-stream (its connection dropped, or an error
 * in a later row, or a cancellation) the next statement on that connection writes its rows from the
 * stale offset. It resolves with a sparse array, `[ <k empty items>, ...rows ]`, and code reading
 * `rows[0]` or mapping over the rows breaks or, worse, reads "no row" (porsager/postgres#1119, #1181;
 * fixes proposed in #1120/#1190, none released). Found by test/faults/outbox.model.test.ts after a
 * worker's connection was killed mid-statement; reproduced in test/db/connection-loss.test.ts.
 *
 * Rows are only ever written at contiguous indexes from that offset, so leading holes are exactly the
 * stale offset: every query's result is handed over without them. The patch is on the driver's Query
 * class, shared by every pool of the process; a result without holes costs one `0 in result` check.
 */
function repairSparseResults(sql: Sql): void {
  if (resultsRepaired) return
  resultsRepaired = true
  // A query is lazy until awaited: this one is never sent, it only leads to the class.
  const queryClass = Object.getPrototypeOf(sql`select 1`) as { then: (this: unknown, ...args: unknown[]) => unknown }
  const then = queryClass.then
  queryClass.then = function (this: unknown, onFulfilled?: unknown, onRejected?: unknown) {
    const repaired = typeof onFulfilled === 'function' ? (value: unknown) => (onFulfilled as (v: unknown) => unknown)(withoutLeadingHoles(value)) : onFulfilled
    return then.call(this, repaired, onRejected)
  }
}

/**
 * Delay before a pooled connection tries to reconnect after a failed attempt. postgres.js's default
 * grows as 3^n/100 s up to 20 s, and n counts failures across the whole pool, so a few seconds into
 * an outage every connection sleeps 7–20 s between attempts. Queries wait in the pool for those
 * attempts (there is no queue timeout), so during the outage requests hung for up to 15 s instead of
 * answering 503, and after the restart the pool took as long to notice (test/faults/postgres-crash.test.ts).
 * A short capped delay keeps both to about a second; an attempt against a down server is a refused
 * TCP connect, cheap even at a few per second per connection.
 */
export function reconnectDelaySeconds(failures: number): number {
  return Math.min(0.05 * 2 ** failures, 1) * (0.5 + Math.random() / 2)
}

/** How long a failed transaction body waits for `begin` to notice that its connection is gone. */
const CLOSE_NOTICE_MS = 10_000

function connectionClosed(reason: unknown): Error {
  if (isConnectionError(reason)) return reason as Error
  return Object.assign(new Error('write CONNECTION_CLOSED: the transaction\'s connection is gone'), { code: 'CONNECTION_CLOSED', errno: 'CONNECTION_CLOSED' })
}

/**
 * Works around a postgres.js 3.4.9 bug that kills the process when a transaction's connection dies
 * (a PostgreSQL crash or restart, a terminated backend, a network reset): porsager/postgres#1066,
 * #1154, #1208, fixes proposed in #1168/#1176/#1209, none released. When the body of `sql.begin`
 * fails, the driver sends ROLLBACK on the transaction's connection, and when the body goes on after the
 * connection closed it sends the next statement there too. On a closed connection the write is
 * deferred to a setImmediate that calls `write` on a null socket: an uncaught TypeError, outside any
 * promise, so the process exits (found by test/search/outbox.model.test.ts; reproduced in
 * test/db/connection-loss.test.ts).
 *
 * `begin` itself already rejects when the connection closes (it races the body against the
 * connection's close). So here the body never hands the driver a failure caused by the lost connection:
 * - a statement of the body failing with a connection error is held back until `begin` has rejected,
 *   and then never delivered, so no ROLLBACK is written to the dead socket (the server rolled back
 *   when the connection dropped); if `begin` has not rejected within CLOSE_NOTICE_MS the connection is
 *   evidently alive, and the error goes through as usual;
 * - once `begin` has settled, the transaction handle refuses new statements (CONNECTION_CLOSED) and a
 *   body that finishes anyway is not committed.
 * Callers still get the connection error from `begin`, which the API answers as 503.
 */
function guardTransactions(sql: Sql): Sql {
  const begin = sql.begin.bind(sql) as (...args: unknown[]) => Promise<unknown>
  const guardedBegin = (...args: unknown[]): Promise<unknown> => {
    const body = args.pop() as (tx: postgres.TransactionSql<{ date: string }>) => unknown
    let settled = false
    let reason: unknown
    let onSettled: () => void = () => undefined
    const whenSettled = new Promise<void>((resolve) => {
      onSettled = resolve
    })
    const never = () => new Promise<never>(() => undefined)

    const guardedBody = async (tx: postgres.TransactionSql<{ date: string }>): Promise<unknown> => {
      const handle = new Proxy(tx, {
        apply(target, thisArg, argArray) {
          if (settled) throw connectionClosed(reason)
          return Reflect.apply(target, thisArg, argArray) as unknown
        },
      })
      let result: unknown
      try {
        result = await body(handle)
      } catch (error) {
        if (!isConnectionError(error)) throw error
        let timer: NodeJS.Timeout | undefined
        await Promise.race([whenSettled, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_NOTICE_MS)))])
        clearTimeout(timer)
        if (settled) return never()
        throw error
      }
      // The body outlived its transaction (it swallowed the connection error): nothing to commit on.
      if (settled) return never()
      return result
    }

    const transaction = begin(...args, guardedBody)
    transaction.then(
      () => undefined,
      (error: unknown) => {
        reason = error
      },
    ).finally(() => {
      settled = true
      onSettled()
    })
    return transaction
  }
  sql.begin = guardedBegin as Sql['begin']
  return sql
}
