/** A urlencoded body parsed with `all: true`: repeated names stay lists. */
export type FormBody = Record<string, string | File | (string | File)[]>

export function texts(body: FormBody, name: string): string[] {
  const raw = body[name]
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
  return values.filter((value): value is string => typeof value === 'string')
}

export function text(body: FormBody, name: string): string {
  return texts(body, name)[0] ?? ''
}

/** «1 200,5» as people type it in Russia: spaces group thousands, a comma separates decimals. */
export function parseNumber(typed: string): number | undefined {
  const normalized = typed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')
  if (normalized === '' || !/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(normalized)) return undefined
  return Number(normalized)
}

/**
 * Typed numbers by field: the parsed ones, and "enter a number" for those that are not. Blank fields are
 * neither: the schema decides whether they were needed.
 */
export function parseNumbers<F extends string>(values: Record<F, string>, fields: readonly F[], notANumber: string): { parsed: Partial<Record<F, number>>; fields: Record<string, string[]> } {
  const parsed: Partial<Record<F, number>> = {}
  const errors: Record<string, string[]> = {}
  for (const field of fields) {
    if (values[field] === '') continue
    const number = parseNumber(values[field])
    if (number === undefined) errors[field] = [notANumber]
    else parsed[field] = number
  }
  return { parsed, fields: errors }
}
