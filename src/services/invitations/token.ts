import { createHash, randomBytes } from 'node:crypto'
import { ServiceError } from '../../lib/errors.js'

/** 32 random bytes, base64url: 43 characters, safe in a URL path. */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/**
 * Only this hash is stored: whoever reads the table cannot accept an invitation. The token carries
 * 256 random bits, so a plain SHA-256 is enough and lets the database find the row by index.
 */
export function hashInvitationToken(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

export function newInvitationToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashInvitationToken(token) }
}

export function invitationLink(publicOrigin: string, token: string): string {
  return new URL(`/invitations/${token}`, publicOrigin).toString()
}

/** One answer for unknown, expired, revoked and used tokens: a guesser learns nothing, and the token is not echoed. */
export class InvitationUnavailableError extends ServiceError {
  constructor() {
    super('NOT_FOUND', 404, 'Приглашение не найдено, истекло или уже использовано / The invitation is unknown, expired or already used')
  }
}
