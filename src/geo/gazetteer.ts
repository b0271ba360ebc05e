import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { greatCircleKm, type LatLon } from './distance.js'
import { mentionsRegionType, normalizeText, withoutTypeWords } from './normalize.js'
import { SUBJECTS, findSubject, getSubject, type Subject } from './subjects.js'

export type GeoPrecision = 'exact' | 'city' | 'settlement' | 'region'

export interface GeoPlace {
  city: string | null
  regionCode: string
  regionNameRu: string
  lat: number
  lon: number
  precision: GeoPrecision
  source: 'user' | 'geonames' | 'subjects'
}

export interface AmbiguousCandidate {
  city: string
  regionCode: string
  regionNameRu: string
  population: number
}

export type GeocodeResult =
  | { ok: true; place: GeoPlace }
  | { ok: false; reason: 'ambiguous'; candidates: AmbiguousCandidate[] }
  | { ok: false; reason: 'not_found' | 'unknown_region' | 'out_of_range' }

export interface GeocodeInput {
  address?: string
  city?: string
  region?: string
  lat?: number
  lon?: number
}

export interface CitySuggestion {
  city: string
  regionCode: string
  regionNameRu: string
  lat: number
  lon: number
}

interface GazetteerPlace extends LatLon {
  nameRu: string
  regionCode: string
  population: number
  featureCode: string
}

interface Gazetteer {
  /** Keyed by the normalised Russian name chosen for each place. */
  byName: Map<string, GazetteerPlace[]>
  /** Keyed by every other Russian-alphabet alternate name (former names, «СПб», «Питер», Tatar forms…). */
  byAlternateName: Map<string, GazetteerPlace[]>
  /** Most populous first; the index lists above keep this order too. */
  places: GazetteerPlace[]
}

interface Cities1000Package {
  file: string
  fields: string[]
}

/** Abandoned, historical and destroyed places. */
const EXCLUDED_FEATURE_CODES = new Set(['PPLQ', 'PPLH', 'PPLW'])
/**
 * Sections of a city: Moscow and St Petersburg districts and annexed towns («Ясенево», «Красное Село»). They are found
 * only when no ordinary place matches, or districts like «Сокол» (57 k) would make the town of Сокол ambiguous.
 */
const CITY_SECTION = 'PPLX'
const CITY_FEATURE_CODES = new Set(['PPLC', 'PPLA', 'PPLA2'])
const CITY_MIN_POPULATION = 10_000

/**
 * A name that is ambiguous across subjects still resolves to its most populous place when that place is a real city
 * (≥ 50 000 people) and at least 20 times larger than the biggest namesake in another subject: nobody typing «Пермь»
 * means a village. Comparable places stay ambiguous: «Киров» (Кировская 457 k vs Калужская 39 k, ratio 12),
 * «Железногорск» (Курская vs Красноярский край), «Советск» (Калининградская vs Кировская).
 */
const DOMINANT_PLACE_MIN_POPULATION = 50_000
const DOMINANT_PLACE_MIN_RATIO = 20

/** «Тюменская область» and «Архангельская область» include autonomous okrugs that are subjects in their own right. */
const OKRUGS_INSIDE_SUBJECT: Readonly<Record<string, readonly string[]>> = { '72': ['86', '89'], '29': ['83'] }

const COUNTRY_WORDS = new Set(['россия', 'рф', 'российская федерация'])

let gazetteer: Gazetteer | undefined

export function preloadGazetteer(): void {
  loadGazetteer()
}

function loadGazetteer(): Gazetteer {
  gazetteer ??= buildGazetteer()
  return gazetteer
}

const REGION_BY_ADMIN1 = new Map(SUBJECTS.flatMap((s) => (s.geonamesAdmin1 ? [[s.geonamesAdmin1, s] as const] : [])))

function subjectOf(regionCode: string): Subject & { enabled: true } {
  const subject = getSubject(regionCode)
  if (!subject?.enabled) throw new Error(`No enabled subject ${regionCode}`)
  return subject
}

function buildGazetteer(): Gazetteer {
  const { file, fields } = createRequire(import.meta.url)('cities1000') as Cities1000Package
  const column = (name: string) => {
    const index = fields.indexOf(name)
    if (index < 0) throw new Error(`cities1000 has no column ${name}`)
    return index
  }
  const col = {
    name: column('name'),
    asciiName: column('asciiname'),
    alternateNames: column('alternativeNames'),
    lat: column('lat'),
    lon: column('lon'),
    featureCode: column('featureCode'),
    country: column('country'),
    admin1: column('adminCode'),
    population: column('population'),
  }
  const countries = new Set([...REGION_BY_ADMIN1.keys()].map((admin1) => admin1.split('.')[0] ?? ''))
  const data = readFileSync(file)

  const named: { place: GazetteerPlace; alternateNames: string[] }[] = []
  const withoutRegion: GazetteerPlace[] = []
  for (const country of countries) {
    for (const line of linesWithField(data, country)) {
      const row = line.split('\t')
      const field = (index: number) => row[index] ?? ''
      if (field(col.country) !== country || EXCLUDED_FEATURE_CODES.has(field(col.featureCode))) continue
      const subject = REGION_BY_ADMIN1.get(`${country}.${field(col.admin1)}`)
      // Only Russian rows may lack a usable admin1; other countries are read for the Crimean admin1 codes alone.
      if (!subject && country !== 'RU') continue
      const names = russianNames(field(col.alternateNames).split(','))
      const nameRu = pickRussianName(names, {
        latinNames: [field(col.name), field(col.asciiName)],
        latinAlternates: field(col.alternateNames).split(','),
        regionCentre: subject?.centreRu ?? null,
      })
      if (!nameRu) continue
      const place: GazetteerPlace = {
        nameRu,
        regionCode: subject?.code ?? '',
        lat: Number(field(col.lat)),
        lon: Number(field(col.lon)),
        population: Number(field(col.population)) || 0,
        featureCode: field(col.featureCode),
      }
      named.push({ place, alternateNames: names.filter((n) => n !== nameRu) })
      if (!subject) withoutRegion.push(place)
    }
  }
  // A handful of GeoNames rows have admin1 "00" or empty; they take the subject of the nearest placed neighbour.
  const placed = named.map(({ place }) => place).filter((place) => place.regionCode !== '')
  for (const place of withoutRegion) place.regionCode = nearest(placed, place).regionCode

  named.sort((a, b) => b.place.population - a.place.population)
  const byName = new Map<string, GazetteerPlace[]>()
  const byAlternateName = new Map<string, GazetteerPlace[]>()
  for (const { place, alternateNames } of named) {
    const key = normalizeText(place.nameRu)
    addToIndex(byName, key, place)
    for (const alternate of alternateNames) {
      const alternateKey = normalizeText(alternate)
      if (alternateKey !== key) addToIndex(byAlternateName, alternateKey, place)
    }
  }
  return { byName, byAlternateName, places: named.map(({ place }) => place) }
}

/** Yields the lines holding `\t${value}\t`; scanning the Buffer and decoding only those lines keeps the 20 MB file cheap. */
function* linesWithField(data: Buffer, value: string): Generator<string> {
  const needle = `\t${value}\t`
  for (let at = data.indexOf(needle); at !== -1; ) {
    const start = data.lastIndexOf(0x0a, at) + 1
    const newline = data.indexOf(0x0a, at)
    const end = newline === -1 ? data.length : newline
    yield data.toString('utf8', start, end)
    at = newline === -1 ? -1 : data.indexOf(needle, end)
  }
}

function addToIndex(index: Map<string, GazetteerPlace[]>, key: string, place: GazetteerPlace): void {
  const places = index.get(key)
  if (!places) index.set(key, [place])
  else if (places.at(-1) !== place) places.push(place)
}

function nearest(places: readonly GazetteerPlace[], point: LatLon): GazetteerPlace {
  let best: GazetteerPlace | undefined
  let bestKm = Infinity
  for (const place of places) {
    const km = greatCircleKm(place, point)
    if (km < bestKm) [best, bestKm] = [place, km]
  }
  if (!best) throw new Error('The gazetteer is empty')
  return best
}

// GeoNames alternate names carry no language tags: Russian sits next to Tatar, Bashkir, Ukrainian, Bulgarian, Belarusian
// and pre-1918 spellings, all in Cyrillic. The scoring below picks the Russian form; the others stay searchable.

/** Russian-alphabet words separated by spaces or hyphens; excludes names with і, ә, ң, ў… of other Cyrillic alphabets. */
const RUSSIAN_ALPHABET_NAME = /^[А-ЯЁа-яё]+(?:[ -][А-ЯЁа-яё]+|-\d+)*$/u
/** Belarusian «Горад …» (“city …”) is written in letters the Russian alphabet also has. */
const BELARUSIAN_CITY_PREFIX = 'Горад '
/** Ukrainian «-ськ/-цьк» and neuter «-не/-ве/-ке» (Russian «-ное/-вое/-кое»: «Заозерне» vs «Заозерное»), pre-1918 final «ъ». */
const NON_RUSSIAN_SPELLING = /[сцз]ьк|[нвк]е$|ъ(?=$|[ -])/u

/** BGN/PCGN romanisation, the system GeoNames uses for Russian names. */
const BGN_PCGN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'ë', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
}
/** After these (or at the start of a word) е and ё are romanised with a leading y. */
const YE_CONTEXT = /[аеёиоуыэюяйъь -]/u

function romanise(name: string): string {
  const lower = name.toLowerCase()
  let roman = ''
  for (let i = 0; i < lower.length; i++) {
    const char = lower.charAt(i)
    const iotated = (char === 'е' || char === 'ё') && (i === 0 || YE_CONTEXT.test(lower.charAt(i - 1)))
    roman += (iotated ? 'y' : '') + (BGN_PCGN[char] ?? char)
  }
  return latinKey(roman)
}

function latinKey(name: string): string {
  const ascii = /^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFD').replace(/\p{M}/gu, '')
  return ascii.replace(/['’ʹ"”`]/gu, '').toLowerCase()
}

/** Below U+0250 are the Latin blocks; Cyrillic, CJK, Arabic… alternate names cannot match a romanisation. */
const isLatinScript = (name: string) => name.charCodeAt(0) < 0x250

function russianNames(alternateNames: readonly string[]): string[] {
  return alternateNames.filter((name) => RUSSIAN_ALPHABET_NAME.test(name) && !name.startsWith(BELARUSIAN_CITY_PREFIX))
}

const isUpperCase = (name: string) => name === name.toUpperCase()

/** «ВЯТСКИЕ ПОЛЯНЫ» → «Вятские Поляны», «КОМСОМОЛЬСК-НА-АМУРЕ» → «Комсомольск-на-Амуре». */
function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[ -])([а-яё]+)/gu, (_, separator: string, word: string) =>
      separator && ['на', 'над', 'под'].includes(word) ? separator + word : separator + word.charAt(0).toUpperCase() + word.slice(1),
    )
}

interface NameEvidence {
  /** GeoNames `name` and `asciiname`: a romanisation of the Russian name, except for exonyms like «Moscow». */
  latinNames: readonly string[]
  latinAlternates: readonly string[]
  regionCentre: string | null
}

/**
 * Scores, strongest first: being an official form (GeoNames copies Russian registers in capitals, e.g. «СОВЕТСК» next
 * to a wrong mixed-case «Совецк»; capital-only forms are title-cased); being the subject's administrative centre (fixes
 * exonyms: Moscow, Saint Petersburg); romanising to `name`/`asciiname`, or failing that to some Latin alternate name;
 * Russian-only letters ё/ы/э; ц over the mis-transliterated «тс» («Тихорецк» vs «Тихоретск»). Ukrainian and pre-reform
 * spellings are penalised. Ties keep GeoNames' alphabetical order.
 */
function pickRussianName(names: readonly string[], evidence: NameEvidence): string | undefined {
  const officialForms = new Set(names.filter(isUpperCase))
  const mixedCase = names.filter((name) => !isUpperCase(name))
  const mixedCaseForms = new Set(mixedCase.map((name) => name.toUpperCase()))
  const candidates = [...mixedCase, ...[...officialForms].filter((form) => !mixedCaseForms.has(form)).map(titleCase)]
  const latinNames = new Set(evidence.latinNames.map(latinKey))
  let latinAlternates: Set<string> | undefined
  const isLatinAlternate = (roman: string) =>
    (latinAlternates ??= new Set(evidence.latinAlternates.filter(isLatinScript).map(latinKey))).has(roman)
  const score = (name: string) => {
    const roman = romanise(name)
    return (
      (officialForms.has(name.toUpperCase()) ? 8 : 0) +
      (name === evidence.regionCentre ? 8 : 0) +
      (latinNames.has(roman) ? 4 : isLatinAlternate(roman) ? 2 : 0) +
      (/[ёыэ]/iu.test(name) ? 1 : 0) +
      (/ц/iu.test(name) ? 0.5 : 0) -
      (NON_RUSSIAN_SPELLING.test(name) ? 3 : 0)
    )
  }
  let best: string | undefined
  let bestScore = -Infinity
  for (const name of candidates) {
    const nameScore = score(name)
    if (nameScore > bestScore) [best, bestScore] = [name, nameScore]
  }
  return best
}

const UNKNOWN_REGION = { ok: false, reason: 'unknown_region' } as const
const NOT_FOUND = { ok: false, reason: 'not_found' } as const
const OUT_OF_RANGE = { ok: false, reason: 'out_of_range' } as const

/**
 * Resolves free text («Набережные Челны, Республика Татарстан», «г. Тольятти, Самарская обл.», «Самарская область,
 * Тольятти», «Тольятти») or structured fields to a point, recording how precise it is.
 *
 * - Explicit lat/lon win (precision 'exact'). regionCode comes from the region text when given, otherwise from the
 *   nearest gazetteer place (approximate near subject borders); city is the user's city text as typed. Coordinates
 *   outside the globe, or only one of lat/lon → out_of_range.
 * - Text is split on commas/semicolons; postcodes and «Россия» are ignored. The first part naming a subject is the region
 *   (the `region` field overrides it), the other parts are tried in order as the city (the `city` field overrides them).
 *   Without a comma, a subject with a type word is split off the words around it («Тольятти Самарская обл.»).
 * - City within a region: the most populous match there (Тюменская/Архангельская include their okrugs). If no part
 *   matches, a federal city (Москва, Санкт-Петербург, Севастополь: subject and city at once) resolves to the city itself;
 *   any other subject to its administrative centre with precision 'region'.
 * - City alone: unique, dominant (see DOMINANT_PLACE_*) or ambiguous with one candidate per subject.
 * - A part that says «область/край/республика/АО» but matches no subject → unknown_region; so does a disabled subject.
 */
export function geocode(input: string | GeocodeInput): GeocodeResult {
  const query = typeof input === 'string' ? { address: input } : input
  const address = parseAddress(query.address ?? '')
  const cityText = nonBlank(query.city)
  const regionText = nonBlank(query.region) ?? address.regionText
  const region = regionText === undefined ? undefined : findSubject(regionText)
  const unknownRegion =
    (regionText !== undefined && !region?.enabled) || (regionText === undefined && address.mentionsUnknownRegion)

  if (query.lat !== undefined || query.lon !== undefined) {
    if (!isLatitude(query.lat) || !isLongitude(query.lon)) return OUT_OF_RANGE
    if (unknownRegion) return UNKNOWN_REGION
    const point = { lat: query.lat, lon: query.lon }
    const subject = region?.enabled ? region : subjectOf(nearestSettlement(point).regionCode)
    const place = { ...point, city: cityText ?? null, precision: 'exact', source: 'user' } as const
    return { ok: true, place: { ...place, regionCode: subject.code, regionNameRu: subject.nameRu } }
  }

  if (unknownRegion) return UNKNOWN_REGION
  const cityTexts = cityText === undefined ? address.cityTexts : [cityText]
  if (region?.enabled) return geocodeInRegion(cityTexts, region)
  for (const text of cityTexts) {
    const places = findPlaces(text, () => true)
    if (places.length > 0) return resolveAcrossRegions(places)
  }
  return NOT_FOUND
}

/** City sections are skipped: a few Moscow districts carry Moscow Oblast's admin1 in GeoNames. */
function nearestSettlement(point: LatLon): GazetteerPlace {
  return nearest(
    loadGazetteer().places.filter((place) => place.featureCode !== CITY_SECTION),
    point,
  )
}

function geocodeInRegion(cityTexts: readonly string[], region: Subject & { enabled: true }): GeocodeResult {
  const regionCodes = new Set([region.code, ...(OKRUGS_INSIDE_SUBJECT[region.code] ?? [])])
  const federalCity = region.centreRu === region.nameRu ? [region.centreRu] : []
  for (const text of [...cityTexts, ...federalCity]) {
    const [place] = findPlaces(text, (p) => regionCodes.has(p.regionCode))
    if (place) return { ok: true, place: geonamesPlace(place) }
  }
  const centre = { city: null, lat: region.lat, lon: region.lon, precision: 'region', source: 'subjects' } as const
  return { ok: true, place: { ...centre, regionCode: region.code, regionNameRu: region.nameRu } }
}

function resolveAcrossRegions(places: readonly GazetteerPlace[]): GeocodeResult {
  const largestPerRegion = places.filter((place, i) => places.findIndex((p) => p.regionCode === place.regionCode) === i)
  const [largest, runnerUp] = largestPerRegion
  if (!largest) return NOT_FOUND
  const dominant =
    !runnerUp ||
    (largest.population >= DOMINANT_PLACE_MIN_POPULATION &&
      largest.population >= DOMINANT_PLACE_MIN_RATIO * runnerUp.population)
  if (dominant) return { ok: true, place: geonamesPlace(largest) }
  const candidates = largestPerRegion.map((place) => ({
    city: place.nameRu,
    regionCode: place.regionCode,
    regionNameRu: subjectOf(place.regionCode).nameRu,
    population: place.population,
  }))
  return { ok: false, reason: 'ambiguous', candidates }
}

/**
 * Exact normalised name first, then without type words («г. Тольятти»); at each step the chosen Russian names before
 * alternate names, so «Ставрополь» is the city in Ставропольский край, not the former name of Тольятти; and places
 * before city sections.
 */
function findPlaces(text: string, accept: (place: GazetteerPlace) => boolean): GazetteerPlace[] {
  const { byName, byAlternateName } = loadGazetteer()
  const exact = normalizeText(text)
  for (const key of new Set([exact, withoutTypeWords(exact)])) {
    if (!key) continue
    for (const index of [byName, byAlternateName]) {
      const places = index.get(key)?.filter(accept) ?? []
      const settlements = places.filter((place) => place.featureCode !== CITY_SECTION)
      if (places.length > 0) return settlements.length > 0 ? settlements : places
    }
  }
  return []
}

function geonamesPlace(place: GazetteerPlace): GeoPlace {
  const isCity = place.population >= CITY_MIN_POPULATION || CITY_FEATURE_CODES.has(place.featureCode)
  return {
    city: place.nameRu,
    regionCode: place.regionCode,
    regionNameRu: subjectOf(place.regionCode).nameRu,
    lat: place.lat,
    lon: place.lon,
    precision: isCity ? 'city' : 'settlement',
    source: 'geonames',
  }
}

interface ParsedAddress {
  regionText: string | undefined
  cityTexts: string[]
  mentionsUnknownRegion: boolean
}

function parseAddress(address: string): ParsedAddress {
  const parts = address
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && !/^\d+$/.test(part) && !COUNTRY_WORDS.has(normalizeText(part)))
  const regionIndex = parts.findIndex((part) => findSubject(part) !== undefined)
  if (regionIndex >= 0) {
    return { regionText: parts[regionIndex], cityTexts: parts.filter((_, i) => i !== regionIndex), mentionsUnknownRegion: false }
  }
  for (const [i, part] of parts.entries()) {
    const split = mentionsRegionType(part) ? splitOffSubject(part) : undefined
    if (split) return { regionText: split.regionText, cityTexts: parts.with(i, split.cityText), mentionsUnknownRegion: false }
  }
  return {
    regionText: undefined,
    cityTexts: parts.filter((part) => !mentionsRegionType(part)),
    mentionsUnknownRegion: parts.some(mentionsRegionType),
  }
}

/**
 * «Тольятти Самарская область», typed without the comma: the leading or trailing words that name a subject. Only tried
 * on parts with a type word, so «Петропавловск-Камчатский» is never cut into a city and «Камчатский (край)».
 */
function splitOffSubject(part: string): { regionText: string; cityText: string } | undefined {
  const words = part.split(/\s+/)
  for (let i = 1; i < words.length; i++) {
    const head = words.slice(0, i).join(' ')
    const tail = words.slice(i).join(' ')
    if (findSubject(tail)) return { regionText: tail, cityText: head }
    if (findSubject(head)) return { regionText: head, cityText: tail }
  }
  return undefined
}

function nonBlank(text: string | undefined): string | undefined {
  const trimmed = text?.trim()
  return trimmed ? trimmed : undefined
}

function isLatitude(value: number | undefined): value is number {
  return typeof value === 'number' && value >= -90 && value <= 90
}

function isLongitude(value: number | undefined): value is number {
  return typeof value === 'number' && value >= -180 && value <= 180
}

/** Autocomplete over the chosen Russian names of places other than city sections: matches the start of the name or of any word in it, most populous first. */
export function suggestCities(prefix: string, limit = 10): CitySuggestion[] {
  const query = withoutTypeWords(normalizeText(prefix))
  if (!query || limit <= 0) return []
  const suggestions: CitySuggestion[] = []
  for (const place of loadGazetteer().places) {
    if (place.featureCode === CITY_SECTION) continue
    const key = normalizeText(place.nameRu)
    if (!key.startsWith(query) && !key.includes(` ${query}`)) continue
    const { nameRu: city, regionCode, lat, lon } = place
    suggestions.push({ city, regionCode, regionNameRu: subjectOf(regionCode).nameRu, lat, lon })
    if (suggestions.length === limit) break
  }
  return suggestions
}
