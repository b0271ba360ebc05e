import { searchEntries, toSearchEntry, type SearchEntry } from './processes.js'

export type MaterialFamilyCode =
  | 'STEEL_CARBON'
  | 'STEEL_LOW_ALLOY'
  | 'STEEL_ALLOY'
  | 'STEEL_TOOL'
  | 'STEEL_STAINLESS'
  | 'STEEL_CAST'
  | 'STEEL_SHIP'
  | 'STEEL_ELECTRICAL'
  | 'NICKEL_ALLOY'
  | 'ALUMINIUM'
  | 'TITANIUM'
  | 'MAGNESIUM'
  | 'COPPER_ALLOY'
  | 'CAST_IRON'
  | 'POLYMER'
  | 'RUBBER'
  | 'COMPOSITE'
  | 'OTHER'

export interface MaterialFamily {
  code: MaterialFamilyCode
  nameRu: string
  nameEn: string
}

export type EquivalentSystem = 'EN' | 'WNr' | 'AISI' | 'ASTM' | 'UNS' | 'AA' | 'ISO' | 'trade'

/**
 * `exact` means the reference lists the designation without ≈. Both qualities are for search and
 * matching only, never for engineering substitution.
 */
export interface MaterialEquivalent {
  system: EquivalentSystem
  designation: string
  quality: 'exact' | 'approx'
}

/**
 * Metal codes are the family prefix plus a transliteration of `nameRu` (Х→KH, Ц→TS, Ч→CH, Ш→SH, Ж→ZH,
 * Ю→YU, anything else non-alphanumeric → `_`); non-metals use their ISO 1043 / English abbreviation.
 */
export interface Material {
  code: string
  family: MaterialFamilyCode
  /** The Russian designation as written in ГОСТ and on drawings. */
  nameRu: string
  /** Older designations, plant codes and full names that people still search for. */
  aliases?: readonly string[]
  gost?: string
  equivalents: readonly MaterialEquivalent[]
  note?: string
}

export const MATERIAL_FAMILIES: readonly MaterialFamily[] = [
  { code: 'STEEL_CARBON', nameRu: 'Углеродистые стали', nameEn: 'Carbon steels' },
  { code: 'STEEL_LOW_ALLOY', nameRu: 'Низколегированные стали', nameEn: 'Low-alloy (HSLA) steels' },
  { code: 'STEEL_ALLOY', nameRu: 'Легированные конструкционные стали', nameEn: 'Alloy structural, bearing and spring steels' },
  { code: 'STEEL_TOOL', nameRu: 'Инструментальные стали', nameEn: 'Tool steels' },
  { code: 'STEEL_STAINLESS', nameRu: 'Коррозионностойкие и жаростойкие стали', nameEn: 'Stainless and heat-resistant steels' },
  { code: 'STEEL_CAST', nameRu: 'Литейные стали', nameEn: 'Cast steels' },
  { code: 'STEEL_SHIP', nameRu: 'Судостроительные стали', nameEn: 'Ship hull steels' },
  { code: 'STEEL_ELECTRICAL', nameRu: 'Электротехнические стали', nameEn: 'Electrical steels' },
  { code: 'NICKEL_ALLOY', nameRu: 'Жаропрочные никелевые сплавы', nameEn: 'Nickel superalloys' },
  { code: 'ALUMINIUM', nameRu: 'Алюминий и алюминиевые сплавы', nameEn: 'Aluminium and aluminium alloys' },
  { code: 'TITANIUM', nameRu: 'Титан и титановые сплавы', nameEn: 'Titanium and titanium alloys' },
  { code: 'MAGNESIUM', nameRu: 'Магниевые сплавы', nameEn: 'Magnesium alloys' },
  { code: 'COPPER_ALLOY', nameRu: 'Медь и медные сплавы', nameEn: 'Copper and copper alloys' },
  { code: 'CAST_IRON', nameRu: 'Чугуны', nameEn: 'Cast irons' },
  { code: 'POLYMER', nameRu: 'Пластмассы', nameEn: 'Plastics' },
  { code: 'RUBBER', nameRu: 'Резины', nameEn: 'Rubbers' },
  { code: 'COMPOSITE', nameRu: 'Композиты и слоистые пластики', nameEn: 'Composites and laminates' },
  { code: 'OTHER', nameRu: 'Прочие материалы', nameEn: 'Other materials' },
]

function exact(system: EquivalentSystem, designation: string): MaterialEquivalent {
  return { system, designation, quality: 'exact' }
}

function approx(system: EquivalentSystem, designation: string): MaterialEquivalent {
  return { system, designation, quality: 'approx' }
}

/** IACS unified hull-steel grades are identical across class societies; ASTM A131 uses the same grade names. */
function shipSteel(grade: string, astmGrade: string): Material {
  return {
    code: `ST_RS_${grade}`,
    family: 'STEEL_SHIP',
    nameRu: `РС ${grade}`,
    gost: 'ГОСТ Р 52927-2015',
    equivalents: [approx('ASTM', `A131 ${astmGrade}`)],
  }
}

const DEEP_DRAWING_NOTE = 'Reference gives ≈ DC01–DC04 for the 08 deep-drawing group'
const STAINLESS_GOST = 'ГОСТ 5632-2014'
const WROUGHT_AL_GOST = 'ГОСТ 4784-2019'
const CAST_AL_GOST = 'ГОСТ 1583-93'
const TITANIUM_GOST = 'ГОСТ 19807-91'

export const MATERIALS: readonly Material[] = [
  {
    code: 'ST_ST3SP', family: 'STEEL_CARBON', nameRu: 'Ст3сп', aliases: ['Ст3'], gost: 'ГОСТ 380-2005',
    equivalents: [exact('EN', 'S235JR'), exact('WNr', '1.0038'), approx('ASTM', 'A36'), approx('ASTM', 'A283 Grade C')],
  },
  {
    code: 'ST_08PS', family: 'STEEL_CARBON', nameRu: '08пс', gost: 'ГОСТ 1050-2013',
    equivalents: [approx('EN', 'DC01'), approx('AISI', '1008')], note: DEEP_DRAWING_NOTE,
  },
  {
    code: 'ST_08KP', family: 'STEEL_CARBON', nameRu: '08кп', gost: 'ГОСТ 1050-2013',
    equivalents: [approx('EN', 'DC01'), approx('AISI', '1008')], note: DEEP_DRAWING_NOTE,
  },
  {
    code: 'ST_08YU', family: 'STEEL_CARBON', nameRu: '08Ю', gost: 'ГОСТ 9045-93',
    equivalents: [approx('EN', 'DC04'), approx('AISI', '1008')], note: DEEP_DRAWING_NOTE,
  },
  {
    code: 'ST_10', family: 'STEEL_CARBON', nameRu: '10', aliases: ['Сталь 10'], gost: 'ГОСТ 1050-2013',
    equivalents: [exact('EN', 'C10E'), exact('WNr', '1.1121'), exact('AISI', '1010')],
  },
  {
    code: 'ST_20', family: 'STEEL_CARBON', nameRu: '20', aliases: ['Сталь 20'], gost: 'ГОСТ 1050-2013',
    equivalents: [exact('EN', 'C22'), exact('WNr', '1.0402'), exact('AISI', '1020')],
  },
  {
    code: 'ST_35', family: 'STEEL_CARBON', nameRu: '35', aliases: ['Сталь 35'], gost: 'ГОСТ 1050-2013',
    equivalents: [exact('EN', 'C35'), exact('WNr', '1.0501'), exact('AISI', '1035')],
  },
  {
    code: 'ST_45', family: 'STEEL_CARBON', nameRu: '45', aliases: ['Сталь 45'], gost: 'ГОСТ 1050-2013',
    equivalents: [exact('EN', 'C45'), exact('WNr', '1.0503'), exact('AISI', '1045')],
    note: 'The commonest grade for shafts and machined parts',
  },
  {
    code: 'ST_09G2S', family: 'STEEL_LOW_ALLOY', nameRu: '09Г2С', gost: 'ГОСТ 19281-2014',
    equivalents: [approx('EN', 'S355J2'), approx('WNr', '1.0577'), approx('ASTM', 'A572 Gr.50')],
    note: 'Welded structures, cold climate; ASTM cross-reference ⚠',
  },
  {
    code: 'ST_10KHSND', family: 'STEEL_LOW_ALLOY', nameRu: '10ХСНД', gost: 'ГОСТ 6713 / ГОСТ 19281-2014',
    equivalents: [approx('EN', 'S355J2W'), approx('ASTM', 'A588')], note: 'Weathering steel for bridges and ships; cross-references ⚠',
  },
  {
    code: 'ST_A500S', family: 'STEEL_LOW_ALLOY', nameRu: 'А500С', gost: 'ГОСТ 34028-2016',
    equivalents: [approx('EN', 'B500C')], note: 'Rebar; cross-reference ⚠',
  },
  {
    code: 'ST_20KH', family: 'STEEL_ALLOY', nameRu: '20Х', gost: 'ГОСТ 4543-2016',
    equivalents: [exact('EN', '20Cr4'), exact('WNr', '1.7027'), exact('AISI', '5120')],
  },
  {
    code: 'ST_40KH', family: 'STEEL_ALLOY', nameRu: '40Х', gost: 'ГОСТ 4543-2016',
    equivalents: [exact('EN', '41Cr4'), exact('WNr', '1.7035'), exact('AISI', '5140')],
  },
  {
    code: 'ST_18KHGT', family: 'STEEL_ALLOY', nameRu: '18ХГТ', gost: 'ГОСТ 4543-2016',
    equivalents: [approx('EN', '20MnCr5'), approx('WNr', '1.7147'), approx('AISI', '5120')],
    note: 'Automotive gears; cross-references ⚠',
  },
  {
    code: 'ST_12KHN3A', family: 'STEEL_ALLOY', nameRu: '12ХН3А', gost: 'ГОСТ 4543-2016',
    equivalents: [approx('EN', '15NiCr13'), approx('WNr', '1.5752'), approx('AISI', 'E3310')],
    note: 'Carburised gears; cross-references ⚠',
  },
  {
    code: 'ST_40KHN2MA', family: 'STEEL_ALLOY', nameRu: '40ХН2МА', gost: 'ГОСТ 4543-2016',
    equivalents: [exact('EN', '34CrNiMo6'), exact('WNr', '1.6582'), approx('AISI', '4340')],
  },
  {
    code: 'ST_30KHGSA', family: 'STEEL_ALLOY', nameRu: '30ХГСА', gost: 'ГОСТ 4543-2016',
    equivalents: [approx('AISI', '4130')], note: 'No direct equivalent; AISI 4130 family is for search only',
  },
  {
    code: 'ST_38KH2MYUA', family: 'STEEL_ALLOY', nameRu: '38Х2МЮА', gost: 'ГОСТ 4543-2016',
    equivalents: [exact('EN', '41CrAlMo7-10'), exact('WNr', '1.8509'), approx('trade', 'Nitralloy 135')],
    note: 'Nitriding steel',
  },
  {
    code: 'ST_SHKH15', family: 'STEEL_ALLOY', nameRu: 'ШХ15', gost: 'ГОСТ 801-2022',
    equivalents: [exact('EN', '100Cr6'), exact('WNr', '1.3505'), exact('AISI', '52100')],
    note: 'Bearing steel; ГОСТ edition ⚠',
  },
  {
    code: 'ST_65G', family: 'STEEL_ALLOY', nameRu: '65Г', gost: 'ГОСТ 14959-2016',
    equivalents: [approx('EN', 'C67S'), approx('AISI', '1065')], note: 'Spring steel',
  },
  {
    code: 'ST_60S2A', family: 'STEEL_ALLOY', nameRu: '60С2А', gost: 'ГОСТ 14959-2016',
    equivalents: [approx('EN', '61SiCr7'), approx('WNr', '1.7108'), approx('AISI', '9260')], note: 'Spring steel',
  },
  {
    code: 'ST_U8A', family: 'STEEL_TOOL', nameRu: 'У8А', gost: 'ГОСТ 1435-99',
    equivalents: [exact('EN', 'C80U'), exact('WNr', '1.1525'), approx('AISI', 'W1')],
  },
  {
    code: 'ST_KH12MF', family: 'STEEL_TOOL', nameRu: 'Х12МФ', gost: 'ГОСТ 5950-2000',
    equivalents: [approx('EN', 'X153CrMoV12'), approx('WNr', '1.2379'), approx('AISI', 'D2')],
  },
  {
    code: 'ST_4KH5MFS', family: 'STEEL_TOOL', nameRu: '4Х5МФС', gost: 'ГОСТ 5950-2000',
    equivalents: [exact('EN', 'X40CrMoV5-1'), exact('WNr', '1.2344'), exact('AISI', 'H13')],
  },
  {
    code: 'ST_5KHNM', family: 'STEEL_TOOL', nameRu: '5ХНМ', gost: 'ГОСТ 5950-2000',
    equivalents: [exact('EN', '55NiCrMoV7'), exact('WNr', '1.2714'), approx('AISI', 'L6')],
  },
  {
    code: 'ST_R6M5', family: 'STEEL_TOOL', nameRu: 'Р6М5', gost: 'ГОСТ 19265-73',
    equivalents: [exact('EN', 'HS6-5-2'), exact('WNr', '1.3343'), exact('AISI', 'M2')],
  },
  {
    code: 'ST_R18', family: 'STEEL_TOOL', nameRu: 'Р18', gost: 'ГОСТ 19265-73',
    equivalents: [exact('EN', 'HS18-0-1'), exact('WNr', '1.3355'), exact('AISI', 'T1')],
  },
  { code: 'ST_35L', family: 'STEEL_CAST', nameRu: '35Л', gost: 'ГОСТ 977-88', equivalents: [] },
  {
    code: 'ST_110G13L', family: 'STEEL_CAST', nameRu: '110Г13Л', gost: 'ГОСТ 977-88',
    equivalents: [exact('EN', 'X120Mn12'), exact('WNr', '1.3401'), exact('ASTM', 'A128')],
    note: 'Hadfield manganese steel for wear parts',
  },
  shipSteel('A', 'Grade A'),
  shipSteel('B', 'Grade B'),
  shipSteel('D', 'Grade D'),
  shipSteel('E', 'Grade E'),
  shipSteel('A32', 'AH32'),
  shipSteel('D32', 'DH32'),
  shipSteel('E32', 'EH32'),
  shipSteel('A36', 'AH36'),
  shipSteel('D36', 'DH36'),
  shipSteel('E36', 'EH36'),
  shipSteel('A40', 'AH40'),
  shipSteel('D40', 'DH40'),
  shipSteel('E40', 'EH40'),
  {
    code: 'ST_2212', family: 'STEEL_ELECTRICAL', nameRu: '2212', gost: 'ГОСТ 21427.2-83', equivalents: [],
    note: 'Cold-rolled isotropic electrical steel; grade and standard from domain knowledge ⚠',
  },
  {
    code: 'ST_12KH18N10T', family: 'STEEL_STAINLESS', nameRu: '12Х18Н10Т', gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'X6CrNiTi18-10'), exact('WNr', '1.4541'), exact('AISI', '321')],
    note: 'The commonest Russian stainless steel',
  },
  {
    code: 'ST_08KH18N10', family: 'STEEL_STAINLESS', nameRu: '08Х18Н10', gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'X5CrNi18-10'), exact('WNr', '1.4301'), exact('AISI', '304')],
  },
  {
    code: 'ST_03KH18N11', family: 'STEEL_STAINLESS', nameRu: '03Х18Н11', gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'X2CrNi19-11'), exact('WNr', '1.4306'), exact('AISI', '304L')],
  },
  {
    code: 'ST_10KH17N13M2T', family: 'STEEL_STAINLESS', nameRu: '10Х17Н13М2Т', gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'X6CrNiMoTi17-12-2'), exact('WNr', '1.4571'), exact('AISI', '316Ti')],
  },
  {
    code: 'ST_03KH17N14M3', family: 'STEEL_STAINLESS', nameRu: '03Х17Н14М3', gost: STAINLESS_GOST,
    equivalents: [
      approx('EN', 'X2CrNiMo18-14-3'), approx('WNr', '1.4435'), approx('WNr', '1.4404'), exact('AISI', '316L'),
    ],
  },
  {
    code: 'ST_12KH13', family: 'STEEL_STAINLESS', nameRu: '12Х13', gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'X12Cr13'), exact('WNr', '1.4006'), exact('AISI', '410')],
  },
  {
    code: 'ST_20KH13', family: 'STEEL_STAINLESS', nameRu: '20Х13', gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'X20Cr13'), exact('WNr', '1.4021'), exact('AISI', '420')],
  },
  {
    code: 'ST_40KH13', family: 'STEEL_STAINLESS', nameRu: '40Х13', gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'X46Cr13'), exact('WNr', '1.4034'), approx('AISI', '420')], note: 'High-carbon 420',
  },
  {
    code: 'ST_14KH17N2', family: 'STEEL_STAINLESS', nameRu: '14Х17Н2', gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'X17CrNi16-2'), exact('WNr', '1.4057'), exact('AISI', '431')],
  },
  {
    code: 'ST_12KH17', family: 'STEEL_STAINLESS', nameRu: '12Х17', gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'X6Cr17'), exact('WNr', '1.4016'), exact('AISI', '430')],
  },
  {
    code: 'ST_20KH23N18', family: 'STEEL_STAINLESS', nameRu: '20Х23Н18', gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'X8CrNi25-21'), exact('WNr', '1.4845'), exact('AISI', '310S')],
  },
  {
    code: 'ST_02KH22N5AM3', family: 'STEEL_STAINLESS', nameRu: '02Х22Н5АМ3',
    equivalents: [approx('WNr', '1.4462'), approx('UNS', 'S32205'), approx('trade', '2205')],
    note: 'Duplex; Russian designation ⚠',
  },
  {
    code: 'NI_KHN77TYUR', family: 'NICKEL_ALLOY', nameRu: 'ХН77ТЮР', aliases: ['ЭИ437Б'], gost: STAINLESS_GOST,
    equivalents: [
      exact('EN', 'NiCr20TiAl'), exact('WNr', '2.4952'), approx('trade', 'Nimonic 80A'), approx('UNS', 'N07080'),
    ],
    note: 'Turbine discs, fasteners',
  },
  {
    code: 'NI_KHN78T', family: 'NICKEL_ALLOY', nameRu: 'ХН78Т', aliases: ['ЭИ435'], gost: STAINLESS_GOST,
    equivalents: [exact('EN', 'NiCr20Ti'), exact('WNr', '2.4951'), approx('trade', 'Nimonic 75'), approx('UNS', 'N06075')],
    note: 'Combustor sheet',
  },
  {
    code: 'NI_KHN45MVTYUBR', family: 'NICKEL_ALLOY', nameRu: 'ХН45МВТЮБР', aliases: ['ЭП718'],
    equivalents: [approx('trade', 'Inconel 718'), approx('UNS', 'N07718')],
    note: 'Inconel 718 family, not identical ⚠',
  },
  {
    code: 'AL_AD0', family: 'ALUMINIUM', nameRu: 'АД0', gost: WROUGHT_AL_GOST,
    equivalents: [exact('EN', 'EN AW-1050A'), exact('AA', '1050')],
  },
  {
    code: 'AL_AMTS', family: 'ALUMINIUM', nameRu: 'АМц', gost: WROUGHT_AL_GOST,
    equivalents: [exact('EN', 'EN AW-3003'), exact('AA', '3003')],
  },
  {
    code: 'AL_AMG2', family: 'ALUMINIUM', nameRu: 'АМг2', gost: WROUGHT_AL_GOST,
    equivalents: [approx('EN', 'EN AW-5251'), approx('EN', 'EN AW-5052'), approx('AA', '5052')],
  },
  {
    code: 'AL_AMG3', family: 'ALUMINIUM', nameRu: 'АМг3', gost: WROUGHT_AL_GOST,
    equivalents: [approx('EN', 'EN AW-5754'), approx('AA', '5754')],
  },
  {
    code: 'AL_AMG5', family: 'ALUMINIUM', nameRu: 'АМг5', gost: WROUGHT_AL_GOST,
    equivalents: [approx('EN', 'EN AW-5056A'), approx('AA', '5056')],
  },
  {
    code: 'AL_AMG6', family: 'ALUMINIUM', nameRu: 'АМг6', gost: WROUGHT_AL_GOST,
    equivalents: [approx('AA', '5456')],
    note: 'No exact EN equivalent (≈ 5456/5556 family ⚠); welded structures, shipbuilding, aerospace tanks',
  },
  {
    code: 'AL_AD31', family: 'ALUMINIUM', nameRu: 'АД31', gost: WROUGHT_AL_GOST,
    equivalents: [exact('EN', 'EN AW-6063'), exact('AA', '6063')],
  },
  {
    code: 'AL_AD33', family: 'ALUMINIUM', nameRu: 'АД33', gost: WROUGHT_AL_GOST,
    equivalents: [exact('EN', 'EN AW-6061'), exact('AA', '6061')],
  },
  {
    code: 'AL_AD35', family: 'ALUMINIUM', nameRu: 'АД35', gost: WROUGHT_AL_GOST,
    equivalents: [exact('EN', 'EN AW-6082'), exact('AA', '6082')],
  },
  {
    code: 'AL_D1', family: 'ALUMINIUM', nameRu: 'Д1', gost: WROUGHT_AL_GOST,
    equivalents: [exact('EN', 'EN AW-2017A'), exact('AA', '2017')],
  },
  {
    code: 'AL_D16', family: 'ALUMINIUM', nameRu: 'Д16', aliases: ['Д16Т'], gost: WROUGHT_AL_GOST,
    equivalents: [exact('EN', 'EN AW-2024'), exact('AA', '2024')],
    note: 'Д16Т = quenched and naturally aged, ≈ 2024-T3/T4; aircraft skin and structure',
  },
  {
    code: 'AL_1163', family: 'ALUMINIUM', nameRu: '1163', equivalents: [],
    note: 'High-purity Д16-type Al-Cu-Mg alloy for aircraft skin; listed in the aviation priors, details ⚠',
  },
  {
    code: 'AL_AK4_1', family: 'ALUMINIUM', nameRu: 'АК4-1', gost: WROUGHT_AL_GOST,
    equivalents: [approx('EN', 'EN AW-2618A'), exact('AA', '2618')], note: 'Engine and aero forgings',
  },
  {
    code: 'AL_AK8', family: 'ALUMINIUM', nameRu: 'АК8', gost: WROUGHT_AL_GOST,
    equivalents: [approx('EN', 'EN AW-2014'), exact('AA', '2014')],
  },
  {
    code: 'AL_V95', family: 'ALUMINIUM', nameRu: 'В95', aliases: ['В95пч', 'В95оч'], gost: WROUGHT_AL_GOST,
    equivalents: [approx('EN', 'EN AW-7075'), exact('AA', '7075'), approx('AA', '7475')],
    note: '7475 corresponds to the high-purity В95пч/оч ⚠',
  },
  {
    code: 'AL_1420', family: 'ALUMINIUM', nameRu: '1420', equivalents: [],
    note: 'Al-Li, no Western equivalent; Russian aerospace',
  },
  {
    code: 'AL_1441', family: 'ALUMINIUM', nameRu: '1441', equivalents: [],
    note: 'Al-Li, no Western equivalent; Russian aerospace ⚠',
  },
  {
    code: 'AL_AK12', family: 'ALUMINIUM', nameRu: 'АК12', aliases: ['АЛ2'], gost: CAST_AL_GOST,
    equivalents: [approx('EN', 'EN AC-44100'), approx('EN', 'AlSi12'), approx('AA', 'A413')], note: 'Die castings',
  },
  {
    code: 'AL_AK7CH', family: 'ALUMINIUM', nameRu: 'АК7ч', aliases: ['АЛ9'], gost: CAST_AL_GOST,
    equivalents: [approx('EN', 'EN AC-42100'), approx('EN', 'AlSi7Mg0.3'), approx('AA', 'A356')], note: 'Wheels, housings',
  },
  {
    code: 'AL_AK9CH', family: 'ALUMINIUM', nameRu: 'АК9ч', aliases: ['АЛ4'], gost: CAST_AL_GOST,
    equivalents: [approx('EN', 'EN AC-43300'), approx('EN', 'AlSi9Mg'), approx('AA', 'A360')],
    note: 'Engine housings; cross-references ⚠',
  },
  {
    code: 'AL_AK5M', family: 'ALUMINIUM', nameRu: 'АК5М', aliases: ['АЛ5'], gost: CAST_AL_GOST,
    equivalents: [approx('EN', 'EN AC-45300'), approx('AA', '355')], note: 'Cylinder heads',
  },
  {
    code: 'TI_VT1_00', family: 'TITANIUM', nameRu: 'ВТ1-00', gost: TITANIUM_GOST,
    equivalents: [approx('WNr', '3.7025'), approx('ASTM', 'Grade 1')],
  },
  {
    code: 'TI_VT1_0', family: 'TITANIUM', nameRu: 'ВТ1-0', gost: TITANIUM_GOST,
    equivalents: [approx('WNr', '3.7035'), approx('ASTM', 'Grade 2')],
  },
  {
    code: 'TI_VT6', family: 'TITANIUM', nameRu: 'ВТ6', gost: TITANIUM_GOST,
    equivalents: [exact('EN', 'TiAl6V4'), exact('WNr', '3.7165'), exact('ASTM', 'Grade 5'), exact('trade', 'Ti-6Al-4V')],
  },
  {
    code: 'TI_OT4', family: 'TITANIUM', nameRu: 'ОТ4', gost: TITANIUM_GOST, equivalents: [],
    note: 'Pseudo-α Ti-Al-Mn aero sheet, no equivalent',
  },
  {
    code: 'TI_OT4_1', family: 'TITANIUM', nameRu: 'ОТ4-1', gost: TITANIUM_GOST, equivalents: [],
    note: 'Pseudo-α Ti-Al-Mn aero sheet, no equivalent',
  },
  {
    code: 'TI_VT20', family: 'TITANIUM', nameRu: 'ВТ20', gost: TITANIUM_GOST,
    equivalents: [approx('trade', 'Ti-6Al-2Zr-1Mo-1V')],
  },
  {
    code: 'TI_VT22', family: 'TITANIUM', nameRu: 'ВТ22', gost: TITANIUM_GOST,
    equivalents: [approx('trade', 'Ti-5Al-5Mo-5V-1Cr-1Fe'), approx('trade', 'Ti-5553')],
    note: 'Landing gear; Ti-5553 family ⚠',
  },
  {
    code: 'TI_PT_3V', family: 'TITANIUM', nameRu: 'ПТ-3В', gost: TITANIUM_GOST, equivalents: [],
    note: 'Marine titanium for hulls and piping',
  },
  {
    code: 'MG_MA2_1', family: 'MAGNESIUM', nameRu: 'МА2-1',
    equivalents: [approx('EN', 'EN-MAMgAl3Zn1'), approx('ASTM', 'AZ31B')],
  },
  {
    code: 'MG_ML5', family: 'MAGNESIUM', nameRu: 'МЛ5',
    equivalents: [approx('EN', 'EN-MCMgAl8Zn1'), approx('ASTM', 'AZ91')], note: 'Cross-references ⚠',
  },
  {
    code: 'CU_M1', family: 'COPPER_ALLOY', nameRu: 'М1',
    equivalents: [approx('EN', 'Cu-ETP'), approx('EN', 'CW004A'), approx('UNS', 'C11000')], note: 'Busbars',
  },
  {
    code: 'CU_L63', family: 'COPPER_ALLOY', nameRu: 'Л63',
    equivalents: [exact('EN', 'CuZn37'), exact('EN', 'CW508L'), exact('UNS', 'C27200')],
  },
  {
    code: 'CU_L68', family: 'COPPER_ALLOY', nameRu: 'Л68',
    equivalents: [approx('EN', 'CuZn33'), approx('EN', 'CW506L'), approx('UNS', 'C26800')], note: 'Deep drawing',
  },
  {
    code: 'CU_LS59_1', family: 'COPPER_ALLOY', nameRu: 'ЛС59-1',
    equivalents: [
      approx('EN', 'CuZn39Pb1'), approx('EN', 'CuZn40Pb2'), approx('EN', 'CW617N'),
      approx('UNS', 'C37000'), approx('UNS', 'C38500'),
    ],
    note: 'Leaded brass for turned parts',
  },
  {
    code: 'CU_BRB2', family: 'COPPER_ALLOY', nameRu: 'БрБ2',
    equivalents: [exact('EN', 'CuBe2'), exact('EN', 'CW101C'), exact('UNS', 'C17200')],
  },
  {
    code: 'CU_BROF6_5_0_15', family: 'COPPER_ALLOY', nameRu: 'БрОФ6,5-0,15',
    equivalents: [approx('EN', 'CuSn6'), approx('EN', 'CW452K'), approx('UNS', 'C51900')],
  },
  {
    code: 'CU_BRAZH9_4', family: 'COPPER_ALLOY', nameRu: 'БрАЖ9-4',
    equivalents: [approx('EN', 'CuAl10Fe3Mn2'), approx('UNS', 'C62300')], note: 'Bushings, marine; EN cross-reference ⚠',
  },
  {
    code: 'CU_BRKH', family: 'COPPER_ALLOY', nameRu: 'БрХ',
    equivalents: [exact('EN', 'CuCr1'), exact('EN', 'CW105C'), exact('UNS', 'C18200')], note: 'Welding electrodes',
  },
  {
    code: 'CU_BRO5TS5S5', family: 'COPPER_ALLOY', nameRu: 'БрО5Ц5С5', aliases: ['БрОЦС5-5-5'],
    equivalents: [exact('EN', 'CuSn5Zn5Pb5-C'), exact('EN', 'CC491K'), exact('UNS', 'C83600')],
  },
  {
    code: 'CU_MNZHMTS30_1_1', family: 'COPPER_ALLOY', nameRu: 'МНЖМц30-1-1',
    equivalents: [exact('EN', 'CuNi30Mn1Fe'), exact('EN', 'CW354H'), exact('UNS', 'C71500')],
    note: 'Ship piping, heat exchangers',
  },
  {
    code: 'CI_SCH20', family: 'CAST_IRON', nameRu: 'СЧ20',
    equivalents: [exact('EN', 'EN-GJL-200'), approx('ASTM', 'A48 Class 30')],
  },
  {
    code: 'CI_SCH25', family: 'CAST_IRON', nameRu: 'СЧ25',
    equivalents: [exact('EN', 'EN-GJL-250'), approx('ASTM', 'A48 Class 35'), approx('ASTM', 'A48 Class 40')],
  },
  {
    code: 'CI_VCH40', family: 'CAST_IRON', nameRu: 'ВЧ40',
    equivalents: [exact('EN', 'EN-GJS-400-15'), approx('ASTM', 'A536 60-40-18')],
  },
  {
    code: 'CI_VCH50', family: 'CAST_IRON', nameRu: 'ВЧ50',
    equivalents: [exact('EN', 'EN-GJS-500-7'), approx('ASTM', 'A536 70-50-05')], note: 'ASTM tables differ',
  },
  {
    code: 'CI_KCH35_10', family: 'CAST_IRON', nameRu: 'КЧ35-10',
    equivalents: [approx('EN', 'EN-GJMB-350-10'), approx('ASTM', 'A47 32510')],
  },
  {
    code: 'CI_ICHKH28N2', family: 'CAST_IRON', nameRu: 'ИЧХ28Н2', gost: 'ГОСТ 7769-82',
    equivalents: [approx('ASTM', 'A532 Class III A')],
    note: 'High-chromium white iron for wear parts; grade and cross-reference from domain knowledge ⚠',
  },
  {
    code: 'PL_PA6', family: 'POLYMER', nameRu: 'ПА6', aliases: ['Полиамид 6'], equivalents: [exact('ISO', 'PA6')],
  },
  {
    code: 'PL_PA6G', family: 'POLYMER', nameRu: 'ПА6-блочный', aliases: ['капролон', 'Полиамид 6 литьевой'],
    equivalents: [approx('ISO', 'PA6'), approx('trade', 'PA6G')], note: 'Cast PA6 in blocks',
  },
  {
    code: 'PL_PA66', family: 'POLYMER', nameRu: 'ПА66', aliases: ['Полиамид 66'], equivalents: [exact('ISO', 'PA66')],
  },
  {
    code: 'PL_PA66_GF30', family: 'POLYMER', nameRu: 'ПА66-СВ30', aliases: ['Полиамид 66 стеклонаполненный'],
    equivalents: [exact('ISO', 'PA66-GF30')],
  },
  {
    code: 'PL_POM', family: 'POLYMER', nameRu: 'ПОМ', aliases: ['Полиацеталь', 'Полиформальдегид'],
    equivalents: [exact('ISO', 'POM'), approx('trade', 'Delrin'), approx('trade', 'Hostaform')],
  },
  {
    code: 'PL_PE_LD', family: 'POLYMER', nameRu: 'ПЭВД', aliases: ['Полиэтилен высокого давления'],
    equivalents: [exact('ISO', 'PE-LD')],
  },
  {
    code: 'PL_PE_HD', family: 'POLYMER', nameRu: 'ПЭНД', aliases: ['Полиэтилен низкого давления', 'ПЭ100'],
    equivalents: [exact('ISO', 'PE-HD')],
  },
  {
    code: 'PL_PP', family: 'POLYMER', nameRu: 'ПП', aliases: ['Полипропилен'], equivalents: [exact('ISO', 'PP')],
  },
  {
    code: 'PL_ABS', family: 'POLYMER', nameRu: 'АБС', aliases: ['АБС-пластик'], equivalents: [exact('ISO', 'ABS')],
  },
  {
    code: 'PL_PC', family: 'POLYMER', nameRu: 'ПК', aliases: ['Поликарбонат'], equivalents: [exact('ISO', 'PC')],
  },
  {
    code: 'PL_PMMA', family: 'POLYMER', nameRu: 'ПММА', aliases: ['Полиметилметакрилат', 'оргстекло'],
    equivalents: [exact('ISO', 'PMMA')],
  },
  {
    code: 'PL_PTFE', family: 'POLYMER', nameRu: 'ПТФЭ', aliases: ['Ф-4', 'фторопласт-4', 'Политетрафторэтилен'],
    equivalents: [exact('ISO', 'PTFE'), approx('trade', 'Teflon')],
  },
  {
    code: 'PL_PEEK', family: 'POLYMER', nameRu: 'ПЭЭК', aliases: ['Полиэфирэфиркетон'], equivalents: [exact('ISO', 'PEEK')],
  },
  {
    code: 'PL_PVC', family: 'POLYMER', nameRu: 'ПВХ', aliases: ['Поливинилхлорид'], equivalents: [exact('ISO', 'PVC')],
  },
  {
    code: 'PL_PU', family: 'POLYMER', nameRu: 'ПУ', aliases: ['Полиуретан', 'СКУ-ПФЛ-100'],
    equivalents: [exact('ISO', 'PU'), approx('ISO', 'TPU')],
  },
  {
    code: 'RB_NBR', family: 'RUBBER', nameRu: 'НБР', aliases: ['маслобензостойкая резина'], equivalents: [exact('ISO', 'NBR')],
  },
  { code: 'RB_EPDM', family: 'RUBBER', nameRu: 'ЭПДМ', equivalents: [exact('ISO', 'EPDM')] },
  { code: 'RB_VMQ', family: 'RUBBER', nameRu: 'Силиконовая резина', equivalents: [exact('ISO', 'VMQ')] },
  { code: 'RB_FKM', family: 'RUBBER', nameRu: 'Фторкаучук', equivalents: [exact('ISO', 'FKM')] },
  {
    code: 'CM_CFRP', family: 'COMPOSITE', nameRu: 'Углепластик', aliases: ['УП'], equivalents: [exact('ISO', 'CFRP')],
  },
  {
    code: 'CM_GFRP', family: 'COMPOSITE', nameRu: 'Стеклопластик', aliases: ['СП'], equivalents: [exact('ISO', 'GFRP')],
  },
  {
    code: 'CM_AFRP', family: 'COMPOSITE', nameRu: 'Органопластик', aliases: ['ОП'], equivalents: [exact('ISO', 'AFRP')],
    note: 'Aramid fibre',
  },
  {
    code: 'CM_STEF', family: 'COMPOSITE', nameRu: 'СТЭФ', aliases: ['Стеклотекстолит'],
    equivalents: [approx('trade', 'FR-4'), approx('trade', 'G-10')], note: 'PCB laminate',
  },
  {
    code: 'CM_TEXTOLITE', family: 'COMPOSITE', nameRu: 'Текстолит', aliases: ['ПТК'],
    equivalents: [approx('trade', 'cotton-phenolic laminate')],
  },
  {
    code: 'CM_GETINAX', family: 'COMPOSITE', nameRu: 'Гетинакс', equivalents: [approx('trade', 'paper-phenolic laminate')],
  },
  {
    code: 'OT_CEM_I_42_5N', family: 'OTHER', nameRu: 'ЦЕМ I 42,5Н', gost: 'ГОСТ 31108-2020',
    equivalents: [approx('EN', 'CEM I 42.5N')], note: 'Cement for the construction-materials cluster; harmonised classes ⚠',
  },
]

const MATERIALS_BY_CODE: ReadonlyMap<string, Material> = new Map(MATERIALS.map((material) => [material.code, material]))
const FAMILIES_BY_CODE: ReadonlyMap<string, MaterialFamily> = new Map(
  MATERIAL_FAMILIES.map((family) => [family.code, family]),
)

export function getMaterial(code: string): Material | undefined {
  return MATERIALS_BY_CODE.get(code)
}

export function getMaterialFamily(code: string): MaterialFamily | undefined {
  return FAMILIES_BY_CODE.get(code)
}

/** Inputs may name a grade or, when any grade of it will do, a whole family. */
export function isMaterialCode(code: string): boolean {
  return MATERIALS_BY_CODE.has(code) || FAMILIES_BY_CODE.has(code)
}

export function materialFamilyOf(code: string): MaterialFamilyCode | undefined {
  return MATERIALS_BY_CODE.get(code)?.family ?? FAMILIES_BY_CODE.get(code)?.code
}

/**
 * `grade`: the required grade is offered, or the requirement is a family and the offer covers it.
 * `family`: a grade is required and only its family (or a sibling grade) is offered.
 */
export function materialMatch(required: string, offered: readonly string[]): 'grade' | 'family' | 'none' {
  if (offered.includes(required)) return 'grade'
  const family = materialFamilyOf(required)
  if (family === undefined || !offered.some((code) => materialFamilyOf(code) === family)) return 'none'
  return FAMILIES_BY_CODE.has(required) ? 'grade' : 'family'
}

function materialSearchTexts(material: Material): string[] {
  const equivalents = material.equivalents.flatMap(({ system, designation }) => [designation, `${system} ${designation}`])
  return [material.nameRu, material.code, ...(material.aliases ?? []), ...equivalents]
}

const MATERIAL_SEARCH_ENTRIES: readonly SearchEntry<Material>[] = MATERIALS.map((material) =>
  toSearchEntry(material, materialSearchTexts(material)),
)

/** Matches the Russian grade, the code, aliases and foreign designations, so "AISI 321" finds 12Х18Н10Т. */
export function searchMaterials(query: string, limit = 20): Material[] {
  return searchEntries(MATERIAL_SEARCH_ENTRIES, query, limit)
}
