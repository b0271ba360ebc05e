import { normalizeText, withoutTypeWords } from './normalize.js'

export type FederalDistrict =
  | 'Центральный'
  | 'Северо-Западный'
  | 'Южный'
  | 'Северо-Кавказский'
  | 'Приволжский'
  | 'Уральский'
  | 'Сибирский'
  | 'Дальневосточный'

interface SubjectAttributes {
  /** Код субъекта: the 2-digit КЛАДР/ФНС prefix (first digits of ИНН/КПП), the primary key. */
  code: string
  nameRu: string
  nameEn: string
  /** ISO 3166-2; null where ISO lists the territory under another country or not at all. */
  iso: string | null
  /** Leading digits of the subject's ОКАТО (5 digits for the autonomous okrugs nested in other subjects). */
  okato: string | null
  federalDistrict: FederalDistrict
  centreRu: string | null
  /** GeoNames admin1 code used by cities1000 ("RU.73"; Crimea and Sevastopol are filed under UA there). */
  geonamesAdmin1: string | null
  /** What users type besides the official name; type words (Респ., обл., край, АО) are stripped before matching, so «Самарская обл.» needs no alias. */
  aliases: readonly string[]
}

/** Disabled subjects have no coordinates in any vendored source and stay out of geocoding until ФИАС/ОКТМО data is added. */
export type Subject = SubjectAttributes &
  ({ enabled: true; lat: number; lon: number } | { enabled: false; lat: null; lon: null })

/**
 * Federal subjects from domain-data §4.5. Coordinates are the administrative centre as given by cities1000 (GeoNames);
 * for 47 the centre is Гатчина (official since 2021) and for 50 Красногорск (seat of the oblast government).
 */
export const SUBJECTS: readonly Subject[] = [
  { code: '01', nameRu: 'Республика Адыгея', nameEn: 'Republic of Adygea', iso: 'RU-AD', okato: '79', federalDistrict: 'Южный', centreRu: 'Майкоп', geonamesAdmin1: 'RU.01', aliases: ['Адыгея'], enabled: true, lat: 44.60778, lon: 40.10583 },
  { code: '02', nameRu: 'Республика Башкортостан', nameEn: 'Republic of Bashkortostan', iso: 'RU-BA', okato: '80', federalDistrict: 'Приволжский', centreRu: 'Уфа', geonamesAdmin1: 'RU.08', aliases: ['Башкортостан', 'Башкирия'], enabled: true, lat: 54.78517, lon: 56.04562 },
  { code: '03', nameRu: 'Республика Бурятия', nameEn: 'Republic of Buryatia', iso: 'RU-BU', okato: '81', federalDistrict: 'Дальневосточный', centreRu: 'Улан-Удэ', geonamesAdmin1: 'RU.11', aliases: ['Бурятия'], enabled: true, lat: 51.82721, lon: 107.60627 },
  { code: '04', nameRu: 'Республика Алтай', nameEn: 'Altai Republic', iso: 'RU-AL', okato: '84', federalDistrict: 'Сибирский', centreRu: 'Горно-Алтайск', geonamesAdmin1: 'RU.03', aliases: ['Алтай', 'Горный Алтай'], enabled: true, lat: 51.96056, lon: 85.91892 },
  { code: '05', nameRu: 'Республика Дагестан', nameEn: 'Republic of Dagestan', iso: 'RU-DA', okato: '82', federalDistrict: 'Северо-Кавказский', centreRu: 'Махачкала', geonamesAdmin1: 'RU.17', aliases: ['Дагестан'], enabled: true, lat: 42.97638, lon: 47.50236 },
  { code: '06', nameRu: 'Республика Ингушетия', nameEn: 'Republic of Ingushetia', iso: 'RU-IN', okato: '26', federalDistrict: 'Северо-Кавказский', centreRu: 'Магас', geonamesAdmin1: 'RU.19', aliases: ['Ингушетия'], enabled: true, lat: 43.22257, lon: 44.77261 },
  { code: '07', nameRu: 'Кабардино-Балкарская Республика', nameEn: 'Kabardino-Balkarian Republic', iso: 'RU-KB', okato: '83', federalDistrict: 'Северо-Кавказский', centreRu: 'Нальчик', geonamesAdmin1: 'RU.22', aliases: ['Кабардино-Балкария', 'КБР'], enabled: true, lat: 43.49806, lon: 43.61889 },
  { code: '08', nameRu: 'Республика Калмыкия', nameEn: 'Republic of Kalmykia', iso: 'RU-KL', okato: '85', federalDistrict: 'Южный', centreRu: 'Элиста', geonamesAdmin1: 'RU.24', aliases: ['Калмыкия'], enabled: true, lat: 46.30778, lon: 44.25583 },
  { code: '09', nameRu: 'Карачаево-Черкесская Республика', nameEn: 'Karachay-Cherkess Republic', iso: 'RU-KC', okato: '91', federalDistrict: 'Северо-Кавказский', centreRu: 'Черкесск', geonamesAdmin1: 'RU.27', aliases: ['Карачаево-Черкесия', 'КЧР'], enabled: true, lat: 44.22333, lon: 42.05778 },
  { code: '10', nameRu: 'Республика Карелия', nameEn: 'Republic of Karelia', iso: 'RU-KR', okato: '86', federalDistrict: 'Северо-Западный', centreRu: 'Петрозаводск', geonamesAdmin1: 'RU.28', aliases: ['Карелия'], enabled: true, lat: 61.78491, lon: 34.34691 },
  { code: '11', nameRu: 'Республика Коми', nameEn: 'Komi Republic', iso: 'RU-KO', okato: '87', federalDistrict: 'Северо-Западный', centreRu: 'Сыктывкар', geonamesAdmin1: 'RU.34', aliases: ['Коми'], enabled: true, lat: 61.67642, lon: 50.80994 },
  { code: '12', nameRu: 'Республика Марий Эл', nameEn: 'Mari El Republic', iso: 'RU-ME', okato: '88', federalDistrict: 'Приволжский', centreRu: 'Йошкар-Ола', geonamesAdmin1: 'RU.45', aliases: ['Марий Эл'], enabled: true, lat: 56.63877, lon: 47.89078 },
  { code: '13', nameRu: 'Республика Мордовия', nameEn: 'Republic of Mordovia', iso: 'RU-MO', okato: '89', federalDistrict: 'Приволжский', centreRu: 'Саранск', geonamesAdmin1: 'RU.46', aliases: ['Мордовия'], enabled: true, lat: 54.1838, lon: 45.1749 },
  { code: '14', nameRu: 'Республика Саха (Якутия)', nameEn: 'Sakha (Yakutia) Republic', iso: 'RU-SA', okato: '98', federalDistrict: 'Дальневосточный', centreRu: 'Якутск', geonamesAdmin1: 'RU.63', aliases: ['Якутия', 'Саха'], enabled: true, lat: 62.03389, lon: 129.73306 },
  { code: '15', nameRu: 'Республика Северная Осетия — Алания', nameEn: 'Republic of North Ossetia–Alania', iso: 'RU-SE', okato: '90', federalDistrict: 'Северо-Кавказский', centreRu: 'Владикавказ', geonamesAdmin1: 'RU.68', aliases: ['Северная Осетия', 'Алания', 'РСО-Алания'], enabled: true, lat: 43.03667, lon: 44.66778 },
  { code: '16', nameRu: 'Республика Татарстан', nameEn: 'Republic of Tatarstan', iso: 'RU-TA', okato: '92', federalDistrict: 'Приволжский', centreRu: 'Казань', geonamesAdmin1: 'RU.73', aliases: ['Татарстан', 'Татария', 'РТ'], enabled: true, lat: 55.78874, lon: 49.12214 },
  { code: '17', nameRu: 'Республика Тыва', nameEn: 'Tuva Republic', iso: 'RU-TY', okato: '93', federalDistrict: 'Сибирский', centreRu: 'Кызыл', geonamesAdmin1: 'RU.79', aliases: ['Тыва', 'Тува'], enabled: true, lat: 51.71472, lon: 94.45338 },
  { code: '18', nameRu: 'Удмуртская Республика', nameEn: 'Udmurt Republic', iso: 'RU-UD', okato: '94', federalDistrict: 'Приволжский', centreRu: 'Ижевск', geonamesAdmin1: 'RU.80', aliases: ['Удмуртия'], enabled: true, lat: 56.84976, lon: 53.20448 },
  { code: '19', nameRu: 'Республика Хакасия', nameEn: 'Republic of Khakassia', iso: 'RU-KK', okato: '95', federalDistrict: 'Сибирский', centreRu: 'Абакан', geonamesAdmin1: 'RU.31', aliases: ['Хакасия'], enabled: true, lat: 53.71556, lon: 91.42917 },
  { code: '20', nameRu: 'Чеченская Республика', nameEn: 'Chechen Republic', iso: 'RU-CE', okato: '96', federalDistrict: 'Северо-Кавказский', centreRu: 'Грозный', geonamesAdmin1: 'RU.12', aliases: ['Чечня'], enabled: true, lat: 43.31195, lon: 45.68895 },
  { code: '21', nameRu: 'Чувашская Республика', nameEn: 'Chuvash Republic', iso: 'RU-CU', okato: '97', federalDistrict: 'Приволжский', centreRu: 'Чебоксары', geonamesAdmin1: 'RU.16', aliases: ['Чувашия'], enabled: true, lat: 56.13222, lon: 47.25194 },
  { code: '22', nameRu: 'Алтайский край', nameEn: 'Altai Krai', iso: 'RU-ALT', okato: '01', federalDistrict: 'Сибирский', centreRu: 'Барнаул', geonamesAdmin1: 'RU.04', aliases: [], enabled: true, lat: 53.36056, lon: 83.76361 },
  { code: '23', nameRu: 'Краснодарский край', nameEn: 'Krasnodar Krai', iso: 'RU-KDA', okato: '03', federalDistrict: 'Южный', centreRu: 'Краснодар', geonamesAdmin1: 'RU.38', aliases: ['Кубань'], enabled: true, lat: 45.04484, lon: 38.97603 },
  { code: '24', nameRu: 'Красноярский край', nameEn: 'Krasnoyarsk Krai', iso: 'RU-KYA', okato: '04', federalDistrict: 'Сибирский', centreRu: 'Красноярск', geonamesAdmin1: 'RU.91', aliases: [], enabled: true, lat: 56.01839, lon: 92.86717 },
  { code: '25', nameRu: 'Приморский край', nameEn: 'Primorsky Krai', iso: 'RU-PRI', okato: '05', federalDistrict: 'Дальневосточный', centreRu: 'Владивосток', geonamesAdmin1: 'RU.59', aliases: ['Приморье'], enabled: true, lat: 43.10562, lon: 131.87353 },
  { code: '26', nameRu: 'Ставропольский край', nameEn: 'Stavropol Krai', iso: 'RU-STA', okato: '07', federalDistrict: 'Северо-Кавказский', centreRu: 'Ставрополь', geonamesAdmin1: 'RU.70', aliases: ['Ставрополье'], enabled: true, lat: 45.0428, lon: 41.9734 },
  { code: '27', nameRu: 'Хабаровский край', nameEn: 'Khabarovsk Krai', iso: 'RU-KHA', okato: '08', federalDistrict: 'Дальневосточный', centreRu: 'Хабаровск', geonamesAdmin1: 'RU.30', aliases: [], enabled: true, lat: 48.48272, lon: 135.08379 },
  { code: '28', nameRu: 'Амурская область', nameEn: 'Amur Oblast', iso: 'RU-AMU', okato: '10', federalDistrict: 'Дальневосточный', centreRu: 'Благовещенск', geonamesAdmin1: 'RU.05', aliases: [], enabled: true, lat: 50.27961, lon: 127.5405 },
  { code: '29', nameRu: 'Архангельская область', nameEn: 'Arkhangelsk Oblast', iso: 'RU-ARK', okato: '11', federalDistrict: 'Северо-Западный', centreRu: 'Архангельск', geonamesAdmin1: 'RU.06', aliases: [], enabled: true, lat: 64.5401, lon: 40.5433 },
  { code: '30', nameRu: 'Астраханская область', nameEn: 'Astrakhan Oblast', iso: 'RU-AST', okato: '12', federalDistrict: 'Южный', centreRu: 'Астрахань', geonamesAdmin1: 'RU.07', aliases: [], enabled: true, lat: 46.34968, lon: 48.04076 },
  { code: '31', nameRu: 'Белгородская область', nameEn: 'Belgorod Oblast', iso: 'RU-BEL', okato: '14', federalDistrict: 'Центральный', centreRu: 'Белгород', geonamesAdmin1: 'RU.09', aliases: [], enabled: true, lat: 50.61074, lon: 36.58015 },
  { code: '32', nameRu: 'Брянская область', nameEn: 'Bryansk Oblast', iso: 'RU-BRY', okato: '15', federalDistrict: 'Центральный', centreRu: 'Брянск', geonamesAdmin1: 'RU.10', aliases: [], enabled: true, lat: 53.25209, lon: 34.37167 },
  { code: '33', nameRu: 'Владимирская область', nameEn: 'Vladimir Oblast', iso: 'RU-VLA', okato: '17', federalDistrict: 'Центральный', centreRu: 'Владимир', geonamesAdmin1: 'RU.83', aliases: [], enabled: true, lat: 56.13655, lon: 40.39658 },
  { code: '34', nameRu: 'Волгоградская область', nameEn: 'Volgograd Oblast', iso: 'RU-VGG', okato: '18', federalDistrict: 'Южный', centreRu: 'Волгоград', geonamesAdmin1: 'RU.84', aliases: [], enabled: true, lat: 48.71939, lon: 44.50184 },
  { code: '35', nameRu: 'Вологодская область', nameEn: 'Vologda Oblast', iso: 'RU-VLG', okato: '19', federalDistrict: 'Северо-Западный', centreRu: 'Вологда', geonamesAdmin1: 'RU.85', aliases: [], enabled: true, lat: 59.2239, lon: 39.88398 },
  { code: '36', nameRu: 'Воронежская область', nameEn: 'Voronezh Oblast', iso: 'RU-VOR', okato: '20', federalDistrict: 'Центральный', centreRu: 'Воронеж', geonamesAdmin1: 'RU.86', aliases: [], enabled: true, lat: 51.67204, lon: 39.1843 },
  { code: '37', nameRu: 'Ивановская область', nameEn: 'Ivanovo Oblast', iso: 'RU-IVA', okato: '24', federalDistrict: 'Центральный', centreRu: 'Иваново', geonamesAdmin1: 'RU.21', aliases: [], enabled: true, lat: 56.99719, lon: 40.97139 },
  { code: '38', nameRu: 'Иркутская область', nameEn: 'Irkutsk Oblast', iso: 'RU-IRK', okato: '25', federalDistrict: 'Сибирский', centreRu: 'Иркутск', geonamesAdmin1: 'RU.20', aliases: [], enabled: true, lat: 52.29778, lon: 104.29639 },
  { code: '39', nameRu: 'Калининградская область', nameEn: 'Kaliningrad Oblast', iso: 'RU-KGD', okato: '27', federalDistrict: 'Северо-Западный', centreRu: 'Калининград', geonamesAdmin1: 'RU.23', aliases: [], enabled: true, lat: 54.70649, lon: 20.51095 },
  { code: '40', nameRu: 'Калужская область', nameEn: 'Kaluga Oblast', iso: 'RU-KLU', okato: '29', federalDistrict: 'Центральный', centreRu: 'Калуга', geonamesAdmin1: 'RU.25', aliases: [], enabled: true, lat: 54.5293, lon: 36.27542 },
  { code: '41', nameRu: 'Камчатский край', nameEn: 'Kamchatka Krai', iso: 'RU-KAM', okato: '30', federalDistrict: 'Дальневосточный', centreRu: 'Петропавловск-Камчатский', geonamesAdmin1: 'RU.92', aliases: ['Камчатка'], enabled: true, lat: 53.04444, lon: 158.65076 },
  { code: '42', nameRu: 'Кемеровская область — Кузбасс', nameEn: 'Kemerovo Oblast – Kuzbass', iso: 'RU-KEM', okato: '32', federalDistrict: 'Сибирский', centreRu: 'Кемерово', geonamesAdmin1: 'RU.29', aliases: ['Кузбасс', 'Кемеровская область'], enabled: true, lat: 55.33333, lon: 86.08333 },
  { code: '43', nameRu: 'Кировская область', nameEn: 'Kirov Oblast', iso: 'RU-KIR', okato: '33', federalDistrict: 'Приволжский', centreRu: 'Киров', geonamesAdmin1: 'RU.33', aliases: [], enabled: true, lat: 58.59665, lon: 49.66007 },
  { code: '44', nameRu: 'Костромская область', nameEn: 'Kostroma Oblast', iso: 'RU-KOS', okato: '34', federalDistrict: 'Центральный', centreRu: 'Кострома', geonamesAdmin1: 'RU.37', aliases: [], enabled: true, lat: 57.76647, lon: 40.92686 },
  { code: '45', nameRu: 'Курганская область', nameEn: 'Kurgan Oblast', iso: 'RU-KGN', okato: '37', federalDistrict: 'Уральский', centreRu: 'Курган', geonamesAdmin1: 'RU.40', aliases: [], enabled: true, lat: 55.45, lon: 65.33333 },
  { code: '46', nameRu: 'Курская область', nameEn: 'Kursk Oblast', iso: 'RU-KRS', okato: '38', federalDistrict: 'Центральный', centreRu: 'Курск', geonamesAdmin1: 'RU.41', aliases: [], enabled: true, lat: 51.73733, lon: 36.18735 },
  { code: '47', nameRu: 'Ленинградская область', nameEn: 'Leningrad Oblast', iso: 'RU-LEN', okato: '41', federalDistrict: 'Северо-Западный', centreRu: 'Гатчина', geonamesAdmin1: 'RU.42', aliases: ['Ленобласть', 'ЛО'], enabled: true, lat: 59.57639, lon: 30.12833 },
  { code: '48', nameRu: 'Липецкая область', nameEn: 'Lipetsk Oblast', iso: 'RU-LIP', okato: '42', federalDistrict: 'Центральный', centreRu: 'Липецк', geonamesAdmin1: 'RU.43', aliases: [], enabled: true, lat: 52.60311, lon: 39.57076 },
  { code: '49', nameRu: 'Магаданская область', nameEn: 'Magadan Oblast', iso: 'RU-MAG', okato: '44', federalDistrict: 'Дальневосточный', centreRu: 'Магадан', geonamesAdmin1: 'RU.44', aliases: [], enabled: true, lat: 59.5638, lon: 150.80347 },
  { code: '50', nameRu: 'Московская область', nameEn: 'Moscow Oblast', iso: 'RU-MOS', okato: '46', federalDistrict: 'Центральный', centreRu: 'Красногорск', geonamesAdmin1: 'RU.47', aliases: ['МО', 'Подмосковье'], enabled: true, lat: 55.82036, lon: 37.33017 },
  { code: '51', nameRu: 'Мурманская область', nameEn: 'Murmansk Oblast', iso: 'RU-MUR', okato: '47', federalDistrict: 'Северо-Западный', centreRu: 'Мурманск', geonamesAdmin1: 'RU.49', aliases: [], enabled: true, lat: 68.97917, lon: 33.09251 },
  { code: '52', nameRu: 'Нижегородская область', nameEn: 'Nizhny Novgorod Oblast', iso: 'RU-NIZ', okato: '22', federalDistrict: 'Приволжский', centreRu: 'Нижний Новгород', geonamesAdmin1: 'RU.51', aliases: [], enabled: true, lat: 56.32867, lon: 44.00205 },
  { code: '53', nameRu: 'Новгородская область', nameEn: 'Novgorod Oblast', iso: 'RU-NGR', okato: '49', federalDistrict: 'Северо-Западный', centreRu: 'Великий Новгород', geonamesAdmin1: 'RU.52', aliases: [], enabled: true, lat: 58.51667, lon: 31.28333 },
  { code: '54', nameRu: 'Новосибирская область', nameEn: 'Novosibirsk Oblast', iso: 'RU-NVS', okato: '50', federalDistrict: 'Сибирский', centreRu: 'Новосибирск', geonamesAdmin1: 'RU.53', aliases: [], enabled: true, lat: 55.0415, lon: 82.9346 },
  { code: '55', nameRu: 'Омская область', nameEn: 'Omsk Oblast', iso: 'RU-OMS', okato: '52', federalDistrict: 'Сибирский', centreRu: 'Омск', geonamesAdmin1: 'RU.54', aliases: [], enabled: true, lat: 54.99244, lon: 73.36859 },
  { code: '56', nameRu: 'Оренбургская область', nameEn: 'Orenburg Oblast', iso: 'RU-ORE', okato: '53', federalDistrict: 'Приволжский', centreRu: 'Оренбург', geonamesAdmin1: 'RU.55', aliases: [], enabled: true, lat: 51.7727, lon: 55.0988 },
  { code: '57', nameRu: 'Орловская область', nameEn: 'Oryol Oblast', iso: 'RU-ORL', okato: '54', federalDistrict: 'Центральный', centreRu: 'Орёл', geonamesAdmin1: 'RU.56', aliases: [], enabled: true, lat: 52.96508, lon: 36.0785 },
  { code: '58', nameRu: 'Пензенская область', nameEn: 'Penza Oblast', iso: 'RU-PNZ', okato: '56', federalDistrict: 'Приволжский', centreRu: 'Пенза', geonamesAdmin1: 'RU.57', aliases: [], enabled: true, lat: 53.20066, lon: 45.00464 },
  { code: '59', nameRu: 'Пермский край', nameEn: 'Perm Krai', iso: 'RU-PER', okato: '57', federalDistrict: 'Приволжский', centreRu: 'Пермь', geonamesAdmin1: 'RU.90', aliases: ['Прикамье'], enabled: true, lat: 58.01741, lon: 56.28552 },
  { code: '60', nameRu: 'Псковская область', nameEn: 'Pskov Oblast', iso: 'RU-PSK', okato: '58', federalDistrict: 'Северо-Западный', centreRu: 'Псков', geonamesAdmin1: 'RU.60', aliases: [], enabled: true, lat: 57.8136, lon: 28.3496 },
  { code: '61', nameRu: 'Ростовская область', nameEn: 'Rostov Oblast', iso: 'RU-ROS', okato: '60', federalDistrict: 'Южный', centreRu: 'Ростов-на-Дону', geonamesAdmin1: 'RU.61', aliases: [], enabled: true, lat: 47.23135, lon: 39.72328 },
  { code: '62', nameRu: 'Рязанская область', nameEn: 'Ryazan Oblast', iso: 'RU-RYA', okato: '61', federalDistrict: 'Центральный', centreRu: 'Рязань', geonamesAdmin1: 'RU.62', aliases: [], enabled: true, lat: 54.6269, lon: 39.6916 },
  { code: '63', nameRu: 'Самарская область', nameEn: 'Samara Oblast', iso: 'RU-SAM', okato: '36', federalDistrict: 'Приволжский', centreRu: 'Самара', geonamesAdmin1: 'RU.65', aliases: [], enabled: true, lat: 53.20006, lon: 50.15 },
  { code: '64', nameRu: 'Саратовская область', nameEn: 'Saratov Oblast', iso: 'RU-SAR', okato: '63', federalDistrict: 'Приволжский', centreRu: 'Саратов', geonamesAdmin1: 'RU.67', aliases: [], enabled: true, lat: 51.54056, lon: 46.00861 },
  { code: '65', nameRu: 'Сахалинская область', nameEn: 'Sakhalin Oblast', iso: 'RU-SAK', okato: '64', federalDistrict: 'Дальневосточный', centreRu: 'Южно-Сахалинск', geonamesAdmin1: 'RU.64', aliases: ['Сахалин'], enabled: true, lat: 46.95407, lon: 142.73603 },
  { code: '66', nameRu: 'Свердловская область', nameEn: 'Sverdlovsk Oblast', iso: 'RU-SVE', okato: '65', federalDistrict: 'Уральский', centreRu: 'Екатеринбург', geonamesAdmin1: 'RU.71', aliases: [], enabled: true, lat: 56.8519, lon: 60.6122 },
  { code: '67', nameRu: 'Смоленская область', nameEn: 'Smolensk Oblast', iso: 'RU-SMO', okato: '66', federalDistrict: 'Центральный', centreRu: 'Смоленск', geonamesAdmin1: 'RU.69', aliases: [], enabled: true, lat: 54.7818, lon: 32.0401 },
  { code: '68', nameRu: 'Тамбовская область', nameEn: 'Tambov Oblast', iso: 'RU-TAM', okato: '68', federalDistrict: 'Центральный', centreRu: 'Тамбов', geonamesAdmin1: 'RU.72', aliases: [], enabled: true, lat: 52.73169, lon: 41.44326 },
  { code: '69', nameRu: 'Тверская область', nameEn: 'Tver Oblast', iso: 'RU-TVE', okato: '28', federalDistrict: 'Центральный', centreRu: 'Тверь', geonamesAdmin1: 'RU.77', aliases: [], enabled: true, lat: 56.85836, lon: 35.90057 },
  { code: '70', nameRu: 'Томская область', nameEn: 'Tomsk Oblast', iso: 'RU-TOM', okato: '69', federalDistrict: 'Сибирский', centreRu: 'Томск', geonamesAdmin1: 'RU.75', aliases: [], enabled: true, lat: 56.49771, lon: 84.97437 },
  { code: '71', nameRu: 'Тульская область', nameEn: 'Tula Oblast', iso: 'RU-TUL', okato: '70', federalDistrict: 'Центральный', centreRu: 'Тула', geonamesAdmin1: 'RU.76', aliases: [], enabled: true, lat: 54.19609, lon: 37.61822 },
  { code: '72', nameRu: 'Тюменская область', nameEn: 'Tyumen Oblast', iso: 'RU-TYU', okato: '71', federalDistrict: 'Уральский', centreRu: 'Тюмень', geonamesAdmin1: 'RU.78', aliases: [], enabled: true, lat: 57.15222, lon: 65.52722 },
  { code: '73', nameRu: 'Ульяновская область', nameEn: 'Ulyanovsk Oblast', iso: 'RU-ULY', okato: '73', federalDistrict: 'Приволжский', centreRu: 'Ульяновск', geonamesAdmin1: 'RU.81', aliases: [], enabled: true, lat: 54.32824, lon: 48.38657 },
  { code: '74', nameRu: 'Челябинская область', nameEn: 'Chelyabinsk Oblast', iso: 'RU-CHE', okato: '75', federalDistrict: 'Уральский', centreRu: 'Челябинск', geonamesAdmin1: 'RU.13', aliases: [], enabled: true, lat: 55.15402, lon: 61.42915 },
  { code: '75', nameRu: 'Забайкальский край', nameEn: 'Zabaykalsky Krai', iso: 'RU-ZAB', okato: '76', federalDistrict: 'Дальневосточный', centreRu: 'Чита', geonamesAdmin1: 'RU.93', aliases: ['Забайкалье', 'Читинская область'], enabled: true, lat: 52.03171, lon: 113.50087 },
  { code: '76', nameRu: 'Ярославская область', nameEn: 'Yaroslavl Oblast', iso: 'RU-YAR', okato: '78', federalDistrict: 'Центральный', centreRu: 'Ярославль', geonamesAdmin1: 'RU.88', aliases: [], enabled: true, lat: 57.62987, lon: 39.87368 },
  { code: '77', nameRu: 'Москва', nameEn: 'Moscow', iso: 'RU-MOW', okato: '45', federalDistrict: 'Центральный', centreRu: 'Москва', geonamesAdmin1: 'RU.48', aliases: ['МСК'], enabled: true, lat: 55.75222, lon: 37.61556 },
  { code: '78', nameRu: 'Санкт-Петербург', nameEn: 'Saint Petersburg', iso: 'RU-SPE', okato: '40', federalDistrict: 'Северо-Западный', centreRu: 'Санкт-Петербург', geonamesAdmin1: 'RU.66', aliases: ['СПб', 'Питер', 'Петербург', 'Ленинград'], enabled: true, lat: 59.93863, lon: 30.31413 },
  { code: '79', nameRu: 'Еврейская автономная область', nameEn: 'Jewish Autonomous Oblast', iso: 'RU-YEV', okato: '99', federalDistrict: 'Дальневосточный', centreRu: 'Биробиджан', geonamesAdmin1: 'RU.89', aliases: ['ЕАО'], enabled: true, lat: 48.79284, lon: 132.92386 },
  { code: '83', nameRu: 'Ненецкий автономный округ', nameEn: 'Nenets Autonomous Okrug', iso: 'RU-NEN', okato: '11100', federalDistrict: 'Северо-Западный', centreRu: 'Нарьян-Мар', geonamesAdmin1: 'RU.50', aliases: ['НАО'], enabled: true, lat: 67.63869, lon: 53.00371 },
  { code: '86', nameRu: 'Ханты-Мансийский автономный округ — Югра', nameEn: 'Khanty-Mansi Autonomous Okrug – Yugra', iso: 'RU-KHM', okato: '71100', federalDistrict: 'Уральский', centreRu: 'Ханты-Мансийск', geonamesAdmin1: 'RU.32', aliases: ['ХМАО', 'Югра', 'ХМАО-Югра', 'Ханты-Мансийский автономный округ'], enabled: true, lat: 61.00417, lon: 69.00194 },
  { code: '87', nameRu: 'Чукотский автономный округ', nameEn: 'Chukotka Autonomous Okrug', iso: 'RU-CHU', okato: '77', federalDistrict: 'Дальневосточный', centreRu: 'Анадырь', geonamesAdmin1: 'RU.15', aliases: ['Чукотка', 'ЧАО'], enabled: true, lat: 64.73424, lon: 177.5103 },
  { code: '89', nameRu: 'Ямало-Ненецкий автономный округ', nameEn: 'Yamalo-Nenets Autonomous Okrug', iso: 'RU-YAN', okato: '71140', federalDistrict: 'Уральский', centreRu: 'Салехард', geonamesAdmin1: 'RU.87', aliases: ['ЯНАО', 'Ямал'], enabled: true, lat: 66.53, lon: 66.60194 },
  { code: '91', nameRu: 'Республика Крым', nameEn: 'Republic of Crimea', iso: null, okato: '35', federalDistrict: 'Южный', centreRu: 'Симферополь', geonamesAdmin1: 'UA.11', aliases: ['Крым'], enabled: true, lat: 44.95719, lon: 34.11079 },
  { code: '92', nameRu: 'Севастополь', nameEn: 'Sevastopol', iso: null, okato: '67', federalDistrict: 'Южный', centreRu: 'Севастополь', geonamesAdmin1: 'UA.20', aliases: [], enabled: true, lat: 44.58883, lon: 33.5224 },
  { code: '93', nameRu: 'Донецкая Народная Республика', nameEn: 'Donetsk People\'s Republic', iso: null, okato: null, federalDistrict: 'Южный', centreRu: 'Донецк', geonamesAdmin1: null, aliases: ['ДНР'], enabled: false, lat: null, lon: null },
  { code: '94', nameRu: 'Луганская Народная Республика', nameEn: 'Luhansk People\'s Republic', iso: null, okato: null, federalDistrict: 'Южный', centreRu: 'Луганск', geonamesAdmin1: null, aliases: ['ЛНР'], enabled: false, lat: null, lon: null },
  { code: '90', nameRu: 'Запорожская область', nameEn: 'Zaporozhye Oblast', iso: null, okato: null, federalDistrict: 'Южный', centreRu: null, geonamesAdmin1: null, aliases: [], enabled: false, lat: null, lon: null },
  { code: '95', nameRu: 'Херсонская область', nameEn: 'Kherson Oblast', iso: null, okato: null, federalDistrict: 'Южный', centreRu: null, geonamesAdmin1: null, aliases: [], enabled: false, lat: null, lon: null },
]

const SUBJECT_BY_CODE = new Map(SUBJECTS.map((subject) => [subject.code, subject]))
const SUBJECT_BY_ISO = new Map(SUBJECTS.flatMap((subject) => (subject.iso ? [[subject.iso, subject] as const] : [])))
const SUBJECT_BY_NAME = new Map(
  SUBJECTS.flatMap((subject) => [subject.nameRu, ...subject.aliases].map((name) => [subjectKey(name), subject] as const)),
)

function subjectKey(text: string): string {
  return withoutTypeWords(normalizeText(text))
}

export function getSubject(code: string): Subject | undefined {
  return SUBJECT_BY_CODE.get(code)
}

/** Matches the 2-digit code («16», «2»), an ISO code («RU-TA») or a name/alias in any case, with or without type words. */
export function findSubject(text: string): Subject | undefined {
  const trimmed = text.trim()
  if (/^\d{1,2}$/.test(trimmed)) return SUBJECT_BY_CODE.get(trimmed.padStart(2, '0'))
  if (/^[a-z]{2}-[a-z]{2,3}$/i.test(trimmed)) return SUBJECT_BY_ISO.get(trimmed.toUpperCase())
  const key = subjectKey(trimmed)
  return key ? SUBJECT_BY_NAME.get(key) : undefined
}
