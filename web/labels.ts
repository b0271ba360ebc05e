import { getCertificate, getMaterial, getMaterialFamily, getProcess } from '../src/domain/taxonomy/index.js'
import { getSubject } from '../src/geo/index.js'
import { certificateLabel } from '../src/matching/index.js'
import type { Lang } from './i18n/index.js'

/**
 * Catalogue names for codes, in the page's language. An unknown code (retired from a catalogue) is
 * shown as itself rather than hidden.
 */

export function processName(code: string, lang: Lang): string {
  const process = getProcess(code)
  return process ? (lang === 'ru' ? process.nameRu : process.nameEn) : code
}

/** A grade is written the same way in both languages (as on the drawing); a family has two names. */
export function materialName(code: string, lang: Lang): string {
  const grade = getMaterial(code)
  if (grade) return grade.nameRu
  const family = getMaterialFamily(code)
  return family ? (lang === 'ru' ? family.nameRu : family.nameEn) : code
}

/** The short designation used in running text: «IATF 16949», «ГОСТ Р ИСО 9001-2015». */
export function certificateShortName(code: string, lang: Lang): string {
  return certificateLabel(code, lang)
}

export function certificateFullName(code: string, lang: Lang): string {
  const certificate = getCertificate(code)
  return certificate ? (lang === 'ru' ? certificate.nameRu : certificate.nameEn) : code
}

export function regionName(code: string, lang: Lang): string {
  const subject = getSubject(code)
  return subject ? (lang === 'ru' ? subject.nameRu : subject.nameEn) : code
}

/** «Набережные Челны, Республика Татарстан»; the region alone when the city is unknown. */
export function placeName(city: string | null, regionCode: string, lang: Lang): string {
  const region = regionName(regionCode, lang)
  return city ? `${city}, ${region}` : region
}
