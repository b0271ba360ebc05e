import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import { isConnectionError, isUnstorableText } from '../db/errors.js'
import { type ErrorCode, type FieldError, RateLimitedError, ServiceError, UnavailableError } from './errors.js'
import { type Language, preferredLanguage } from './language.js'

/** RFC 9457 problem details, with our `code`, `requestId` and per-field `errors`. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: ErrorCode
  requestId: string
  errors?: FieldError[]
  [extension: string]: unknown
}

const TITLES: Record<ErrorCode, Record<Language, string>> = {
  BAD_REQUEST: { ru: 'Некорректный запрос', en: 'Bad request' },
  UNAUTHORIZED: { ru: 'Требуется вход', en: 'Authentication required' },
  FORBIDDEN: { ru: 'Доступ запрещён', en: 'Forbidden' },
  NOT_FOUND: { ru: 'Не найдено', en: 'Not found' },
  CONFLICT: { ru: 'Конфликт состояния', en: 'Conflict' },
  PAYLOAD_TOO_LARGE: { ru: 'Слишком большой запрос', en: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { ru: 'Неподдерживаемый тип содержимого', en: 'Unsupported media type' },
  RATE_LIMITED: { ru: 'Слишком много запросов', en: 'Too many requests' },
  UNAVAILABLE: { ru: 'Сервис временно недоступен', en: 'Service temporarily unavailable' },
  INTERNAL: { ru: 'Внутренняя ошибка', en: 'Internal error' },
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

function requestIdOf(c: Context): string {
  return (c.get('requestId') as string | undefined) ?? 'unknown'
}

export interface ProblemInput {
  status: number
  code: ErrorCode
  detail: string
  title?: string
  errors?: FieldError[]
  [extension: string]: unknown
}

export function problemResponse(c: Context, problem: ProblemInput, headers: Record<string, string> = {}): Response {
  const language = preferredLanguage(c.req.header('accept-language'))
  const body: Problem = {
    ...problem,
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    type: `/problems/${problem.code.toLowerCase().replaceAll("_", "-")}`,
    title: problem.title ?? TITLES[problem.code][language],
    requestId: requestIdOf(c),
  }
  return c.body(JSON.stringify(body), problem.status as 400, { ...headers, 'content-type': PROBLEM_CONTENT_TYPE })
}

const russianZod = z.locales.ru()

/** Zod's issues as field errors in the client's language; our own refinements are already bilingual. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix: string, language: Language): FieldError[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.')
    if (language === 'en' || issue.code === 'custom') return { path, message: issue.message }
    const localized = russianZod.localeError(issue as never)
    const text = typeof localized === 'string' ? localized : (localized?.message ?? issue.message)
    // Final issues no longer carry the input, so the Russian locale would print "получено undefined".
    return { path, message: text.replace(/, получено undefined$/, '') }
  })
}

export function validationProblem(c: Context, issues: readonly z.core.$ZodIssue[], target: string): Response {
  const language = preferredLanguage(c.req.header('accept-language'))
  return problemResponse(c, {
    status: 400,
    code: 'BAD_REQUEST',
    detail: language === 'ru' ? 'Запрос не прошёл проверку: см. errors' : 'The request failed validation: see errors',
    errors: fieldErrors(issues, target === 'json' ? 'body' : target, language),
  })
}

/** The one place where thrown errors become HTTP responses; unknown errors are logged and hidden. */
export function errorResponse(c: Context, err: unknown, log: (message: string, error: unknown) => void): Response {
  if (err instanceof ServiceError) {
    const retryable = err instanceof UnavailableError || err instanceof RateLimitedError
    const headers: Record<string, string> = retryable ? { 'retry-after': String(err.retryAfterSeconds) } : {}
    // Extensions first: a service's extra member must never override the reserved problem fields.
    return problemResponse(c, { ...err.extensions, status: err.status, code: err.code, detail: err.publicMessage ?? err.message, ...(err.errors.length ? { errors: err.errors } : {}) }, headers)
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = STATUS_CODES[err.status] ?? 'BAD_REQUEST'
    return problemResponse(c, { status: err.status, code, detail: err.message || TITLES[code].en })
  }
  if (isUnstorableText(err)) {
    const language = preferredLanguage(c.req.header('accept-language'))
    return problemResponse(c, {
      status: 400,
      code: 'BAD_REQUEST',
      detail: language === 'ru' ? 'Текст содержит символ, который нельзя сохранить (например, NUL)' : 'The text holds a character that cannot be stored (such as NUL)',
    })
  }
  if (isDatabaseUnavailable(err)) {
    return problemResponse(c, { status: 503, code: 'UNAVAILABLE', detail: 'The database is unavailable; retry shortly' }, { 'retry-after': '5' })
  }
  log('unhandled error', err)
  return problemResponse(c, { status: 500, code: 'INTERNAL', detail: `Unexpected error; quote request id ${requestIdOf(c)} when reporting it` })
}

export function isDatabaseUnavailable(err: unknown): boolean {
  return isConnectionError(err)
}
