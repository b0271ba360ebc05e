import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { idSchema } from '../../src/domain/common.js'
import { NotFoundError, ServiceError } from '../../src/lib/errors.js'
import type { WebContext } from '../render.js'

/** A malformed id is the same 404 as an unknown one. */
export function parsedId(prefix: string, raw: string, entity: string): string {
  const id = idSchema(prefix).safeParse(raw)
  if (!id.success) throw new NotFoundError(entity, raw)
  return id.data
}

/** A refusal a form can explain next to its fields or buttons; anything else (401, 404, 500) becomes an error page. */
export function explainable(error: unknown): error is ServiceError {
  return error instanceof ServiceError && [400, 403, 409].includes(error.status)
}

export function statusOf(error: ServiceError): ContentfulStatusCode {
  return error.status as ContentfulStatusCode
}

/**
 * Where the site is served, as links in e-mails need it. A form POST has passed hono/csrf, which lets it
 * through only when its Origin (or Sec-Fetch-Site) says it comes from the public origin: so the Origin is it.
 */
export function publicOriginOf(c: WebContext): string {
  const origin = c.req.header('origin')
  if (origin && /^https?:\/\/[^/]+$/.test(origin)) return origin
  return new URL(c.req.url).origin
}

/** Page numbers from the query: anything odd is page 1. */
export function pageParam(raw: string | undefined): number {
  const page = Number(raw)
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1
}
