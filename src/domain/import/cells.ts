import type { CellValue } from './read.js'

/**
 * Cell values as the domain wants them. Spreadsheets type cells loosely: a number may be text with a decimal comma,
 * an ИНН a number that lost its leading zero, a date a Date, «ДД.ММ.ГГГГ» or ISO text.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

export function text(value: CellValue | undefined): string | undefined {
  if (value === undefined) return undefined
  if (value instanceof Date) return isoDate(value)
  return String(value).trim() || undefined
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** ИНН/ОГРН typed as numbers lose a leading zero (subjects 01–09): restored when the length says so. */
export function digits(value: CellValue | undefined, lengths: readonly number[]): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number' && Number.isInteger(value)) {
    const plain = String(value)
    const padded = lengths.find((n) => n === plain.length + 1)
    return padded ? `0${plain}` : plain
  }
  return text(value)?.replace(/[\s\u00a0]/gu, '')
}

export function number(value: CellValue | undefined): Parsed<number> | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number') return { ok: true, value }
  if (value instanceof Date) return { ok: false, message: 'Ожидается число, а не дата / A number is expected, not a date' }
  const normalized = value.replace(/[\s\u00a0]/gu, '').replace(',', '.')
  const parsed = /^-?\d+(\.\d+)?$/u.test(normalized) ? Number(normalized) : Number.NaN
  return Number.isFinite(parsed) ? { ok: true, value: parsed } : { ok: false, message: `Ожидается число, указано «${value}» / A number is expected, got "${value}"` }
}

export function integer(value: CellValue | undefined): Parsed<number> | undefined {
  const parsed = number(value)
  if (!parsed?.ok || Number.isInteger(parsed.value)) return parsed
  return { ok: false, message: `Ожидается целое число, указано ${parsed.value} / A whole number is expected, got ${parsed.value}` }
}

/** «7», «IT7», «ИТ 7», «7 кв.» */
export function itGrade(value: CellValue | undefined): Parsed<number> | undefined {
  if (typeof value === 'string') return integer(value.replace(/^(it|ит)\s*/iu, '').replace(/\s*кв\.?$/u, ''))
  return integer(value)
}

const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/u

/** A calendar date as ISO text; impossible days (31.02) are refused. */
export function date(value: CellValue | undefined): Parsed<string> | undefined {
  if (value === undefined) return undefined
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { ok: false, message: 'Неверная дата / Invalid date' } : { ok: true, value: isoDate(value) }
  const raw = String(value).trim()
  const dmy = DMY.exec(raw)
  const ymd = YMD.exec(raw)
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : undefined
  const iso = parts ? `${parts[0]}-${String(parts[1]).padStart(2, '0')}-${String(parts[2]).padStart(2, '0')}` : ''
  const check = new Date(`${iso}T00:00:00Z`)
  if (!parts || Number.isNaN(check.getTime()) || isoDate(check) !== iso) {
    return { ok: false, message: `Дата «${raw}» не распознана: пишите ДД.ММ.ГГГГ / Date "${raw}" not recognised: write DD.MM.YYYY` }
  }
  return { ok: true, value: iso }
}

const KIND_WORDS: Readonly<Record<string, 'supplier' | 'contractor'>> = {
  поставщик: 'supplier',
  исполнитель: 'supplier',
  supplier: 'supplier',
  заказчик: 'contractor',
  contractor: 'contractor',
}

export function kinds(value: CellValue | undefined): Parsed<('supplier' | 'contractor')[]> | undefined {
  const raw = text(value)
  if (raw === undefined) return undefined
  const words = raw.split(/[;,/]|\s+и\s+/u).map((w) => w.trim().toLowerCase()).filter(Boolean)
  const found: ('supplier' | 'contractor')[] = []
  for (const word of words) {
    const kind = KIND_WORDS[word]
    if (!kind) return { ok: false, message: `Вид «${word}» не распознан: поставщик или заказчик / Kind "${word}" not recognised: поставщик (supplier) or заказчик (contractor)` }
    if (!found.includes(kind)) found.push(kind)
  }
  return { ok: true, value: found }
}

const SME_WORDS: Readonly<Record<string, 'micro' | 'small' | 'medium' | 'large'>> = {
  микро: 'micro',
  микропредприятие: 'micro',
  micro: 'micro',
  малое: 'small',
  малый: 'small',
  small: 'small',
  среднее: 'medium',
  средний: 'medium',
  medium: 'medium',
  крупное: 'large',
  крупный: 'large',
  large: 'large',
}

export function smeSize(value: CellValue | undefined): Parsed<'micro' | 'small' | 'medium' | 'large'> | undefined {
  const raw = text(value)
  if (raw === undefined) return undefined
  const size = SME_WORDS[raw.toLowerCase().replace(/\s*предприятие$/u, '')]
  return size ? { ok: true, value: size } : { ok: false, message: `Категория «${raw}» не распознана: микро, малое, среднее или крупное / Size "${raw}" not recognised: микро, малое, среднее, крупное` }
}

/** A site written without its scheme («zavod.ru») is read as https. */
export function website(value: CellValue | undefined): string | undefined {
  const raw = text(value)
  if (raw === undefined) return undefined
  return /^[a-z][a-z0-9+.-]*:\/\//iu.test(raw) ? raw : `https://${raw}`
}

const FREE_HOURS_PAIR = /^(\d{4}-\d{2})\s*[:=]?\s*(\d+(?:[.,]\d+)?)$/u

/** «2027-03: 320; 2027-04: 280» */
export function freeHours(value: CellValue | undefined): Parsed<{ month: string; hours: number }[]> | undefined {
  const raw = text(value)
  if (raw === undefined) return undefined
  const entries: { month: string; hours: number }[] = []
  for (const pair of raw.split(/[;\n]/u).map((p) => p.trim()).filter(Boolean)) {
    const match = FREE_HOURS_PAIR.exec(pair)
    if (!match) return { ok: false, message: `«${pair}»: пишите «ГГГГ-ММ: часы», пары через «;» / "${pair}": write "YYYY-MM: hours", pairs separated by ";"` }
    entries.push({ month: match[1] as string, hours: Number((match[2] as string).replace(',', '.')) })
  }
  return { ok: true, value: entries }
}
