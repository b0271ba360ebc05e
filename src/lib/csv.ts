/**
 * CSV for spreadsheet users in Russia. Excel in a Russian locale splits columns on the list separator of
 * Windows' regional settings, which is `;` there (the comma is the decimal separator), so `;` is what opens
 * in columns with a double click; decimals are written with a comma for the same reason. The file starts
 * with a UTF-8 byte order mark, without which Excel reads it as Windows-1251 and garbles Cyrillic (a `sep=;`
 * first line would make Excel ignore the mark, so there is none). Lines end in CRLF (RFC 4180).
 */

export type CsvCell = string | number | null

const SEPARATOR = ';'
const BOM = '\uFEFF'

/**
 * Text a spreadsheet would run as a formula (= + - @, and tab or carriage return, which some spreadsheets
 * strip before looking) gets a leading apostrophe: shown as text, never evaluated (OWASP "CSV Injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/

function decimal(value: number): string {
  return String(Math.round(value * 100) / 100).replace('.', ',')
}

export function csvCell(cell: CsvCell): string {
  if (cell === null) return ''
  const text = typeof cell === 'number' ? decimal(cell) : FORMULA_START.test(cell) ? `'${cell}` : cell
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function line(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(SEPARATOR)
}

export interface CsvTable {
  /** A line above the header row naming the table, for files holding several. */
  title?: string
  header: readonly string[]
  rows: readonly (readonly CsvCell[])[]
}

/** One or more tables, a blank line between them, as a file Excel opens in columns. */
export function toCsv(tables: readonly CsvTable[]): string {
  const blocks = tables.map((table) => [...(table.title === undefined ? [] : [line([table.title])]), line(table.header), ...table.rows.map(line)].join('\r\n'))
  return `${BOM}${blocks.join('\r\n\r\n')}\r\n`
}

/** `attachment` with an ASCII fallback name and the real one RFC 5987-encoded. */
export function csvDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8'
