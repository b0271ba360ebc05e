export type CertificateKind =
  | 'qms'
  | 'sector_qms'
  | 'process'
  | 'regulatory'
  | 'personnel'
  | 'product'
  | 'ems'
  | 'ohsms'
  | 'enms'
  | 'accreditation'
  | 'class_society'

export interface CertificateStandard {
  code: string
  nameRu: string
  nameEn: string
  kind: CertificateKind
  /** A Russian scheme (ГОСТ Р, ГОСТ РВ, НАКС, РС…), which defence buyers often demand. */
  national: boolean
  /** False for product approvals: they say nothing about what the holder can make for others. */
  supplierCapability: boolean
  /** Levels of one standard share a scheme; only edges inside a scheme (or ≡) count in strict national mode. */
  scheme: string
  note?: string
}

export const CERTIFICATES: readonly CertificateStandard[] = [
  {
    code: 'ISO9001', nameRu: 'ISO 9001:2015 — система менеджмента качества', nameEn: 'ISO 9001:2015 quality management system',
    kind: 'qms', national: false, supplierCapability: true, scheme: 'ISO9001',
  },
  {
    code: 'GOST_R_ISO9001', nameRu: 'ГОСТ Р ИСО 9001-2015 — система менеджмента качества',
    nameEn: 'GOST R ISO 9001-2015 quality management system', kind: 'qms', national: true, supplierCapability: true,
    scheme: 'GOST_R_ISO9001', note: 'Identical (IDT) adoption of ISO 9001:2015 ⚠',
  },
  {
    code: 'AS9100', nameRu: 'AS9100D / EN 9100:2018 / JISQ 9100 — СМК авиационной, космической и оборонной отрасли',
    nameEn: 'AS9100D / EN 9100:2018 / JISQ 9100 aerospace QMS', kind: 'sector_qms', national: false,
    supplierCapability: true, scheme: 'AS9100', note: 'Contains all of ISO 9001 plus aerospace requirements',
  },
  {
    code: 'GOST_R_EN9100_2011', nameRu: 'ГОСТ Р ЕН 9100-2011 — СМК организаций авиационной, космической и оборонной промышленности',
    nameEn: 'GOST R EN 9100-2011 aerospace QMS', kind: 'sector_qms', national: true, supplierCapability: true,
    scheme: 'GOST_R_EN9100', note: 'IDT EN 9100:2009, an older revision built on ISO 9001:2000/2008',
  },
  {
    code: 'AS9110', nameRu: 'AS/EN 9110 — СМК организаций по техническому обслуживанию авиационной техники',
    nameEn: 'AS/EN 9110 aviation maintenance (MRO) QMS', kind: 'sector_qms', national: false, supplierCapability: true,
    scheme: 'AS9110',
  },
  {
    code: 'GOST_R_EN9110', nameRu: 'ГОСТ Р ЕН 9110-2011 — СМК организаций по техническому обслуживанию авиационной техники',
    nameEn: 'GOST R EN 9110-2011 aviation MRO QMS', kind: 'sector_qms', national: true, supplierCapability: true,
    scheme: 'GOST_R_EN9110', note: 'IDT EN 9110:2010 (includes ISO 9001:2008): an older revision than the current AS9110',
  },
  {
    code: 'AS9120', nameRu: 'AS/EN 9120 — СМК дистрибьюторов авиационной продукции',
    nameEn: 'AS/EN 9120 aerospace distributors QMS', kind: 'sector_qms', national: false, supplierCapability: true,
    scheme: 'AS9120', note: 'Scope and Russian twin not checked ⚠',
  },
  {
    code: 'IATF16949', nameRu: 'IATF 16949:2016 — СМК автомобильной промышленности', nameEn: 'IATF 16949:2016 automotive QMS',
    kind: 'sector_qms', national: false, supplierCapability: true, scheme: 'IATF16949',
    note: 'Not standalone: applied as a supplement to and together with ISO 9001:2015',
  },
  {
    code: 'GOST_R_58139', nameRu: 'ГОСТ Р 58139-2018 «СМК. Требования к организациям автомобильной промышленности»',
    nameEn: 'GOST R 58139-2018 Russian automotive QMS', kind: 'sector_qms', national: true, supplierCapability: true,
    scheme: 'GOST_R_58139', note: 'In force from 2018-07-01; includes the ГОСТ Р ИСО 9001 requirements',
  },
  {
    code: 'GOST_RV_0015_002', nameRu: 'ГОСТ РВ 0015-002-2020 «СРПП ВТ. СМК. Общие требования»',
    nameEn: 'GOST RV 0015-002-2020 defence-products QMS', kind: 'sector_qms', national: true, supplierCapability: true,
    scheme: 'GOST_RV_0015_002', note: 'Edition ⚠; restricted-access standard, certified in «Военный регистр» and similar',
  },
  {
    code: 'ISO13485', nameRu: 'ISO 13485:2016 / ГОСТ ISO 13485-2017 — СМК производителей медицинских изделий',
    nameEn: 'ISO 13485:2016 medical devices QMS', kind: 'sector_qms', national: false, supplierCapability: true,
    scheme: 'ISO13485', note: 'Standalone, on the older ISO 9001 structure: does not imply ISO 9001 ⚠',
  },
  {
    code: 'ISO_TS22163', nameRu: 'ISO/TS 22163 (IRIS) — СМК железнодорожной отрасли', nameEn: 'ISO/TS 22163 (IRIS) railway QMS',
    kind: 'sector_qms', national: false, supplierCapability: true, scheme: 'ISO_TS22163', note: 'Includes ISO 9001 ⚠',
  },
  {
    code: 'ISO3834-2', nameRu: 'ISO 3834-2 / ГОСТ Р ИСО 3834-2 — требования к качеству сварки: всесторонние',
    nameEn: 'ISO 3834-2 welding quality requirements: comprehensive', kind: 'process', national: false,
    supplierCapability: true, scheme: 'ISO3834', note: 'Not a QMS; ГОСТ Р edition ⚠',
  },
  {
    code: 'ISO3834-3', nameRu: 'ISO 3834-3 — требования к качеству сварки: стандартные',
    nameEn: 'ISO 3834-3 welding quality requirements: standard', kind: 'process', national: false,
    supplierCapability: true, scheme: 'ISO3834',
  },
  {
    code: 'ISO3834-4', nameRu: 'ISO 3834-4 — требования к качеству сварки: элементарные',
    nameEn: 'ISO 3834-4 welding quality requirements: elementary', kind: 'process', national: false,
    supplierCapability: true, scheme: 'ISO3834',
  },
  {
    code: 'EN15085_CL1', nameRu: 'EN 15085-2 CL1 — сварка железнодорожного подвижного состава',
    nameEn: 'EN 15085-2 CL1 railway vehicle welding', kind: 'process', national: false, supplierCapability: true,
    scheme: 'EN15085', note: 'Requires the ISO 3834-2 level ⚠',
  },
  {
    code: 'EN15085_CL2', nameRu: 'EN 15085-2 CL2 — сварка железнодорожного подвижного состава',
    nameEn: 'EN 15085-2 CL2 railway vehicle welding', kind: 'process', national: false, supplierCapability: true,
    scheme: 'EN15085',
  },
  {
    code: 'EN15085_CL3', nameRu: 'EN 15085-2 CL3 — сварка железнодорожного подвижного состава',
    nameEn: 'EN 15085-2 CL3 railway vehicle welding', kind: 'process', national: false, supplierCapability: true,
    scheme: 'EN15085',
  },
  {
    code: 'EN15085_CL4', nameRu: 'EN 15085-2 CL4 — сварка железнодорожного подвижного состава',
    nameEn: 'EN 15085-2 CL4 railway vehicle welding', kind: 'process', national: false, supplierCapability: true,
    scheme: 'EN15085', note: 'Design and procurement level; not reached from CL1–CL3 ⚠',
  },
  {
    code: 'EN1090_EXC1', nameRu: 'EN 1090-1/-2 EXC1 — производственный контроль стальных конструкций',
    nameEn: 'EN 1090-1/-2 EXC1 factory production control, steel structures', kind: 'process', national: false,
    supplierCapability: true, scheme: 'EN1090',
  },
  {
    code: 'EN1090_EXC2', nameRu: 'EN 1090-1/-2 EXC2 — производственный контроль стальных конструкций',
    nameEn: 'EN 1090-1/-2 EXC2 factory production control, steel structures', kind: 'process', national: false,
    supplierCapability: true, scheme: 'EN1090',
  },
  {
    code: 'EN1090_EXC3', nameRu: 'EN 1090-1/-2 EXC3 — производственный контроль стальных конструкций',
    nameEn: 'EN 1090-1/-2 EXC3 factory production control, steel structures', kind: 'process', national: false,
    supplierCapability: true, scheme: 'EN1090',
  },
  {
    code: 'EN1090_EXC4', nameRu: 'EN 1090-1/-2 EXC4 — производственный контроль стальных конструкций',
    nameEn: 'EN 1090-1/-2 EXC4 factory production control, steel structures', kind: 'process', national: false,
    supplierCapability: true, scheme: 'EN1090',
  },
  {
    code: 'NAKS_TECH', nameRu: 'Аттестация сварочных технологий НАКС (РД 03-615-03)',
    nameEn: 'NAKS welding-procedure attestation', kind: 'regulatory', national: true, supplierCapability: true,
    scheme: 'NAKS',
    note: 'Mandatory on hazardous production facilities (116-ФЗ); per group of technical devices: ГДО, КО, КСМ, МО, НГДО, ОТОГ, ОХНВП, ПТО, СК, ГО ⚠',
  },
  {
    code: 'NAKS_PERS', nameRu: 'Аттестация сварщиков и специалистов сварочного производства НАКС (I–IV уровни)',
    nameEn: 'NAKS welder and welding-specialist attestation (levels I–IV)', kind: 'personnel', national: true,
    supplierCapability: true, scheme: 'NAKS', note: 'Per process, group and material',
  },
  {
    code: 'NAKS_MAT', nameRu: 'Аттестация сварочных материалов НАКС', nameEn: 'NAKS welding consumables attestation',
    kind: 'product', national: true, supplierCapability: false, scheme: 'NAKS',
  },
  {
    code: 'NAKS_EQUIP', nameRu: 'Аттестация сварочного оборудования НАКС', nameEn: 'NAKS welding equipment attestation',
    kind: 'product', national: true, supplierCapability: false, scheme: 'NAKS',
  },
  {
    code: 'RMRS_SPI', nameRu: 'РС: Свидетельство о признании изготовителя (СПИ)', nameEn: 'RS Recognition Certificate of Manufacturer',
    kind: 'class_society', national: true, supplierCapability: true, scheme: 'RMRS', note: 'Exact document names ⚠',
  },
  {
    code: 'RMRS_STO', nameRu: 'РС: Свидетельство о типовом одобрении (СТО)', nameEn: 'RS Type Approval Certificate',
    kind: 'product', national: true, supplierCapability: false, scheme: 'RMRS',
    note: 'Product-level approval of marine equipment and materials, not a supplier capability',
  },
  {
    code: 'RMRS_SSP', nameRu: 'РС: Свидетельство о соответствии предприятия (ССП)',
    nameEn: 'RS Certificate of Firm Conformity (service suppliers: NDT, testing, repair)', kind: 'class_society',
    national: true, supplierCapability: true, scheme: 'RMRS', note: 'Document name not checked ⚠',
  },
  {
    code: 'RMRS_WELD', nameRu: 'РС: одобрение технологического процесса сварки; допуск сварщиков',
    nameEn: 'RS welding-procedure approval; welder approval', kind: 'process', national: true, supplierCapability: true,
    scheme: 'RMRS',
  },
  {
    code: 'RKO', nameRu: 'Российский речной регистр / Российское классификационное общество',
    nameEn: 'River register approvals (inland vessels)', kind: 'class_society', national: true, supplierCapability: true,
    scheme: 'RKO', note: 'Name ⚠',
  },
  {
    code: 'ISO14001', nameRu: 'ISO 14001:2015 — система экологического менеджмента',
    nameEn: 'ISO 14001:2015 environmental management system', kind: 'ems', national: false, supplierCapability: true,
    scheme: 'ISO14001',
  },
  {
    code: 'GOST_R_ISO14001', nameRu: 'ГОСТ Р ИСО 14001-2016 — система экологического менеджмента',
    nameEn: 'GOST R ISO 14001-2016 environmental management system', kind: 'ems', national: true,
    supplierCapability: true, scheme: 'GOST_R_ISO14001', note: 'Edition ⚠',
  },
  {
    code: 'ISO45001', nameRu: 'ISO 45001:2018 — система менеджмента безопасности труда и охраны здоровья',
    nameEn: 'ISO 45001:2018 occupational health and safety management system', kind: 'ohsms', national: false,
    supplierCapability: true, scheme: 'ISO45001',
  },
  {
    code: 'GOST_R_ISO45001', nameRu: 'ГОСТ Р ИСО 45001-2020 — система менеджмента безопасности труда и охраны здоровья',
    nameEn: 'GOST R ISO 45001-2020 occupational health and safety management system', kind: 'ohsms', national: true,
    supplierCapability: true, scheme: 'GOST_R_ISO45001', note: 'Edition ⚠',
  },
  {
    code: 'ISO50001', nameRu: 'ISO 50001 — система энергетического менеджмента', nameEn: 'ISO 50001 energy management system',
    kind: 'enms', national: false, supplierCapability: true, scheme: 'ISO50001',
  },
  {
    code: 'ISO17025', nameRu: 'ISO/IEC 17025 — компетентность испытательных и калибровочных лабораторий',
    nameEn: 'ISO/IEC 17025 testing and calibration laboratory competence', kind: 'accreditation', national: false,
    supplierCapability: true, scheme: 'ISO17025', note: 'Not a QMS certificate',
  },
  {
    code: 'GOST_ISO_IEC17025', nameRu: 'ГОСТ ISO/IEC 17025-2019 — компетентность лабораторий (аккредитация Росаккредитации)',
    nameEn: 'GOST ISO/IEC 17025-2019 laboratory competence (Rosaccreditation)', kind: 'accreditation', national: true,
    supplierCapability: true, scheme: 'GOST_ISO_IEC17025', note: 'Edition ⚠',
  },
  {
    code: 'NDT_PERS', nameRu: 'Сертификация персонала неразрушающего контроля (ISO 9712 / СДАНК)',
    nameEn: 'NDT personnel certification (ISO 9712 / SDANK)', kind: 'personnel', national: false, supplierCapability: true,
    scheme: 'NDT_PERS', note: 'ISO 9712 internationally, СДАНК (Ростехнадзор) in Russia ⚠',
  },
  {
    code: 'FAP21', nameRu: 'Одобрение организации-изготовителя (АП/ФАП-21, Росавиация)',
    nameEn: 'Production organisation approval (Part-21 analogue, Rosaviatsia)', kind: 'regulatory', national: true,
    supplierCapability: true, scheme: 'FAP21', note: 'Regulation name not checked ⚠',
  },
  {
    code: 'MPT_LIC_VVT', nameRu: 'Лицензия Минпромторга на разработку и производство ВВТ',
    nameEn: 'Ministry of Industry and Trade defence production licence', kind: 'regulatory', national: true,
    supplierCapability: true, scheme: 'MPT_LIC_VVT',
  },
]

/**
 * 0.7: a content-equivalent scheme, or an older revision, covers most of the requirement but the buyer's
 * auditor need not recognise it. That is enough to rank the supplier, never enough to pass as a full match,
 * and two soft hops (0.49) fall below half credit.
 */
export const SOFT_EDGE_CREDIT = 0.7

/** `equivalent`: identical national adoption (≡). `implies`: full credit (→). `similar` (~) and `legacy`: soft. */
export type CertificateEdgeKind = 'equivalent' | 'implies' | 'similar' | 'legacy'

/** A valid certificate `from` satisfies a requirement for `to` with `credit`. */
export interface CertificateEdge {
  from: string
  to: string
  kind: CertificateEdgeKind
  credit: number
}

type CodePair = readonly [string, string]

const EQUIVALENT_PAIRS: readonly CodePair[] = [
  ['ISO9001', 'GOST_R_ISO9001'],
  ['ISO14001', 'GOST_R_ISO14001'],
  ['ISO45001', 'GOST_R_ISO45001'],
  ['ISO17025', 'GOST_ISO_IEC17025'],
  ['AS9110', 'GOST_R_EN9110'],
]

const IMPLICATIONS: readonly CodePair[] = [
  ['AS9100', 'ISO9001'],
  ['AS9110', 'ISO9001'],
  ['AS9120', 'ISO9001'],
  ['IATF16949', 'ISO9001'],
  ['GOST_R_58139', 'ISO9001'],
  ['GOST_RV_0015_002', 'ISO9001'],
  ['ISO_TS22163', 'ISO9001'],
  ['ISO3834-2', 'ISO3834-3'],
  ['ISO3834-3', 'ISO3834-4'],
  ['EN15085_CL1', 'ISO3834-2'],
  ['EN15085_CL1', 'EN15085_CL2'],
  ['EN15085_CL2', 'EN15085_CL3'],
  ['EN1090_EXC4', 'ISO3834-2'],
  ['EN1090_EXC3', 'ISO3834-2'],
  ['EN1090_EXC2', 'ISO3834-3'],
  ['EN1090_EXC1', 'ISO3834-4'],
  ['EN1090_EXC4', 'EN1090_EXC3'],
  ['EN1090_EXC3', 'EN1090_EXC2'],
  ['EN1090_EXC2', 'EN1090_EXC1'],
]

/** Same content under a different scheme: partial credit both ways, not mutual recognition. */
const SIMILAR_PAIRS: readonly CodePair[] = [
  ['AS9100', 'GOST_R_EN9100_2011'],
  ['IATF16949', 'GOST_R_58139'],
]

/** Built on an older ISO 9001 revision, so it covers most but not all of the current one. */
const LEGACY_IMPLICATIONS: readonly CodePair[] = [['GOST_R_EN9100_2011', 'ISO9001']]

function edge([from, to]: CodePair, kind: CertificateEdgeKind): CertificateEdge {
  const credit = kind === 'equivalent' || kind === 'implies' ? 1 : SOFT_EDGE_CREDIT
  return { from, to, kind, credit }
}

function bothWays([a, b]: CodePair, kind: CertificateEdgeKind): CertificateEdge[] {
  return [edge([a, b], kind), edge([b, a], kind)]
}

/** Every directed edge of the implication graph; ≡ and ~ appear once per direction. */
export const CERTIFICATE_EDGES: readonly CertificateEdge[] = [
  ...EQUIVALENT_PAIRS.flatMap((pair) => bothWays(pair, 'equivalent')),
  ...IMPLICATIONS.map((pair) => edge(pair, 'implies')),
  ...SIMILAR_PAIRS.flatMap((pair) => bothWays(pair, 'similar')),
  ...LEGACY_IMPLICATIONS.map((pair) => edge(pair, 'legacy')),
]

/** Pairs that must never become reachable, written down so that nobody adds the edge later. */
export interface NonImplication {
  from: string
  to: string
  reason: string
}

const ISO9001_CLASS = ['ISO9001', 'GOST_R_ISO9001']
const ISO3834_LEVELS = ['ISO3834-2', 'ISO3834-3', 'ISO3834-4']
const NAKS_CODES = ['NAKS_TECH', 'NAKS_PERS', 'NAKS_MAT', 'NAKS_EQUIP']

function noneOf(from: readonly string[], to: readonly string[], reason: string): NonImplication[] {
  return from.flatMap((source) => to.map((target) => ({ from: source, to: target, reason })))
}

export const NON_IMPLICATIONS: readonly NonImplication[] = [
  ...noneOf(['ISO13485'], ISO9001_CLASS, 'Standalone QMS on the older structure, without continual improvement and customer satisfaction'),
  ...noneOf(ISO3834_LEVELS, ISO9001_CLASS, 'Welding process standard, not a QMS'),
  ...noneOf(NAKS_CODES, ISO3834_LEVELS, 'Regulatory attestation, complementary to ISO 3834'),
  ...noneOf(['ISO17025', 'GOST_ISO_IEC17025'], ISO9001_CLASS, 'Laboratory competence, not a QMS certificate'),
  ...noneOf(
    ['RMRS_STO'],
    CERTIFICATES.map((certificate) => certificate.code).filter((code) => code !== 'RMRS_STO'),
    'Product type approval, not a supplier capability',
  ),
]

const CERTIFICATES_BY_CODE: ReadonlyMap<string, CertificateStandard> = new Map(
  CERTIFICATES.map((certificate) => [certificate.code, certificate]),
)

export function getCertificate(code: string): CertificateStandard | undefined {
  return CERTIFICATES_BY_CODE.get(code)
}

export function isCertificateCode(code: string): boolean {
  return CERTIFICATES_BY_CODE.has(code)
}

type CreditMap = ReadonlyMap<string, number>
type Adjacency = ReadonlyMap<string, readonly CertificateEdge[]>

function outgoingEdges(edges: readonly CertificateEdge[]): Adjacency {
  const outgoing = new Map<string, CertificateEdge[]>()
  for (const candidate of edges) outgoing.set(candidate.from, [...(outgoing.get(candidate.from) ?? []), candidate])
  return outgoing
}

/** Best credit from `source` to every reachable code: the product of edge credits along a path, maximised over paths. */
function reachableCredits(source: string, outgoing: Adjacency): CreditMap {
  const best = new Map([[source, 1]])
  const pending = [source]
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const base = best.get(node) ?? 0
    for (const { to, credit } of outgoing.get(node) ?? []) {
      if (base * credit > (best.get(to) ?? 0)) {
        best.set(to, base * credit)
        pending.push(to)
      }
    }
  }
  return best
}

interface Closure {
  /** held → everything it satisfies */
  satisfies: ReadonlyMap<string, CreditMap>
  /** required → everything that satisfies it */
  satisfiedBy: ReadonlyMap<string, CreditMap>
}

function invert(satisfies: ReadonlyMap<string, CreditMap>): ReadonlyMap<string, CreditMap> {
  const satisfiedBy = new Map<string, Map<string, number>>()
  for (const [held, targets] of satisfies) {
    for (const [required, credit] of targets) {
      satisfiedBy.set(required, (satisfiedBy.get(required) ?? new Map<string, number>()).set(held, credit))
    }
  }
  return satisfiedBy
}

function buildClosure(edges: readonly CertificateEdge[]): Closure {
  const outgoing = outgoingEdges(edges)
  const satisfies = new Map(CERTIFICATES.map(({ code }) => [code, reachableCredits(code, outgoing)]))
  return { satisfies, satisfiedBy: invert(satisfies) }
}

function countsInStrictMode({ from, to, kind }: CertificateEdge): boolean {
  return kind === 'equivalent' || getCertificate(from)?.scheme === getCertificate(to)?.scheme
}

const FULL_CLOSURE = buildClosure(CERTIFICATE_EDGES)
const STRICT_NATIONAL_CLOSURE = buildClosure(CERTIFICATE_EDGES.filter(countsInStrictMode))
const NO_CREDITS: CreditMap = new Map()

/** `strictNational`: the buyer accepts only the very scheme, its levels and identical national adoptions. */
export interface CertificateCreditOptions {
  strictNational?: boolean
}

function closureFor(opts: CertificateCreditOptions | undefined): Closure {
  return opts?.strictNational === true ? STRICT_NATIONAL_CLOSURE : FULL_CLOSURE
}

/** Everything `held` satisfies, with credit; includes `held` itself at 1. Empty for an unknown code. */
export function closureOf(held: string, opts?: CertificateCreditOptions): CreditMap {
  return closureFor(opts).satisfies.get(held) ?? NO_CREDITS
}

/** Every certificate that satisfies `required`, with credit; used to build search filters. */
export function satisfiersOf(required: string, opts?: CertificateCreditOptions): CreditMap {
  return closureFor(opts).satisfiedBy.get(required) ?? NO_CREDITS
}

/** 1 for full credit, between 0 and 1 for a soft match, 0 when `held` does not satisfy `required`. */
export function certificateCredit(held: string, required: string, opts?: CertificateCreditOptions): number {
  return closureOf(held, opts).get(required) ?? 0
}
