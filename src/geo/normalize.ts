/** Settlement-type words as written in addresses: «г. Тольятти», «пгт Смышляевка», «с. Ивановка». */
const PLACE_TYPE_WORDS = [
  'г', 'гор', 'город', 'пгт', 'рп', 'п', 'пос', 'поселок', 'городского', 'типа',
  'с', 'село', 'д', 'дер', 'деревня', 'ст', 'станица', 'х', 'хутор', 'аул',
]

/** Subject-type words: «Респ. Татарстан», «Самарская обл.», «Ненецкий АО». */
const REGION_TYPE_WORDS = new Set(['респ', 'республика', 'обл', 'область', 'край', 'ао', 'автономный', 'автономная', 'округ'])

const TYPE_WORDS = new Set([...PLACE_TYPE_WORDS, ...REGION_TYPE_WORDS])

/**
 * Lower-cases, folds ё to е and keeps only letter/digit runs joined by single spaces, so quotes, «/Якутия/», brackets,
 * dots and hyphens all become separators («Комсомольск-на-Амуре» → «комсомольск на амуре»).
 * Tokenising with \p{L} rather than \b matters: JS \b only knows ASCII letters, so /\bг\b/ never matches «г. Тольятти».
 */
export function normalizeText(text: string): string {
  const words = text.normalize('NFC').toLowerCase().replaceAll('ё', 'е').match(/[\p{L}\p{N}]+/gu)
  return words ? words.join(' ') : ''
}

/** Drops type words from normalised text. Kept separate because some names contain them: «Красное Село». */
export function withoutTypeWords(normalized: string): string {
  return normalized
    .split(' ')
    .filter((word) => !TYPE_WORDS.has(word))
    .join(' ')
}

/** True when the text names an area type («область», «край», «АО»…), i.e. it was meant as a subject even if unknown. */
export function mentionsRegionType(text: string): boolean {
  return normalizeText(text)
    .split(' ')
    .some((word) => REGION_TYPE_WORDS.has(word))
}
