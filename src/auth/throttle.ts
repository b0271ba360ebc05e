import type { Sql } from '../db/client.js'
import { RateLimitedError } from '../lib/errors.js'
import type { Tx } from '../services/context.js'

/**
 * Sign-in throttling shared by every app process (the table lives in PostgreSQL). Two keys per attempt:
 * the account, against guessing one person's password, and the client address, against trying a few
 * common passwords on many accounts. A key is blocked after a number of failures, for a time that
 * doubles with every further failure and is capped, so a real user is never locked out for good: the
 * block always ends, and a successful sign-in resets the account key.
 */

/** Failures of one account before it is blocked: enough for typos and a caps-lock. */
export const ACCOUNT_FAILURES_BEFORE_BLOCK = 5
/** Failures from one address before it is blocked: an office behind one NAT shares it. */
export const ADDRESS_FAILURES_BEFORE_BLOCK = 20
export const FIRST_BLOCK_MS = 30 * 1000
/** Guessing stays slow (≤ 4 attempts an hour per key) while the owner waits at most a quarter of an hour. */
export const MAX_BLOCK_MS = 15 * 60 * 1000
/** Failures older than this are forgotten: a typo last month does not count towards today's block. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000
/** 2^6 × 30 s already exceeds the cap; bounding the exponent keeps `power()` far from overflow. */
const MAX_DOUBLINGS = 6

export function accountThrottleKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`
}

export function addressThrottleKey(address: string): string {
  return `address:${address}`
}

function failuresBeforeBlock(key: string): number {
  return key.startsWith('address:') ? ADDRESS_FAILURES_BEFORE_BLOCK : ACCOUNT_FAILURES_BEFORE_BLOCK
}

type Db = Sql | Tx

/** The latest end of a running block over the keys, or null when none is blocked at `now`. */
export async function checkThrottle(sql: Db, keys: string[], now: Date): Promise<{ blockedUntil: Date | null }> {
  const [row] = await sql<{ blockedUntil: Date | null }[]>`
    select max(blocked_until) as blocked_until from login_throttle
    where key = any(${sql.array(keys)}::text[]) and blocked_until > ${now}`
  return { blockedUntil: row?.blockedUntil ?? null }
}

/** Throws 429 with Retry-After while any of the keys is blocked. */
export async function assertNotThrottled(sql: Db, keys: string[], now: Date): Promise<void> {
  const { blockedUntil } = await checkThrottle(sql, keys, now)
  if (!blockedUntil) return
  const seconds = Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000))
  throw new RateLimitedError(`Слишком много неудачных попыток, повторите через ${seconds} с / Too many failed attempts; retry in ${seconds} s`, seconds)
}

/** One statement per key, so concurrent failures in several processes all count. */
export async function recordFailure(sql: Db, keys: string[], now: Date): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_MS)
  for (const key of keys) {
    const threshold = failuresBeforeBlock(key)
    const failures = sql`(case when t.last_failure_at > ${forgetBefore} then t.failures else 0 end) + 1`
    await sql`
      insert into login_throttle as t (key, failures, blocked_until, last_failure_at)
      values (${key}, 1, null, ${now})
      on conflict (key) do update set
        failures = ${failures},
        blocked_until = case
          when ${failures} >= ${threshold}
            then ${now}::timestamptz + least(${FIRST_BLOCK_MS}::float8 * power(2, least(${failures} - ${threshold}, ${MAX_DOUBLINGS})), ${MAX_BLOCK_MS}) * interval '1 millisecond'
          else null
        end,
        last_failure_at = ${now}`
  }
}

/** The owner proved the password: their account starts clean. The address key stays, one success does not excuse a spray. */
export async function recordSuccess(sql: Db, accountKey: string): Promise<void> {
  await sql`delete from login_throttle where key = ${accountKey}`
}
