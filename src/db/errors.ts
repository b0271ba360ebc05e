/** PostgreSQL SQLSTATE of a failed statement, if it is one. */
function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  return sqlState(err) === '23505' && (constraint === undefined || (err as { constraint_name?: string }).constraint_name === constraint)
}

/**
 * The connection is gone or cannot be made: postgres.js's own codes, socket errors, and the SQLSTATEs of
 * a server shutting down (57P01 admin, 57P02 crash) or still starting (57P03).
 */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
])

/** True when `err` means PostgreSQL could not be reached or dropped the connection (a 503, not a bug). */
export function isConnectionError(err: unknown): boolean {
  const code = sqlState(err)
  return code !== undefined && CONNECTION_ERRORS.has(code)
}

/**
 * Text PostgreSQL cannot store: a NUL character (22021, "invalid byte sequence for encoding UTF8: 0x00")
 * or one the database encoding lacks (22P05). It comes from the client's input, so it is a 400, not a 500
 * (found by the API fuzz: `GET /api/clusters?q=a%00b`).
 */
export function isUnstorableText(err: unknown): boolean {
  const code = sqlState(err)
  return code === '22021' || code === '22P05'
}
