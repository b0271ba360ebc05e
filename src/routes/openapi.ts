import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { validationProblem } from '../lib/problem.js'
import type { AppEnv } from './env.js'

/** Every JSON sub-app validates through zod and answers failures as 400 problem details with field paths. */
export function createApiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationProblem(c as Context, result.error.issues, result.target)
      return undefined
    },
  })
}

const fieldErrorSchema = z.object({ path: z.string(), message: z.string() })

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .openapi('Problem')

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } })

export const problemResponses = {
  400: problem('Invalid input: `errors` lists each field path and message'),
  404: problem('Not found (also for resources of another tenant)'),
  409: problem('Conflicts with the current state'),
  413: problem('Body too large'),
  503: problem('A backing service is unavailable; see Retry-After'),
} as const

/** For routes that need a session; another tenant's resource answers the 404 of a missing one. */
export const sessionProblems = { 401: problem('Not signed in') } as const

/** For routes that also need a role: who knows of the resource but lacks the role gets 403. */
export const accessProblems = { ...sessionProblems, 403: problem('Signed in, but without the role this needs') } as const

/** A required JSON body: a request without `Content-Type: application/json` is refused instead of read as `{}`. */
export function jsonBody<T extends z.ZodTypeAny>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const
}

export function jsonResponse<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const
}
