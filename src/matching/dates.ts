/**
 * Calendar arithmetic on ISO strings. ISO dates and months compare correctly as strings, so the core
 * never builds Date objects: no time zone can shift a deadline by a day.
 */

const ISO_DAY_PREFIX = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/

/** 'YYYY-MM-DD' of an ISO date or date-time (the calendar day as written, no time-zone conversion). */
export function isoDay(value: string): string {
  const match = ISO_DAY_PREFIX.exec(value)
  if (!match) throw new RangeError(`not an ISO date: ${value}`)
  return match[0]
}

/** 'YYYY-MM' of an ISO date or date-time. */
export function isoMonth(value: string): string {
  return isoDay(value).slice(0, 7)
}

