/**
 * The 20 real clusters of domain-data §5 with their cities and anchor contractors, and the sector priors of §5.1
 * that drive what their suppliers offer and what their contractors ask for.
 */
import type { ClusterSector } from '../../src/domain/cluster.js'
import type { ArchetypeKey } from './archetypes.js'
import { stableId } from './ids.js'
import type { Weighted } from './random.js'

export type Sector = ClusterSector

/**
 * Which §5.1 row drives a contractor's requests. Diesel builders (ЯМЗ, Коломенский завод, «Звезда») sit in the
 * engine sector but buy like the automotive industry: cast-iron blocks, crankshafts, IATF 16949.
 */
export type PriorKey = Sector | 'diesel_engines'

export interface ClusterCity {
  nameRu: string
  regionCode: string
  lat: number
  lon: number
  /** Share of the cluster's suppliers around this city. */
  weight: number
  /** σ of the Gaussian scatter of supplier sites around the centroid: wide for a metropolis, narrow for a town. */
  scatterKm: number
}

export interface Anchor {
  name: string
  cityRu: string
  sector: Sector
  prior?: PriorKey
  /** Defence orders add ГОСТ РВ 0015-002 and, often, the strict national certificate mode. */
  defence?: boolean
}

export interface ClusterData {
  key: string
  id: string
  nameRu: string
  nameEn: string
  sector: Sector
  regionCodes: readonly string[]
  cities: readonly ClusterCity[]
  anchors: readonly Anchor[]
  /** Relative share of all generated suppliers. */
  weight: number
  /** Stems that local company names are built from: nouns («Кама») and masculine adjectives («Прикамский»). */
  nameNouns: readonly string[]
  nameAdjectives: readonly string[]
}

type ClusterSource = Omit<ClusterData, 'id'>

const city = (nameRu: string, regionCode: string, lat: number, lon: number, weight: number, scatterKm: number): ClusterCity => ({
  nameRu,
  regionCode,
  lat,
  lon,
  weight,
  scatterKm,
})

const SOURCES: readonly ClusterSource[] = [
  {
    key: 'kama',
    nameRu: 'Камский инновационный территориально-производственный кластер (ИННОКАМ)',
    nameEn: 'Kama innovative territorial production cluster (INNOKAM)',
    sector: 'automotive',
    regionCodes: ['16'],
    cities: [
      city('Набережные Челны', '16', 55.7435, 52.3959, 5, 12),
      city('Нижнекамск', '16', 55.6314, 51.8145, 2, 8),
      city('Елабуга', '16', 55.7567, 52.0544, 1.5, 8),
    ],
    anchors: [
      { name: 'ПАО «КАМАЗ»', cityRu: 'Набережные Челны', sector: 'automotive' },
      { name: 'ПАО «Соллерс»', cityRu: 'Елабуга', sector: 'automotive' },
      { name: 'ПАО «Нижнекамскшина»', cityRu: 'Нижнекамск', sector: 'automotive' },
    ],
    weight: 7,
    nameNouns: ['Кама', 'Челны', 'Прикамье', 'Алабуга'],
    nameAdjectives: ['Прикамский', 'Камский', 'Челнинский', 'Закамский'],
  },
  {
    key: 'kazan',
    nameRu: 'Татарстан: авиастроение и двигателестроение (Казань)',
    nameEn: 'Kazan aerospace',
    sector: 'aviation',
    regionCodes: ['16'],
    cities: [city('Казань', '16', 55.7944, 49.1115, 6, 15), city('Зеленодольск', '16', 55.8467, 48.5011, 1, 6)],
    anchors: [
      { name: 'ПАО «Туполев» — КАЗ им. С. П. Горбунова', cityRu: 'Казань', sector: 'aviation', defence: true },
      { name: 'АО «Казанский вертолётный завод»', cityRu: 'Казань', sector: 'aviation', defence: true },
      { name: 'АО «КМПО»', cityRu: 'Казань', sector: 'engines', defence: true },
      { name: 'АО «Зеленодольский завод им. А. М. Горького»', cityRu: 'Зеленодольск', sector: 'shipbuilding', defence: true },
    ],
    weight: 6,
    nameNouns: ['Казань', 'Идель', 'Волга', 'Свияга'],
    nameAdjectives: ['Казанский', 'Приволжский', 'Зеленодольский', 'Татарский'],
  },
  {
    key: 'ulyanovsk',
    nameRu: 'Ульяновский авиационный кластер «Ульяновск-Авиа»',
    nameEn: 'Ulyanovsk aviation cluster',
    sector: 'aviation',
    regionCodes: ['73'],
    cities: [city('Ульяновск', '73', 54.3079, 48.3748, 1, 14)],
    anchors: [
      { name: 'АО «Авиастар-СП» (ПАО «Ил»)', cityRu: 'Ульяновск', sector: 'aviation', defence: true },
      { name: 'АО «АэроКомпозит-Ульяновск»', cityRu: 'Ульяновск', sector: 'aviation' },
      { name: 'АО «УКБП»', cityRu: 'Ульяновск', sector: 'aviation', defence: true },
      { name: 'ООО «УАЗ»', cityRu: 'Ульяновск', sector: 'automotive' },
    ],
    weight: 4,
    nameNouns: ['Симбирск', 'Волга', 'Свияга', 'Авиа'],
    nameAdjectives: ['Ульяновский', 'Симбирский', 'Средневолжский'],
  },
  {
    key: 'samara-aerospace',
    nameRu: 'Самарский инновационный территориальный аэрокосмический кластер',
    nameEn: 'Samara aerospace cluster',
    sector: 'space',
    regionCodes: ['63'],
    cities: [city('Самара', '63', 53.195, 50.107, 1, 15)],
    anchors: [
      { name: 'АО «РКЦ «Прогресс»»', cityRu: 'Самара', sector: 'space', defence: true },
      { name: 'ПАО «ОДК-Кузнецов»', cityRu: 'Самара', sector: 'engines', defence: true },
      { name: 'АО «Авиакор — авиационный завод»', cityRu: 'Самара', sector: 'aviation' },
    ],
    weight: 5,
    nameNouns: ['Самара', 'Жигули', 'Волга', 'Космос'],
    nameAdjectives: ['Самарский', 'Средневолжский', 'Жигулёвский'],
  },
  {
    key: 'togliatti',
    nameRu: 'Самарская область: автомобильный кластер (Тольятти)',
    nameEn: 'Togliatti automotive',
    sector: 'automotive',
    regionCodes: ['63'],
    cities: [city('Тольятти', '63', 53.5205, 49.3894, 1, 12)],
    anchors: [{ name: 'АО «АвтоВАЗ»', cityRu: 'Тольятти', sector: 'automotive' }],
    weight: 6,
    nameNouns: ['Тольятти', 'Автоград', 'Жигули', 'Волга'],
    nameAdjectives: ['Тольяттинский', 'Жигулёвский', 'Ставропольский'],
  },
  {
    key: 'spb-shipbuilding',
    nameRu: 'Санкт-Петербург и Ленинградская область: судостроение',
    nameEn: 'St Petersburg shipbuilding',
    sector: 'shipbuilding',
    regionCodes: ['78', '47'],
    cities: [
      city('Санкт-Петербург', '78', 59.9391, 30.3159, 8, 20),
      city('Выборг', '47', 60.7131, 28.7328, 1, 6),
      city('Отрадное', '47', 59.7727, 30.7989, 1, 5),
      // Not in hflabs (§5): the GeoNames centroid, as the domain notes advise.
      city('Кронштадт', '78', 59.9954, 29.7667, 0.5, 3),
    ],
    anchors: [
      { name: 'АО «Адмиралтейские верфи»', cityRu: 'Санкт-Петербург', sector: 'shipbuilding', defence: true },
      { name: 'АО «Балтийский завод»', cityRu: 'Санкт-Петербург', sector: 'shipbuilding' },
      { name: 'АО «Северная верфь»', cityRu: 'Санкт-Петербург', sector: 'shipbuilding', defence: true },
      { name: 'АО «Средне-Невский судостроительный завод»', cityRu: 'Санкт-Петербург', sector: 'shipbuilding', defence: true },
      { name: 'АО «Кронштадтский морской завод»', cityRu: 'Кронштадт', sector: 'shipbuilding', defence: true },
      { name: 'АО «Выборгский судостроительный завод»', cityRu: 'Выборг', sector: 'shipbuilding' },
      { name: 'АО «ЛСЗ «Пелла»»', cityRu: 'Отрадное', sector: 'shipbuilding' },
      { name: 'ПАО «Звезда»', cityRu: 'Санкт-Петербург', sector: 'engines', prior: 'diesel_engines', defence: true },
    ],
    weight: 9,
    nameNouns: ['Нева', 'Балтика', 'Ижора', 'Петро', 'Кронверк'],
    nameAdjectives: ['Невский', 'Балтийский', 'Северо-Западный', 'Петроградский', 'Ижорский'],
  },
  {
    key: 'arkhangelsk-shipbuilding',
    nameRu: 'Судостроительный инновационный территориальный кластер Архангельской области',
    nameEn: 'Arkhangelsk shipbuilding cluster',
    sector: 'shipbuilding',
    regionCodes: ['29'],
    cities: [city('Северодвинск', '29', 64.5625, 39.8181, 2, 8), city('Архангельск', '29', 64.5394, 40.517, 2, 10)],
    anchors: [
      { name: 'АО «ПО «Севмаш»»', cityRu: 'Северодвинск', sector: 'shipbuilding', defence: true },
      { name: 'АО «ЦС «Звёздочка»»', cityRu: 'Северодвинск', sector: 'shipbuilding', defence: true },
      { name: 'АО «СРЗ «Красная Кузница»»', cityRu: 'Архангельск', sector: 'shipbuilding' },
    ],
    weight: 3,
    nameNouns: ['Беломор', 'Двина', 'Помор', 'Арктика'],
    nameAdjectives: ['Северный', 'Беломорский', 'Поморский', 'Северодвинский'],
  },
  {
    key: 'perm-engines',
    nameRu: '«Технополис «Новый Звёздный»» — инновационный территориальный кластер ракетного двигателестроения',
    nameEn: 'Perm rocket & aero-engine cluster',
    sector: 'engines',
    regionCodes: ['59'],
    cities: [city('Пермь', '59', 58.0103, 56.2342, 1, 15)],
    anchors: [
      { name: 'АО «ОДК-Пермские моторы»', cityRu: 'Пермь', sector: 'engines', defence: true },
      { name: 'АО «ОДК-Авиадвигатель»', cityRu: 'Пермь', sector: 'engines' },
      { name: 'АО «Протон-ПМ»', cityRu: 'Пермь', sector: 'engines', defence: true },
      { name: 'АО «НПО «Искра»»', cityRu: 'Пермь', sector: 'engines', defence: true },
      { name: 'ПАО «Пермский завод «Машиностроитель»»', cityRu: 'Пермь', sector: 'space', defence: true },
      { name: 'АО «Редуктор-ПМ»', cityRu: 'Пермь', sector: 'engines' },
    ],
    weight: 5,
    nameNouns: ['Кама', 'Урал', 'Прикамье', 'Звезда'],
    nameAdjectives: ['Пермский', 'Прикамский', 'Западно-Уральский'],
  },
  {
    key: 'yaroslavl-engines',
    nameRu: 'Рыбинск и Ярославль: двигателестроение',
    nameEn: 'Yaroslavl engine-building',
    sector: 'engines',
    regionCodes: ['76'],
    cities: [
      city('Рыбинск', '76', 58.0485, 38.8584, 2, 8),
      city('Ярославль', '76', 57.6215, 39.8977, 3, 12),
      city('Тутаев', '76', 57.8675, 39.537, 1, 5),
    ],
    anchors: [
      { name: 'ПАО «ОДК-Сатурн»', cityRu: 'Рыбинск', sector: 'engines', defence: true },
      { name: 'ПАО «Автодизель» (ЯМЗ)', cityRu: 'Ярославль', sector: 'engines', prior: 'diesel_engines' },
      { name: 'АО «Тутаевский моторный завод»', cityRu: 'Тутаев', sector: 'engines', prior: 'diesel_engines' },
    ],
    weight: 4,
    nameNouns: ['Волга', 'Ярославна', 'Рыбинск', 'Сатурн'],
    nameAdjectives: ['Ярославский', 'Рыбинский', 'Верхневолжский', 'Романов-Борисоглебский'],
  },
  {
    key: 'ufa-engines',
    nameRu: 'Уфа: авиадвигатели',
    nameEn: 'Ufa aero-engines',
    sector: 'engines',
    regionCodes: ['02'],
    cities: [city('Уфа', '02', 54.7349, 55.9578, 1, 15)],
    anchors: [{ name: 'ПАО «ОДК-УМПО»', cityRu: 'Уфа', sector: 'engines', defence: true }],
    weight: 4,
    nameNouns: ['Агидель', 'Урал', 'Уфа', 'Башмаш'],
    nameAdjectives: ['Уфимский', 'Башкирский', 'Южноуральский'],
  },
  {
    key: 'nizhny-automotive',
    nameRu: 'Нижегородский индустриальный кластер автомобилестроения',
    nameEn: 'Nizhny Novgorod automotive',
    sector: 'automotive',
    regionCodes: ['52'],
    cities: [
      city('Нижний Новгород', '52', 56.3241, 44.0054, 6, 15),
      city('Заволжье', '52', 56.6404, 43.3872, 1, 5),
      city('Павлово', '52', 55.9798, 43.0995, 1, 6),
    ],
    anchors: [
      { name: 'ПАО «ГАЗ»', cityRu: 'Нижний Новгород', sector: 'automotive' },
      { name: 'ООО «Заволжский моторный завод»', cityRu: 'Заволжье', sector: 'automotive' },
      { name: 'ООО «Павловский автобусный завод»', cityRu: 'Павлово', sector: 'automotive' },
      { name: 'ПАО «Завод «Красное Сормово»»', cityRu: 'Нижний Новгород', sector: 'shipbuilding' },
      { name: 'АО «НАЗ «Сокол»»', cityRu: 'Нижний Новгород', sector: 'aviation', defence: true },
    ],
    weight: 7,
    nameNouns: ['Сормово', 'Ока', 'Волга', 'Кстово', 'Автозавод'],
    nameAdjectives: ['Нижегородский', 'Сормовский', 'Приокский', 'Волго-Вятский'],
  },
  {
    key: 'komsomolsk',
    nameRu: 'Комсомольск-на-Амуре: авиа- и судостроение',
    nameEn: 'Komsomolsk aviation & shipbuilding',
    sector: 'aviation',
    regionCodes: ['27'],
    cities: [city('Комсомольск-на-Амуре', '27', 50.5499, 137.0079, 1, 10)],
    anchors: [
      { name: 'КнААЗ им. Ю. А. Гагарина (филиал ПАО «Яковлев»)', cityRu: 'Комсомольск-на-Амуре', sector: 'aviation', defence: true },
      { name: 'ПАО «Амурский судостроительный завод»', cityRu: 'Комсомольск-на-Амуре', sector: 'shipbuilding', defence: true },
    ],
    weight: 2,
    nameNouns: ['Амур', 'Восток', 'Хабаровск', 'Дальмаш'],
    nameAdjectives: ['Амурский', 'Дальневосточный', 'Приамурский'],
  },
  {
    key: 'irkutsk-aviation',
    nameRu: 'Иркутск: авиастроение',
    nameEn: 'Irkutsk aviation',
    sector: 'aviation',
    regionCodes: ['38'],
    cities: [city('Иркутск', '38', 52.2864, 104.2807, 1, 12)],
    anchors: [{ name: 'Иркутский авиационный завод (филиал ПАО «Яковлев»)', cityRu: 'Иркутск', sector: 'aviation' }],
    weight: 2,
    nameNouns: ['Ангара', 'Байкал', 'Сибирь', 'Иркут'],
    nameAdjectives: ['Иркутский', 'Ангарский', 'Восточно-Сибирский', 'Прибайкальский'],
  },
  {
    key: 'buryatia-aviation',
    nameRu: 'Кластер высокотехнологичного машиностроения и приборостроения Республики Бурятия',
    nameEn: 'Buryatia aviation cluster',
    sector: 'aviation',
    regionCodes: ['03'],
    cities: [city('Улан-Удэ', '03', 51.8336, 107.5842, 1, 10)],
    anchors: [{ name: 'АО «Улан-Удэнский авиационный завод»', cityRu: 'Улан-Удэ', sector: 'aviation', defence: true }],
    weight: 1,
    nameNouns: ['Селенга', 'Байкал', 'Бурятия', 'Забайкалье'],
    nameAdjectives: ['Бурятский', 'Селенгинский', 'Забайкальский'],
  },
  {
    key: 'urals-heavy',
    nameRu: 'Свердловская область: титан и тяжёлое машиностроение',
    nameEn: 'Urals titanium & heavy machinery',
    sector: 'machine_building',
    regionCodes: ['66'],
    cities: [
      city('Екатеринбург', '66', 56.8385, 60.6055, 5, 15),
      city('Нижний Тагил', '66', 57.9101, 59.9813, 2, 10),
      city('Верхняя Салда', '66', 58.0466, 60.556, 1, 5),
    ],
    anchors: [
      { name: 'ПАО «Корпорация ВСМПО-АВИСМА»', cityRu: 'Верхняя Салда', sector: 'aviation' },
      { name: 'ПАО «Уралмашзавод»', cityRu: 'Екатеринбург', sector: 'machine_building' },
      { name: 'АО «НПК «Уралвагонзавод»»', cityRu: 'Нижний Тагил', sector: 'rail', defence: true },
      { name: 'АО «Уральский завод гражданской авиации»', cityRu: 'Екатеринбург', sector: 'aviation' },
      { name: 'ООО «Уральский дизель-моторный завод»', cityRu: 'Екатеринбург', sector: 'engines', prior: 'diesel_engines' },
    ],
    weight: 7,
    nameNouns: ['Урал', 'Исеть', 'Тагил', 'Салда', 'Уралмаш'],
    nameAdjectives: ['Уральский', 'Среднеуральский', 'Тагильский', 'Исетский'],
  },
  {
    key: 'novosibirsk-electrical',
    nameRu: 'Новосибирская область: электротехника и авиастроение',
    nameEn: 'Novosibirsk electrical & aviation',
    sector: 'electrical',
    regionCodes: ['54'],
    cities: [city('Новосибирск', '54', 55.0282, 82.9211, 1, 18)],
    anchors: [
      { name: 'ПАО «НПО «ЭЛСИБ»»', cityRu: 'Новосибирск', sector: 'electrical' },
      { name: 'НАЗ им. В. П. Чкалова (филиал ПАО «Яковлев»)', cityRu: 'Новосибирск', sector: 'aviation', defence: true },
      { name: 'АО «НЗПП «Восток»»', cityRu: 'Новосибирск', sector: 'electrical', defence: true },
    ],
    weight: 4,
    nameNouns: ['Сибирь', 'Обь', 'Сиб', 'Академ'],
    nameAdjectives: ['Сибирский', 'Новосибирский', 'Обской', 'Западно-Сибирский'],
  },
  {
    key: 'rostov',
    nameRu: 'Ростовская область: сельхоз-, вертолёто- и электровозостроение',
    nameEn: 'Rostov machine-building',
    sector: 'machine_building',
    regionCodes: ['61'],
    cities: [
      city('Ростов-на-Дону', '61', 47.2225, 39.7188, 4, 15),
      city('Таганрог', '61', 47.2095, 38.9351, 1.5, 8),
      city('Новочеркасск', '61', 47.4119, 40.1042, 1, 6),
    ],
    anchors: [
      { name: 'ООО «Комбайновый завод «Ростсельмаш»»', cityRu: 'Ростов-на-Дону', sector: 'machine_building' },
      { name: 'ПАО «Роствертол»', cityRu: 'Ростов-на-Дону', sector: 'aviation', defence: true },
      { name: 'ПАО «ТАНТК им. Г. М. Бериева»', cityRu: 'Таганрог', sector: 'aviation', defence: true },
      { name: 'ООО «ПК «НЭВЗ»»', cityRu: 'Новочеркасск', sector: 'rail' },
    ],
    weight: 5,
    nameNouns: ['Дон', 'Азов', 'Ростов', 'Южмаш'],
    nameAdjectives: ['Донской', 'Ростовский', 'Таганрогский', 'Южный', 'Приазовский'],
  },
  {
    key: 'chelyabinsk',
    nameRu: 'Челябинская область: машиностроение',
    nameEn: 'Chelyabinsk machine-building',
    sector: 'machine_building',
    regionCodes: ['74'],
    cities: [city('Челябинск', '74', 55.1603, 61.4008, 3, 15), city('Миасс', '74', 55.0456, 60.1078, 1, 8)],
    anchors: [
      { name: 'ООО «ЧТЗ-Уралтрак»', cityRu: 'Челябинск', sector: 'machine_building', defence: true },
      { name: 'АО «Автомобильный завод «Урал»»', cityRu: 'Миасс', sector: 'automotive' },
      { name: 'АО «ГРЦ Макеева»', cityRu: 'Миасс', sector: 'space', defence: true },
    ],
    weight: 5,
    nameNouns: ['Урал', 'Миасс', 'Челяба', 'Ильмены'],
    nameAdjectives: ['Челябинский', 'Южноуральский', 'Миасский', 'Уральский'],
  },
  {
    key: 'moscow-region',
    nameRu: 'Московская область: авиация, космос, двигатели, вагоны',
    nameEn: 'Moscow region aerospace, engines and rail',
    sector: 'aviation',
    regionCodes: ['50', '77'],
    cities: [
      city('Жуковский', '50', 55.5998, 38.1224, 1.5, 8),
      city('Луховицы', '50', 54.9652, 39.026, 0.7, 5),
      city('Королёв', '50', 55.9162, 37.8545, 1.5, 6),
      city('Коломна', '50', 55.1028, 38.7531, 1, 7),
      city('Мытищи', '50', 55.9106, 37.7364, 1.5, 6),
      city('Химки', '50', 55.8887, 37.4304, 1.5, 6),
      // §5 lists no city in 77; Moscow's own suppliers and centre sit here (GeoNames centroid).
      city('Москва', '77', 55.7522, 37.6156, 5, 18),
    ],
    anchors: [
      { name: 'ФАУ «ЦАГИ»', cityRu: 'Жуковский', sector: 'aviation' },
      { name: 'АО «РСК «МиГ»»', cityRu: 'Луховицы', sector: 'aviation', defence: true },
      { name: 'ПАО «РКК «Энергия»»', cityRu: 'Королёв', sector: 'space', defence: true },
      { name: 'АО «Коломенский завод»', cityRu: 'Коломна', sector: 'engines', prior: 'diesel_engines' },
      { name: 'АО «Метровагонмаш»', cityRu: 'Мытищи', sector: 'rail' },
      { name: 'АО «НПО Энергомаш»', cityRu: 'Химки', sector: 'engines', defence: true },
    ],
    weight: 10,
    nameNouns: ['Подмосковье', 'Ока', 'Москва', 'Клязьма', 'Столица'],
    nameAdjectives: ['Подмосковный', 'Московский', 'Центральный', 'Коломенский', 'Мытищинский'],
  },
  {
    key: 'construction-materials',
    nameRu: 'Промышленность строительных материалов',
    nameEn: 'Construction materials',
    sector: 'construction_materials',
    regionCodes: ['31', '62', '66'],
    cities: [
      city('Белгород', '31', 50.5976, 36.5857, 2, 12),
      city('Рязань', '62', 54.6254, 39.7359, 2, 12),
      city('Михайлов', '62', 54.2297, 39.0091, 0.7, 5),
      city('Сухой Лог', '66', 56.9076, 62.0358, 0.7, 5),
    ],
    anchors: [
      { name: 'АО «Белгородский цемент»', cityRu: 'Белгород', sector: 'construction_materials' },
      { name: 'АО «Михайловцемент»', cityRu: 'Михайлов', sector: 'construction_materials' },
      { name: 'АО «Сухоложскцемент»', cityRu: 'Сухой Лог', sector: 'construction_materials' },
      { name: 'Завод ТЕХНОНИКОЛЬ (Рязань)', cityRu: 'Рязань', sector: 'construction_materials' },
    ],
    weight: 3,
    nameNouns: ['Белогорье', 'Ока', 'Мещера', 'Рязань', 'Цемент'],
    nameAdjectives: ['Белгородский', 'Рязанский', 'Окский', 'Михайловский', 'Сухоложский'],
  },
]

export const CLUSTERS: readonly ClusterData[] = SOURCES.map((source) => ({ ...source, id: stableId('clu', source.key) }))

/** Genitive names for «Центр субконтрактации …», one per region any cluster covers. */
export const REGION_GENITIVE: Readonly<Record<string, string>> = {
  '02': 'Республики Башкортостан',
  '03': 'Республики Бурятия',
  '16': 'Республики Татарстан',
  '27': 'Хабаровского края',
  '29': 'Архангельской области',
  '31': 'Белгородской области',
  '38': 'Иркутской области',
  '47': 'Ленинградской области',
  '50': 'Московской области',
  '52': 'Нижегородской области',
  '54': 'Новосибирской области',
  '59': 'Пермского края',
  '61': 'Ростовской области',
  '62': 'Рязанской области',
  '63': 'Самарской области',
  '66': 'Свердловской области',
  '73': 'Ульяновской области',
  '74': 'Челябинской области',
  '76': 'Ярославской области',
  '77': 'города Москвы',
  '78': 'Санкт-Петербурга',
}

/** Every region the clusters cover, in cluster order: one subcontracting centre each. */
export const CENTRE_REGIONS: readonly string[] = [...new Set(CLUSTERS.flatMap((cluster) => cluster.regionCodes))]

export type SmeShare = Readonly<Record<'micro' | 'small' | 'medium', number>>

/** A supplier holds one of `codes` with the probability its size gives; `archetypes` narrows who may hold it. */
export interface SupplierCertRule {
  codes: Weighted<string>
  share: SmeShare
  archetypes?: readonly ArchetypeKey[]
}

/** Requested certificates: one alternative of `required` (possibly none) and up to two of `preferred`. */
export interface NeedCertRule {
  required: Weighted<readonly string[]>
  preferred: readonly string[]
}

export interface SectorPrior {
  /** §5.1 "typical RFQ processes" with their weights; wildcards expanded to real codes. */
  processes: Weighted<string>
  materials: readonly string[]
  needCerts: NeedCertRule
  /** Added when the routing welds (НАКС, РМРС, EN 15085…). */
  weldingCerts?: NeedCertRule
  supplierCerts: readonly SupplierCertRule[]
  /** Quantity range per request; `annual` volumes are quoted per year, in batches. */
  quantity: readonly [number, number]
  annual: boolean
  /** Typical IT grades requested, finest first. */
  itGrade: readonly [number, number]
  archetypes: Weighted<ArchetypeKey>
}

const AUTOMOTIVE_SUPPLIER_CERTS: readonly SupplierCertRule[] = [
  { codes: [['IATF16949', 0.55], ['GOST_R_58139', 0.45]], share: { micro: 0.1, small: 0.4, medium: 0.65 } },
  { codes: [['ISO14001', 0.7], ['GOST_R_ISO14001', 0.3]], share: { micro: 0, small: 0.05, medium: 0.2 } },
]

const AEROSPACE_SUPPLIER_CERTS: readonly SupplierCertRule[] = [
  { codes: [['AS9100', 0.6], ['GOST_R_EN9100_2011', 0.4]], share: { micro: 0.15, small: 0.4, medium: 0.65 } },
  { codes: [['GOST_RV_0015_002', 1]], share: { micro: 0.03, small: 0.12, medium: 0.3 } },
  { codes: [['FAP21', 1]], share: { micro: 0, small: 0.02, medium: 0.08 } },
]

const WELDING_NAKS: SupplierCertRule = {
  codes: [['NAKS_TECH', 1]],
  share: { micro: 0.35, small: 0.6, medium: 0.8 },
  archetypes: ['welding', 'sheet_metal'],
}

export const SECTOR_PRIORS: Readonly<Record<PriorKey, SectorPrior>> = {
  automotive: {
    processes: [
      ['STP.PROG', 0.2], ['WLD.RES', 0.075], ['WLD.ROBOT', 0.075], ['PLS.INJ', 0.15], ['CST.HPDC', 0.1], ['MCH.TURN', 0.1],
      ['FRG.CLOSED', 0.05], ['HT.CARB', 0.05], ['SRF.PAINT', 0.05], ['SRF.ZN.HDG', 0.02], ['SRF.GALV', 0.03], ['ELC.HARNESS', 0.1],
    ],
    materials: ['ST_08PS', 'ST_08YU', 'ST_09G2S', 'ST_18KHGT', 'ST_40KH', 'AL_AK12', 'PL_PP', 'PL_PA66_GF30', 'ST_45', 'PL_ABS'],
    needCerts: { required: [[['IATF16949'], 0.35], [['GOST_R_58139'], 0.25], [['ISO9001'], 0.3], [[], 0.1]], preferred: ['ISO14001', 'ISO45001'] },
    supplierCerts: AUTOMOTIVE_SUPPLIER_CERTS,
    quantity: [1000, 100_000],
    annual: true,
    itGrade: [9, 12],
    archetypes: [
      ['machining', 0.24], ['sheet_metal', 0.14], ['welding', 0.1], ['foundry', 0.07], ['forging', 0.13], ['surface_heat', 0.1],
      ['moulding', 0.13], ['ems', 0.06], ['ndt_lab', 0.02], ['composites', 0.01],
    ],
  },
  aviation: {
    processes: [
      ['MCH.MILL5', 0.25], ['SHT.BEND', 0.04], ['SHT.LASER', 0.03], ['SHT.FAB', 0.03], ['SHT.ROLL', 0.02], ['SHT.TUBEBEND', 0.03],
      ['CMP.PREPREG', 0.1], ['SRF.ANOD', 0.1], ['WLD.TIG', 0.05], ['HT.AGE', 0.05], ['QC.NDT', 0.1], ['ASM.MECH', 0.1], ['MCH.TURN', 0.1],
    ],
    materials: ['AL_D16', 'AL_V95', 'AL_1163', 'AL_AK4_1', 'TI_VT6', 'TI_VT20', 'TI_OT4', 'ST_30KHGSA', 'ST_12KH18N10T', 'CM_CFRP'],
    needCerts: { required: [[['AS9100'], 0.6], [['GOST_R_EN9100_2011'], 0.4]], preferred: ['FAP21', 'ISO14001'] },
    supplierCerts: AEROSPACE_SUPPLIER_CERTS,
    quantity: [1, 500],
    annual: false,
    itGrade: [7, 9],
    archetypes: [
      ['machining', 0.35], ['sheet_metal', 0.12], ['welding', 0.05], ['foundry', 0.04], ['forging', 0.04], ['surface_heat', 0.12],
      ['moulding', 0.03], ['ems', 0.05], ['ndt_lab', 0.07], ['composites', 0.13],
    ],
  },
  space: {
    processes: [
      ['MCH.MILL5', 0.2], ['MCH.TURN', 0.1], ['WLD.TIG', 0.1], ['WLD.FSW', 0.05], ['SHT.SPIN', 0.05], ['CMP.PREPREG', 0.1],
      ['SRF.ANOD', 0.1], ['HT.AGE', 0.05], ['QC.NDT', 0.1], ['ELC.HARNESS', 0.1], ['ASM.MECH', 0.05],
    ],
    materials: ['AL_AMG6', 'AL_1420', 'AL_D16', 'AL_V95', 'TI_VT6', 'ST_12KH18N10T', 'CM_CFRP'],
    needCerts: { required: [[['GOST_RV_0015_002'], 0.7], [['ISO9001'], 0.3]], preferred: ['AS9100', 'GOST_R_EN9100_2011'] },
    supplierCerts: [
      { codes: [['GOST_RV_0015_002', 1]], share: { micro: 0.05, small: 0.25, medium: 0.45 } },
      { codes: [['AS9100', 0.5], ['GOST_R_EN9100_2011', 0.5]], share: { micro: 0.03, small: 0.1, medium: 0.2 } },
    ],
    quantity: [1, 200],
    annual: false,
    itGrade: [7, 9],
    archetypes: [
      ['machining', 0.33], ['sheet_metal', 0.12], ['welding', 0.1], ['foundry', 0.04], ['forging', 0.03], ['surface_heat', 0.12],
      ['moulding', 0.02], ['ems', 0.1], ['ndt_lab', 0.07], ['composites', 0.07],
    ],
  },
  engines: {
    processes: [
      ['CST.INVEST', 0.15], ['MCH.MILL5', 0.15], ['MCH.GRIND.CYL', 0.05], ['MCH.GRIND.SURF', 0.05], ['MCH.EDM.WIRE', 0.05],
      ['MCH.EDM.SINK', 0.05], ['WLD.BRAZE', 0.05], ['WLD.EBW', 0.05], ['HT.VAC', 0.1], ['SRF.THSPRAY', 0.1], ['QC.NDT', 0.1], ['MCH.TURN', 0.1],
    ],
    materials: ['NI_KHN77TYUR', 'NI_KHN45MVTYUBR', 'TI_VT6', 'ST_12KH18N10T', 'ST_38KH2MYUA', 'ST_40KHN2MA'],
    needCerts: { required: [[['AS9100'], 0.6], [['GOST_R_EN9100_2011'], 0.4]], preferred: ['NDT_PERS', 'ISO14001'] },
    supplierCerts: AEROSPACE_SUPPLIER_CERTS,
    quantity: [1, 1000],
    annual: false,
    itGrade: [5, 7],
    archetypes: [
      ['machining', 0.38], ['sheet_metal', 0.06], ['welding', 0.1], ['foundry', 0.12], ['forging', 0.06], ['surface_heat', 0.14],
      ['moulding', 0.02], ['ems', 0.02], ['ndt_lab', 0.08], ['composites', 0.02],
    ],
  },
  diesel_engines: {
    processes: [
      ['MCH.TURN', 0.15], ['MCH.GRIND.CYL', 0.1], ['MCH.HBM', 0.1], ['MCH.MILL4', 0.1], ['CST.SAND', 0.15], ['FRG.CLOSED', 0.1],
      ['HT.IND', 0.1], ['HT.NITR', 0.05], ['MCH.GEAR', 0.1], ['QC.CMM', 0.05],
    ],
    materials: ['CI_SCH25', 'CI_VCH50', 'ST_40KHN2MA', 'ST_38KH2MYUA', 'ST_45', 'ST_40KH', 'AL_AK9CH'],
    needCerts: { required: [[['IATF16949'], 0.4], [['GOST_R_58139'], 0.4], [['ISO9001'], 0.2]], preferred: ['ISO14001'] },
    supplierCerts: AUTOMOTIVE_SUPPLIER_CERTS,
    quantity: [50, 20_000],
    annual: true,
    itGrade: [6, 8],
    archetypes: [
      ['machining', 0.42], ['sheet_metal', 0.05], ['welding', 0.06], ['foundry', 0.15], ['forging', 0.12], ['surface_heat', 0.14],
      ['moulding', 0.02], ['ndt_lab', 0.04],
    ],
  },
  shipbuilding: {
    processes: [
      ['WLD.SAW', 0.125], ['WLD.MIGMAG', 0.125], ['SHT.PLASMA', 0.15], ['SHT.ROLL', 0.05], ['SHT.TUBEBEND', 0.1], ['MCH.HBM', 0.05],
      ['MCH.VTL', 0.05], ['CST.SAND', 0.05], ['SRF.PAINT', 0.1], ['QC.NDT', 0.1], ['ASM.INSTALL', 0.1],
    ],
    materials: ['ST_RS_A32', 'ST_RS_D36', 'ST_RS_E36', 'AL_AMG6', 'TI_PT_3V', 'CU_MNZHMTS30_1_1', 'ST_12KH18N10T', 'CU_BRAZH9_4'],
    needCerts: { required: [[['RMRS_SPI'], 0.7], [[], 0.3]], preferred: ['ISO9001'] },
    weldingCerts: { required: [[['NAKS_TECH'], 0.5], [['RMRS_WELD'], 0.5]], preferred: ['ISO3834-2'] },
    supplierCerts: [
      { codes: [['RMRS_SPI', 1]], share: { micro: 0.1, small: 0.3, medium: 0.5 } },
      { ...WELDING_NAKS, share: { micro: 0.4, small: 0.65, medium: 0.85 } },
      { codes: [['RMRS_WELD', 1]], share: { micro: 0.1, small: 0.25, medium: 0.45 }, archetypes: ['welding', 'sheet_metal'] },
      { codes: [['ISO3834-2', 0.6], ['ISO3834-3', 0.4]], share: { micro: 0, small: 0.05, medium: 0.15 }, archetypes: ['welding'] },
      { codes: [['GOST_RV_0015_002', 1]], share: { micro: 0.02, small: 0.08, medium: 0.2 } },
    ],
    quantity: [1, 100],
    annual: false,
    itGrade: [10, 14],
    archetypes: [
      ['machining', 0.2], ['sheet_metal', 0.22], ['welding', 0.28], ['foundry', 0.07], ['forging', 0.03], ['surface_heat', 0.1],
      ['moulding', 0.02], ['ems', 0.03], ['ndt_lab', 0.05],
    ],
  },
  machine_building: {
    processes: [
      ['WLD.STRUCT', 0.2], ['MCH.HBM', 0.1], ['MCH.TURN', 0.1], ['MCH.GEAR', 0.1], ['CST.SAND', 0.1], ['FRG.OPEN', 0.1],
      ['HT.QT', 0.1], ['SRF.PAINT', 0.1], ['SHT.LASER', 0.1],
    ],
    materials: ['ST_ST3SP', 'ST_09G2S', 'ST_45', 'ST_40KH', 'ST_110G13L', 'CI_SCH20', 'CI_VCH50'],
    needCerts: { required: [[['ISO9001'], 0.6], [[], 0.4]], preferred: ['ISO14001'] },
    weldingCerts: { required: [[[], 0.6], [['NAKS_TECH'], 0.4]], preferred: ['ISO3834-3'] },
    supplierCerts: [
      WELDING_NAKS,
      { codes: [['ISO3834-3', 0.7], ['ISO3834-2', 0.3]], share: { micro: 0, small: 0.08, medium: 0.2 }, archetypes: ['welding'] },
    ],
    quantity: [1, 1000],
    annual: false,
    itGrade: [8, 12],
    archetypes: [
      ['machining', 0.3], ['sheet_metal', 0.15], ['welding', 0.2], ['foundry', 0.1], ['forging', 0.08], ['surface_heat', 0.1],
      ['moulding', 0.02], ['ems', 0.02], ['ndt_lab', 0.03],
    ],
  },
  rail: {
    processes: [
      ['WLD.STRUCT', 0.2], ['WLD.ROBOT', 0.1], ['MCH.TURN', 0.1], ['MCH.HBM', 0.1], ['CST.SAND', 0.1], ['FRG.CLOSED', 0.05],
      ['SHT.LASER', 0.1], ['SHT.BEND', 0.05], ['SRF.PAINT', 0.1], ['QC.NDT', 0.05], ['ASM.MECH', 0.05],
    ],
    materials: ['ST_09G2S', 'ST_10KHSND', 'ST_ST3SP', 'ST_20', 'ST_45', 'ST_35L', 'CI_VCH50'],
    needCerts: { required: [[['ISO_TS22163'], 0.45], [['ISO9001'], 0.45], [[], 0.1]], preferred: ['ISO14001'] },
    weldingCerts: { required: [[['EN15085_CL1'], 0.3], [['EN15085_CL2'], 0.3], [[], 0.4]], preferred: ['NAKS_TECH'] },
    supplierCerts: [
      { codes: [['ISO_TS22163', 1]], share: { micro: 0.02, small: 0.12, medium: 0.3 } },
      { codes: [['EN15085_CL1', 0.4], ['EN15085_CL2', 0.6]], share: { micro: 0.05, small: 0.2, medium: 0.4 }, archetypes: ['welding', 'sheet_metal'] },
      WELDING_NAKS,
    ],
    quantity: [10, 2000],
    annual: false,
    itGrade: [8, 12],
    archetypes: [
      ['machining', 0.28], ['sheet_metal', 0.15], ['welding', 0.22], ['foundry', 0.1], ['forging', 0.07], ['surface_heat', 0.1],
      ['moulding', 0.03], ['ems', 0.02], ['ndt_lab', 0.03],
    ],
  },
  electrical: {
    processes: [
      ['ELC.WIND', 0.2], ['SHT.FAB', 0.2], ['MCH.TURN', 0.1], ['MCH.MILL3', 0.1], ['WLD.MIGMAG', 0.1], ['SRF.POWDER', 0.1],
      ['ELC.SMT', 0.1], ['ASM.ELMECH', 0.1],
    ],
    materials: ['CU_M1', 'ST_2212', 'ST_ST3SP', 'AL_AD31'],
    needCerts: { required: [[['ISO9001'], 0.7], [[], 0.3]], preferred: ['ISO14001'] },
    supplierCerts: [{ codes: [['ISO14001', 0.7], ['GOST_R_ISO14001', 0.3]], share: { micro: 0, small: 0.05, medium: 0.15 } }],
    quantity: [1, 1000],
    annual: false,
    itGrade: [8, 11],
    archetypes: [
      ['machining', 0.2], ['sheet_metal', 0.2], ['welding', 0.1], ['foundry', 0.05], ['forging', 0.03], ['surface_heat', 0.1],
      ['moulding', 0.07], ['ems', 0.23], ['ndt_lab', 0.02],
    ],
  },
  construction_materials: {
    processes: [
      ['CST.SAND', 0.25], ['WLD.STRUCT', 0.25], ['MCH.HBM', 0.1], ['MCH.GEAR', 0.1], ['ASM.REPAIR', 0.2], ['SRF.BLAST', 0.05], ['SRF.PAINT', 0.05],
    ],
    materials: ['ST_110G13L', 'CI_ICHKH28N2', 'ST_ST3SP', 'ST_09G2S', 'ST_40KH'],
    needCerts: { required: [[[], 0.7], [['ISO9001'], 0.3]], preferred: ['ISO9001'] },
    weldingCerts: { required: [[['NAKS_TECH'], 0.6], [[], 0.4]], preferred: [] },
    supplierCerts: [WELDING_NAKS],
    quantity: [1, 50],
    annual: false,
    itGrade: [11, 14],
    archetypes: [
      ['machining', 0.25], ['sheet_metal', 0.1], ['welding', 0.3], ['foundry', 0.2], ['forging', 0.05], ['surface_heat', 0.05],
      ['ndt_lab', 0.03], ['ems', 0.02],
    ],
  },
}

export function priorOf(anchor: Pick<Anchor, 'sector' | 'prior'>): PriorKey {
  return anchor.prior ?? anchor.sector
}
