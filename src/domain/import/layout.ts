/**
 * The layout of an import workbook: four sheets linked by ИНН, the key every Russian register of enterprises
 * already uses. One sheet per kind of record, because an enterprise has several sites, a site several capacities
 * and an enterprise several certificates: a single flat sheet would repeat the enterprise on every line and need
 * a list language inside cells for certificates. Each record then has its own row, so every problem points at one
 * (sheet, row, column). As CSV, each sheet is its own file, recognised by its header row.
 */

export const SHEET_KEYS = ['organizations', 'sites', 'capacities', 'certificates'] as const
export type SheetKey = (typeof SHEET_KEYS)[number]

export interface ColumnSpec {
  key: string
  /** The header as the template writes it. */
  header: string
  /** Other headers people use for the same column. */
  aliases?: readonly string[]
  required: boolean
  /** The template's example value. */
  example: string | number
  /** Column width in the template, in characters. */
  width: number
  /** What to write, shown in the template's notes sheet. */
  hint: string
}

export interface SheetSpec {
  key: SheetKey
  nameRu: string
  nameEn: string
  /** The CSV template's file name. */
  csvName: string
  columns: readonly ColumnSpec[]
}

const INN_COLUMN: ColumnSpec = {
  key: 'inn',
  header: 'ИНН',
  required: true,
  example: '1650123450',
  width: 14,
  hint: '10 цифр (юрлицо) или 12 (ИП); связывает строки всех листов с организацией',
}

export const ORGANIZATIONS_SHEET: SheetSpec = {
  key: 'organizations',
  nameRu: 'Организации',
  nameEn: 'Organizations',
  csvName: 'organizations.csv',
  columns: [
    INN_COLUMN,
    { key: 'name', header: 'Наименование', aliases: ['Название организации', 'Организация', 'Полное наименование'], required: true, example: 'ООО «Камская прецизионная механика»', width: 40, hint: 'Наименование с организационно-правовой формой' },
    { key: 'ogrn', header: 'ОГРН', aliases: ['ОГРНИП'], required: false, example: '1021602012343', width: 16, hint: '13 цифр (ОГРН) или 15 (ОГРНИП)' },
    { key: 'kinds', header: 'Вид', aliases: ['Роль', 'Тип'], required: false, example: 'поставщик', width: 22, hint: 'поставщик, заказчик или оба через «;»; пусто — поставщик' },
    { key: 'smeSize', header: 'Категория МСП', aliases: ['Размер', 'Категория'], required: false, example: 'малое', width: 14, hint: 'микро, малое, среднее или крупное' },
    { key: 'website', header: 'Сайт', required: false, example: 'https://kpm.example.ru', width: 26, hint: 'Адрес сайта с https://' },
    { key: 'description', header: 'Описание', required: false, example: 'Механообработка корпусных деталей для автомобильной промышленности', width: 50, hint: 'Чем занимается предприятие' },
  ],
}

export const SITES_SHEET: SheetSpec = {
  key: 'sites',
  nameRu: 'Площадки',
  nameEn: 'Sites',
  csvName: 'sites.csv',
  columns: [
    INN_COLUMN,
    { key: 'name', header: 'Площадка', aliases: ['Название площадки', 'Цех'], required: true, example: 'Цех № 2 (механообработка)', width: 30, hint: 'Название площадки, уникальное внутри организации' },
    { key: 'region', header: 'Субъект РФ', aliases: ['Регион', 'Субъект'], required: false, example: 'Республика Татарстан', width: 24, hint: 'Название субъекта или его код (16)' },
    { key: 'city', header: 'Населённый пункт', aliases: ['Город'], required: false, example: 'Набережные Челны', width: 22, hint: 'Город, посёлок, село' },
    { key: 'address', header: 'Адрес', required: false, example: 'Промышленная ул., 12', width: 36, hint: 'Улица и дом или весь адрес одной строкой' },
    { key: 'lat', header: 'Широта', required: false, example: '', width: 10, hint: 'Необязательно; если указаны широта и долгота, они точнее адреса' },
    { key: 'lon', header: 'Долгота', required: false, example: '', width: 10, hint: 'Вместе с широтой' },
  ],
}

export const CAPACITIES_SHEET: SheetSpec = {
  key: 'capacities',
  nameRu: 'Мощности',
  nameEn: 'Capacities',
  csvName: 'capacities.csv',
  columns: [
    INN_COLUMN,
    { key: 'site', header: 'Площадка', required: false, example: 'Цех № 2 (механообработка)', width: 30, hint: 'Как на листе «Площадки»; пусто — единственная площадка организации' },
    { key: 'title', header: 'Название', aliases: ['Мощность', 'Наименование мощности'], required: true, example: 'Фрезерная обработка корпусных деталей на станках с ЧПУ', width: 44, hint: 'Что предприятие может сделать, одной фразой' },
    { key: 'processes', header: 'Процессы', aliases: ['Процесс', 'Виды обработки'], required: true, example: 'Фрезерная обработка 3-осевая', width: 44, hint: 'Названия из справочника через «;» (регистр и ё/е не важны); допускается код процесса или однозначный код ОКВЭД2' },
    { key: 'equipment', header: 'Оборудование', required: false, example: 'DMG MORI DMU 50, Haas VF-2', width: 36, hint: 'Модели станков' },
    { key: 'materials', header: 'Материалы', required: false, example: 'Д16; АМг6', width: 24, hint: 'Марки или группы материалов из справочника через «;»' },
    { key: 'lengthMm', header: 'Длина, мм', required: false, example: 1000, width: 11, hint: 'Наибольшая деталь: длина, ширина, высота и масса указываются вместе' },
    { key: 'widthMm', header: 'Ширина, мм', required: false, example: 500, width: 11, hint: 'См. «Длина, мм»' },
    { key: 'heightMm', header: 'Высота, мм', required: false, example: 500, width: 11, hint: 'См. «Длина, мм»' },
    { key: 'massKg', header: 'Масса, кг', required: false, example: 300, width: 10, hint: 'См. «Длина, мм»' },
    { key: 'itGrade', header: 'Квалитет', aliases: ['Квалитет IT', 'IT'], required: false, example: 7, width: 10, hint: 'Достижимый квалитет 1–18 (7 или IT7)' },
    { key: 'roughnessRa', header: 'Шероховатость Ra, мкм', aliases: ['Ra', 'Шероховатость'], required: false, example: 1.6, width: 12, hint: '0,01–100 мкм' },
    { key: 'batchMin', header: 'Партия от, шт', aliases: ['Партия от'], required: false, example: 1, width: 11, hint: 'Целое число' },
    { key: 'batchMax', header: 'Партия до, шт', aliases: ['Партия до'], required: false, example: 500, width: 11, hint: 'Не меньше «Партия от»' },
    { key: 'leadTimeDays', header: 'Срок, дн.', aliases: ['Срок изготовления, дн.', 'Срок'], required: false, example: 21, width: 10, hint: 'Типичный срок изготовления, 0–730 дней' },
    { key: 'freeHours', header: 'Свободные часы', required: false, example: '2027-03: 320; 2027-04: 280', width: 28, hint: 'Месяц ГГГГ-ММ и свободные станко-часы, пары через «;»' },
    { key: 'description', header: 'Описание', required: false, example: 'Корпуса редукторов, кронштейны; контроль на КИМ', width: 44, hint: 'Подробности по-русски' },
  ],
}

export const CERTIFICATES_SHEET: SheetSpec = {
  key: 'certificates',
  nameRu: 'Сертификаты',
  nameEn: 'Certificates',
  csvName: 'certificates.csv',
  columns: [
    INN_COLUMN,
    { key: 'standard', header: 'Сертификат', aliases: ['Стандарт', 'Система сертификации'], required: true, example: 'ISO 9001', width: 30, hint: 'Название из справочника (ISO 9001, IATF 16949, ГОСТ Р ИСО 9001-2015…) или его код' },
    { key: 'number', header: 'Номер', aliases: ['Номер сертификата', '№'], required: true, example: 'РОСС RU.З1234.04ЖЛК0.01234', width: 28, hint: 'Номер как на бланке' },
    { key: 'issuer', header: 'Орган по сертификации', aliases: ['Выдан', 'Кем выдан'], required: true, example: 'ООО «Русский Регистр — Поволжье»', width: 34, hint: 'Кто выдал' },
    { key: 'validFrom', header: 'Действует с', aliases: ['Дата выдачи'], required: true, example: '15.01.2025', width: 13, hint: 'Дата ДД.ММ.ГГГГ или ГГГГ-ММ-ДД' },
    { key: 'validUntil', header: 'Действует до', aliases: ['Срок действия'], required: false, example: '14.01.2028', width: 13, hint: 'Пусто — бессрочный' },
    { key: 'scope', header: 'Область сертификации', aliases: ['Область'], required: false, example: 'Механическая обработка деталей для автомобильной промышленности', width: 44, hint: 'Как в сертификате' },
  ],
}

export const SHEETS: readonly SheetSpec[] = [ORGANIZATIONS_SHEET, SITES_SHEET, CAPACITIES_SHEET, CERTIFICATES_SHEET]

export function sheetSpec(key: SheetKey): SheetSpec {
  return SHEETS.find((sheet) => sheet.key === key) as SheetSpec
}

export function columnHeader(sheet: SheetKey, column: string): string {
  return sheetSpec(sheet).columns.find((c) => c.key === column)?.header ?? column
}

/** Headers and sheet names compare folded: case, ё/е, spaces, a trailing «*» or «:» do not matter. */
export function foldHeader(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е').replace(/[*:]+$/u, '').replace(/\s+/gu, ' ').trim()
}

/** The column a header names, or undefined for a column the import does not read. */
export function columnOfHeader(sheet: SheetSpec, header: string): ColumnSpec | undefined {
  const folded = foldHeader(header)
  return sheet.columns.find((column) => [column.header, ...(column.aliases ?? [])].some((name) => foldHeader(name) === folded))
}

export function sheetOfName(name: string): SheetSpec | undefined {
  const folded = foldHeader(name)
  return SHEETS.find((sheet) => foldHeader(sheet.nameRu) === folded || foldHeader(sheet.nameEn) === folded || sheet.key === folded)
}
