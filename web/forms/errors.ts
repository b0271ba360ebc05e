import type { z } from 'zod'
import type { ServiceError } from '../../src/lib/errors.js'
import { fieldErrors } from '../../src/lib/problem.js'
import { type Lang, localizedHalf } from '../i18n/index.js'

/** Messages to show next to fields (by form field name) and above the form (nothing to point at). */
export interface FormErrors {
  fields: Record<string, string[]>
  form: string[]
}

export const NO_ERRORS: FormErrors = { fields: {}, form: [] }

/** Which form field a dotted input path (`envelope.massKg`, `processes.2`) belongs to; null: the form as a whole. */
export type FieldOf = (path: string) => string | null

/** How many things to fix: each field with a problem, and each problem of the form as a whole. */
export function errorCount(errors: FormErrors): number {
  return errors.form.length + Object.values(errors.fields).filter((messages) => messages.length > 0).length
}

export function mergeErrors(...all: FormErrors[]): FormErrors {
  const fields: Record<string, string[]> = {}
  for (const errors of all) {
    for (const [field, messages] of Object.entries(errors.fields)) fields[field] = [...new Set([...(fields[field] ?? []), ...messages])]
  }
  return { fields, form: [...new Set(all.flatMap((errors) => errors.form))] }
}

function collect(items: readonly { path: string; message: string }[], fieldOf: FieldOf, lang: Lang): FormErrors {
  const fields: Record<string, string[]> = {}
  const form: string[] = []
  for (const { path, message } of items) {
    const text = localizedHalf(message, lang)
    const field = fieldOf(path.replace(/^body\.?/, ''))
    if (field === null) form.push(text)
    else fields[field] = [...new Set([...(fields[field] ?? []), text])]
  }
  return { fields, form: [...new Set(form)] }
}

/** zod's words for a field left blank: "expected string, received undefined". */
function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && /received undefined$/.test(issue.message)
}

/**
 * The schema's own messages: zod's Russian locale for built-in checks, our refinements' half in the page's
 * language. A blank required field gets `missing` ("Заполните поле") rather than zod's talk of types.
 */
export function errorsFromIssues(issues: readonly z.core.$ZodIssue[], fieldOf: FieldOf, lang: Lang, missing: string): FormErrors {
  const blank = issues.filter(isMissing).map((issue) => ({ path: issue.path.map(String).join('.'), message: missing }))
  return collect([...blank, ...fieldErrors(issues.filter((issue) => !isMissing(issue)), '', lang)], fieldOf, lang)
}

/** A service's refusal: its field errors where they point, otherwise its message above the form. */
export function errorsFromService(error: ServiceError, fieldOf: FieldOf, lang: Lang): FormErrors {
  if (error.errors.length > 0) return collect(error.errors, fieldOf, lang)
  return { fields: {}, form: [localizedHalf(error.message, lang)] }
}

export function fieldError(errors: FormErrors, field: string): string | null {
  const messages = errors.fields[field]
  return messages?.length ? messages.join(' ') : null
}
