/** Numbers, distances and dates for one locale, through `Intl` only. */
export interface Formatters {
  integer(value: number): string
  /** Up to two decimals: 0,8 / 1,25. */
  decimal(value: number): string
  /** A score in [0, 1] as whole points out of 100. */
  points(score: number): string
  /** Road km, whole: «84 км» / "84 km". */
  km(value: number): string
  /** A calendar day 'YYYY-MM-DD', as written in the locale (no time zone involved). */
  date(day: string): string
  /** An instant, on the Moscow clock most of the clusters share. */
  dateTime(iso: string): string
  /** A month 'YYYY-MM', short: «мар. 2027» / "Mar 2027". */
  month(month: string): string
}

/** Moscow time: the clock of the centres and of most plants; the zone name is printed, so nobody is misled. */
const TIME_ZONE = 'Europe/Moscow'

function utcDay(day: string): Date | null {
  const parsed = Date.parse(`${day.slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(parsed) ? null : new Date(parsed)
}

export function formatters(locale: string): Formatters {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const km = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 0 })
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  const dateTime = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE, timeZoneName: 'short' })
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })
  return {
    integer: (value) => integer.format(value),
    decimal: (value) => decimal.format(value),
    points: (score) => integer.format(Math.round(score * 100)),
    km: (value) => km.format(value),
    date: (day) => {
      const parsed = utcDay(day)
      return parsed ? date.format(parsed) : day
    },
    dateTime: (iso) => {
      const parsed = Date.parse(iso)
      return Number.isNaN(parsed) ? iso : dateTime.format(new Date(parsed))
    },
    month: (value) => {
      const parsed = utcDay(`${value}-01`)
      return parsed ? month.format(parsed) : value
    },
  }
}
