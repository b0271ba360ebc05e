import { z } from '@hono/zod-openapi'
import { hash, parseOptions, verify } from '@node-rs/argon2'
import { type FieldError, UnavailableError, ValidationError } from '../lib/errors.js'
import { isCommonPassword } from './common-passwords.js'

/**
 * argon2id at the OWASP / ASVS 5.0 (Appendix C) minimum: 19 MiB, 2 passes, 1 lane. Raising them later is
 * safe: stored hashes carry their own parameters, and `verifyPassword` asks for a rehash on the next sign-in.
 */
export const ARGON2_MEMORY_KIB = 19_456
export const ARGON2_TIME_COST = 2
export const ARGON2_PARALLELISM = 1
/** `Algorithm.Argon2id` and `Version.V0x13` of @node-rs/argon2, whose const enums cannot be imported here. */
const ARGON2ID = 2
const ARGON2_VERSION_0X13 = 1

/**
 * Hashing is the most CPU-hungry thing the app does (perf-reliability §0.10): on a 2-core box, unbounded
 * concurrent hashes would starve every other request and fill the libuv pool the database driver's DNS and
 * file reads need. So at most this many hash at once…
 */
export const MAX_CONCURRENT_HASHES = 2
/** …and a sign-in flood beyond this queue is refused at once (503) instead of waiting in memory. ~10 ms a hash here. */
export const MAX_QUEUED_HASHES = 32
const HASH_RETRY_AFTER_SECONDS = 2

/** A counting semaphore that fails fast when its queue is full. */
export class HashLimiter {
  #running = 0
  readonly #waiting: (() => void)[] = []

  constructor(
    readonly maxConcurrent: number,
    readonly maxQueued: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running < this.maxConcurrent) {
      this.#running++
    } else {
      if (this.#waiting.length >= this.maxQueued) {
        throw new UnavailableError('Слишком много входов одновременно, повторите позже / Too many sign-ins at once; retry shortly', HASH_RETRY_AFTER_SECONDS)
      }
      // The releasing task hands its slot straight to us, so `#running` stays as it was.
      await new Promise<void>((resolve) => this.#waiting.push(resolve))
    }
    try {
      return await task()
    } finally {
      const next = this.#waiting.shift()
      if (next) next()
      else this.#running--
    }
  }
}

let limiter = new HashLimiter(MAX_CONCURRENT_HASHES, MAX_QUEUED_HASHES)

/** For deployments with more cores than the default assumes, or tests of the overload path. */
export function configurePasswordHashing(limits: { maxConcurrent: number; maxQueued: number }): void {
  limiter = new HashLimiter(limits.maxConcurrent, limits.maxQueued)
}

/** A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`): portable to Node's own `crypto.argon2` later. */
export async function hashPassword(password: string): Promise<string> {
  return limiter.run(() => hash(password, { memoryCost: ARGON2_MEMORY_KIB, timeCost: ARGON2_TIME_COST, parallelism: ARGON2_PARALLELISM }))
}

export async function verifyPassword(storedHash: string, password: string): Promise<{ ok: boolean; needsRehash: boolean }> {
  const ok = await limiter.run(() => verify(storedHash, password))
  const used = parseOptions(storedHash)
  const needsRehash =
    used.algorithm !== ARGON2ID ||
    used.version !== ARGON2_VERSION_0X13 ||
    used.memoryCost !== ARGON2_MEMORY_KIB ||
    used.timeCost !== ARGON2_TIME_COST ||
    used.parallelism !== ARGON2_PARALLELISM
  return { ok, needsRehash }
}

let dummyHash: Promise<string> | undefined

/**
 * A hash of nothing anyone knows, verified when the email is unknown or the account inactive: the answer then
 * costs the same time as for a real account, so timing does not reveal which emails are registered.
 */
export function hashForUnknownUser(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID())
  return dummyHash
}

export const PASSWORD_MIN_LENGTH = 8
/** Long enough for any passphrase; short enough that nobody makes us hash a megabyte. */
export const PASSWORD_MAX_LENGTH = 256

const TOO_SHORT = `Пароль должен быть не короче ${PASSWORD_MIN_LENGTH} символов / The password must be at least ${PASSWORD_MIN_LENGTH} characters long`
const TOO_LONG = `Пароль должен быть не длиннее ${PASSWORD_MAX_LENGTH} символов / The password must be at most ${PASSWORD_MAX_LENGTH} characters long`
const TOO_COMMON = 'Этот пароль слишком распространён, выберите другой / This password is too common; choose another one'
const SAME_AS_EMAIL = 'Пароль не должен совпадать с адресом почты / The password must not be the email address'

/**
 * NIST SP 800-63B: length and a blocklist, no composition rules (they push people to `Qwerty1!`). Refinements
 * rather than `.min()`, so both languages get our bilingual message.
 */
export const passwordSchema = z
  .string()
  .refine((p) => p.length >= PASSWORD_MIN_LENGTH, { error: TOO_SHORT, abort: true })
  .refine((p) => p.length <= PASSWORD_MAX_LENGTH, { error: TOO_LONG, abort: true })
  .refine((p) => !isCommonPassword(p), { error: TOO_COMMON })
  .openapi({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description:
      'От 8 до 256 символов, без требований к составу; рекомендуем 15 и больше, например фразу из нескольких слов. Распространённые пароли и адрес почты не принимаются. / 8 to 256 characters, no composition rules; 15 or more is recommended, e.g. a passphrase. Common passwords and the email address are refused.',
  })

/** The schema plus the rule it cannot know alone: the password is not the account's email or its local part. */
export function newPasswordErrors(password: string, email: string, path: string): FieldError[] {
  const parsed = passwordSchema.safeParse(password)
  if (!parsed.success) return parsed.error.issues.map((issue) => ({ path, message: issue.message }))
  const candidate = password.trim().toLowerCase()
  const address = email.trim().toLowerCase()
  if (candidate === address || candidate === address.split('@')[0]) return [{ path, message: SAME_AS_EMAIL }]
  return []
}

export function assertNewPassword(password: string, email: string, path: string): void {
  const errors = newPasswordErrors(password, email, path)
  if (errors.length) throw new ValidationError('Пароль не подходит: см. errors / The password is not acceptable: see errors', errors)
}
