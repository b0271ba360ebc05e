/** A problem with one input field; `path` is dotted from the request part, e.g. `body.envelope.lengthMm`. */
export interface FieldError {
  path: string
  message: string
}

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL'

/** Errors that services throw on purpose; the HTTP edge turns them into problem details. */
export class ServiceError extends Error {
  /** Shown as the problem's `detail` instead of `message` when the message names internals (hosts, engines, paths). */
  publicMessage: string | undefined
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class ValidationError extends ServiceError {
  constructor(message: string, errors: FieldError[] = [], extensions: Record<string, unknown> = {}) {
    super('BAD_REQUEST', 400, message, errors, extensions)
  }
}

/** Also used for resources of another tenant: their existence must not leak. */
export class NotFoundError extends ServiceError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', 404, `${entity} ${id} not found`)
  }
}

export class ConflictError extends ServiceError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('CONFLICT', 409, message, [], extensions)
  }
}

export class UnavailableError extends ServiceError {
  constructor(message: string, readonly retryAfterSeconds = 5) {
    super('UNAVAILABLE', 503, message)
  }
}

/** Too many attempts (sign-in throttling); the client may retry after `retryAfterSeconds`. */
export class RateLimitedError extends ServiceError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', 429, message)
  }
}
