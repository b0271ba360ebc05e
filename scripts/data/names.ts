/**
 * Texts that read like the real registers and RFQs: company names in «…» style with their legal forms, addresses,
 * capacity descriptions, request titles («Кронштейн крепления топливного бака, штамповка, 08пс, 20 000 шт/год») and
 * certificate details. Everything is drawn from the caller's seeded stream.
 */
import { getSubject } from '../../src/geo/index.js'
import { getCertificate, getMaterial } from '../../src/domain/taxonomy/index.js'
import type { Archetype, Bilingual, MachineModel } from './archetypes.js'
import { groupDigits, pluralRu } from './archetypes.js'
import type { ClusterData, Sector } from './clusters.js'
import type { Random, Weighted } from './random.js'

const ABSTRACT_NAMES = [
  'Вектор', 'Альянс', 'Прогресс', 'Спектр', 'Импульс', 'Ресурс', 'Квант', 'Гранит', 'Форвард', 'Союз', 'Стандарт', 'Эталон',
  'Контур', 'Меридиан', 'Орион', 'Атлант', 'Титан', 'Сигма', 'Гарант', 'Вертикаль', 'Ось', 'Модуль', 'Зенит', 'Технология',
]
const ABSTRACT_PREFIXES = ['НПП', 'НПО', 'ПКФ', 'ПК', 'ТПК', 'ПО']
const GENERIC_PREFIXES = ['Тех', 'Пром', 'Спец', 'Инж', 'Проф']
const CAMEL_PREFIXES = ['Техно', 'Спец', 'Пром', 'Инжиниринг', 'Мастер']
const NAME_TAILS = ['', '', '', '', '-М', '-2', ' Групп', '-Сервис', ' Плюс']

/** Combining forms that put the customer's industry into a name: «АэроКомпозит», «СудоМонтаж», «ТурбоЛит». */
const SECTOR_PREFIXES: Readonly<Record<Sector, readonly string[]>> = {
  automotive: ['Авто'],
  aviation: ['Авиа', 'Аэро'],
  space: ['Космо', 'Астро'],
  engines: ['Мотор', 'Турбо'],
  shipbuilding: ['Судо', 'Мор'],
  machine_building: ['Маш', 'Тяжмаш'],
  rail: ['Вагон', 'Локо'],
  electrical: ['Энерго'],
  construction_materials: ['Цемент', 'Строймаш'],
}

const SURNAMES = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов',
  'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Андреев',
  'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев', 'Романов', 'Сафин', 'Хабибуллин',
  'Галиев', 'Гарипов', 'Валиев', 'Шарипов', 'Нуриев', 'Ахметов', 'Мухаметшин',
]
const FIRST_NAMES = [
  'Александр', 'Сергей', 'Андрей', 'Дмитрий', 'Алексей', 'Владимир', 'Игорь', 'Олег', 'Николай', 'Евгений', 'Михаил', 'Павел',
  'Рустам', 'Ильдар', 'Айрат', 'Марат', 'Виктор', 'Юрий', 'Константин', 'Роман',
]
const PATRONYMICS = [
  'Александрович', 'Сергеевич', 'Андреевич', 'Викторович', 'Владимирович', 'Николаевич', 'Игоревич', 'Юрьевич', 'Михайлович',
  'Петрович', 'Ильдарович', 'Рашитович', 'Ринатович', 'Анатольевич', 'Геннадьевич',
]

/** «Прикамский» → «Прикамская», «Северный» → «Северная», «Обской» → «Обская». */
function feminine(adjective: string): string {
  return `${adjective.slice(0, -2)}ая`
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/** «Пром» + «лит» → «Промлит»; a tail that already carries the prefix («Спец» + «спецмаш») is not doubled. */
function genericCompound(random: Random, tails: readonly string[]): string {
  const prefix = random.pick(GENERIC_PREFIXES)
  const fitting = tails.filter((tail) => !tail.startsWith(prefix.toLowerCase()))
  return `${prefix}${random.pick(fitting.length > 0 ? fitting : tails)}${random.pick(NAME_TAILS)}`
}

/** The part inside «…»; may itself carry a nested «…» («НПП «Вектор»»), as Russian registers write it. */
function supplierNameCore(random: Random, cluster: ClusterData, archetype: Archetype, sector: Sector): string {
  const { trade } = archetype
  switch (random.weighted<number>([[0, 0.16], [1, 0.1], [2, 0.16], [3, 0.12], [4, 0.18], [5, 0.14], [6, 0.14]])) {
    case 0:
      return `${random.pick(cluster.nameAdjectives)} ${random.pick(trade.masculine)}`
    case 1:
      return `${feminine(random.pick(cluster.nameAdjectives))} ${random.pick(trade.feminine)}`
    case 2:
      return `${random.pick(cluster.nameNouns)}-${random.pick(trade.stems)}`
    case 3:
      return `${random.pick(cluster.nameNouns)}${random.pick(trade.tails)}`
    case 4:
      return random.chance(0.5)
        ? genericCompound(random, trade.tails)
        : `${random.pick(CAMEL_PREFIXES)}${random.pick(trade.stems)}${random.pick(NAME_TAILS)}`
    case 5:
      return `${random.pick(ABSTRACT_PREFIXES)} «${random.pick(ABSTRACT_NAMES)}${random.pick(NAME_TAILS)}»`
    default:
      return `${random.pick(SECTOR_PREFIXES[sector])}${random.pick(trade.stems)}${random.pick(NAME_TAILS)}`
  }
}

export interface OrganizationName {
  name: string
  /** Latin slug for a website, or null for sole traders and names without one. */
  slug: string | null
}

export function entrepreneurName(random: Random): OrganizationName {
  return { name: `ИП ${random.pick(SURNAMES)} ${random.pick(FIRST_NAMES)} ${random.pick(PATRONYMICS)}`, slug: null }
}

/** Joint-stock forms grow with size; a public company (ПАО) is rare among SMEs. */
const LEGAL_FORMS: Readonly<Record<'micro' | 'small' | 'medium', Weighted<string>>> = {
  micro: [['ООО', 0.97], ['АО', 0.03]],
  small: [['ООО', 0.9], ['АО', 0.09], ['ПАО', 0.01]],
  medium: [['ООО', 0.82], ['АО', 0.16], ['ПАО', 0.02]],
}

export function supplierName(
  random: Random,
  cluster: ClusterData,
  archetype: Archetype,
  sector: Sector,
  size: 'micro' | 'small' | 'medium',
): OrganizationName {
  const core = supplierNameCore(random, cluster, archetype, sector)
  const form = random.weighted(LEGAL_FORMS[size])
  return { name: `${form} «${core}»`, slug: slugOf(core) }
}

const PLANTS: Readonly<Record<Sector, readonly string[]>> = {
  automotive: ['завод автокомпонентов', 'автоагрегатный завод', 'завод коробок передач', 'завод автомобильных кузовов'],
  aviation: ['агрегатный завод', 'завод авиационных агрегатов', 'авиаремонтный завод', 'завод авиационного оборудования'],
  space: ['приборный завод', 'завод ракетно-космической техники', 'машиностроительный завод'],
  engines: ['моторостроительный завод', 'завод газотурбинных установок', 'завод топливной аппаратуры'],
  shipbuilding: ['судостроительный завод', 'судоремонтный завод', 'завод судового машиностроения'],
  machine_building: ['машиностроительный завод', 'завод горного оборудования', 'завод дорожных машин', 'завод тяжёлого машиностроения'],
  rail: ['вагоностроительный завод', 'вагоноремонтный завод', 'завод путевых машин'],
  electrical: ['электромашиностроительный завод', 'трансформаторный завод', 'кабельный завод'],
  construction_materials: ['цементный завод', 'завод ЖБИ', 'комбинат строительных материалов', 'завод минеральной изоляции'],
}

/** A plant buying by cooperation that is not one of the named anchors. */
export function contractorName(random: Random, cluster: ClusterData, sector: Sector): OrganizationName {
  const core = `${random.pick(cluster.nameAdjectives)} ${random.pick(PLANTS[sector])}`
  const form = random.weighted([['АО', 0.6], ['ООО', 0.3], ['ПАО', 0.1]])
  return { name: `${form} «${core}»`, slug: slugOf(core) }
}

const CENTRE_KINDS = [
  ['АНО', 'Центр кластерного развития'],
  ['АНО', 'Центр субконтрактации'],
  ['Фонд', 'Региональный центр инжиниринга'],
  ['ГАУ', 'Центр развития промышленной кооперации'],
] as const

/** Regions name their centres differently; cycling through the usual names keeps a set of 21 varied. */
export function centreName(centreIndex: number, regionGenitive: string): OrganizationName {
  const [form, kind] = CENTRE_KINDS[centreIndex % CENTRE_KINDS.length] ?? CENTRE_KINDS[0]
  return { name: `${form} «${kind} ${regionGenitive}»`, slug: slugOf(`${kind} ${regionGenitive}`) }
}

const TRANSLIT: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'yu', я: 'ya',
}

/** «Кама-Пласт» → kama-plast; long names keep their first two words, as real domains do. */
function slugOf(core: string): string {
  const words = core
    .toLowerCase()
    .replace(/[«»"]/g, ' ')
    .split(/[\s+]+/)
    .filter((word) => word.length > 0)
  const latin = words
    .slice(0, 2)
    .map((word) => [...word].map((char) => TRANSLIT[char] ?? (/[a-z0-9-]/.test(char) ? char : '')).join(''))
    .filter((word) => word.length > 0)
  return latin.join('-').replace(/-+/g, '-').replace(/^-|-$/g, '')
}

export function websiteOf(slug: string, random: Random): string {
  return `https://${random.chance(0.3) ? 'www.' : ''}${slug}.${random.weighted([['ru', 0.85], ['com', 0.15]])}`
}

const STREETS = [
  'ул. Промышленная', 'ул. Заводская', 'ул. Индустриальная', 'ул. Машиностроителей', 'ул. Станкостроителей', 'ул. Энергетиков',
  'ул. Техническая', 'ул. Производственная', 'ул. Складская', 'ул. Литейная', 'ул. Кузнечная', 'ул. Механическая',
  'ул. Монтажная', 'ул. Строителей', 'ул. Ленина', 'ул. Советская', 'ул. Мира', 'ул. Гагарина', 'ул. Октябрьская',
  'Индустриальный пр-д', 'Промышленный пр-д', 'Заводской пр-д', 'Северное ш.', 'Южное ш.', 'Московское ш.', 'пр-т Мира',
  'пр-т Ленина', 'пр-т Победы', '1-й Промышленный пер.', '2-я Заводская ул.',
]

/** The subject first, as Russian addresses put it, except for the federal cities whose name is the city. */
function regionPrefix(regionCode: string, city: string): string {
  const subject = getSubject(regionCode)?.nameRu ?? ''
  if (regionCode === '77' || regionCode === '78') return city === subject ? '' : `г. ${subject}, `
  return `${subject}, `
}

export function streetAddress(random: Random, city: string, regionCode: string): string {
  const building = random.chance(0.25) ? `, стр. ${random.int(1, 12)}` : random.chance(0.15) ? `, корп. ${random.int(1, 5)}` : ''
  return `${regionPrefix(regionCode, city)}г. ${city}, ${random.pick(STREETS)}, д. ${random.int(1, 180)}${building}`
}

export function cityAddress(city: string, regionCode: string): string {
  return `${regionPrefix(regionCode, city)}г. ${city}`
}

/** A site outside any cluster city: the nearest town is named for orientation, as plants out of town describe themselves. */
export function ruralAddress(random: Random, nearestCity: string, regionCode: string, km: number): string {
  const subject = getSubject(regionCode)?.nameRu ?? ''
  return `${subject}, промплощадка в ${Math.round(km)} км от г. ${nearestCity}, ${random.pick(STREETS)}, д. ${random.int(1, 60)}`
}

const SITE_NAMES = ['Основная площадка', 'Производственная площадка', 'Цех № 1', 'Главный корпус']
const EXTRA_SITE_NAMES = ['Цех № 2', 'Цех № 3', 'Производственный корпус № 2', 'Филиал', 'Участок на арендованной площадке']

export function siteName(random: Random, siteIndex: number): string {
  return random.pick(siteIndex === 0 ? SITE_NAMES : EXTRA_SITE_NAMES)
}

export function supplierDescription(
  random: Random,
  archetype: Archetype,
  since: number,
  staff: number,
  machines: number,
  cluster: ClusterData,
): string {
  const clientClause = random.chance(0.5)
    ? ` Поставляем для предприятий кластера «${cluster.nameRu.split(' (')[0]}».`
    : ` Работаем с ${random.pick(cluster.anchors).name} с ${random.int(since, since + 10)} г.`
  return `${archetype.nameRu} с ${since} г.: ${staff} ${pluralRu(staff, 'сотрудник', 'сотрудника', 'сотрудников')}, ${machines} ед. основного оборудования. ОКВЭД2 ${archetype.okved2}.${clientClause}`
}

export function contractorDescription(cluster: ClusterData, isAnchor: boolean): string {
  const role = isAnchor ? 'Якорное предприятие' : 'Участник'
  return `${role} кластера «${cluster.nameRu}». Размещает заказы на изготовление деталей и узлов по кооперации.`
}

export function centreDescription(regionGenitive: string): string {
  return `Центр субконтрактации ${regionGenitive}: ведёт реестр поставщиков, публикует потребности крупных заказчиков, проверяет сертификаты и сопровождает сделки по кооперации.`
}

/** «DMG MORI DMU 65 monoBLOCK ×2; Hermle C 42 U». */
export function equipmentText(fleet: readonly (readonly [MachineModel, number])[]): string {
  return fleet.map(([model, count]) => `${model.maker} ${model.model}${count > 1 ? ` ×${count}` : ''}`).join('; ')
}

const decimalRu = (value: number) => String(value).replace('.', ',')

function materialNamesRu(codes: readonly string[]): string {
  return codes.map((code) => getMaterial(code)?.nameRu ?? code).join(', ')
}

function materialNamesEn(codes: readonly string[]): string {
  return codes
    .map((code) => {
      const material = getMaterial(code)
      const equivalent = material?.equivalents[0]?.designation
      return equivalent ? `${material?.nameRu} (${equivalent})` : (material?.nameRu ?? code)
    })
    .join(', ')
}

export interface CapacityFacts {
  equipment: string
  envelope: { lengthMm: number; widthMm: number; heightMm: number; massKg: number } | null
  itGrade: number | null
  roughnessRa: number | null
  materials: readonly string[]
  batchMin: number | null
  batchMax: number | null
  leadTimeDays: number
}

export function capacityDescription(facts: CapacityFacts): Bilingual {
  const ru: string[] = [`Оборудование: ${facts.equipment}.`]
  const en: string[] = [`Equipment: ${facts.equipment}.`]
  if (facts.envelope) {
    const { lengthMm, widthMm, heightMm, massKg } = facts.envelope
    ru.push(`Габарит детали до ${lengthMm}×${widthMm}×${heightMm} мм, масса до ${groupDigits(massKg)} кг.`)
    en.push(`Parts up to ${lengthMm}×${widthMm}×${heightMm} mm and ${groupDigits(massKg)} kg.`)
  }
  if (facts.itGrade !== null) {
    const ra = facts.roughnessRa === null ? '' : `, Ra ${decimalRu(facts.roughnessRa)}`
    ru.push(`Точность до IT${facts.itGrade}${ra}.`)
    en.push(`Tolerances down to IT${facts.itGrade}${facts.roughnessRa === null ? '' : `, Ra ${facts.roughnessRa} µm`}.`)
  }
  if (facts.materials.length > 0) {
    ru.push(`Материалы: ${materialNamesRu(facts.materials)}.`)
    en.push(`Materials: ${materialNamesEn(facts.materials)}.`)
  }
  if (facts.batchMin !== null && facts.batchMax !== null) {
    ru.push(`Партии от ${groupDigits(facts.batchMin)} до ${groupDigits(facts.batchMax)} шт.`)
    en.push(`Batches of ${groupDigits(facts.batchMin)} to ${groupDigits(facts.batchMax)} pcs.`)
  }
  ru.push(`Срок изготовления от ${facts.leadTimeDays} дн.`)
  en.push(`Lead time from ${facts.leadTimeDays} days.`)
  return { ru: ru.join(' '), en: en.join(' ') }
}

/** Short operation names for request titles: «штамповка», «5-осевое фрезерование». */
const OPERATION_RU: Readonly<Record<string, string>> = {
  'STP.PROG': 'штамповка', 'STP.DEEP': 'глубокая вытяжка', 'WLD.RES': 'контактная сварка', 'WLD.ROBOT': 'роботизированная сварка',
  'PLS.INJ': 'литьё пластмасс под давлением', 'CST.HPDC': 'литьё под давлением', 'MCH.TURN': 'токарная обработка',
  'FRG.CLOSED': 'горячая штамповка', 'HT.CARB': 'цементация', 'SRF.PAINT': 'окраска', 'SRF.ZN.HDG': 'горячее цинкование',
  'SRF.GALV': 'гальваническое покрытие', 'ELC.HARNESS': 'жгут', 'MCH.MILL5': '5-осевое фрезерование', 'SHT.BEND': 'гибка',
  'SHT.LASER': 'лазерная резка', 'SHT.FAB': 'листовая обработка', 'SHT.ROLL': 'вальцовка', 'SHT.TUBEBEND': 'гибка труб',
  'CMP.PREPREG': 'препрег, автоклав', 'SRF.ANOD': 'анодирование', 'WLD.TIG': 'аргонодуговая сварка', 'HT.AGE': 'старение',
  'QC.NDT': 'неразрушающий контроль', 'ASM.MECH': 'сборка', 'WLD.FSW': 'сварка трением с перемешиванием',
  'SHT.SPIN': 'ротационная вытяжка', 'CST.INVEST': 'литьё по выплавляемым моделям', 'MCH.GRIND.CYL': 'круглое шлифование',
  'MCH.GRIND.SURF': 'плоское шлифование', 'MCH.EDM.WIRE': 'проволочная электроэрозия', 'MCH.EDM.SINK': 'электроэрозионная прошивка',
  'WLD.BRAZE': 'вакуумная пайка', 'WLD.EBW': 'электронно-лучевая сварка', 'HT.VAC': 'вакуумная термообработка',
  'SRF.THSPRAY': 'напыление', 'MCH.HBM': 'расточка', 'MCH.MILL4': '4-осевое фрезерование', 'MCH.MILL3': 'фрезерование',
  'CST.SAND': 'литьё в ХТС', 'HT.IND': 'закалка ТВЧ', 'HT.NITR': 'азотирование', 'MCH.GEAR': 'зубообработка',
  'QC.CMM': 'контроль на КИМ', 'WLD.SAW': 'сварка под флюсом', 'WLD.MIGMAG': 'сварка MIG/MAG', 'SHT.PLASMA': 'плазменная резка',
  'MCH.VTL': 'карусельная обработка', 'ASM.INSTALL': 'монтаж', 'WLD.STRUCT': 'металлоконструкции', 'FRG.OPEN': 'свободная ковка',
  'HT.QT': 'закалка и отпуск', 'ELC.WIND': 'намотка', 'SRF.POWDER': 'порошковая окраска', 'ELC.SMT': 'SMD-монтаж',
  'ASM.ELMECH': 'электромеханическая сборка', 'ASM.REPAIR': 'ремонт', 'SRF.BLAST': 'дробеструйная очистка', 'CMP.MACH': 'мехобработка композита',
}

export function operationRu(process: string): string {
  return OPERATION_RU[process] ?? process
}

export interface NeedFacts {
  partRu: string
  /** The part's whole routing; the request's process list may name only some of it. */
  routing: readonly string[]
  materials: readonly string[]
  envelope: { lengthMm: number; widthMm: number; heightMm: number; massKg: number }
  itGrade: number | null
  roughnessRa: number | null
  quantity: number
  batchSize: number
  annual: boolean
  requiredCerts: readonly string[]
  deliveryCity: string
}

function quantityText(quantity: number, annual: boolean): string {
  return annual ? `${groupDigits(quantity)} шт/год` : `${groupDigits(quantity)} шт.`
}

/**
 * «Окраска рамных деталей» already says what is done: repeating «окраска» after it reads like a form letter. Words
 * are compared by their first four letters, so «сварной» answers «сварка» and «жгуты» answers «жгут».
 */
function namesOperation(partRu: string, operation: string): boolean {
  const part = partRu.toLowerCase()
  return operation.split(/[\s,]+/).some((word) => word.length >= 4 && part.includes(word.slice(0, 4)))
}

export function needTitle(facts: NeedFacts): string {
  const operation = operationRu(facts.routing[0] ?? '')
  const parts = namesOperation(facts.partRu, operation) ? [facts.partRu] : [facts.partRu, operation]
  const material = materialNamesRu(facts.materials)
  if (material !== '' && !facts.partRu.includes(material)) parts.push(material)
  parts.push(quantityText(facts.quantity, facts.annual))
  return parts.join(', ')
}

function certificateNames(codes: readonly string[]): string {
  return codes.map((code) => getCertificate(code)?.nameRu.split(' — ')[0] ?? code).join(', ')
}

export function needDescription(random: Random, facts: NeedFacts): string {
  const { lengthMm, widthMm, heightMm, massKg } = facts.envelope
  const lines = [
    `${namesOperation(facts.partRu, operationRu(facts.routing[0] ?? '')) ? 'Требуется выполнить' : 'Требуется изготовление'}: ${lowerFirst(facts.partRu)}.`,
    `Техпроцесс: ${facts.routing.map((code) => `${operationRu(code)} (${code})`).join(', ')}.`,
  ]
  if (facts.materials.length > 0) {
    const gost = getMaterial(facts.materials[0] ?? '')?.gost
    lines.push(`Материал: ${materialNamesRu(facts.materials)}${gost ? ` по ${gost}` : ''}.`)
  }
  lines.push(`Габарит ${lengthMm}×${widthMm}×${heightMm} мм, масса ${decimalRu(massKg)} кг.`)
  if (facts.itGrade !== null) {
    lines.push(`Точность IT${facts.itGrade}${facts.roughnessRa === null ? '' : `, шероховатость Ra ${decimalRu(facts.roughnessRa)}`}.`)
  }
  const volume = facts.annual ? 'Годовая потребность' : 'Количество'
  lines.push(`${volume} ${quantityText(facts.quantity, facts.annual)}, партия ${groupDigits(facts.batchSize)} шт.`)
  if (facts.requiredCerts.length > 0) lines.push(`Обязательно: ${certificateNames(facts.requiredCerts)}.`)
  lines.push(random.pick(['Приёмка по КД заказчика.', 'КД предоставляется после подписания NDA.', 'Возможна поставка давальческого материала.', 'Требуется первая партия на квалификацию.']))
  lines.push(`Доставка: ${facts.deliveryCity}.`)
  return lines.join(' ')
}

type IssuerGroup = 'qms' | 'defence' | 'class_society' | 'naks' | 'accreditation' | 'aviation' | 'ndt'

const ISSUERS: Readonly<Record<IssuerGroup, readonly string[]>> = {
  qms: ['Ассоциация по сертификации «Русский Регистр»', 'ООО «Бюро Веритас Сертификейшн Русь»', 'АНО «Институт сертификации»', 'ООО «ДКС РУС»', 'ООО «Интерсертифика-ТЮФ»'],
  defence: ['АО «Военный регистр»', 'ФГУП «ВНИИ «Центр»'],
  class_society: ['ФАУ «Российский морской регистр судоходства»'],
  naks: ['Ассоциация «Национальное агентство контроля сварки» (НАКС)'],
  accreditation: ['Федеральная служба по аккредитации (Росаккредитация)'],
  aviation: ['Федеральное агентство воздушного транспорта (Росавиация)'],
  ndt: ['НУЦ «Качество»', 'ООО «СДАНК-Центр»'],
}

function issuerGroup(standard: string): IssuerGroup {
  if (standard.startsWith('NAKS')) return 'naks'
  if (standard.startsWith('RMRS')) return 'class_society'
  if (standard === 'GOST_RV_0015_002' || standard === 'MPT_LIC_VVT') return 'defence'
  if (standard === 'ISO17025' || standard === 'GOST_ISO_IEC17025') return 'accreditation'
  if (standard === 'FAP21') return 'aviation'
  if (standard === 'NDT_PERS') return 'ndt'
  return 'qms'
}

export function certificateIssuer(random: Random, standard: string): string {
  return random.pick(ISSUERS[issuerGroup(standard)])
}

const CYRILLIC_CODE_LETTERS = 'АБВГДЕЖИКЛМНПРСТУФХ'

function cyrillicLetters(random: Random, length: number): string {
  let text = ''
  for (let i = 0; i < length; i++) text += CYRILLIC_CODE_LETTERS[random.int(0, CYRILLIC_CODE_LETTERS.length - 1)]
  return text
}

const digits = (random: Random, length: number) => String(random.int(0, 10 ** length - 1)).padStart(length, '0')

/** Numbers in the shapes the registers use: РОСС RU…, АЦСТ-…, RA.RU…, РС …, ВР …. */
export function certificateNumber(random: Random, standard: string, year: number): string {
  switch (issuerGroup(standard)) {
    case 'naks':
      return `АЦСТ-${random.int(1, 140)}-${digits(random, 5)}`
    case 'class_society':
      return `${String(year % 100).padStart(2, '0')}.${digits(random, 5)}.${random.int(100, 399)}`
    case 'defence':
      return `ВР ${random.int(1, 40)}.1.${digits(random, 5)}-${year}`
    case 'accreditation':
      return `RA.RU.${random.int(21, 22)}${cyrillicLetters(random, 2)}${digits(random, 2)}`
    case 'aviation':
      return `ФАП-21-${digits(random, 4)}`
    case 'ndt':
      return `${digits(random, 4)}-${year}`
    default:
      return random.chance(0.5)
        ? `РОСС RU.${cyrillicLetters(random, 1)}${digits(random, 4)}.04${cyrillicLetters(random, 3)}0.${digits(random, 5)}`
        : `RU-${digits(random, 5)}-${standard.replace(/[^A-Z0-9]/g, '').slice(0, 4)}`
  }
}

export function certificateScope(archetype: Archetype, sector: Sector): string {
  const sectorRu: Readonly<Record<Sector, string>> = {
    automotive: 'автомобильной промышленности',
    aviation: 'авиационной промышленности',
    space: 'ракетно-космической отрасли',
    engines: 'двигателестроения',
    shipbuilding: 'судостроения',
    machine_building: 'машиностроения',
    rail: 'железнодорожного машиностроения',
    electrical: 'электротехнической промышленности',
    construction_materials: 'промышленности строительных материалов',
  }
  return `${archetype.nameRu} для предприятий ${sectorRu[sector]}`
}

export const REJECTION_REASONS = [
  'Номер не найден в реестре органа по сертификации',
  'Область сертификации не охватывает заявленные процессы',
  'Скан сертификата нечитаем, приложите копию заново',
  'Сертификат выдан другому юридическому лицу (ИНН не совпадает)',
]
