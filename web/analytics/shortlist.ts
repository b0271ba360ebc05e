import type { NeedShortlist } from '../../src/domain/analytics.js'
import type { CsvTable } from '../../src/lib/csv.js'
import type { I18n, PlainKey } from '../i18n/index.js'
import { certificateShortName, materialName, placeName, processName } from '../labels.js'
import type { TableModel } from './tables.js'

export interface NeedFact {
  label: string
  value: string
}

/** What the need asks for, line by line, as the printed page and the CSV both show it. */
export function needFacts(i18n: I18n, { need, contractorName }: NeedShortlist): NeedFact[] {
  const { t, fmt, lang } = i18n
  const fact = (key: PlainKey, value: string | null): NeedFact[] => (value === null || value === '' ? [] : [{ label: t(key), value }])
  const envelope = need.envelope
  return [
    ...fact('needPrint.id', need.id),
    ...fact('needPrint.contractor', contractorName),
    ...fact('needPrint.status', t(`needStatus.${need.status}` as PlainKey)),
    ...fact('needPrint.processes', need.processes.map((code) => processName(code, lang)).join('; ')),
    ...fact('needPrint.materials', need.materials.map((code) => materialName(code, lang)).join('; ')),
    ...fact(
      'needPrint.envelope',
      envelope ? `${fmt.decimal(envelope.lengthMm)} × ${fmt.decimal(envelope.widthMm)} × ${fmt.decimal(envelope.heightMm)} ${t('needPrint.mm')}, ${fmt.decimal(envelope.massKg)} ${t('needPrint.kg')}` : null,
    ),
    ...fact('needPrint.itGrade', need.itGrade === null ? null : `IT${need.itGrade}`),
    ...fact('needPrint.quantity', need.quantity === null ? null : fmt.integer(need.quantity)),
    ...fact('needPrint.requiredCerts', need.requiredCerts.map((code) => certificateShortName(code, lang)).join('; ')),
    ...fact('needPrint.delivery', placeName(need.delivery.city, need.delivery.regionCode, lang)),
    ...fact('needPrint.maxDistance', need.maxDistanceKm === null ? null : fmt.km(need.maxDistanceKm)),
    ...fact('needPrint.deadline', fmt.date(need.deadline)),
    ...fact('needPrint.publishedAt', need.publishedAt === null ? null : fmt.dateTime(need.publishedAt)),
  ]
}

/** The need's facts and its shortlisted suppliers: the printed page's two parts, and the CSV's two blocks. */
export function shortlistTable(i18n: I18n, shortlist: NeedShortlist): { need: CsvTable; table: TableModel } {
  const { t, fmt, lang } = i18n
  const table: TableModel = {
    name: 'shortlist',
    caption: t('needPrint.suppliersCaption'),
    columns: [
      { label: t('needPrint.rank'), numeric: true },
      { label: t('analytics.supplier'), numeric: false },
      { label: t('needPrint.inn'), numeric: false },
      { label: t('needPrint.status'), numeric: false },
      { label: t('needPrint.score'), numeric: true },
      { label: t('needPrint.distance'), numeric: true },
      { label: t('needPrint.place'), numeric: false },
      { label: t('needPrint.certificates'), numeric: false },
    ],
    rows: shortlist.suppliers.map((supplier, i) => {
      const place = supplier.regionCode === null ? '' : placeName(supplier.city, supplier.regionCode, lang)
      const certificates = supplier.certificates.map((code) => certificateShortName(code, lang)).join('; ')
      return [
        { text: String(i + 1), csv: i + 1 },
        { text: supplier.name, csv: supplier.name, href: `/organizations/${supplier.orgId}` },
        { text: supplier.inn, csv: supplier.inn },
        { text: t(`matchStatus.${supplier.status}` as PlainKey), csv: t(`matchStatus.${supplier.status}` as PlainKey) },
        { text: fmt.points(supplier.score), csv: Math.round(supplier.score * 100) },
        { text: fmt.km(supplier.distanceKm), csv: Math.round(supplier.distanceKm) },
        { text: place, csv: place },
        { text: certificates, csv: certificates },
      ]
    }),
  }
  const facts = needFacts(i18n, shortlist)
  return {
    need: { title: shortlist.need.title, header: [t('needPrint.field'), t('needPrint.value')], rows: facts.map((fact) => [fact.label, fact.value]) },
    table,
  }
}
