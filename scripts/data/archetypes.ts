/**
 * What SMEs own (domain-data §5.1 "SME archetypes"): each archetype is a weighted set of capacity kinds, and each
 * kind is a machine group with real makers and models, the part envelope those machines take, the tolerance and
 * roughness they hold, the batches they suit and the material families they work. Envelopes are the makers'
 * published working zones, rounded; `param` is the figure a shop quotes in its headline (tonnage, sheet thickness,
 * turning diameter…).
 */
import type { MaterialFamilyCode } from '../../src/domain/taxonomy/index.js'
import type { Weighted } from './random.js'

export type ArchetypeKey =
  | 'machining'
  | 'sheet_metal'
  | 'welding'
  | 'foundry'
  | 'forging'
  | 'surface_heat'
  | 'moulding'
  | 'ems'
  | 'composites'
  | 'ndt_lab'

export interface MachineModel {
  maker: string
  model: string
  /** Largest part, mm: length × width × height (turning: length × Ø × Ø). */
  size: readonly [number, number, number]
  massKg: number
  param: number
}

export interface TitleFacts {
  maker: string
  param: number
  size: readonly [number, number, number]
  massKg: number
  machines: number
}

export interface Bilingual {
  ru: string
  en: string
}

export interface CapacityKind {
  /** Always on the card; `optional` ones join with a fair chance (a 5-axis cell also mills 3-axis). */
  processes: readonly string[]
  optional?: readonly string[]
  /** null: the process does not depend on the material (inspection, assembly, SMT). */
  families: readonly MaterialFamilyCode[] | null
  models: readonly MachineModel[]
  /** How many machines of the kind one capacity groups, by SME size. */
  fleet: readonly [number, number]
  /** Finest IT grade a shop of this kind holds: drawn in [finest, coarsest]. */
  itGrade: readonly [number, number] | null
  /** Achievable Ra, µm, from the standard series. */
  roughness: readonly number[] | null
  /** null: batches do not apply (inspection, calibration). */
  batchMin: readonly number[] | null
  batchMax: readonly [number, number]
  leadTimeDays: readonly [number, number]
  title(facts: TitleFacts): Bilingual
}

const m = (maker: string, model: string, size: readonly [number, number, number], massKg: number, param = 0): MachineModel => ({
  maker,
  model,
  size,
  massKg,
  param,
})

/** 1 234 567 with ordinary spaces, as Russian documents group digits; ICU's choice of space varies by version. */
export function groupDigits(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
}

/** Metres with a decimal comma: 3,5. */
const metresRu = (mm: number) => String(Math.round(mm / 100) / 10).replace('.', ',')
const metresEn = (mm: number) => String(Math.round(mm / 100) / 10)
const tonnesRu = (kg: number) => String(Math.round(kg / 100) / 10).replace('.', ',')
const tonnesEn = (kg: number) => String(Math.round(kg / 100) / 10)

/** Russian noun agreement: 1 линия, 2 линии, 5 линий. */
export function pluralRu(count: number, one: string, few: string, many: string): string {
  const tens = count % 100
  const units = count % 10
  if (tens >= 11 && tens <= 14) return many
  if (units === 1) return one
  return units >= 2 && units <= 4 ? few : many
}

const STEELS: readonly MaterialFamilyCode[] = ['STEEL_CARBON', 'STEEL_LOW_ALLOY', 'STEEL_ALLOY', 'STEEL_STAINLESS']
const MACHINABLE: readonly MaterialFamilyCode[] = [
  ...STEELS, 'STEEL_TOOL', 'STEEL_CAST', 'STEEL_SHIP', 'NICKEL_ALLOY', 'ALUMINIUM', 'TITANIUM', 'MAGNESIUM', 'COPPER_ALLOY', 'CAST_IRON',
]
const SHEET: readonly MaterialFamilyCode[] = ['STEEL_CARBON', 'STEEL_LOW_ALLOY', 'STEEL_STAINLESS', 'ALUMINIUM']
const HEAVY_PLATE: readonly MaterialFamilyCode[] = [...SHEET, 'STEEL_SHIP']
const HEAT_TREATABLE: readonly MaterialFamilyCode[] = ['STEEL_CARBON', 'STEEL_LOW_ALLOY', 'STEEL_ALLOY', 'STEEL_CAST', 'STEEL_TOOL']
const PAINTABLE: readonly MaterialFamilyCode[] = [
  'STEEL_CARBON', 'STEEL_LOW_ALLOY', 'STEEL_ALLOY', 'STEEL_SHIP', 'STEEL_CAST', 'CAST_IRON', 'ALUMINIUM',
]

const CNC_MACHINING = { fleet: [1, 6] as const, leadTimeDays: [10, 45] as const }

export const CAPACITY_KINDS = {
  mill5: {
    processes: ['MCH.MILL5'],
    optional: ['MCH.MILL4', 'MCH.MILL3'],
    families: MACHINABLE,
    models: [
      m('DMG MORI', 'DMU 50 3rd Generation', [650, 520, 475], 300),
      m('DMG MORI', 'DMU 65 monoBLOCK', [735, 650, 560], 600),
      m('DMG MORI', 'DMU 125 P duoBLOCK', [1250, 1250, 1000], 2000),
      m('Hermle', 'C 42 U', [800, 800, 550], 1400),
      m('Hermle', 'C 32 U', [650, 650, 500], 1000),
      m('Mazak', 'VARIAXIS i-700', [630, 765, 560], 500),
      m('Okuma', 'MU-5000V', [762, 460, 460], 500),
      m('Haas', 'UMC-750', [762, 508, 508], 300),
      m('Савёловский машзавод', 'ФП-17СМН4', [2500, 1000, 600], 2000),
    ],
    ...CNC_MACHINING,
    itGrade: [6, 8],
    roughness: [0.8, 1.6],
    batchMin: [1],
    batchMax: [50, 1000],
    title: (f) => ({ ru: `Фрезерная обработка на 5-осевых центрах ${f.maker}`, en: `5-axis milling on ${f.maker} machining centres` }),
  },
  mill3: {
    processes: ['MCH.MILL3'],
    optional: ['MCH.MILL4', 'MCH.THREAD'],
    families: MACHINABLE,
    models: [
      m('Haas', 'VF-2', [762, 406, 508], 1360),
      m('Haas', 'VF-4', [1270, 508, 635], 1800),
      m('Mazak', 'VCN-530C', [1050, 530, 510], 1200),
      m('DMG MORI', 'CMX 1100 V', [1100, 560, 510], 1000),
      m('Doosan', 'DNM 5700', [1050, 570, 510], 1000),
      m('Стан', 'ИР500ПМФ4', [800, 500, 500], 500),
    ],
    ...CNC_MACHINING,
    itGrade: [7, 9],
    roughness: [1.6, 3.2],
    batchMin: [1, 10],
    batchMax: [500, 20_000],
    title: (f) => ({
      ru: `Фрезерная обработка с ЧПУ (3 оси), стол до ${f.size[0]} мм`,
      en: `3-axis CNC milling, table up to ${f.size[0]} mm`,
    }),
  },
  turn: {
    processes: ['MCH.TURN'],
    optional: ['MCH.THREAD'],
    families: MACHINABLE,
    models: [
      m('Okuma', 'LB3000 EX II', [1000, 410, 410], 300, 410),
      m('Mazak', 'QUICK TURN 250MY', [1000, 380, 380], 250, 380),
      m('Haas', 'ST-20', [533, 356, 356], 200, 356),
      m('DMG MORI', 'CLX 450', [1290, 400, 400], 400, 400),
      m('Doosan', 'Puma 2600', [760, 370, 370], 250, 370),
      m('Стан', '16А20Ф3', [1000, 220, 220], 250, 220),
    ],
    ...CNC_MACHINING,
    itGrade: [7, 9],
    roughness: [0.8, 1.6, 3.2],
    batchMin: [1, 10, 50],
    batchMax: [1000, 50_000],
    title: (f) => ({ ru: `Токарная обработка с ЧПУ, Ø до ${f.param} мм`, en: `CNC turning, up to Ø${f.param} mm` }),
  },
  turnmill: {
    processes: ['MCH.TURNMILL'],
    optional: ['MCH.TURN', 'MCH.THREAD'],
    families: MACHINABLE,
    models: [
      m('Citizen', 'L20', [200, 20, 20], 1, 20),
      m('Star', 'SR-32J', [320, 32, 32], 2, 32),
      m('Tsugami', 'B0326', [320, 32, 32], 2, 32),
      m('Tornos', 'Swiss GT 26', [250, 25, 25], 1, 25),
      m('DMG MORI', 'CTX beta 800 TC', [800, 500, 500], 300, 500),
      m('Mazak', 'INTEGREX i-200', [1000, 658, 658], 400, 658),
    ],
    ...CNC_MACHINING,
    itGrade: [6, 7],
    roughness: [0.4, 0.8, 1.6],
    batchMin: [100, 500],
    batchMax: [10_000, 500_000],
    title: (f) => ({
      ru: `Токарно-фрезерная обработка на станках ${f.maker}, Ø до ${f.param} мм`,
      en: `Turn-mill machining on ${f.maker} machines, up to Ø${f.param} mm`,
    }),
  },
  grindCyl: {
    processes: ['MCH.GRIND.CYL'],
    families: MACHINABLE,
    models: [
      m('Studer', 'S33', [1000, 350, 350], 150, 350),
      m('Studer', 'S41', [1600, 550, 550], 250, 550),
      m('Kellenberger', 'KEL-VISION 1000', [1000, 400, 400], 150, 400),
      m('ХШЗ', '3М151', [700, 200, 200], 100, 200),
    ],
    fleet: [1, 4],
    itGrade: [5, 6],
    roughness: [0.1, 0.2, 0.4, 0.8],
    batchMin: [1, 10],
    batchMax: [500, 20_000],
    leadTimeDays: [7, 30],
    title: (f) => ({
      ru: `Круглое шлифование, Ø до ${f.param} мм, длина до ${f.size[0]} мм`,
      en: `Cylindrical grinding, up to Ø${f.param} mm, length up to ${f.size[0]} mm`,
    }),
  },
  grindSurf: {
    processes: ['MCH.GRIND.SURF'],
    families: MACHINABLE,
    models: [
      m('Okamoto', 'ACC-65DX', [650, 500, 400], 700),
      m('Blohm', 'Planomat HP 408', [800, 400, 400], 500),
      m('Jung', 'J600', [600, 300, 400], 300),
      m('Стан', '3Г71', [630, 200, 320], 200),
    ],
    fleet: [1, 4],
    itGrade: [5, 6],
    roughness: [0.2, 0.4, 0.8],
    batchMin: [1, 10],
    batchMax: [200, 10_000],
    leadTimeDays: [7, 30],
    title: (f) => ({ ru: `Плоское шлифование, стол ${f.size[0]}×${f.size[1]} мм`, en: `Surface grinding, ${f.size[0]}×${f.size[1]} mm table` }),
  },
  edmWire: {
    processes: ['MCH.EDM.WIRE'],
    families: MACHINABLE,
    models: [
      m('Sodick', 'AL600G', [600, 400, 350], 1000),
      m('Mitsubishi Electric', 'MV2400R', [600, 400, 310], 1500),
      m('GF AgieCharmilles', 'CUT P 550', [550, 350, 400], 800),
    ],
    fleet: [1, 4],
    itGrade: [6, 7],
    roughness: [0.4, 0.8, 1.6],
    batchMin: [1],
    batchMax: [50, 2000],
    leadTimeDays: [7, 30],
    title: (f) => ({
      ru: `Электроэрозионная проволочная резка ${f.maker}, заготовка высотой до ${f.size[2]} мм`,
      en: `Wire EDM on ${f.maker}, workpieces up to ${f.size[2]} mm high`,
    }),
  },
  edmSink: {
    processes: ['MCH.EDM.SINK'],
    families: MACHINABLE,
    models: [
      m('GF AgieCharmilles', 'FORM P 350', [350, 250, 250], 400),
      m('Sodick', 'AG60L', [600, 420, 370], 1000),
      m('Стан', '4Л721Ф1', [400, 250, 250], 300),
    ],
    fleet: [1, 3],
    itGrade: [7, 8],
    roughness: [0.8, 1.6, 3.2],
    batchMin: [1],
    batchMax: [20, 1000],
    leadTimeDays: [10, 35],
    title: (f) => ({ ru: `Электроэрозионная прошивка на станках ${f.maker}`, en: `Sinker EDM on ${f.maker} machines` }),
  },
  gear: {
    processes: ['MCH.GEAR'],
    optional: ['MCH.TURN'],
    families: ['STEEL_CARBON', 'STEEL_ALLOY', 'STEEL_LOW_ALLOY', 'STEEL_CAST', 'CAST_IRON', 'COPPER_ALLOY'],
    models: [
      m('Liebherr', 'LC 300', [300, 300, 300], 150, 300),
      m('Gleason-Pfauter', 'P 400', [400, 400, 350], 300, 400),
      m('Стан', '5К328А', [1250, 1250, 560], 5000, 1250),
      m('Reishauer', 'RZ 410', [410, 410, 300], 200, 410),
    ],
    fleet: [1, 5],
    itGrade: [7, 8],
    roughness: [0.8, 1.6, 3.2],
    batchMin: [1, 10],
    batchMax: [100, 5000],
    leadTimeDays: [20, 60],
    title: (f) => ({ ru: `Зубообработка, колёса до Ø${f.param} мм`, en: `Gear cutting, wheels up to Ø${f.param} mm` }),
  },
  hbm: {
    processes: ['MCH.HBM'],
    optional: ['MCH.MILL3'],
    families: MACHINABLE,
    models: [
      m('TOS Varnsdorf', 'WHN 13 CNC', [3000, 2000, 1250], 15_000),
      m('Union', 'BFT 130', [4000, 2500, 1600], 20_000),
      m('Doosan', 'DBC 130', [2000, 1750, 1400], 12_000),
      m('Стан', '2А622Ф4', [1800, 1600, 1250], 10_000),
    ],
    fleet: [1, 3],
    itGrade: [7, 9],
    roughness: [1.6, 3.2, 6.3],
    batchMin: [1],
    batchMax: [5, 100],
    leadTimeDays: [20, 75],
    title: (f) => ({
      ru: `Расточная обработка крупногабаритных корпусов, масса до ${tonnesRu(f.massKg)} т`,
      en: `Horizontal boring of large housings, up to ${tonnesEn(f.massKg)} t`,
    }),
  },
  vtl: {
    processes: ['MCH.VTL'],
    families: MACHINABLE,
    models: [
      m('КЗТС', '1516Ф3', [1600, 1600, 1000], 6300, 1600),
      m('КЗТС', '1525Ф3', [2500, 2500, 1600], 16_000, 2500),
      m('Doosan', 'Puma V8300', [830, 830, 700], 1500, 830),
      m('Pietro Carnaghi', 'AC 32 TM', [3200, 3200, 2000], 40_000, 3200),
    ],
    fleet: [1, 3],
    itGrade: [8, 10],
    roughness: [1.6, 3.2, 6.3],
    batchMin: [1],
    batchMax: [5, 200],
    leadTimeDays: [20, 60],
    title: (f) => ({ ru: `Карусельная обработка, Ø до ${f.param} мм`, en: `Vertical turret lathe work, up to Ø${f.param} mm` }),
  },
  deephole: {
    processes: ['MCH.DEEPHOLE'],
    families: MACHINABLE,
    models: [m('TBT', 'ML 200', [2000, 200, 200], 500, 2000), m('Kays', 'BTA 150', [3000, 300, 300], 1000, 3000)],
    fleet: [1, 2],
    itGrade: [8, 10],
    roughness: [1.6, 3.2],
    batchMin: [1],
    batchMax: [20, 2000],
    leadTimeDays: [14, 45],
    title: (f) => ({ ru: `Глубокое сверление (BTA), глубина до ${f.param} мм`, en: `Deep-hole drilling (BTA), up to ${f.param} mm deep` }),
  },
  asmMech: {
    processes: ['ASM.MECH'],
    optional: ['ASM.HYD'],
    families: null,
    models: [
      m('Atlas Copco', 'сборочные стенды и моментный инструмент', [3000, 1500, 1500], 2000),
      m('Bosch Rexroth', 'сборочные стенды', [2000, 1000, 1000], 1000),
    ],
    fleet: [1, 4],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [20, 5000],
    leadTimeDays: [10, 45],
    title: () => ({ ru: 'Механосборочные работы: сборка узлов и агрегатов', en: 'Mechanical assembly of units and sub-assemblies' }),
  },
  repair: {
    processes: ['ASM.REPAIR'],
    optional: ['MCH.TURN', 'WLD.MMA'],
    families: null,
    models: [
      m('Demag', 'кран-балка 20 т, стенды обкатки редукторов', [6000, 3000, 3000], 20_000),
      m('Стан', '1М63Н и наплавочный пост', [3000, 630, 630], 3000),
    ],
    fleet: [1, 3],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [1, 20],
    leadTimeDays: [10, 60],
    title: () => ({
      ru: 'Ремонт редукторов, мельничного и дробильного оборудования',
      en: 'Repair of gearboxes, mills and crushers',
    }),
  },
  toolDie: {
    processes: ['TOOL.DIE'],
    optional: ['MCH.EDM.WIRE', 'MCH.MILL5'],
    families: ['STEEL_TOOL', 'STEEL_ALLOY'],
    models: [
      m('Makino', 'F5', [900, 500, 450], 800),
      m('DMG MORI', 'HSC 70 linear', [750, 600, 500], 500),
      m('Sodick', 'AL400G', [400, 300, 250], 500),
    ],
    fleet: [2, 6],
    itGrade: [6, 7],
    roughness: [0.4, 0.8, 1.6],
    batchMin: [1],
    batchMax: [1, 10],
    leadTimeDays: [30, 120],
    title: () => ({ ru: 'Изготовление штампов и пресс-форм', en: 'Press dies and injection moulds' }),
  },
  laser: {
    processes: ['SHT.LASER'],
    optional: ['SHT.TUBELASER'],
    families: [...HEAVY_PLATE, 'COPPER_ALLOY'],
    models: [
      m('Trumpf', 'TruLaser 3030 fiber', [3000, 1500, 25], 900, 25),
      m('Bystronic', 'ByStar Fiber 3015', [3000, 1500, 30], 1000, 30),
      m('Amada', 'ENSIS-3015 AJ', [3070, 1550, 25], 900, 25),
      m('HSG Laser', 'G3015X', [3000, 1500, 20], 700, 20),
      m('Bodor', 'C3', [3000, 1500, 16], 560, 16),
    ],
    fleet: [1, 4],
    itGrade: [11, 12],
    roughness: [6.3, 12.5],
    batchMin: [1, 10],
    batchMax: [1000, 50_000],
    leadTimeDays: [3, 20],
    title: (f) => ({
      ru: `Лазерная резка листа до ${f.param} мм, стол ${metresRu(f.size[0])}×${metresRu(f.size[1])} м`,
      en: `Laser cutting of sheet up to ${f.param} mm, ${metresEn(f.size[0])}×${metresEn(f.size[1])} m bed`,
    }),
  },
  plasma: {
    processes: ['SHT.PLASMA'],
    optional: ['SHT.LASER'],
    families: HEAVY_PLATE,
    models: [
      m('Hypertherm', 'HPR260XD (портал Messer)', [6000, 2500, 40], 4700, 40),
      m('Kjellberg', 'HiFocus 440i neo', [12_000, 3000, 50], 14_000, 50),
      m('ESAB', 'Suprarex SXE-P', [6000, 2500, 45], 5300, 45),
    ],
    fleet: [1, 3],
    itGrade: [12, 14],
    roughness: [12.5, 25],
    batchMin: [1],
    batchMax: [100, 10_000],
    leadTimeDays: [3, 20],
    title: (f) => ({
      ru: `Плазменная резка металла до ${f.param} мм на портальной машине ${f.maker}`,
      en: `Plasma cutting up to ${f.param} mm on a ${f.maker} gantry`,
    }),
  },
  waterjet: {
    processes: ['SHT.WATERJET'],
    families: [...HEAVY_PLATE, 'TITANIUM', 'COPPER_ALLOY', 'COMPOSITE'],
    models: [m('Flow', 'Mach 500', [3000, 2000, 200], 9000, 200), m('OMAX', '80X', [4000, 2000, 150], 9000, 150)],
    fleet: [1, 2],
    itGrade: [11, 12],
    roughness: [3.2, 6.3],
    batchMin: [1],
    batchMax: [100, 5000],
    leadTimeDays: [3, 20],
    title: (f) => ({ ru: `Гидроабразивная резка толщиной до ${f.param} мм`, en: `Waterjet cutting up to ${f.param} mm thick` }),
  },
  punch: {
    processes: ['SHT.PUNCH'],
    families: SHEET,
    models: [
      m('Amada', 'EM 2510 NT', [2500, 1270, 6], 150, 6),
      m('Trumpf', 'TruPunch 3000', [2500, 1250, 6], 150, 6),
      m('Finn-Power', 'C5', [2500, 1250, 6], 150, 6),
    ],
    fleet: [1, 3],
    itGrade: [11, 12],
    roughness: null,
    batchMin: [10, 100],
    batchMax: [5000, 100_000],
    leadTimeDays: [5, 25],
    title: (f) => ({ ru: `Координатная пробивка листа на ${f.maker}`, en: `CNC turret punching on ${f.maker}` }),
  },
  bend: {
    processes: ['SHT.BEND'],
    families: SHEET,
    models: [
      m('Amada', 'HFE 100-3', [3000, 1000, 300], 300, 100),
      m('Trumpf', 'TruBend 5130', [3230, 1000, 400], 400, 130),
      m('Bystronic', 'Xpert 150', [3100, 1000, 400], 400, 150),
      m('Ermaksan', 'Power-Bend Falcon 220', [4100, 1200, 500], 800, 220),
      m('Durma', 'AD-S 30175', [3050, 1000, 400], 500, 175),
    ],
    fleet: [1, 4],
    itGrade: [12, 14],
    roughness: null,
    batchMin: [1, 10],
    batchMax: [1000, 50_000],
    leadTimeDays: [5, 25],
    title: (f) => ({
      ru: `Гибка листа на прессах ${f.maker} до ${f.param} т, длина гиба до ${f.size[0]} мм`,
      en: `Press-brake bending on ${f.maker} up to ${f.param} t, ${f.size[0]} mm long`,
    }),
  },
  roll: {
    processes: ['SHT.ROLL'],
    families: HEAVY_PLATE,
    models: [
      m('Davi', 'MCB 3040', [3000, 3000, 3000], 8000, 40),
      m('Faccin', '4HEL 3025', [3000, 2500, 2500], 5000, 25),
      m('Стан', 'ИБ2222Б', [2000, 2000, 2000], 3000, 16),
    ],
    fleet: [1, 2],
    itGrade: [13, 14],
    roughness: null,
    batchMin: [1],
    batchMax: [10, 500],
    leadTimeDays: [7, 30],
    title: (f) => ({ ru: `Вальцовка обечаек из листа до ${f.param} мм`, en: `Plate rolling of shells up to ${f.param} mm` }),
  },
  tubebend: {
    processes: ['SHT.TUBEBEND'],
    families: [...SHEET, 'COPPER_ALLOY', 'TITANIUM'],
    models: [
      m('BLM', 'Elect 52', [6000, 1500, 1500], 100, 52),
      m('Crippa', 'CA 1042', [4000, 1200, 1200], 80, 42),
      m('Schwarze-Robitec', 'CNC 80 E-TB', [6000, 2000, 2000], 200, 80),
    ],
    fleet: [1, 3],
    itGrade: [12, 14],
    roughness: null,
    batchMin: [1, 10],
    batchMax: [500, 20_000],
    leadTimeDays: [7, 30],
    title: (f) => ({ ru: `Гибка труб с ЧПУ, Ø до ${f.param} мм`, en: `CNC tube bending, up to Ø${f.param} mm` }),
  },
  spin: {
    processes: ['SHT.SPIN'],
    families: ['ALUMINIUM', 'STEEL_STAINLESS', 'TITANIUM', 'COPPER_ALLOY'],
    models: [m('Leifeld', 'ST 56', [1600, 1600, 1000], 200, 1600), m('DENN', 'TORNADO 1200', [1200, 1200, 800], 150, 1200)],
    fleet: [1, 2],
    itGrade: [10, 12],
    roughness: [1.6, 3.2],
    batchMin: [1],
    batchMax: [50, 2000],
    leadTimeDays: [14, 45],
    title: (f) => ({ ru: `Ротационная вытяжка и давильные работы, Ø до ${f.param} мм`, en: `Metal spinning, up to Ø${f.param} mm` }),
  },
  fab: {
    processes: ['SHT.FAB'],
    optional: ['SHT.BEND', 'WLD.TIG'],
    families: SHEET,
    models: [
      m('Amada', 'HG 1303 и сварочные посты Fronius', [2000, 1000, 2200], 300),
      m('Trumpf', 'TruBend 3100 и TruLaser 1030', [2200, 1200, 2200], 400),
    ],
    fleet: [2, 6],
    itGrade: [12, 14],
    roughness: null,
    batchMin: [1, 10],
    batchMax: [100, 10_000],
    leadTimeDays: [10, 35],
    title: () => ({ ru: 'Изготовление корпусов, шкафов и кожухов из листа', en: 'Sheet-metal enclosures, cabinets and covers' }),
  },
  powder: {
    processes: ['SRF.POWDER'],
    families: SHEET,
    models: [
      m('Gema', 'OptiFlex (камера и печь полимеризации)', [6000, 1500, 2000], 500),
      m('Wagner', 'SuperCenter EVO', [4000, 1200, 1800], 300),
      m('Nordson', 'Encore HD', [6000, 1500, 2200], 500),
    ],
    fleet: [1, 2],
    itGrade: null,
    roughness: null,
    batchMin: [1, 10],
    batchMax: [1000, 50_000],
    leadTimeDays: [3, 15],
    title: (f) => ({ ru: `Порошковая окраска, изделия до ${f.size[0]} мм`, en: `Powder coating, parts up to ${f.size[0]} mm` }),
  },
  migmag: {
    processes: ['WLD.MIGMAG'],
    optional: ['WLD.MMA'],
    families: [...HEAVY_PLATE, 'STEEL_ALLOY', 'STEEL_CAST'],
    models: [
      m('Lincoln Electric', 'Power Wave S500', [6000, 3000, 2500], 5000),
      m('ESAB', 'Warrior 500i', [6000, 3000, 2500], 5000),
      m('Fronius', 'TPS 500i', [6000, 2500, 2500], 4000),
      m('Kemppi', 'X8 MIG Welder', [6000, 3000, 2500], 5000),
      m('Кедр', 'MultiMIG-5000', [5000, 2500, 2000], 3000),
    ],
    fleet: [2, 12],
    itGrade: [13, 15],
    roughness: null,
    batchMin: [1],
    batchMax: [20, 5000],
    leadTimeDays: [7, 40],
    title: (f) => ({ ru: `Полуавтоматическая сварка MIG/MAG, ${f.maker}`, en: `MIG/MAG welding, ${f.maker}` }),
  },
  tig: {
    processes: ['WLD.TIG'],
    families: ['STEEL_STAINLESS', 'ALUMINIUM', 'TITANIUM', 'STEEL_ALLOY', 'NICKEL_ALLOY', 'COPPER_ALLOY'],
    models: [
      m('Fronius', 'MagicWave 3000', [2000, 1000, 1000], 500),
      m('ESAB', 'Aristo Tig 4300iw', [2000, 1000, 1000], 500),
      m('Kemppi', 'MasterTig 335ACDC', [1500, 800, 800], 300),
      m('Lincoln Electric', 'Aspect 375', [1500, 800, 800], 300),
    ],
    fleet: [1, 8],
    itGrade: [12, 14],
    roughness: null,
    batchMin: [1],
    batchMax: [20, 2000],
    leadTimeDays: [7, 35],
    title: () => ({
      ru: 'Аргонодуговая сварка TIG нержавеющих сталей, алюминия и титана',
      en: 'TIG welding of stainless steel, aluminium and titanium',
    }),
  },
  robot: {
    processes: ['WLD.ROBOT'],
    optional: ['WLD.MIGMAG'],
    families: [...SHEET, 'STEEL_ALLOY'],
    models: [
      m('FANUC', 'ARC Mate 120iD + Fronius TPS 400i', [2500, 1200, 1000], 500),
      m('KUKA', 'KR 8 R2100 arc HW', [2500, 1200, 1000], 500),
      m('Yaskawa', 'Motoman AR1440', [2000, 1000, 1000], 400),
      m('ABB', 'IRB 1520ID', [2000, 1000, 1000], 400),
    ],
    fleet: [1, 4],
    itGrade: [12, 14],
    roughness: null,
    batchMin: [100, 500],
    batchMax: [10_000, 200_000],
    leadTimeDays: [10, 40],
    title: (f) => ({ ru: `Роботизированная сварка, ${f.machines} ${pluralRu(f.machines, 'ячейка', 'ячейки', 'ячеек')} ${f.maker}`, en: `Robotic welding, ${f.machines} ${f.maker} cell${f.machines === 1 ? '' : 's'}` }),
  },
  saw: {
    processes: ['WLD.SAW'],
    optional: ['WLD.MIGMAG'],
    families: ['STEEL_CARBON', 'STEEL_LOW_ALLOY', 'STEEL_SHIP'],
    models: [
      m('ESAB', 'A6 Mastertrac', [12_000, 3500, 3000], 20_000),
      m('Lincoln Electric', 'Power Wave AC/DC 1000 SD', [12_000, 3000, 3000], 20_000),
      m('СЭЛМА', 'АДФ-1250', [9000, 3000, 2500], 12_000),
    ],
    fleet: [1, 4],
    itGrade: [13, 15],
    roughness: null,
    batchMin: [1],
    batchMax: [5, 300],
    leadTimeDays: [14, 60],
    title: (f) => ({ ru: `Автоматическая сварка под флюсом, изделия до ${metresRu(f.size[0])} м`, en: `Submerged-arc welding, parts up to ${metresEn(f.size[0])} m` }),
  },
  res: {
    processes: ['WLD.RES'],
    families: SHEET,
    models: [
      m('Nimak', 'magnetic drive', [1500, 800, 400], 50),
      m('ARO', 'Welding Technologies PMS', [1500, 800, 400], 50),
      m('Стан', 'МТ-2202', [1000, 600, 300], 30),
    ],
    fleet: [2, 10],
    itGrade: [12, 14],
    roughness: null,
    batchMin: [1000],
    batchMax: [10_000, 500_000],
    leadTimeDays: [10, 40],
    title: () => ({ ru: 'Контактная точечная и рельефная сварка', en: 'Resistance spot and projection welding' }),
  },
  struct: {
    processes: ['WLD.STRUCT'],
    optional: ['WLD.MIGMAG', 'WLD.SAW', 'ASM.INSTALL'],
    families: ['STEEL_CARBON', 'STEEL_LOW_ALLOY', 'STEEL_SHIP'],
    models: [
      m('Lincoln Electric', 'сварочные посты, кран-балки 20 т', [12_000, 3000, 3000], 20_000),
      m('ESAB', 'сварочные посты, кран-балки 10 т', [9000, 3000, 3000], 10_000),
      m('Кедр', 'сварочные посты, кран-балки 5 т', [6000, 2500, 2500], 5000),
    ],
    fleet: [4, 20],
    itGrade: [13, 15],
    roughness: null,
    batchMin: [1],
    batchMax: [5, 500],
    leadTimeDays: [14, 60],
    title: (f) => ({ ru: `Изготовление металлоконструкций массой до ${tonnesRu(f.massKg)} т`, en: `Steel structures up to ${tonnesEn(f.massKg)} t` }),
  },
  ebw: {
    processes: ['WLD.EBW'],
    families: ['TITANIUM', 'NICKEL_ALLOY', 'STEEL_STAINLESS', 'STEEL_ALLOY'],
    models: [m('pro-beam', 'K 2000', [1500, 1000, 1000], 500), m('Sciaky', 'VX 68', [2000, 1500, 1500], 1000)],
    fleet: [1, 2],
    itGrade: [10, 12],
    roughness: null,
    batchMin: [1],
    batchMax: [20, 2000],
    leadTimeDays: [14, 45],
    title: (f) => ({ ru: `Электронно-лучевая сварка в вакууме (${f.maker})`, en: `Electron-beam welding in vacuum (${f.maker})` }),
  },
  braze: {
    processes: ['WLD.BRAZE'],
    families: ['NICKEL_ALLOY', 'STEEL_STAINLESS', 'COPPER_ALLOY', 'STEEL_ALLOY'],
    models: [
      m('Ipsen', 'TITAN H2', [900, 600, 600], 600),
      m('Seco/Warwick', 'Vector', [1200, 900, 900], 1000),
      m('ALD', 'VKUQgr 25/25/40', [600, 600, 900], 500),
    ],
    fleet: [1, 2],
    itGrade: [11, 13],
    roughness: null,
    batchMin: [1],
    batchMax: [50, 5000],
    leadTimeDays: [10, 40],
    title: (f) => ({ ru: `Высокотемпературная пайка в вакуумных печах ${f.maker}`, en: `High-temperature vacuum brazing in ${f.maker} furnaces` }),
  },
  fsw: {
    processes: ['WLD.FSW'],
    families: ['ALUMINIUM'],
    models: [m('ESAB', 'LEGIO 5UT', [2000, 1000, 500], 500), m('ESAB', 'SuperStir', [6000, 2500, 500], 2000)],
    fleet: [1, 2],
    itGrade: [11, 13],
    roughness: null,
    batchMin: [1],
    batchMax: [20, 2000],
    leadTimeDays: [14, 45],
    title: () => ({ ru: 'Сварка трением с перемешиванием алюминиевых панелей', en: 'Friction-stir welding of aluminium panels' }),
  },
  install: {
    processes: ['ASM.INSTALL'],
    optional: ['WLD.MMA', 'WLD.MIGMAG'],
    families: null,
    models: [m('Lincoln Electric', 'монтажные бригады, передвижные посты', [12_000, 4000, 4000], 20_000)],
    fleet: [2, 10],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [1, 50],
    leadTimeDays: [14, 60],
    title: () => ({ ru: 'Монтаж оборудования, трубопроводов и судовых систем', en: 'Installation of equipment, piping and ship systems' }),
  },
  sand: {
    processes: ['CST.SAND'],
    families: ['CAST_IRON', 'STEEL_CAST', 'COPPER_ALLOY', 'ALUMINIUM'],
    models: [
      m('Omega Foundry Machinery', 'линия ХТС, индукционная печь ИСТ-1,0', [1500, 1200, 800], 500),
      m('Inductotherm', 'линия ХТС, печь 2 т', [2500, 2000, 1200], 2000),
      m('Литмаш', 'формовочная линия ХТС, печь ИЧТ-2,5', [3000, 2500, 1500], 5000),
    ],
    fleet: [1, 3],
    itGrade: [14, 16],
    roughness: [12.5, 25, 50],
    batchMin: [1],
    batchMax: [50, 2000],
    leadTimeDays: [30, 90],
    title: (f) => ({ ru: `Литьё в ХТС, отливки до ${groupDigits(f.massKg)} кг`, en: `No-bake sand casting, castings up to ${groupDigits(f.massKg)} kg` }),
  },
  invest: {
    processes: ['CST.INVEST'],
    families: ['NICKEL_ALLOY', 'STEEL_STAINLESS', 'STEEL_CAST', 'STEEL_ALLOY', 'TITANIUM', 'ALUMINIUM'],
    models: [
      m('ALD', 'VIM-IC 5', [400, 300, 300], 30),
      m('ВИАМ', 'УППФ-3М', [300, 200, 200], 10),
      m('MPI', 'участок ЛВМ, печь Consarc', [500, 400, 400], 50),
    ],
    fleet: [1, 3],
    itGrade: [10, 12],
    roughness: [1.6, 3.2, 6.3],
    batchMin: [10, 50],
    batchMax: [1000, 50_000],
    leadTimeDays: [30, 90],
    title: (f) => ({ ru: `Литьё по выплавляемым моделям, отливки до ${f.massKg} кг`, en: `Investment casting, castings up to ${f.massKg} kg` }),
  },
  hpdc: {
    processes: ['CST.HPDC'],
    families: ['ALUMINIUM', 'MAGNESIUM'],
    models: [
      m('Bühler', 'Carat 140', [900, 700, 400], 25, 1400),
      m('Idra', 'OL 800', [700, 600, 350], 15, 800),
      m('Italpresse Gauss', 'IP 650', [600, 500, 300], 10, 650),
      m('Frech', 'DAK 450', [500, 400, 300], 8, 450),
      m('Литмаш', '711А08', [400, 300, 200], 5, 250),
    ],
    fleet: [1, 5],
    itGrade: [11, 13],
    roughness: [1.6, 3.2],
    batchMin: [500],
    batchMax: [20_000, 300_000],
    leadTimeDays: [20, 60],
    title: (f) => ({
      ru: `Литьё алюминия под давлением на машинах ${f.maker} до ${f.param} т`,
      en: `Aluminium high-pressure die casting on ${f.maker} up to ${f.param} t`,
    }),
  },
  lpdc: {
    processes: ['CST.LPDC'],
    families: ['ALUMINIUM'],
    models: [m('Kurtz', 'AL 36-22', [800, 800, 500], 40), m('LPM', 'LP 1000', [700, 700, 450], 30)],
    fleet: [1, 3],
    itGrade: [11, 13],
    roughness: [3.2, 6.3],
    batchMin: [100],
    batchMax: [5000, 100_000],
    leadTimeDays: [20, 60],
    title: () => ({ ru: 'Литьё алюминия под низким давлением в кокиль', en: 'Low-pressure permanent-mould aluminium casting' }),
  },
  closed: {
    processes: ['FRG.CLOSED'],
    optional: ['HT.QT'],
    families: ['STEEL_CARBON', 'STEEL_ALLOY', 'STEEL_LOW_ALLOY', 'STEEL_STAINLESS', 'TITANIUM', 'ALUMINIUM', 'NICKEL_ALLOY'],
    models: [
      m('ТМП Воронеж', 'КГШП К8544', [600, 400, 200], 40, 1600),
      m('ТМП Воронеж', 'КГШП К04.019', [800, 500, 250], 60, 2500),
      m('ТМП Воронеж', 'КГШП К8548', [1200, 600, 300], 150, 4000),
      m('Schuler', 'MML 2000', [700, 450, 220], 50, 2000),
      m('SMS Eumuco', 'SP 1600', [600, 400, 200], 40, 1600),
    ],
    fleet: [1, 4],
    itGrade: [13, 15],
    roughness: [12.5, 25],
    batchMin: [500, 1000],
    batchMax: [10_000, 300_000],
    leadTimeDays: [20, 60],
    title: (f) => ({
      ru: `Горячая объёмная штамповка на КГШП до ${groupDigits(f.param)} т`,
      en: `Closed-die hot forging on presses up to ${groupDigits(f.param)} t`,
    }),
  },
  open: {
    processes: ['FRG.OPEN'],
    optional: ['HT.QT'],
    families: ['STEEL_CARBON', 'STEEL_ALLOY', 'STEEL_LOW_ALLOY', 'STEEL_STAINLESS', 'STEEL_TOOL'],
    models: [
      m('ТМП Воронеж', 'гидравлический ковочный пресс 2000 тс', [4000, 1200, 1200], 8000, 2000),
      m('Стан', 'пневматический молот М4140', [1500, 400, 400], 300, 1),
      m('SMS Meer', 'ковочный пресс 1250 тс', [3000, 1000, 1000], 5000, 1250),
    ],
    fleet: [1, 3],
    itGrade: [15, 17],
    roughness: [25, 50],
    batchMin: [1],
    batchMax: [20, 500],
    leadTimeDays: [20, 75],
    title: (f) => ({ ru: `Свободная ковка, поковки до ${groupDigits(f.massKg)} кг`, en: `Open-die forging, up to ${groupDigits(f.massKg)} kg` }),
  },
  prog: {
    processes: ['STP.PROG'],
    optional: ['STP.DEEP', 'TOOL.DIE'],
    families: [...SHEET, 'COPPER_ALLOY'],
    models: [
      m('Schuler', 'MSD 400', [1200, 800, 300], 20, 400),
      m('AIDA', 'NC1-2000', [800, 600, 200], 10, 200),
      m('Komatsu', 'E2W-300', [1000, 700, 250], 15, 300),
      m('БЗМП', 'КД2130', [500, 400, 150], 5, 100),
    ],
    fleet: [2, 10],
    itGrade: [10, 12],
    roughness: null,
    batchMin: [1000, 5000],
    batchMax: [100_000, 2_000_000],
    leadTimeDays: [14, 45],
    title: (f) => ({
      ru: `Листовая штамповка в последовательных штампах, прессы до ${f.param} т`,
      en: `Progressive-die stamping, presses up to ${f.param} t`,
    }),
  },
  fine: {
    processes: ['STP.FINE'],
    families: ['STEEL_CARBON', 'STEEL_ALLOY'],
    models: [m('Feintool', 'XFT 2500 speed', [300, 300, 15], 2, 250)],
    fleet: [1, 2],
    itGrade: [8, 9],
    roughness: [0.8, 1.6],
    batchMin: [5000],
    batchMax: [100_000, 1_000_000],
    leadTimeDays: [20, 60],
    title: () => ({ ru: 'Чистовая вырубка (Feintool)', en: 'Fine blanking (Feintool)' }),
  },
  cold: {
    processes: ['FRG.COLD'],
    families: ['STEEL_CARBON', 'STEEL_ALLOY', 'COPPER_ALLOY'],
    models: [m('Sacma', 'SP 360', [200, 30, 30], 1, 30), m('Стан', 'АВ1918', [120, 20, 20], 1, 20)],
    fleet: [2, 8],
    itGrade: [11, 12],
    roughness: [1.6, 3.2],
    batchMin: [10_000],
    batchMax: [500_000, 5_000_000],
    leadTimeDays: [14, 45],
    title: () => ({ ru: 'Холодная высадка крепежа и деталей', en: 'Cold heading of fasteners and parts' }),
  },
  galv: {
    processes: ['SRF.GALV'],
    optional: ['SRF.CONV'],
    families: [...HEAT_TREATABLE, 'CAST_IRON', 'COPPER_ALLOY'],
    models: [
      m('Galvanotechnik Leipzig', 'автооператорная линия', [2500, 800, 1200], 300),
      m('Гальванотехника', 'линия цинкования и никелирования', [2000, 700, 1000], 200),
    ],
    fleet: [1, 3],
    itGrade: null,
    roughness: null,
    batchMin: [1, 10],
    batchMax: [5000, 200_000],
    leadTimeDays: [3, 15],
    title: (f) => ({ ru: `Гальваническое цинкование и никелирование, ванны ${metresRu(f.size[0])} м`, en: `Zinc and nickel electroplating, ${metresEn(f.size[0])} m tanks` }),
  },
  hdg: {
    processes: ['SRF.ZN.HDG'],
    families: [...HEAT_TREATABLE, 'CAST_IRON'],
    models: [
      m('Koerner', 'ванна горячего цинкования', [12_000, 1800, 3000], 6000),
      m('Gimeco', 'ванна горячего цинкования', [7000, 1500, 2500], 3000),
    ],
    fleet: [1, 1],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [1000, 100_000],
    leadTimeDays: [3, 15],
    title: (f) => ({ ru: `Горячее цинкование, ванна ${metresRu(f.size[0])} м`, en: `Hot-dip galvanizing, ${metresEn(f.size[0])} m kettle` }),
  },
  anod: {
    processes: ['SRF.ANOD'],
    optional: ['SRF.CONV'],
    families: ['ALUMINIUM', 'TITANIUM'],
    models: [
      m('Galvanotechnik Leipzig', 'линия анодирования', [3000, 1000, 1500], 300),
      m('Гальванотехника', 'линия сернокислотного и твёрдого анодирования', [2000, 800, 1200], 200),
    ],
    fleet: [1, 2],
    itGrade: null,
    roughness: null,
    batchMin: [1, 10],
    batchMax: [1000, 50_000],
    leadTimeDays: [3, 15],
    title: (f) => ({ ru: `Анодирование алюминия (сернокислотное, твёрдое), ванны ${metresRu(f.size[0])} м`, en: `Aluminium anodizing (sulphuric, hard), ${metresEn(f.size[0])} m tanks` }),
  },
  paint: {
    processes: ['SRF.PAINT'],
    optional: ['SRF.BLAST'],
    families: PAINTABLE,
    models: [
      m('Blowtherm', 'покрасочно-сушильная камера', [12_000, 4000, 4000], 20_000),
      m('Saima', 'Prestige', [7000, 4000, 3000], 8000),
      m('OMIA', 'окрасочная камера', [6000, 3000, 2500], 5000),
    ],
    fleet: [1, 3],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [100, 20_000],
    leadTimeDays: [3, 20],
    title: (f) => ({
      ru: `Окраска жидкими ЛКМ в камере ${metresRu(f.size[0])}×${metresRu(f.size[1])}×${metresRu(f.size[2])} м`,
      en: `Wet painting in a ${metresEn(f.size[0])}×${metresEn(f.size[1])}×${metresEn(f.size[2])} m booth`,
    }),
  },
  blast: {
    processes: ['SRF.BLAST'],
    families: [...PAINTABLE, 'STEEL_STAINLESS', 'TITANIUM', 'NICKEL_ALLOY'],
    models: [
      m('Contracor', 'дробеструйная камера', [8000, 4000, 4000], 15_000),
      m('Schlick', 'пескоструйная камера', [4000, 3000, 3000], 5000),
      m('Rösler', 'RMBC 2', [1500, 1000, 1000], 1000),
    ],
    fleet: [1, 2],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [100, 20_000],
    leadTimeDays: [2, 10],
    title: () => ({ ru: 'Дробеструйная и абразивоструйная очистка', en: 'Shot and grit blasting' }),
  },
  thspray: {
    processes: ['SRF.THSPRAY'],
    families: ['NICKEL_ALLOY', 'TITANIUM', 'STEEL_STAINLESS', 'STEEL_ALLOY'],
    models: [
      m('Oerlikon Metco', '9MC', [1500, 1000, 1000], 300),
      m('Praxair', 'JP-8000 (HVOF)', [1500, 1000, 1000], 300),
      m('Стан', 'плазмотрон УПУ-3Д', [1000, 800, 800], 200),
    ],
    fleet: [1, 3],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [50, 5000],
    leadTimeDays: [7, 30],
    title: () => ({ ru: 'Газотермическое и плазменное напыление покрытий', en: 'Thermal and plasma spray coatings' }),
  },
  pvd: {
    processes: ['SRF.PVD'],
    families: ['STEEL_TOOL', 'STEEL_ALLOY', 'TITANIUM'],
    models: [m('Platit', 'π411', [400, 400, 400], 200), m('Oerlikon Balzers', 'INNOVENTA', [700, 700, 700], 500)],
    fleet: [1, 2],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [500, 20_000],
    leadTimeDays: [5, 20],
    title: () => ({ ru: 'Вакуумное ионно-плазменное напыление (PVD)', en: 'PVD coating' }),
  },
  htQt: {
    processes: ['HT.QT'],
    optional: ['HT.ANNEAL', 'HT.STRESS'],
    families: HEAT_TREATABLE,
    models: [
      m('Накал', 'камерные печи СНО-8.16.5/10', [1600, 800, 500], 1000),
      m('Aichelin', 'шахтная печь', [2500, 1000, 1000], 3000),
      m('Накал', 'шахтные печи СШЗ-6.12', [1200, 600, 600], 800),
    ],
    fleet: [1, 6],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [500, 50_000],
    leadTimeDays: [3, 15],
    title: (f) => ({ ru: `Закалка и отпуск, садка до ${groupDigits(f.massKg)} кг`, en: `Quench and temper, loads up to ${groupDigits(f.massKg)} kg` }),
  },
  htCarb: {
    processes: ['HT.CARB'],
    optional: ['HT.QT'],
    families: ['STEEL_ALLOY', 'STEEL_CARBON'],
    models: [m('Ipsen', 'TQ-10', [1200, 760, 760], 1000), m('Aichelin', 'AE 600', [900, 600, 600], 600)],
    fleet: [1, 4],
    itGrade: null,
    roughness: null,
    batchMin: [100],
    batchMax: [10_000, 500_000],
    leadTimeDays: [5, 20],
    title: () => ({ ru: 'Цементация и нитроцементация с закалкой', en: 'Carburizing and carbonitriding with hardening' }),
  },
  htNitr: {
    processes: ['HT.NITR'],
    families: ['STEEL_ALLOY', 'STEEL_TOOL', 'STEEL_STAINLESS'],
    models: [m('Rübig', 'PN 100/140', [1400, 1000, 1000], 1500), m('Nitrex', 'NX-1000', [1500, 900, 900], 1200)],
    fleet: [1, 3],
    itGrade: null,
    roughness: null,
    batchMin: [10],
    batchMax: [1000, 50_000],
    leadTimeDays: [5, 20],
    title: () => ({ ru: 'Ионное и газовое азотирование', en: 'Plasma and gas nitriding' }),
  },
  htInd: {
    processes: ['HT.IND'],
    families: ['STEEL_CARBON', 'STEEL_ALLOY', 'CAST_IRON'],
    models: [m('EFD Induction', 'установка ТВЧ', [2000, 500, 500], 300), m('Интер', 'ТВЧ-установка ИЗ-100', [1500, 400, 400], 200)],
    fleet: [1, 4],
    itGrade: null,
    roughness: null,
    batchMin: [10, 100],
    batchMax: [10_000, 200_000],
    leadTimeDays: [5, 20],
    title: () => ({ ru: 'Закалка ТВЧ валов и зубчатых колёс', en: 'Induction hardening of shafts and gears' }),
  },
  htVac: {
    processes: ['HT.VAC'],
    optional: ['HT.AGE'],
    families: ['NICKEL_ALLOY', 'TITANIUM', 'STEEL_STAINLESS', 'STEEL_TOOL', 'STEEL_ALLOY'],
    models: [
      m('Ipsen', 'TITAN H6', [900, 600, 600], 600),
      m('Seco/Warwick', 'Vector 10.0VPT', [1200, 900, 900], 1000),
      m('ALD', 'DualTherm', [1000, 600, 600], 800),
    ],
    fleet: [1, 3],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [100, 10_000],
    leadTimeDays: [5, 25],
    title: (f) => ({ ru: `Вакуумная термообработка в печах ${f.maker}`, en: `Vacuum heat treatment in ${f.maker} furnaces` }),
  },
  htAge: {
    processes: ['HT.AGE'],
    optional: ['HT.STRESS'],
    families: ['ALUMINIUM', 'NICKEL_ALLOY', 'TITANIUM', 'STEEL_STAINLESS'],
    models: [m('Nabertherm', 'N 1500/85HA', [1500, 1000, 1000], 500), m('Накал', 'печи старения СНО', [1200, 800, 800], 400)],
    fleet: [1, 4],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [100, 10_000],
    leadTimeDays: [3, 15],
    title: () => ({ ru: 'Закалка и старение алюминиевых и жаропрочных сплавов', en: 'Solution treatment and ageing of aluminium and superalloys' }),
  },
  injSmall: {
    processes: ['PLS.INJ'],
    families: ['POLYMER'],
    models: [
      m('Engel', 'e-mac 100', [300, 200, 150], 1, 100),
      m('Arburg', 'Allrounder 470 A', [300, 200, 150], 1, 100),
      m('Haitian', 'MA 1600', [400, 300, 200], 1, 160),
      m('KraussMaffei', 'CX 160', [400, 300, 200], 1, 160),
    ],
    fleet: [2, 12],
    itGrade: [10, 12],
    roughness: [0.8, 1.6, 3.2],
    batchMin: [500, 1000],
    batchMax: [50_000, 1_000_000],
    leadTimeDays: [14, 45],
    title: (f) => ({
      ru: `Литьё пластмасс под давлением на термопластавтоматах ${f.maker} ${f.param} т`,
      en: `Plastic injection moulding on ${f.param} t ${f.maker} machines`,
    }),
  },
  injLarge: {
    processes: ['PLS.INJ'],
    families: ['POLYMER'],
    models: [
      m('Engel', 'duo 5500', [1200, 800, 500], 5, 550),
      m('Haitian', 'MA 8000', [1400, 900, 500], 6, 800),
      m('KraussMaffei', 'MX 650', [1200, 800, 500], 5, 650),
    ],
    fleet: [1, 4],
    itGrade: [10, 12],
    roughness: [1.6, 3.2],
    batchMin: [500, 1000],
    batchMax: [20_000, 500_000],
    leadTimeDays: [14, 45],
    title: (f) => ({
      ru: `Литьё крупногабаритных пластмассовых деталей на ${f.maker} ${f.param} т`,
      en: `Large plastic parts on ${f.param} t ${f.maker} machines`,
    }),
  },
  extr: {
    processes: ['PLS.EXTR'],
    families: ['POLYMER'],
    models: [m('battenfeld-cincinnati', 'solEX NG 75', [6000, 300, 300], 10, 75), m('Weber', 'DS 8', [6000, 200, 200], 8, 80)],
    fleet: [1, 3],
    itGrade: [12, 14],
    roughness: null,
    batchMin: [1000],
    batchMax: [50_000, 1_000_000],
    leadTimeDays: [10, 30],
    title: () => ({ ru: 'Экструзия профилей и трубок из ПВХ и ПЭ', en: 'PVC and PE profile and tube extrusion' }),
  },
  rubber: {
    processes: ['RUB.MOLD'],
    families: ['RUBBER'],
    models: [m('DESMA', 'D 968', [400, 400, 200], 2), m('Стан', 'вулканизационный пресс П-100-400', [400, 400, 200], 2)],
    fleet: [2, 8],
    itGrade: [12, 14],
    roughness: null,
    batchMin: [100, 500],
    batchMax: [20_000, 500_000],
    leadTimeDays: [14, 45],
    title: () => ({ ru: 'Формовые резинотехнические изделия (РТИ)', en: 'Moulded rubber goods' }),
  },
  thermo: {
    processes: ['PLS.THERMO'],
    families: ['POLYMER'],
    models: [m('Illig', 'UA 100g', [1000, 800, 400], 3), m('Geiss', 'T10', [2000, 1200, 600], 5)],
    fleet: [1, 2],
    itGrade: [12, 14],
    roughness: null,
    batchMin: [50, 100],
    batchMax: [5000, 100_000],
    leadTimeDays: [10, 30],
    title: () => ({ ru: 'Вакуумная формовка листовых пластиков', en: 'Vacuum forming of plastic sheet' }),
  },
  smt: {
    processes: ['ELC.SMT'],
    optional: ['ELC.THT'],
    families: null,
    models: [
      m('Yamaha', 'YSM20R', [510, 460, 30], 1),
      m('Fuji', 'NXT III', [510, 460, 30], 1),
      m('ASM', 'SIPLACE TX', [590, 460, 30], 1),
      m('Panasonic', 'NPM-D3', [510, 460, 30], 1),
    ],
    fleet: [1, 3],
    itGrade: null,
    roughness: null,
    batchMin: [10, 50],
    batchMax: [10_000, 200_000],
    leadTimeDays: [14, 45],
    title: (f) => ({
      ru: `Поверхностный монтаж SMD: ${f.machines} ${pluralRu(f.machines, 'линия', 'линии', 'линий')} ${f.maker}`,
      en: `SMT assembly: ${f.machines} ${f.maker} line${f.machines === 1 ? '' : 's'}`,
    }),
  },
  tht: {
    processes: ['ELC.THT'],
    optional: ['ELC.COAT'],
    families: null,
    models: [m('ERSA', 'POWERFLOW N2', [500, 460, 100], 2), m('SEHO', 'PowerSelective', [500, 450, 100], 2)],
    fleet: [1, 2],
    itGrade: null,
    roughness: null,
    batchMin: [10, 50],
    batchMax: [5000, 100_000],
    leadTimeDays: [14, 45],
    title: () => ({ ru: 'Выводной монтаж, пайка волной и селективная пайка', en: 'Through-hole assembly, wave and selective soldering' }),
  },
  harness: {
    processes: ['ELC.HARNESS'],
    families: null,
    models: [
      m('Komax', 'Alpha 530', [6000, 500, 100], 20),
      m('Schleuniger', 'PowerStrip 9580', [4000, 400, 100], 10),
      m('Komax', 'Gamma 263', [3000, 300, 100], 5),
    ],
    fleet: [1, 6],
    itGrade: null,
    roughness: null,
    batchMin: [50, 100],
    batchMax: [5000, 100_000],
    leadTimeDays: [14, 45],
    title: (f) => ({ ru: `Изготовление жгутов проводов (автоматы ${f.maker})`, en: `Wire harness manufacturing (${f.maker} automatics)` }),
  },
  wind: {
    processes: ['ELC.WIND'],
    optional: ['ASM.ELMECH'],
    families: ['COPPER_ALLOY', 'STEEL_ELECTRICAL'],
    models: [
      m('Odawara', 'намоточные станки', [1500, 1200, 1200], 3000, 1200),
      m('Marsilli', 'намоточные станки', [800, 600, 600], 500, 600),
      m('АМТ', 'станки намотки и укладки обмоток', [2500, 2000, 2000], 8000, 2000),
    ],
    fleet: [1, 6],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [20, 2000],
    leadTimeDays: [20, 60],
    title: (f) => ({
      ru: `Намотка и укладка обмоток электрических машин, статоры до Ø${f.param} мм`,
      en: `Winding of electrical machines, stators up to Ø${f.param} mm`,
    }),
  },
  box: {
    processes: ['ELC.BOX'],
    optional: ['ASM.ELMECH'],
    families: null,
    models: [m('Rittal', 'участок сборки НКУ', [2200, 1200, 800], 800), m('Phoenix Contact', 'участок сборки шкафов', [2000, 1000, 600], 500)],
    fleet: [1, 4],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [20, 2000],
    leadTimeDays: [14, 45],
    title: () => ({ ru: 'Сборка шкафов управления и НКУ', en: 'Control cabinet and switchgear assembly' }),
  },
  elmech: {
    processes: ['ASM.ELMECH'],
    families: null,
    models: [m('Bosch Rexroth', 'сборочные стенды', [2000, 1000, 1000], 1000), m('Atlas Copco', 'моментный инструмент', [1500, 800, 800], 500)],
    fleet: [1, 4],
    itGrade: null,
    roughness: null,
    batchMin: [1],
    batchMax: [50, 5000],
    leadTimeDays: [14, 45],
    title: () => ({ ru: 'Сборка электромеханических узлов и электродвигателей', en: 'Electromechanical and motor assembly' }),
  },
  prepreg: {
    processes: ['CMP.PREPREG'],
    optional: ['CMP.MACH'],
    families: ['COMPOSITE'],
    models: [
      m('Scholz', 'автоклав 2,5×8 м', [8000, 2500, 2500], 2000),
      m('ASC Process Systems', 'Econoclave 2×4 м', [4000, 2000, 2000], 1000),
      m('Melchers', 'автоклав 1,5×3 м', [3000, 1500, 1500], 500),
    ],
    fleet: [1, 2],
    itGrade: [10, 12],
    roughness: [1.6, 3.2],
    batchMin: [1],
    batchMax: [50, 500],
    leadTimeDays: [30, 90],
    title: (f) => ({
      ru: `Автоклавное формование деталей из препрегов, автоклав ${metresRu(f.size[1])}×${metresRu(f.size[0])} м`,
      en: `Prepreg autoclave moulding, ${metresEn(f.size[1])}×${metresEn(f.size[0])} m autoclave`,
    }),
  },
  rtm: {
    processes: ['CMP.RTM'],
    families: ['COMPOSITE'],
    models: [m('Isojet', 'Evo RTM', [2000, 1500, 500], 100), m('Cannon', 'Infinity RTM', [2500, 1500, 600], 150)],
    fleet: [1, 3],
    itGrade: [10, 12],
    roughness: [1.6, 3.2],
    batchMin: [10],
    batchMax: [500, 10_000],
    leadTimeDays: [20, 60],
    title: () => ({ ru: 'RTM-формование композитных деталей', en: 'RTM moulding of composite parts' }),
  },
  cmpWind: {
    processes: ['CMP.WIND'],
    families: ['COMPOSITE'],
    models: [m('Mikrosam', 'MAW FB 4/1', [6000, 1000, 1000], 500, 1000), m('Roth Composite Machinery', 'намоточный станок', [4000, 800, 800], 300, 800)],
    fleet: [1, 2],
    itGrade: [10, 12],
    roughness: null,
    batchMin: [1],
    batchMax: [50, 5000],
    leadTimeDays: [20, 60],
    title: (f) => ({ ru: `Намотка композитных оболочек и труб, Ø до ${f.param} мм`, en: `Filament winding of composite shells and tubes, up to Ø${f.param} mm` }),
  },
  hand: {
    processes: ['CMP.HAND'],
    families: ['COMPOSITE'],
    models: [m('Graco', 'участок ручной выкладки и напыления', [8000, 3000, 2000], 500)],
    fleet: [1, 2],
    itGrade: [12, 14],
    roughness: null,
    batchMin: [1],
    batchMax: [20, 1000],
    leadTimeDays: [20, 60],
    title: () => ({ ru: 'Ручная выкладка и вакуумная инфузия стеклопластика', en: 'Hand lay-up and vacuum infusion of GFRP' }),
  },
  cmpMach: {
    processes: ['CMP.MACH'],
    families: ['COMPOSITE'],
    models: [m('CMS', 'Ares 5-осевой', [3000, 2000, 1000], 500), m('Belotti', 'FLA 5-осевой', [4000, 2000, 1000], 500)],
    fleet: [1, 2],
    itGrade: [9, 11],
    roughness: [3.2, 6.3],
    batchMin: [1],
    batchMax: [50, 2000],
    leadTimeDays: [10, 40],
    title: () => ({ ru: 'Механообработка и обрезка деталей из композитов', en: 'Machining and trimming of composite parts' }),
  },
  ndt: {
    processes: ['QC.NDT'],
    families: null,
    models: [
      m('Evident', 'OmniScan X3 (ФР-УЗК)', [6000, 2000, 2000], 10_000),
      m('Спектрофлэш', 'рентгеновские аппараты «Арина-7»', [6000, 2000, 2000], 10_000),
      m('Кропус', 'УЗ-дефектоскопы УД2-70', [6000, 2000, 2000], 10_000),
      m('Sherwin', 'капиллярный контроль', [3000, 1500, 1500], 2000),
    ],
    fleet: [2, 8],
    itGrade: null,
    roughness: null,
    batchMin: null,
    batchMax: [1, 1],
    leadTimeDays: [2, 10],
    title: () => ({ ru: 'Неразрушающий контроль: УЗК, РК, ПВК, МПД', en: 'Non-destructive testing: UT, RT, PT, MT' }),
  },
  cmm: {
    processes: ['QC.CMM'],
    families: null,
    models: [
      m('Zeiss', 'CONTURA 10/16/6', [1000, 1600, 600], 1000),
      m('Hexagon', 'Global S 9.15.8', [900, 1500, 800], 1500),
      m('Wenzel', 'LH 87', [800, 700, 700], 1000),
    ],
    fleet: [1, 2],
    itGrade: null,
    roughness: null,
    batchMin: null,
    batchMax: [1, 1],
    leadTimeDays: [2, 10],
    title: (f) => ({ ru: `Контроль геометрии на КИМ ${f.maker}`, en: `CMM inspection on ${f.maker}` }),
  },
  mech: {
    processes: ['QC.MECH'],
    families: null,
    models: [
      m('Instron', '5982', [1000, 300, 300], 50),
      m('ZwickRoell', 'Z250', [1000, 300, 300], 50),
      m('Точприбор', 'ИР 5082-100', [800, 300, 300], 30),
    ],
    fleet: [1, 3],
    itGrade: null,
    roughness: null,
    batchMin: null,
    batchMax: [1, 1],
    leadTimeDays: [3, 14],
    title: () => ({ ru: 'Механические испытания: растяжение, ударная вязкость, твёрдость', en: 'Mechanical testing: tensile, impact, hardness' }),
  },
  chem: {
    processes: ['QC.CHEM'],
    families: null,
    models: [
      m('Спектральная лаборатория', 'спектрометр «Искролайн 100»', [300, 300, 300], 20),
      m('Bruker', 'Q4 TASMAN', [300, 300, 300], 20),
      m('SPECTRO', 'SPECTROMAXx', [300, 300, 300], 20),
    ],
    fleet: [1, 2],
    itGrade: null,
    roughness: null,
    batchMin: null,
    batchMax: [1, 1],
    leadTimeDays: [2, 10],
    title: () => ({ ru: 'Спектральный анализ химического состава металлов', en: 'Spark-OES chemical analysis of metals' }),
  },
  scan: {
    processes: ['QC.SCAN'],
    families: null,
    models: [
      m('Creaform', 'HandySCAN 3D', [4000, 2000, 2000], 5000),
      m('Zeiss', 'GOM ATOS Q', [2000, 1500, 1000], 2000),
      m('RangeVision', 'Pro', [1000, 800, 600], 500),
    ],
    fleet: [1, 2],
    itGrade: null,
    roughness: null,
    batchMin: null,
    batchMax: [1, 1],
    leadTimeDays: [2, 10],
    title: () => ({ ru: '3D-сканирование и обмер деталей, сравнение с CAD', en: '3D scanning and CAD comparison' }),
  },
  cal: {
    processes: ['QC.CAL'],
    families: null,
    models: [m('Mahr', 'эталонная база, концевые меры', [1000, 500, 500], 50)],
    fleet: [1, 1],
    itGrade: null,
    roughness: null,
    batchMin: null,
    batchMax: [1, 1],
    leadTimeDays: [3, 14],
    title: () => ({ ru: 'Калибровка средств измерений', en: 'Calibration of measuring instruments' }),
  },
} satisfies Record<string, CapacityKind>

export type CapacityKindKey = keyof typeof CAPACITY_KINDS

export interface Archetype {
  nameRu: string
  nameEn: string
  okved2: string
  /** Capacity kinds the shop runs; a shop picks distinct kinds first and repeats one only when it has more capacities. */
  kinds: Weighted<CapacityKindKey>
  /** Words company names of this trade are built from (see names.ts). */
  trade: TradeWords
}

export interface TradeWords {
  /** Capitalised stems for compounds: «Кама-Пласт», «ТехноЛит». */
  stems: readonly string[]
  /** Lower-case tails for one-word compounds: «Волгаметаллообработка». */
  tails: readonly string[]
  /** Phrases after a masculine adjective: «Прикамский механический завод». */
  masculine: readonly string[]
  /** Phrases after a feminine adjective: «Уральская литейная компания». */
  feminine: readonly string[]
}

export const ARCHETYPES: Readonly<Record<ArchetypeKey, Archetype>> = {
  machining: {
    nameRu: 'Механообрабатывающее производство',
    nameEn: 'Job-shop machining',
    okved2: '25.62',
    kinds: [
      ['mill5', 0.16], ['mill3', 0.2], ['turn', 0.22], ['turnmill', 0.07], ['grindCyl', 0.05], ['grindSurf', 0.04], ['edmWire', 0.04],
      ['edmSink', 0.03], ['gear', 0.05], ['hbm', 0.04], ['vtl', 0.03], ['deephole', 0.01], ['asmMech', 0.03], ['repair', 0.01], ['toolDie', 0.02],
      ['anod', 0.03], ['ndt', 0.03], ['htQt', 0.02], ['htInd', 0.02],
    ],
    trade: {
      stems: ['Мех', 'Деталь', 'Механика', 'Техмаш', 'Точмаш', 'Станкомаш', 'Металл'],
      tails: ['металлообработка', 'техмаш', 'механика', 'деталь', 'спецмаш'],
      masculine: ['механический завод', 'завод точной механики', 'машиностроительный завод', 'ремонтно-механический завод', 'инструментальный завод'],
      feminine: ['механическая компания', 'производственная компания', 'машиностроительная компания'],
    },
  },
  sheet_metal: {
    nameRu: 'Листообрабатывающее производство',
    nameEn: 'Sheet-metal shop',
    okved2: '25.99',
    kinds: [
      ['laser', 0.28], ['bend', 0.22], ['plasma', 0.1], ['punch', 0.06], ['waterjet', 0.04], ['roll', 0.05], ['tubebend', 0.06],
      ['fab', 0.07], ['spin', 0.02], ['powder', 0.1], ['anod', 0.03], ['res', 0.03], ['migmag', 0.04],
    ],
    trade: {
      stems: ['Профиль', 'Лист', 'Лазер', 'Металл', 'МеталлПрофиль', 'Корпус'],
      tails: ['металлпрофиль', 'лазер', 'металлоизделия', 'лист'],
      masculine: ['завод металлоизделий', 'завод листовых конструкций', 'центр лазерной резки'],
      feminine: ['компания металлообработки', 'производственная компания'],
    },
  },
  welding: {
    nameRu: 'Сварочное производство и металлоконструкции',
    nameEn: 'Welding fabricator',
    okved2: '25.11',
    kinds: [
      ['migmag', 0.22], ['tig', 0.14], ['robot', 0.1], ['saw', 0.06], ['res', 0.05], ['struct', 0.2], ['ebw', 0.02], ['braze', 0.02],
      ['fsw', 0.02], ['ndt', 0.07], ['install', 0.08], ['blast', 0.04], ['paint', 0.08], ['roll', 0.03],
    ],
    trade: {
      stems: ['Сварка', 'Монтаж', 'Стальконструкция', 'МеталлСтрой', 'СварМаш'],
      tails: ['сварка', 'стальмонтаж', 'металлоконструкция', 'спецмонтаж'],
      masculine: ['завод металлоконструкций', 'сварочный центр', 'завод нестандартного оборудования'],
      feminine: ['сварочная компания', 'монтажная компания'],
    },
  },
  foundry: {
    nameRu: 'Литейное производство',
    nameEn: 'Foundry',
    okved2: '24.51',
    kinds: [
      ['sand', 0.4], ['invest', 0.2], ['hpdc', 0.18], ['lpdc', 0.05], ['htQt', 0.05], ['htVac', 0.02], ['mill3', 0.05], ['turn', 0.03],
      ['hbm', 0.02], ['blast', 0.05], ['ndt', 0.03],
    ],
    trade: {
      stems: ['Лит', 'СпецЛит', 'ТехноЛит', 'Литмаш', 'Отливка', 'Литейщик'],
      tails: ['лит', 'литмаш', 'спецлит', 'промлит'],
      masculine: ['литейный завод', 'завод точного литья', 'литейно-механический завод'],
      feminine: ['литейная компания'],
    },
  },
  forging: {
    nameRu: 'Кузнечно-штамповочное производство',
    nameEn: 'Forging and stamping',
    okved2: '25.50',
    kinds: [
      ['closed', 0.26], ['open', 0.16], ['prog', 0.28], ['fine', 0.04], ['cold', 0.06], ['toolDie', 0.07], ['htQt', 0.07], ['res', 0.04],
      ['paint', 0.03], ['galv', 0.03], ['turn', 0.03],
    ],
    trade: {
      stems: ['Штамп', 'Поковка', 'Кузмаш', 'Прессмаш', 'Кузня'],
      tails: ['штамп', 'кузмаш', 'прессмаш', 'поковка'],
      masculine: ['кузнечный завод', 'кузнечно-прессовый завод', 'завод штампов и пресс-форм'],
      feminine: ['кузнечная компания', 'штамповочная компания'],
    },
  },
  surface_heat: {
    nameRu: 'Гальваника, покрытия и термообработка',
    nameEn: 'Coating and heat-treatment service',
    okved2: '25.61',
    kinds: [
      ['galv', 0.14], ['hdg', 0.05], ['anod', 0.1], ['paint', 0.08], ['powder', 0.08], ['blast', 0.05], ['thspray', 0.06], ['pvd', 0.02],
      ['htQt', 0.12], ['htCarb', 0.08], ['htNitr', 0.05], ['htInd', 0.06], ['htVac', 0.07], ['htAge', 0.04],
    ],
    trade: {
      stems: ['Гальваника', 'Покрытие', 'Термо', 'Цинк', 'Термотех', 'ГальваноТех'],
      tails: ['гальваника', 'цинк', 'термообработка', 'покрытие'],
      masculine: ['завод покрытий', 'центр термообработки', 'гальванический завод'],
      feminine: ['гальваническая компания', 'термическая компания'],
    },
  },
  moulding: {
    nameRu: 'Переработка пластмасс',
    nameEn: 'Injection moulder',
    okved2: '22.29',
    kinds: [['injSmall', 0.35], ['injLarge', 0.22], ['extr', 0.08], ['thermo', 0.06], ['rubber', 0.1], ['toolDie', 0.1], ['paint', 0.09]],
    trade: {
      stems: ['Пласт', 'Полимер', 'ПолимерДеталь', 'Пластмасс', 'ПрессФорм'],
      tails: ['пласт', 'полимер', 'пластмасс', 'полимердеталь'],
      masculine: ['завод пластмассовых изделий', 'завод полимерных изделий'],
      feminine: ['полимерная компания'],
    },
  },
  ems: {
    nameRu: 'Контрактное производство электроники и электротехники',
    nameEn: 'Electronics contract manufacturer',
    okved2: '26.12',
    kinds: [['smt', 0.28], ['tht', 0.1], ['harness', 0.2], ['wind', 0.16], ['box', 0.13], ['elmech', 0.13]],
    trade: {
      stems: ['Электро', 'Электроника', 'Прибор', 'Электромаш', 'Платы', 'Контракт'],
      tails: ['электро', 'электроника', 'прибор', 'электромаш'],
      masculine: ['приборный завод', 'завод электронных модулей', 'электромеханический завод'],
      feminine: ['электротехническая компания', 'приборостроительная компания'],
    },
  },
  composites: {
    nameRu: 'Производство изделий из композитов',
    nameEn: 'Composites shop',
    okved2: '22.29',
    kinds: [['prepreg', 0.33], ['rtm', 0.14], ['cmpWind', 0.11], ['hand', 0.18], ['cmpMach', 0.18], ['ndt', 0.06]],
    trade: {
      stems: ['Композит', 'Карбон', 'КомпозитТех', 'Углепластик'],
      tails: ['композит', 'карбон', 'стеклопластик'],
      masculine: ['завод композитных изделий', 'центр композитных технологий'],
      feminine: ['композитная компания'],
    },
  },
  ndt_lab: {
    nameRu: 'Лаборатория неразрушающего контроля и метрологии',
    nameEn: 'NDT and metrology lab',
    okved2: '71.20',
    kinds: [['ndt', 0.35], ['cmm', 0.25], ['mech', 0.15], ['chem', 0.12], ['scan', 0.08], ['cal', 0.05]],
    trade: {
      stems: ['Контроль', 'Диагностика', 'Эксперт', 'Дефектоскопия', 'Метрология', 'ТехЭксперт'],
      tails: ['контроль', 'диагностика', 'эксперт', 'метрология'],
      masculine: ['центр неразрушающего контроля', 'испытательный центр', 'центр метрологии'],
      feminine: ['испытательная лаборатория', 'лаборатория неразрушающего контроля'],
    },
  },
}

/** Which material families a process works, gathered from every kind that offers it; null when none cares. */
export function familiesForProcess(process: string): ReadonlySet<MaterialFamilyCode> | null {
  return FAMILIES_BY_PROCESS.get(process) ?? null
}

const FAMILIES_BY_PROCESS: ReadonlyMap<string, ReadonlySet<MaterialFamilyCode>> = (() => {
  const byProcess = new Map<string, Set<MaterialFamilyCode>>()
  for (const kind of Object.values(CAPACITY_KINDS) as CapacityKind[]) {
    if (kind.families === null) continue
    for (const process of [...kind.processes, ...(kind.optional ?? [])]) {
      const families = byProcess.get(process) ?? new Set<MaterialFamilyCode>()
      kind.families.forEach((family) => families.add(family))
      byProcess.set(process, families)
    }
  }
  return byProcess
})()

/** Kinds whose card always lists the process: where a request's main operation can be placed. */
export function kindsOffering(process: string): CapacityKindKey[] {
  return (Object.keys(CAPACITY_KINDS) as CapacityKindKey[]).filter((key) => CAPACITY_KINDS[key].processes.includes(process))
}
