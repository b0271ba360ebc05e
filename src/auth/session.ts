import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Sql } from '../db/client.js'
import type { Tx } from '../services/context.js'

/**
 * The Lucia session model (lucia-auth.com, `code/auth_session.ts`), on node:crypto. A token is
 * `<id>.<secret>`: the id finds the row, the secret proves possession. Only SHA-256 of the secret is
 * stored, so a leaked `sessions` table (a backup, a replica) does not let anyone sign in.
 */

/** A session nobody used for this long ends: a forgotten browser on a shared workshop PC stops being a key. */
export const INACTIVITY_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000
/**
 * Even a session used every day ends this long after sign-in, so a stolen cookie cannot be kept alive
 * forever by replaying it, and role or password changes made elsewhere eventually reach every device.
 */
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
/** Sliding expiry writes `last_verified_at` at most this often, not on every request. */
export const RENEWAL_INTERVAL_MS = 60 * 60 * 1000

/** Lower-case letters and digits without the look-alikes 0/o, 1/l/i: safe to read aloud from a log. */
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'
/** 24 characters of a 31-letter alphabet: ~119 bits, far from any collision. */
const ID_LENGTH = 24
const SECRET_BYTES = 32
const ID_PATTERN = new RegExp(`^[${ID_ALPHABET}]{${ID_LENGTH}}$`)
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/

function randomId(): string {
  let id = ''
  while (id.length < ID_LENGTH) {
    for (const byte of randomBytes(ID_LENGTH)) {
      // Rejection sampling: 248 = 8 × 31, so every letter stays equally likely.
      if (byte < 248 && id.length < ID_LENGTH) id += ID_ALPHABET[byte % ID_ALPHABET.length]
    }
  }
  return id
}

function hashSecret(secret: Buffer): Buffer {
  return createHash('sha256').update(secret).digest()
}

type Db = Sql | Tx

export async function createSession(
  sql: Db,
  userId: string,
  meta: { userAgent?: string | null; address?: string | null },
  now: Date,
): Promise<{ token: string; sessionId: string }> {
  const sessionId = randomId()
  const secret = randomBytes(SECRET_BYTES)
  // Sessions that expired without a sign-out would otherwise stay forever; a sign-in is a cheap moment to drop them.
  await sql`
    delete from sessions
    where user_id = ${userId}
      and (last_verified_at <= ${new Date(now.getTime() - INACTIVITY_TIMEOUT_MS)} or created_at <= ${new Date(now.getTime() - ABSOLUTE_LIFETIME_MS)})`
  await sql`
    insert into sessions (id, user_id, secret_hash, created_at, last_verified_at, user_agent, address)
    values (${sessionId}, ${userId}, ${hashSecret(secret)}, ${now}, ${now}, ${meta.userAgent ?? null}, ${meta.address ?? null})`
  return { token: `${sessionId}.${secret.toString('base64url')}`, sessionId }
}

interface SessionRow {
  id: string
  userId: string
  secretHash: Buffer
  createdAt: Date
  lastVerifiedAt: Date
  active: boolean
}

/** The session the token proves, or null; `fresh` when this call pushed its inactivity expiry back. */
export async function validateSessionToken(sql: Db, token: string, now: Date): Promise<{ sessionId: string; userId: string; fresh: boolean } | null> {
  const [id, secretText, ...rest] = token.split('.')
  if (id === undefined || secretText === undefined || rest.length > 0 || !ID_PATTERN.test(id) || !SECRET_PATTERN.test(secretText)) return null
  const secret = Buffer.from(secretText, 'base64url')
  if (secret.length !== SECRET_BYTES) return null

  const [row] = await sql<SessionRow[]>`
    select s.id, s.user_id, s.secret_hash, s.created_at, s.last_verified_at, u.active
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id}`
  if (!row) return null
  const presented = hashSecret(secret)
  // timingSafeEqual throws on different lengths; a stored hash of another length is simply not a match.
  if (row.secretHash.length !== presented.length || !timingSafeEqual(row.secretHash, presented)) return null

  const time = now.getTime()
  if (time - row.lastVerifiedAt.getTime() >= INACTIVITY_TIMEOUT_MS || time - row.createdAt.getTime() >= ABSOLUTE_LIFETIME_MS) {
    await invalidateSession(sql, row.id)
    return null
  }
  if (!row.active) return null
  if (time - row.lastVerifiedAt.getTime() < RENEWAL_INTERVAL_MS) return { sessionId: row.id, userId: row.userId, fresh: false }
  await sql`update sessions set last_verified_at = ${now} where id = ${row.id}`
  return { sessionId: row.id, userId: row.userId, fresh: true }
}

export async function invalidateSession(sql: Db, sessionId: string): Promise<void> {
  await sql`delete from sessions where id = ${sessionId}`
}

/** Every device of the user signs out: after a password, role or status change. */
export async function invalidateUserSessions(sql: Db, userId: string): Promise<void> {
  await sql`delete from sessions where user_id = ${userId}`
}
