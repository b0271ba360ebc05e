export type ProcessGroupCode =
  | 'MCH'
  | 'SHT'
  | 'WLD'
  | 'CST'
  | 'FRG'
  | 'HT'
  | 'SRF'
  | 'PLS'
  | 'CMP'
  | 'ELC'
  | 'AM'
  | 'ASM'
  | 'QC'
  | 'ENG'

/** The attributes worth capturing on an SME capacity card and on an RFQ for a process. */
export type ProcessParam =
  | 'envelope'
  | 'mass'
  | 'tolerance'
  | 'roughness'
  | 'thickness'
  | 'diameter'
  | 'tonnage'
  | 'batch'
  | 'material'

export interface ProcessGroup {
  code: ProcessGroupCode
  nameRu: string
  nameEn: string
}

export interface Process {
  /** Stable key, e.g. `MCH.TURN`; the prefix is not always the group (STP., TOOL., RUB.). */
  code: string
  group: ProcessGroupCode
  nameRu: string
  nameEn: string
  /** The first ОКВЭД2 class the reference lists for the process. */
  okved2: string
  /** Further ОКВЭД2 classes that also fit (by alloy, by product). */
  okved2Related?: readonly string[]
  okpd2?: string
  params: readonly ProcessParam[]
  note?: string
}

export const PROCESS_GROUPS: readonly ProcessGroup[] = [
  { code: 'MCH', nameRu: 'Механическая обработка', nameEn: 'Machining' },
  { code: 'SHT', nameRu: 'Листовая обработка', nameEn: 'Sheet metal' },
  { code: 'WLD', nameRu: 'Сварка', nameEn: 'Welding' },
  { code: 'CST', nameRu: 'Литьё', nameEn: 'Casting' },
  { code: 'FRG', nameRu: 'Ковка и штамповка', nameEn: 'Forging & stamping' },
  { code: 'HT', nameRu: 'Термообработка', nameEn: 'Heat treatment' },
  { code: 'SRF', nameRu: 'Покрытия', nameEn: 'Surface treatment' },
  { code: 'PLS', nameRu: 'Полимеры', nameEn: 'Polymers' },
  { code: 'CMP', nameRu: 'Композиты', nameEn: 'Composites' },
  { code: 'ELC', nameRu: 'Электроника', nameEn: 'Electronics' },
  { code: 'AM', nameRu: 'Аддитивное производство', nameEn: 'Additive manufacturing' },
  { code: 'ASM', nameRu: 'Сборка', nameEn: 'Assembly' },
  { code: 'QC', nameRu: 'Метрология и испытания', nameEn: 'Metrology & testing' },
  { code: 'ENG', nameRu: 'Инжиниринг', nameEn: 'Engineering' },
]

const CASTING_BY_ALLOY = ['24.51', '24.52', '24.53', '24.54']
const CASTING_NOTE = 'ОКВЭД2 by alloy: 24.51 iron, 24.52 steel, 24.53 light metals, 24.54 other non-ferrous; ОКПД2 subcode not checked ⚠'
const AM_NOTE = 'ОКВЭД2 has no service class for additive manufacturing: classify by the product made'

export const PROCESSES: readonly Process[] = [
  {
    code: 'MCH.TURN', group: 'MCH', nameRu: 'Токарная обработка на станках с ЧПУ', nameEn: 'CNC turning',
    okved2: '25.62', okpd2: '25.62.10', params: ['diameter', 'envelope', 'tolerance', 'roughness', 'material'],
  },
  {
    code: 'MCH.TURNMILL', group: 'MCH', nameRu: 'Токарно-фрезерная обработка (в т.ч. автоматы продольного точения)',
    nameEn: 'Turn-mill / Swiss-type', okved2: '25.62', okpd2: '25.62.10',
    params: ['diameter', 'tolerance', 'roughness', 'material', 'batch'],
  },
  {
    code: 'MCH.MILL3', group: 'MCH', nameRu: 'Фрезерная обработка 3-осевая', nameEn: 'CNC milling, 3-axis',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'mass', 'tolerance', 'roughness', 'material'],
  },
  {
    code: 'MCH.MILL4', group: 'MCH', nameRu: 'Фрезерная обработка 4-осевая', nameEn: 'CNC milling, 4-axis',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'mass', 'tolerance', 'roughness', 'material'],
  },
  {
    code: 'MCH.MILL5', group: 'MCH', nameRu: 'Фрезерная обработка 5-осевая (непрерывная)',
    nameEn: 'CNC milling, 5-axis simultaneous', okved2: '25.62', okpd2: '25.62.20',
    params: ['envelope', 'tolerance', 'roughness', 'material'],
  },
  {
    code: 'MCH.HBM', group: 'MCH', nameRu: 'Расточная обработка (горизонтально-расточные станки)',
    nameEn: 'Horizontal boring / large machining', okved2: '25.62', okpd2: '25.62.20',
    params: ['envelope', 'mass', 'tolerance'],
  },
  {
    code: 'MCH.VTL', group: 'MCH', nameRu: 'Карусельная обработка', nameEn: 'Vertical turret lathe',
    okved2: '25.62', okpd2: '25.62.10', params: ['diameter', 'envelope', 'mass', 'tolerance'],
  },
  {
    code: 'MCH.DEEPHOLE', group: 'MCH', nameRu: 'Глубокое сверление (ВТА, ружейное)', nameEn: 'Deep-hole drilling (BTA, gun)',
    okved2: '25.62', okpd2: '25.62.20', params: ['diameter', 'envelope', 'tolerance', 'material'],
  },
  {
    code: 'MCH.GRIND.CYL', group: 'MCH', nameRu: 'Круглое шлифование (в т.ч. бесцентровое)',
    nameEn: 'Cylindrical / centreless grinding', okved2: '25.62', okpd2: '25.62.20',
    params: ['diameter', 'envelope', 'tolerance', 'roughness'],
  },
  {
    code: 'MCH.GRIND.SURF', group: 'MCH', nameRu: 'Плоское и координатное шлифование', nameEn: 'Surface / jig grinding',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'tolerance', 'roughness'],
  },
  {
    code: 'MCH.GEAR', group: 'MCH', nameRu: 'Зубообработка (зубофрезерование, зубодолбление, зубошлифование)',
    nameEn: 'Gear cutting (hobbing, shaping, grinding)', okved2: '25.62', okved2Related: ['28.15'], okpd2: '25.62.20',
    params: ['diameter', 'tolerance', 'material'], note: 'ОКВЭД2 28.15 when gears are the product',
  },
  {
    code: 'MCH.BROACH', group: 'MCH', nameRu: 'Протягивание, долбление', nameEn: 'Broaching, slotting',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'tolerance', 'material'],
  },
  {
    code: 'MCH.EDM.WIRE', group: 'MCH', nameRu: 'Электроэрозионная проволочная резка', nameEn: 'Wire EDM',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'thickness', 'tolerance', 'roughness'],
  },
  {
    code: 'MCH.EDM.SINK', group: 'MCH', nameRu: 'Электроэрозионная прошивка', nameEn: 'Sinker EDM',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'tolerance', 'roughness'],
  },
  {
    code: 'MCH.FINISH', group: 'MCH', nameRu: 'Хонингование, притирка, полирование', nameEn: 'Honing, lapping, polishing',
    okved2: '25.62', okpd2: '25.62.20', params: ['roughness', 'tolerance', 'diameter'],
  },
  {
    code: 'MCH.THREAD', group: 'MCH', nameRu: 'Резьбонарезание, накатка резьбы', nameEn: 'Threading, thread rolling',
    okved2: '25.62', okpd2: '25.62.20', params: ['diameter', 'tolerance', 'batch'],
  },
  {
    code: 'SHT.LASER', group: 'SHT', nameRu: 'Лазерная резка листа', nameEn: 'Laser cutting (fibre/CO₂)',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'thickness', 'material'],
  },
  {
    code: 'SHT.PLASMA', group: 'SHT', nameRu: 'Плазменная и газовая резка', nameEn: 'Plasma / oxy-fuel cutting',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'thickness', 'material'],
  },
  {
    code: 'SHT.WATERJET', group: 'SHT', nameRu: 'Гидроабразивная резка', nameEn: 'Waterjet cutting',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'thickness', 'material'],
  },
  {
    code: 'SHT.TUBELASER', group: 'SHT', nameRu: 'Лазерная резка труб и профиля', nameEn: 'Tube laser cutting',
    okved2: '25.62', okpd2: '25.62.20', params: ['diameter', 'envelope', 'thickness', 'material'],
  },
  {
    code: 'SHT.PUNCH', group: 'SHT', nameRu: 'Координатная пробивка', nameEn: 'CNC turret punching',
    okved2: '25.50', okpd2: '25.50.11', params: ['envelope', 'thickness', 'tonnage', 'batch'],
  },
  {
    code: 'SHT.BEND', group: 'SHT', nameRu: 'Гибка на листогибочных прессах', nameEn: 'Press-brake bending',
    okved2: '25.50', okpd2: '25.50.11', params: ['envelope', 'thickness', 'tonnage'],
  },
  {
    code: 'SHT.ROLL', group: 'SHT', nameRu: 'Вальцовка, профилирование', nameEn: 'Plate rolling, roll forming',
    okved2: '25.50', okved2Related: ['24.33'], okpd2: '25.50.11', params: ['envelope', 'thickness', 'diameter'],
    note: 'ОКВЭД2 24.33 when profiles are the product',
  },
  {
    code: 'SHT.TUBEBEND', group: 'SHT', nameRu: 'Гибка труб', nameEn: 'Tube bending',
    okved2: '25.50', okpd2: '25.50.11', params: ['diameter', 'thickness', 'material'],
  },
  {
    code: 'SHT.SPIN', group: 'SHT', nameRu: 'Ротационная вытяжка (давильные работы)', nameEn: 'Metal spinning',
    okved2: '25.50', okpd2: '25.50.11', params: ['diameter', 'thickness', 'material'],
  },
  {
    code: 'SHT.FAB', group: 'SHT', nameRu: 'Изготовление изделий из листа (корпуса, шкафы)',
    nameEn: 'Sheet-metal fabrication (enclosures)', okved2: '25.99', okved2Related: ['25.11'], okpd2: '25.62.20',
    params: ['envelope', 'thickness', 'material', 'batch'], note: 'ОКПД2 25.62.20 covers the operations',
  },
  {
    code: 'WLD.MIGMAG', group: 'WLD', nameRu: 'Механизированная сварка в защитных газах (ISO 4063: 131/135/136)',
    nameEn: 'MIG/MAG (GMAW/FCAW)', okved2: '25.62', okpd2: '25.62.20', params: ['material', 'thickness', 'envelope'],
  },
  {
    code: 'WLD.TIG', group: 'WLD', nameRu: 'Аргонодуговая сварка неплавящимся электродом (141)', nameEn: 'TIG (GTAW)',
    okved2: '25.62', okpd2: '25.62.20', params: ['material', 'thickness'],
  },
  {
    code: 'WLD.MMA', group: 'WLD', nameRu: 'Ручная дуговая сварка (111)', nameEn: 'MMA (SMAW)',
    okved2: '25.62', okpd2: '25.62.20', params: ['material', 'thickness'],
  },
  {
    code: 'WLD.SAW', group: 'WLD', nameRu: 'Автоматическая сварка под флюсом (12x)', nameEn: 'Submerged-arc welding',
    okved2: '25.62', okpd2: '25.62.20', params: ['thickness', 'envelope', 'material'],
  },
  {
    code: 'WLD.RES', group: 'WLD', nameRu: 'Контактная точечная/шовная/рельефная сварка (21/22/23)',
    nameEn: 'Resistance spot/seam/projection', okved2: '25.62', okpd2: '25.62.20', params: ['thickness', 'material', 'batch'],
  },
  {
    code: 'WLD.LASER', group: 'WLD', nameRu: 'Лазерная сварка (52)', nameEn: 'Laser welding',
    okved2: '25.62', okpd2: '25.62.20', params: ['thickness', 'material', 'tolerance'],
  },
  {
    code: 'WLD.EBW', group: 'WLD', nameRu: 'Электронно-лучевая сварка (51)', nameEn: 'Electron-beam welding',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'thickness', 'material'],
  },
  {
    code: 'WLD.FSW', group: 'WLD', nameRu: 'Сварка трением с перемешиванием (43); сварка трением (42)',
    nameEn: 'Friction stir / friction welding', okved2: '25.62', okpd2: '25.62.20', params: ['thickness', 'material', 'envelope'],
  },
  {
    code: 'WLD.ROBOT', group: 'WLD', nameRu: 'Роботизированная сварка', nameEn: 'Robotic welding cells',
    okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'batch', 'material'],
  },
  {
    code: 'WLD.BRAZE', group: 'WLD', nameRu: 'Пайка (в т.ч. вакуумная высокотемпературная) (9xx)',
    nameEn: 'Brazing / soldering (vacuum)', okved2: '25.62', okpd2: '25.62.20', params: ['envelope', 'material'],
  },
  {
    code: 'WLD.STRUCT', group: 'WLD', nameRu: 'Сварные металлоконструкции', nameEn: 'Welded steel structures',
    okved2: '25.11', okpd2: '25.11', params: ['mass', 'envelope', 'material'],
  },
  {
    code: 'CST.SAND', group: 'CST', nameRu: 'Литьё в песчано-глинистые формы и ХТС', nameEn: 'Sand casting (green sand, no-bake)',
    okved2: '24.5', okved2Related: CASTING_BY_ALLOY, params: ['mass', 'envelope', 'material'], note: CASTING_NOTE,
  },
  {
    code: 'CST.INVEST', group: 'CST', nameRu: 'Литьё по выплавляемым моделям (ЛВМ)', nameEn: 'Investment casting',
    okved2: '24.5', okved2Related: CASTING_BY_ALLOY, params: ['mass', 'envelope', 'tolerance', 'material'], note: CASTING_NOTE,
  },
  {
    code: 'CST.HPDC', group: 'CST', nameRu: 'Литьё под давлением (ЛПД)', nameEn: 'High-pressure die casting',
    okved2: '24.53', okved2Related: ['24.54'], okpd2: '24.53', params: ['tonnage', 'mass', 'batch', 'material'],
  },
  {
    code: 'CST.LPDC', group: 'CST', nameRu: 'Литьё под низким давлением, в кокиль',
    nameEn: 'Low-pressure / gravity die (permanent mould)', okved2: '24.53', okved2Related: ['24.54'], okpd2: '24.53',
    params: ['mass', 'envelope', 'batch', 'material'],
  },
  {
    code: 'CST.CENTRIF', group: 'CST', nameRu: 'Центробежное литьё', nameEn: 'Centrifugal casting',
    okved2: '24.5', okved2Related: CASTING_BY_ALLOY, params: ['diameter', 'mass', 'material'], note: CASTING_NOTE,
  },
  {
    code: 'CST.LOSTFOAM', group: 'CST', nameRu: 'Литьё по газифицируемым моделям (ЛГМ)', nameEn: 'Lost-foam casting',
    okved2: '24.5', okved2Related: ['24.51', '24.52'], params: ['mass', 'envelope', 'material'], note: CASTING_NOTE,
  },
  {
    code: 'CST.SHELL', group: 'CST', nameRu: 'Литьё в оболочковые формы', nameEn: 'Shell moulding',
    okved2: '24.5', okved2Related: CASTING_BY_ALLOY, params: ['mass', 'tolerance', 'material'], note: CASTING_NOTE,
  },
  {
    code: 'FRG.OPEN', group: 'FRG', nameRu: 'Свободная ковка', nameEn: 'Open-die forging',
    okved2: '25.50', okpd2: '25.50.11', params: ['tonnage', 'mass', 'material'],
  },
  {
    code: 'FRG.CLOSED', group: 'FRG', nameRu: 'Горячая объёмная штамповка', nameEn: 'Closed-die hot forging',
    okved2: '25.50', okpd2: '25.50.11', params: ['tonnage', 'mass', 'batch', 'material'],
  },
  {
    code: 'FRG.COLD', group: 'FRG', nameRu: 'Холодная высадка / холодная объёмная штамповка', nameEn: 'Cold heading / cold forging',
    okved2: '25.50', okved2Related: ['25.94'], okpd2: '25.50.11', params: ['diameter', 'tonnage', 'batch', 'material'],
    note: 'ОКВЭД2 25.94 when fasteners are the product',
  },
  {
    code: 'FRG.RING', group: 'FRG', nameRu: 'Раскатка колец', nameEn: 'Ring rolling',
    okved2: '25.50', okpd2: '25.50.11', params: ['diameter', 'mass', 'material'],
  },
  {
    code: 'STP.PROG', group: 'FRG', nameRu: 'Листовая штамповка (в т.ч. в последовательных штампах)',
    nameEn: 'Sheet stamping (progressive dies)', okved2: '25.50', okpd2: '25.50.11',
    params: ['tonnage', 'envelope', 'thickness', 'batch'],
  },
  {
    code: 'STP.DEEP', group: 'FRG', nameRu: 'Глубокая вытяжка', nameEn: 'Deep drawing',
    okved2: '25.50', okpd2: '25.50.11', params: ['tonnage', 'thickness', 'envelope', 'batch'],
  },
  {
    code: 'STP.FINE', group: 'FRG', nameRu: 'Точная вырубка', nameEn: 'Fine blanking',
    okved2: '25.50', okpd2: '25.50.11', params: ['tonnage', 'thickness', 'tolerance', 'batch'],
  },
  {
    code: 'FRG.HYDRO', group: 'FRG', nameRu: 'Гидроформовка', nameEn: 'Hydroforming',
    okved2: '25.50', okpd2: '25.50.11', params: ['envelope', 'thickness', 'tonnage', 'material'],
  },
  {
    code: 'FRG.PM', group: 'FRG', nameRu: 'Порошковая металлургия (прессование, спекание, MIM)', nameEn: 'Powder metallurgy / MIM',
    okved2: '25.50', okved2Related: ['25.50.2'], okpd2: '25.50.12', params: ['mass', 'tolerance', 'batch', 'material'],
  },
  {
    code: 'TOOL.DIE', group: 'FRG', nameRu: 'Изготовление штампов, пресс-форм, литейной оснастки',
    nameEn: 'Die, mould & tooling making', okved2: '25.73', okpd2: '25.73', params: ['envelope', 'mass', 'tolerance', 'material'],
  },
  {
    code: 'HT.QT', group: 'HT', nameRu: 'Закалка и отпуск (улучшение)', nameEn: 'Quench & temper',
    okved2: '25.61', okpd2: '25.61.21', params: ['envelope', 'mass', 'material'],
  },
  {
    code: 'HT.ANNEAL', group: 'HT', nameRu: 'Отжиг, нормализация', nameEn: 'Annealing, normalising',
    okved2: '25.61', okpd2: '25.61.21', params: ['envelope', 'mass', 'material'],
  },
  {
    code: 'HT.CARB', group: 'HT', nameRu: 'Цементация, нитроцементация', nameEn: 'Carburising, carbonitriding',
    okved2: '25.61', okpd2: '25.61.21', params: ['envelope', 'material'],
  },
  {
    code: 'HT.NITR', group: 'HT', nameRu: 'Азотирование (газовое, ионно-плазменное)', nameEn: 'Nitriding (gas, plasma)',
    okved2: '25.61', okpd2: '25.61.21', params: ['envelope', 'material'],
  },
  {
    code: 'HT.IND', group: 'HT', nameRu: 'Закалка ТВЧ', nameEn: 'Induction hardening',
    okved2: '25.61', okpd2: '25.61.21', params: ['diameter', 'envelope', 'material'],
  },
  {
    code: 'HT.VAC', group: 'HT', nameRu: 'Вакуумная термообработка', nameEn: 'Vacuum heat treatment',
    okved2: '25.61', okpd2: '25.61.21', params: ['envelope', 'mass', 'material'],
  },
  {
    code: 'HT.AGE', group: 'HT', nameRu: 'Закалка и старение (Al, Ti, жаропрочные сплавы)', nameEn: 'Solution treatment & ageing',
    okved2: '25.61', okpd2: '25.61.21', params: ['envelope', 'material'],
  },
  {
    code: 'HT.STRESS', group: 'HT', nameRu: 'Отпуск для снятия напряжений (в т.ч. сварных конструкций)',
    nameEn: 'Stress relieving (incl. PWHT)', okved2: '25.61', okpd2: '25.61.21', params: ['envelope', 'mass'],
  },
  {
    code: 'HT.HIP', group: 'HT', nameRu: 'Горячее изостатическое прессование (ГИП)', nameEn: 'Hot isostatic pressing',
    okved2: '25.61', okved2Related: ['25.50'], okpd2: '25.61.21', params: ['envelope', 'mass', 'material'],
    note: 'ОКВЭД2 and ОКПД2 classification not checked ⚠',
  },
  {
    code: 'SRF.ZN.HDG', group: 'SRF', nameRu: 'Горячее цинкование', nameEn: 'Hot-dip galvanising',
    okved2: '25.61', okpd2: '25.61.11', params: ['envelope', 'mass'],
  },
  {
    code: 'SRF.GALV', group: 'SRF',
    nameRu: 'Гальванические покрытия: цинкование, никелирование, хромирование (вкл. твёрдое), кадмирование, серебрение',
    nameEn: 'Electroplating: Zn, Ni, Cr (hard), Cd, Ag', okved2: '25.61', okpd2: '25.61.11',
    params: ['envelope', 'thickness', 'material'], note: 'Coating designation per ГОСТ 9.306',
  },
  {
    code: 'SRF.ANOD', group: 'SRF', nameRu: 'Анодирование (сернокислое, твёрдое, хромовокислое)',
    nameEn: 'Anodising (sulphuric, hard, chromic)', okved2: '25.61', okpd2: '25.61.22', params: ['envelope', 'thickness', 'material'],
  },
  {
    code: 'SRF.CONV', group: 'SRF', nameRu: 'Фосфатирование, хим. оксидирование, хроматирование, пассивирование',
    nameEn: 'Phosphating, black oxide, chromate, passivation', okved2: '25.61', okpd2: '25.61.12',
    params: ['envelope', 'material'], note: 'ОКПД2 25.61.12 or 25.61.22 depending on the treatment',
  },
  {
    code: 'SRF.PAINT', group: 'SRF', nameRu: 'Окраска жидкими ЛКМ (вкл. катафорез/КТЛ)', nameEn: 'Wet painting (incl. e-coat)',
    okved2: '25.61', okpd2: '25.61.22', params: ['envelope', 'thickness'], note: 'Coating class per ГОСТ 9.032',
  },
  {
    code: 'SRF.POWDER', group: 'SRF', nameRu: 'Порошковая окраска', nameEn: 'Powder coating',
    okved2: '25.61', okpd2: '25.61.22', params: ['envelope', 'thickness'],
    note: 'ОКПД2 25.61.12 if classed as polymer coating ⚠',
  },
  {
    code: 'SRF.THSPRAY', group: 'SRF', nameRu: 'Газотермическое напыление (HVOF, плазменное)', nameEn: 'Thermal spraying (HVOF, plasma)',
    okved2: '25.61', okpd2: '25.61.11', params: ['envelope', 'thickness', 'material'],
  },
  {
    code: 'SRF.PVD', group: 'SRF', nameRu: 'Вакуумное ионно-плазменное напыление (PVD/CVD)', nameEn: 'PVD/CVD coating',
    okved2: '25.61', okpd2: '25.61.22', params: ['envelope', 'thickness'],
  },
  {
    code: 'SRF.BLAST', group: 'SRF', nameRu: 'Дробеструйная / пескоструйная обработка', nameEn: 'Shot / grit blasting',
    okved2: '25.61', okpd2: '25.61.22', params: ['envelope', 'roughness'],
  },
  {
    code: 'SRF.ENAMEL', group: 'SRF', nameRu: 'Эмалирование', nameEn: 'Enamelling',
    okved2: '25.61', okpd2: '25.61.12', params: ['envelope', 'material'],
  },
  {
    code: 'PLS.INJ', group: 'PLS', nameRu: 'Литьё пластмасс под давлением', nameEn: 'Injection moulding',
    okved2: '22.29', okved2Related: ['22.29.9'], okpd2: '22.29', params: ['tonnage', 'mass', 'batch', 'material'],
  },
  {
    code: 'PLS.EXTR', group: 'PLS', nameRu: 'Экструзия профилей, труб, листа', nameEn: 'Extrusion',
    okved2: '22.21', okpd2: '22.21', params: ['envelope', 'material'],
  },
  {
    code: 'PLS.BLOW', group: 'PLS', nameRu: 'Выдувное формование', nameEn: 'Blow moulding',
    okved2: '22.22', okved2Related: ['22.29'], okpd2: '22.29', params: ['envelope', 'batch', 'material'],
  },
  {
    code: 'PLS.THERMO', group: 'PLS', nameRu: 'Вакуумное/термоформование', nameEn: 'Thermoforming',
    okved2: '22.29', okpd2: '22.29', params: ['envelope', 'thickness', 'material'],
  },
  {
    code: 'PLS.ROTO', group: 'PLS', nameRu: 'Ротационное формование', nameEn: 'Rotational moulding',
    okved2: '22.29', okpd2: '22.29', params: ['envelope', 'thickness', 'material'],
  },
  {
    code: 'PLS.URETH', group: 'PLS', nameRu: 'Литьё полиуретанов, вакуумное литьё в силикон',
    nameEn: 'PU casting / vacuum (urethane) casting', okved2: '22.29', okpd2: '22.29', params: ['envelope', 'batch', 'material'],
  },
  {
    code: 'PLS.MACH', group: 'PLS', nameRu: 'Механообработка пластмасс', nameEn: 'Plastics machining',
    okved2: '22.29', okpd2: '22.29', params: ['envelope', 'tolerance', 'material'],
  },
  {
    code: 'RUB.MOLD', group: 'PLS', nameRu: 'Изготовление формовых и неформовых РТИ', nameEn: 'Rubber moulding & extrusion',
    okved2: '22.19', okpd2: '22.19', params: ['envelope', 'batch', 'material'],
  },
  {
    code: 'CMP.PREPREG', group: 'CMP', nameRu: 'Выкладка препрегов, автоклавное формование', nameEn: 'Prepreg lay-up, autoclave cure',
    okved2: '22.29', okved2Related: ['30.30'], okpd2: '30.30.5', params: ['envelope', 'material'],
    note: 'ОКВЭД2 30.30 and ОКПД2 30.30.5 for aircraft parts ⚠',
  },
  {
    code: 'CMP.RTM', group: 'CMP', nameRu: 'RTM, вакуумная инфузия', nameEn: 'RTM / vacuum infusion',
    okved2: '22.29', okpd2: '22.29', params: ['envelope', 'material'],
  },
  {
    code: 'CMP.WIND', group: 'CMP', nameRu: 'Намотка', nameEn: 'Filament winding',
    okved2: '22.29', okved2Related: ['22.21'], okpd2: '22.29', params: ['diameter', 'envelope', 'material'],
  },
  {
    code: 'CMP.PULTR', group: 'CMP', nameRu: 'Пултрузия', nameEn: 'Pultrusion',
    okved2: '22.21', okved2Related: ['22.23.1'], okpd2: '22.21', params: ['envelope', 'material'],
  },
  {
    code: 'CMP.HAND', group: 'CMP', nameRu: 'Контактное формование стеклопластика', nameEn: 'Hand lay-up GFRP',
    okved2: '22.29', okpd2: '22.29', params: ['envelope', 'material'],
  },
  {
    code: 'CMP.MACH', group: 'CMP', nameRu: 'Механообработка и обрезка композитов', nameEn: 'Composite trimming & machining',
    okved2: '22.29', okpd2: '22.29', params: ['envelope', 'tolerance', 'material'],
  },
  {
    code: 'ELC.PCB', group: 'ELC', nameRu: 'Изготовление печатных плат (без компонентов)', nameEn: 'Bare PCB fabrication',
    okved2: '26.11', okpd2: '26.11', params: ['envelope', 'batch'], note: 'ОКВЭД2 26.11 follows NACE for bare boards ⚠',
  },
  {
    code: 'ELC.SMT', group: 'ELC', nameRu: 'Поверхностный монтаж (SMT)', nameEn: 'SMT assembly',
    okved2: '26.12', okpd2: '26.12', params: ['envelope', 'batch'],
  },
  {
    code: 'ELC.THT', group: 'ELC', nameRu: 'Выводной монтаж, селективная пайка', nameEn: 'THT / selective soldering',
    okved2: '26.12', okpd2: '26.12', params: ['envelope', 'batch'],
  },
  {
    code: 'ELC.COAT', group: 'ELC', nameRu: 'Влагозащита плат (лакирование)', nameEn: 'Conformal coating',
    okved2: '26.12', okpd2: '26.12', params: ['envelope', 'batch'],
  },
  {
    code: 'ELC.HARNESS', group: 'ELC', nameRu: 'Жгуты и кабельные сборки', nameEn: 'Cable harnesses & assemblies',
    okved2: '29.31', okved2Related: ['27.90', '27.33'], params: ['batch'],
    note: 'ОКВЭД2 29.31 for automotive harnesses; ОКПД2 by product',
  },
  {
    code: 'ELC.BOX', group: 'ELC', nameRu: 'Сборка электронных блоков и приборов', nameEn: 'Box build',
    okved2: '26.51', okved2Related: ['26.30', '27.12'], params: ['envelope', 'batch'], note: 'ОКВЭД2 and ОКПД2 by product',
  },
  {
    code: 'ELC.WIND', group: 'ELC', nameRu: 'Намотка катушек, трансформаторов, электродвигателей',
    nameEn: 'Coil / transformer / motor winding', okved2: '27.11', okpd2: '27.11', params: ['diameter', 'mass', 'batch'],
  },
  {
    code: 'AM.SLM', group: 'AM', nameRu: 'Селективное лазерное плавление металлов (SLM/DMLS)', nameEn: 'Metal powder-bed fusion',
    okved2: '25.99', okved2Related: ['30.30'], params: ['envelope', 'roughness', 'material'], note: AM_NOTE,
  },
  {
    code: 'AM.DED', group: 'AM', nameRu: 'Прямое лазерное выращивание, WAAM', nameEn: 'DED / WAAM',
    okved2: '25.99', params: ['envelope', 'mass', 'material'], note: AM_NOTE,
  },
  {
    code: 'AM.BJ', group: 'AM', nameRu: 'Струйное нанесение связующего (металл, песок)', nameEn: 'Binder jetting (metal, sand moulds)',
    okved2: '25.99', params: ['envelope', 'material'], note: AM_NOTE,
  },
  {
    code: 'AM.SLS', group: 'AM', nameRu: 'Селективное лазерное спекание полимеров, MJF', nameEn: 'Polymer SLS / MJF',
    okved2: '22.29', okpd2: '22.29', params: ['envelope', 'material'],
  },
  {
    code: 'AM.FDM', group: 'AM', nameRu: 'FDM/FFF-печать', nameEn: 'FDM / FFF',
    okved2: '22.29', okpd2: '22.29', params: ['envelope', 'material'],
  },
  {
    code: 'AM.SLA', group: 'AM', nameRu: 'Стереолитография (SLA/DLP)', nameEn: 'SLA / DLP',
    okved2: '22.29', okpd2: '22.29', params: ['envelope', 'tolerance', 'material'],
  },
  {
    code: 'ASM.MECH', group: 'ASM', nameRu: 'Механосборка узлов и агрегатов', nameEn: 'Mechanical assembly',
    okved2: '29.32', okved2Related: ['28', '30.30'], params: ['envelope', 'mass', 'batch'], note: 'ОКВЭД2 and ОКПД2 by product',
  },
  {
    code: 'ASM.HYD', group: 'ASM', nameRu: 'Сборка и испытание гидро-/пневмоагрегатов', nameEn: 'Hydraulic / pneumatic assembly & test',
    okved2: '28.12', okpd2: '28.12', params: ['envelope', 'mass'],
  },
  {
    code: 'ASM.ELMECH', group: 'ASM', nameRu: 'Электромонтаж, сборка электромеханических изделий',
    nameEn: 'Electro-mechanical assembly', okved2: '27.90', okved2Related: ['27.12'], params: ['envelope', 'batch'],
    note: 'ОКПД2 by product',
  },
  {
    code: 'ASM.INSTALL', group: 'ASM', nameRu: 'Монтаж промышленного оборудования', nameEn: 'Installation of industrial machinery',
    okved2: '33.20', okpd2: '33.20', params: ['mass', 'envelope'],
  },
  {
    code: 'ASM.REPAIR', group: 'ASM', nameRu: 'Ремонт металлоизделий / машин / судов / ЛА',
    nameEn: 'Repair: metal products, machinery, ships, aircraft', okved2: '33.11',
    okved2Related: ['33.12', '33.15', '33.16'], params: ['mass', 'envelope'],
  },
  {
    code: 'QC.CMM', group: 'QC', nameRu: 'Контроль на КИМ, лазерный трекер', nameEn: 'CMM / laser-tracker inspection',
    okved2: '71.20', okpd2: '71.20', params: ['envelope', 'tolerance'],
  },
  {
    code: 'QC.SCAN', group: 'QC', nameRu: '3D-сканирование, обратный инжиниринг', nameEn: '3D scanning, reverse engineering',
    okved2: '71.20', okved2Related: ['71.12'], okpd2: '71.20', params: ['envelope', 'tolerance'],
  },
  {
    code: 'QC.NDT', group: 'QC',
    nameRu: 'Неразрушающий контроль: ВИК, УЗК, РК/КТ, МПК, ПВК (капиллярный), ВК (вихретоковый)',
    nameEn: 'NDT: VT, UT, RT/CT, MT, PT, ET', okved2: '71.20', okpd2: '71.20', params: ['thickness', 'material'],
    note: 'Personnel levels per ISO 9712 / СДАНК',
  },
  {
    code: 'QC.MECH', group: 'QC', nameRu: 'Механические испытания', nameEn: 'Mechanical testing',
    okved2: '71.20', okpd2: '71.20', params: ['material'],
  },
  {
    code: 'QC.CHEM', group: 'QC', nameRu: 'Химический / спектральный анализ, металлография',
    nameEn: 'Chemical / spectral analysis, metallography', okved2: '71.20', okpd2: '71.20', params: ['material'],
  },
  {
    code: 'QC.ENV', group: 'QC', nameRu: 'Климатические, вибрационные испытания, ЭМС', nameEn: 'Environmental, vibration, EMC tests',
    okved2: '71.20', okpd2: '71.20', params: ['envelope', 'mass'],
  },
  {
    code: 'QC.CAL', group: 'QC', nameRu: 'Калибровка средств измерений', nameEn: 'Calibration',
    okved2: '71.20', okpd2: '71.20', params: ['tolerance'], note: 'ОКВЭД2 class not checked ⚠; labs hold ISO/IEC 17025',
  },
  {
    code: 'ENG.DESIGN', group: 'ENG', nameRu: 'Конструкторская и технологическая подготовка (CAD/CAM/CAE)',
    nameEn: 'Design & process engineering', okved2: '71.12', okpd2: '71.12', params: [],
  },
]

const PROCESSES_BY_CODE: ReadonlyMap<string, Process> = new Map(PROCESSES.map((process) => [process.code, process]))

export function getProcess(code: string): Process | undefined {
  return PROCESSES_BY_CODE.get(code)
}

export function isProcessCode(code: string): boolean {
  return PROCESSES_BY_CODE.has(code)
}

/** Lower-cases and folds ё into е, because Russian users type either and catalogue texts mix them. */
export function foldSearchText(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е').trim()
}

/** An item with its texts already folded, so a search does not fold the catalogue again. */
export interface SearchEntry<T> {
  item: T
  texts: readonly string[]
}

export function toSearchEntry<T>(item: T, texts: readonly string[]): SearchEntry<T> {
  return { item, texts: texts.map(foldSearchText) }
}

/** Rank 0 when a text starts with the query, 1 for any other substring hit, undefined for a miss. */
function searchRank(texts: readonly string[], query: string): number | undefined {
  if (texts.some((text) => text.startsWith(query))) return 0
  return texts.some((text) => text.includes(query)) ? 1 : undefined
}

/** Case- and ё-insensitive substring search shared by the taxonomy catalogues; prefix hits first, then catalogue order. */
export function searchEntries<T>(entries: readonly SearchEntry<T>[], query: string, limit: number): T[] {
  const folded = foldSearchText(query)
  if (folded === '') return []
  return entries
    .flatMap((entry) => {
      const rank = searchRank(entry.texts, folded)
      return rank === undefined ? [] : [{ item: entry.item, rank }]
    })
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((hit) => hit.item)
}

const PROCESS_SEARCH_ENTRIES: readonly SearchEntry<Process>[] = PROCESSES.map((process) =>
  toSearchEntry(process, [process.nameRu, process.nameEn, process.code]),
)

export function searchProcesses(query: string, limit = 20): Process[] {
  return searchEntries(PROCESS_SEARCH_ENTRIES, query, limit)
}
