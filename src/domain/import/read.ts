import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { SHEETS, type SheetKey, type SheetSpec, columnOfHeader, sheetOfName } from './layout.js'

/** A cell as read: text, a number, or a date when the spreadsheet typed it as one. */
export type CellValue = string | number | Date

export interface SheetRow {
  /** The row number the spreadsheet shows (the header is row 1). */
  row: number
  cells: Partial<Record<string, CellValue>>
}

export interface ReadSheet {
  key: SheetKey
  /** The sheet's name in the file, or the CSV file's name. */
  name: string
  rows: SheetRow[]
}

/** A problem with the file itself or one of its cells; `column` is the header as the template writes it. */
export interface ImportProblem {
  sheet: string
  row: number | null
  column: string | null
  message: string
}

export interface UploadedFile {
  name: string
  bytes: Uint8Array
}

export interface ReadResult {
  sheets: ReadSheet[]
  problems: ImportProblem[]
}

/** Far above a centre's register (a few thousand rows), far below what would tie up the server. */
export const MAX_IMPORT_ROWS = 20_000
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]

function isZip(bytes: Uint8Array): boolean {
  return XLSX_MAGIC.every((byte, i) => bytes[i] === byte)
}

function blank(value: CellValue | null | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

/** Rich text, formulas and links become their visible value; errors (#N/A) their text. */
function cellValue(value: ExcelJS.CellValue): CellValue | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value
  if (typeof value === 'boolean') return value ? 'да' : 'нет'
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result
    if (result === undefined || result === null) return null
    return typeof result === 'object' && !(result instanceof Date) ? String((result as { error?: string }).error ?? '') : (result as CellValue)
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : String(value.hyperlink)
  if ('error' in value) return String(value.error)
  return null
}

/**
 * Maps the header row to columns. A required column that is missing is a problem of the sheet; two headers naming the
 * same column too; a header the import does not know is ignored, so curators may keep their own notes columns.
 */
function headerColumns(spec: SheetSpec, sheetName: string, headers: readonly (string | null)[], problems: ImportProblem[]): Map<number, string> {
  const columns = new Map<number, string>()
  const seen = new Set<string>()
  headers.forEach((header, index) => {
    if (!header) return
    const column = columnOfHeader(spec, header)
    if (!column) return
    if (seen.has(column.key)) {
      problems.push({ sheet: sheetName, row: 1, column: header, message: `Столбец «${column.header}» встречается дважды / Column "${column.header}" appears twice` })
      return
    }
    seen.add(column.key)
    columns.set(index, column.key)
  })
  for (const column of spec.columns) {
    if (column.required && !seen.has(column.key)) {
      problems.push({ sheet: sheetName, row: 1, column: column.header, message: `Нет обязательного столбца «${column.header}» / Required column "${column.header}" is missing` })
    }
  }
  return columns
}

function toRows(columns: Map<number, string>, records: readonly { row: number; values: readonly (CellValue | null)[] }[]): SheetRow[] {
  const rows: SheetRow[] = []
  for (const record of records) {
    const cells: Partial<Record<string, CellValue>> = {}
    for (const [index, key] of columns) {
      const value = record.values[index]
      if (!blank(value)) cells[key] = typeof value === 'string' ? value.trim() : (value as CellValue)
    }
    // Empty lines between blocks are common in hand-kept sheets and say nothing.
    if (Object.keys(cells).length > 0) rows.push({ row: record.row, cells })
  }
  return rows
}

async function readXlsx(file: UploadedFile, problems: ImportProblem[]): Promise<ReadSheet[]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) as never)
  } catch {
    problems.push({ sheet: file.name, row: null, column: null, message: 'Файл XLSX повреждён или это не книга Excel / The XLSX file is damaged or not an Excel workbook' })
    return []
  }
  const sheets: ReadSheet[] = []
  workbook.eachSheet((worksheet) => {
    const spec = sheetOfName(worksheet.name)
    if (!spec) return
    const headerRow = worksheet.getRow(1)
    const headers: (string | null)[] = []
    headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
      const value = cellValue(cell.value)
      headers[col - 1] = value === null ? null : String(value)
    })
    const columns = headerColumns(spec, worksheet.name, headers, problems)
    const records: { row: number; values: (CellValue | null)[] }[] = []
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return
      const values: (CellValue | null)[] = []
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        values[col - 1] = cellValue(cell.value)
      })
      records.push({ row: rowNumber, values })
    })
    sheets.push({ key: spec.key, name: worksheet.name, rows: toRows(columns, records) })
  })
  if (sheets.length === 0) {
    const names = SHEETS.map((s) => `«${s.nameRu}»`).join(', ')
    problems.push({ sheet: file.name, row: null, column: null, message: `В книге нет ни одного из листов ${names} / The workbook has none of the sheets ${names}` })
  }
  return sheets
}

/** UTF-8 (with or without BOM) as our template writes; otherwise Windows-1251, as Russian Excel saves «CSV». */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1251').decode(bytes)
  }
}

/** Russian Excel separates with «;», others with «,» or tabs: whichever the header line uses most. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/u))
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }))
  counts.sort((a, b) => b.n - a.n)
  return counts[0]?.n ? (counts[0].d as string) : ';'
}

/**
 * A CSV file is one sheet: the one whose columns its header row names most of (a missing required column is then
 * reported, rather than the file read as another sheet). Naming only one known column recognises nothing.
 */
function sheetOfHeaders(headers: readonly string[]): SheetSpec | undefined {
  let best: { spec: SheetSpec; score: number } | undefined
  for (const spec of SHEETS) {
    const score = new Set(headers.map((h) => columnOfHeader(spec, h)?.key).filter(Boolean)).size
    if (score >= 2 && (!best || score > best.score)) best = { spec, score }
  }
  return best?.spec
}

function readCsv(file: UploadedFile, problems: ImportProblem[]): ReadSheet[] {
  const text = decodeText(file.bytes).replace(/^\uFEFF/u, '')
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parseCsv(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, info: true }) as never
  } catch (error) {
    const where = error instanceof Error && 'lines' in error ? Number((error as { lines: number }).lines) : null
    problems.push({ sheet: file.name, row: where, column: null, message: `Файл CSV не читается: проверьте кавычки / The CSV file cannot be read: check the quotes (${error instanceof Error ? error.message : String(error)})` })
    return []
  }
  const [header, ...body] = records
  const headers = header?.record.map((h) => h.trim()) ?? []
  const spec = sheetOfHeaders(headers)
  if (!spec) {
    const names = SHEETS.map((s) => `«${s.nameRu}»`).join(', ')
    problems.push({ sheet: file.name, row: 1, column: null, message: `По заголовкам не понять, какой это лист (${names}): сверьте первую строку с шаблоном / The header row matches none of the sheets (${names}): compare it with the template` })
    return []
  }
  const columns = headerColumns(spec, file.name, headers, problems)
  const rows = toRows(columns, body.map((r) => ({ row: r.info.lines, values: r.record })))
  return [{ key: spec.key, name: spec.nameRu, rows }]
}

/**
 * Reads one XLSX workbook or one CSV file per sheet. Problems with the files themselves (damaged, unknown sheet, a
 * missing required column, a sheet given twice, too many rows) are reported like row problems.
 */
export async function readImportFiles(files: readonly UploadedFile[]): Promise<ReadResult> {
  const problems: ImportProblem[] = []
  const sheets: ReadSheet[] = []
  if (files.length === 0) {
    problems.push({ sheet: '', row: null, column: null, message: 'Приложите книгу XLSX или файлы CSV / Attach an XLSX workbook or CSV files' })
  }
  for (const file of files) {
    if (file.bytes.byteLength > MAX_IMPORT_FILE_BYTES) {
      problems.push({ sheet: file.name, row: null, column: null, message: `Файл больше ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} МБ / The file exceeds ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB` })
      continue
    }
    const read = isZip(file.bytes) ? await readXlsx(file, problems) : readCsv(file, problems)
    for (const sheet of read) {
      const earlier = sheets.find((s) => s.key === sheet.key)
      if (earlier) {
        problems.push({ sheet: sheet.name, row: null, column: null, message: `Лист «${earlier.name}» уже загружен: объедините строки в одном листе / Sheet "${earlier.name}" was already given: keep its rows in one sheet` })
        continue
      }
      sheets.push(sheet)
    }
  }
  const total = sheets.reduce((n, sheet) => n + sheet.rows.length, 0)
  if (total > MAX_IMPORT_ROWS) {
    problems.push({ sheet: '', row: null, column: null, message: `Строк больше ${MAX_IMPORT_ROWS}: разделите файл / More than ${MAX_IMPORT_ROWS} rows: split the file` })
  }
  return { sheets, problems }
}
