import { ValidationError } from '../lib/errors.js'

/**
 * Overrides and refusals must say why: the audit log is read later by someone who was not there.
 * Services check it themselves, since not every caller comes through a validated route.
 */
export function requireReason(reason: string | null | undefined): string {
  const trimmed = reason?.trim() ?? ''
  if (trimmed.length >= 3) return trimmed
  throw new ValidationError('A reason is required', [
    { path: 'body.reason', message: 'Укажите причину (не короче 3 символов) / Give a reason (at least 3 characters)' },
  ])
}

/** An optional reason: blank means none. */
export function optionalReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}
