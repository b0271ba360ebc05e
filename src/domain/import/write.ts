import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { CERTIFICATES, MATERIALS, MATERIAL_FAMILIES, PROCESSES, getMaterialFamily } from '../taxonomy/index.js'
import { SHEETS, type SheetKey, type SheetSpec, sheetSpec } from './layout.js'
import type { CellValue } from './read.js'

/** Records per sheet, keyed by column key: what a template or a generated workbook holds. */
export type SheetRecords = Partial<Record<SheetKey, readonly Partial<Record<string, CellValue>>[]>>

export const REFERENCE_SHEET_NAME = 'Справочник'

const TEXT_COLUMNS = new Set(['inn', 'ogrn', 'number'])

function exampleRecords(): SheetRecords {
  return Object.fromEntries(SHEETS.map((sheet) => [sheet.key, [Object.fromEntries(sheet.columns.filter((c) => c.example !== '').map((c) => [c.key, c.example]))]]))
}

function addDataSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, records: readonly Partial<Record<string, CellValue>>[]): void {
  const sheet = workbook.addWorksheet(spec.nameRu, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(TEXT_COLUMNS.has(c.key) ? { style: { numFmt: '@' } } : {}) }))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  spec.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1)
    cell.note = `${column.required ? 'Обязательно. ' : ''}${column.hint}`
    if (column.required) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4B6' } }
  })
  for (const record of records) sheet.addRow(record)
}

/** The notes sheet: how to fill the workbook, then the catalogues whose names the sheets accept. */
function addReferenceSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(REFERENCE_SHEET_NAME)
  sheet.columns = [{ width: 26 }, { width: 70 }, { width: 44 }, { width: 12 }]
  const section = (title: string) => {
    sheet.addRow([])
    sheet.addRow([title]).font = { bold: true, size: 13 }
  }
  sheet.addRow(['Как заполнять']).font = { bold: true, size: 14 }
  for (const line of [
    'Листы связаны по ИНН: организация на листе «Организации», её площадки, мощности и сертификаты — на своих листах.',
    'Организация, уже зарегистрированная на платформе, обновляется: меняются только заполненные ячейки, ничего не удаляется.',
    'Площадки, мощности и сертификаты с тем же названием (номером) у той же организации обновляются, новые добавляются.',
    'Сначала файл проверяется: в отчёте — каждая проблема (лист, строка, столбец). Импорт идёт целиком или не идёт вовсе.',
    'Выделенные столбцы обязательны. Списки в ячейке (процессы, материалы) разделяйте точкой с запятой.',
    'Адрес площадки определяется по справочнику населённых пунктов; если город есть в нескольких регионах, укажите субъект РФ.',
  ]) sheet.addRow([line])

  for (const spec of SHEETS) {
    section(`Столбцы листа «${spec.nameRu}»`)
    for (const column of spec.columns) sheet.addRow([column.header, column.hint, column.required ? 'обязательно' : ''])
  }
  section('Процессы (столбец «Процессы»)')
  sheet.addRow(['Код', 'Название', 'English', 'ОКВЭД2']).font = { italic: true }
  for (const p of PROCESSES) sheet.addRow([p.code, p.nameRu, p.nameEn, p.okved2])
  section('Материалы (столбец «Материалы»): марка или группа')
  sheet.addRow(['Код', 'Марка / группа', 'Группа', 'Другие обозначения']).font = { italic: true }
  for (const family of MATERIAL_FAMILIES) sheet.addRow([family.code, family.nameRu, 'вся группа', ''])
  for (const m of MATERIALS) sheet.addRow([m.code, m.nameRu, getMaterialFamily(m.family)?.nameRu ?? '', (m.aliases ?? []).join('; ')])
  section('Сертификаты (столбец «Сертификат»)')
  sheet.addRow(['Код', 'Название', 'English']).font = { italic: true }
  for (const c of CERTIFICATES) sheet.addRow([c.code, c.nameRu, c.nameEn])
  section('Вид организации и категория МСП')
  sheet.addRow(['Вид', 'поставщик; заказчик (можно оба через «;»)'])
  sheet.addRow(['Категория МСП', 'микро; малое; среднее; крупное'])
}

/** A workbook in the import layout: the four sheets with `records`, plus the reference sheet when asked. */
export async function writeImportWorkbook(records: SheetRecords, options: { reference?: boolean } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Подряд'
  for (const spec of SHEETS) addDataSheet(workbook, spec, records[spec.key] ?? [])
  if (options.reference) addReferenceSheet(workbook)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The Russian template: headers, one example row per sheet, notes on every header and the reference sheet. */
export function importTemplateXlsx(): Promise<Buffer> {
  return writeImportWorkbook(exampleRecords(), { reference: true })
}

function csvCell(value: CellValue | undefined): string {
  if (value === undefined) return ''
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value)
}

/**
 * One sheet as CSV the way Russian Excel opens it by double-click: UTF-8 with a byte-order mark, «;» between cells.
 */
export function writeImportCsv(key: SheetKey, records: readonly Partial<Record<string, CellValue>>[]): Buffer {
  const spec = sheetSpec(key)
  const rows = [spec.columns.map((c) => c.header), ...records.map((r) => spec.columns.map((c) => csvCell(r[c.key])))]
  return Buffer.from(`\uFEFF${stringify(rows, { delimiter: ';', record_delimiter: '\r\n' })}`, 'utf8')
}

export function importTemplateCsv(key: SheetKey): Buffer {
  return writeImportCsv(key, exampleRecords()[key] ?? [])
}
