import { getCertificate, getMaterial, getProcess, type CertificateStandard } from '../domain/taxonomy/index.js'
import { isoDay, isoMonth } from './dates.js'
import type {
  CertificateCredit, Envelope, HeldCredit, LocalizedText, MatchNeed, Miss, PartRequirement, ProcessFit, ScoredPair,
} from './types.js'

/**
 * Short human text for curators and buyers, Russian first. Codes never reach the text when the
 * taxonomy knows a name; unknown codes are shown as they are.
 */

type Lang = 'ru' | 'en'

function processName(code: string, lang: Lang): string {
  const process = getProcess(code)
  if (process === undefined) return code
  return lang === 'ru' ? process.nameRu : process.nameEn
}

const CYRILLIC = /[А-Яа-яЁё]/

function count(text: string, char: string): number {
  return text.split(char).length - 1
}

/** The designation part of a catalogue name: before the scope, the first of " / "-separated twins, without the edition year. */
function designation(name: string): string {
  const head = (name.split(' — ')[0] ?? name).split(' «')[0] ?? name
  const twin = head.indexOf(' / ')
  const first = twin >= 0 && count(head.slice(0, twin), '(') === count(head.slice(0, twin), ')') ? head.slice(0, twin) : head
  return first.replace(/:\d{4}$/, '').trim()
}

/**
 * Short certificate name for text: "IATF 16949", "ГОСТ Р 58139-2018", "AS9100D". Catalogue names also carry
 * the edition, the scope and the Russian twin; the English name of a Russian scheme is cut after its
 * designation ("GOST R 58139-2018") when it has a numbered one, else kept whole ("NAKS welding-procedure attestation").
 */
export function certificateLabel(code: string, lang: Lang): string {
  const certificate = getCertificate(code)
  if (certificate === undefined) return code
  const labels = LABELS[lang]
  let label = labels.get(certificate)
  if (label === undefined) {
    label = catalogueLabel(certificate, lang)
    labels.set(certificate, label)
  }
  return label
}

/**
 * Labels already cut from the catalogue names, per language: explanations name the same few standards for
 * every match of a recompute. Keyed by catalogue entry, so the cache never outgrows the catalogue.
 */
const LABELS: Readonly<Record<Lang, Map<CertificateStandard, string>>> = { ru: new Map(), en: new Map() }

function catalogueLabel(certificate: CertificateStandard, lang: Lang): string {
  const russian = designation(certificate.nameRu)
  if (lang === 'ru' || !CYRILLIC.test(russian)) return russian || certificate.code
  const tokens = certificate.nameEn.split(' ')
  const firstWord = tokens.findIndex((token) => /[a-z]/.test(token))
  const head = (firstWord < 0 ? tokens : tokens.slice(0, firstWord)).join(' ')
  return /\d/.test(head) ? designation(head) : certificate.nameEn
}

function materialName(code: string): string {
  return getMaterial(code)?.nameRu ?? code
}

function number(value: number, lang: Lang): string {
  const text = String(Math.round(value * 100) / 100)
  return lang === 'ru' ? text.replace('.', ',') : text
}

function envelopeText(envelope: Envelope, lang: Lang): string {
  const dims = [envelope.lengthMm, envelope.widthMm, envelope.heightMm].map((v) => number(v, lang)).join('×')
  return lang === 'ru' ? `${dims} мм, ${number(envelope.massKg, lang)} кг` : `${dims} mm, ${number(envelope.massKg, lang)} kg`
}

function list(items: readonly string[]): string {
  return items.join(', ')
}

/* ------------------------------------------------------------------ matches */

function coverageText(pair: ScoredPair): LocalizedText {
  const { processesCovered, processesRequired } = pair.breakdown.capability.details
  return {
    ru: `покрывает ${processesCovered} из ${processesRequired} операций`,
    en: `covers ${processesCovered} of ${processesRequired} operations`,
  }
}

function materialText(need: MatchNeed, perProcess: readonly ProcessFit[]): LocalizedText | null {
  if (need.materials.length === 0) return null
  const names = list(need.materials.map(materialName))
  const stated = perProcess.filter((p) => p.capacityId !== null && p.material !== 'unstated').map((p) => p.material)
  if (stated.length === 0) return { ru: `материалы не указаны (нужен ${names})`, en: `materials not stated (${names} needed)` }
  if (stated.includes('none')) return { ru: `не работает с ${names}`, en: `does not work ${names}` }
  if (stated.every((level) => level === 'family')) return { ru: `${names}: только материалы той же группы`, en: `${names}: same family only` }
  if (stated.includes('family')) return { ru: `${names}: марка не на всех операциях`, en: `${names}: grade not on every operation` }
  return { ru: `работает с ${names}`, en: `works ${names}` }
}

type StatedAbility = Exclude<PartRequirement, 'material'>

const ABILITY_NAMES: Readonly<Record<StatedAbility, LocalizedText>> = {
  tolerance: { ru: 'точность', en: 'tolerance' },
  roughness: { ru: 'шероховатость', en: 'roughness' },
  envelope: { ru: 'габариты', en: 'envelope' },
}

/** Requirements some capacity used leaves unstated (materials are covered by materialText). */
function unstatedText(perProcess: readonly ProcessFit[]): LocalizedText | null {
  const order: StatedAbility[] = ['tolerance', 'roughness', 'envelope']
  const missing = order.filter((requirement) => perProcess.some((p) => p.unstated.includes(requirement)))
  if (missing.length === 0) return null
  return {
    ru: `не указаны: ${list(missing.map((r) => ABILITY_NAMES[r].ru))}`,
    en: `not stated: ${list(missing.map((r) => ABILITY_NAMES[r].en))}`,
  }
}

function validityText(held: HeldCredit, lang: Lang): string {
  if (held.validUntil === null) return lang === 'ru' ? 'бессрочный' : 'no expiry'
  return lang === 'ru' ? `действителен до ${isoMonth(held.validUntil)}` : `valid until ${isoMonth(held.validUntil)}`
}

function requiredCertificateText(credit: CertificateCredit, lang: Lang): string | null {
  const held = credit.satisfiedBy
  if (held === null) return null
  const parts = [certificateLabel(held.standard, lang)]
  if (held.standard !== credit.certificate) {
    parts.push(lang === 'ru' ? `(покрывает ${certificateLabel(credit.certificate, lang)})` : `(covers ${certificateLabel(credit.certificate, lang)})`)
  }
  parts.push(validityText(held, lang))
  let text = parts.join(' ')
  if (held.status === 'unverified') text += lang === 'ru' ? ', не проверен центром' : ', not verified by a centre'
  return text
}

function certificationText(pair: ScoredPair): LocalizedText | null {
  const { required, preferred } = pair.breakdown.certification.details
  const ru = required.flatMap((c) => requiredCertificateText(c, 'ru') ?? [])
  const en = required.flatMap((c) => requiredCertificateText(c, 'en') ?? [])
  const preferredHeld = preferred.filter((c) => c.satisfiedBy !== null).map((c) => c.certificate)
  if (preferredHeld.length > 0) {
    ru.push(`есть желательные: ${list(preferredHeld.map((c) => certificateLabel(c, 'ru')))}`)
    en.push(`preferred held: ${list(preferredHeld.map((c) => certificateLabel(c, 'en')))}`)
  }
  if (ru.length === 0) return null
  return { ru: ru.join('; '), en: en.join('; ') }
}

function distanceText(pair: ScoredPair): LocalizedText | null {
  const { distanceKm, sameCluster, sameRegion } = pair.breakdown.proximity.details
  if (distanceKm === null) return null
  const ru = [`${distanceKm} км`]
  const en = [`${distanceKm} km`]
  if (sameCluster) { ru.push('тот же кластер'); en.push('same cluster') } else if (sameRegion) { ru.push('тот же регион'); en.push('same region') }
  return { ru: ru.join(', '), en: en.join(', ') }
}

function hoursText(pair: ScoredPair): LocalizedText {
  const { declared, availableHours, requiredHours } = pair.breakdown.capacity.details
  if (declared === 'none') return { ru: 'свободные часы не указаны', en: 'free hours not declared' }
  const hours = Math.round(availableHours)
  const needed = requiredHours !== null && requiredHours > 0 ? Math.round(requiredHours) : null
  return {
    ru: `свободно ${hours} ч до срока` + (needed === null ? '' : ` (нужно ${needed} ч)`),
    en: `${hours} free hours before the deadline` + (needed === null ? '' : ` (${needed} needed)`),
  }
}

/** «покрывает 3 из 3 операций; работает с Д16; AS/EN 9100 действителен до 2027-03; 84 км, тот же кластер; …» */
export function explainMatch(need: MatchNeed, pair: ScoredPair): LocalizedText {
  const perProcess = pair.breakdown.capability.details.perProcess
  const parts = [
    coverageText(pair),
    materialText(need, perProcess),
    unstatedText(perProcess),
    certificationText(pair),
    distanceText(pair),
    hoursText(pair),
  ].filter((part): part is LocalizedText => part !== null)
  return { ru: parts.map((p) => p.ru).join('; '), en: parts.map((p) => p.en).join('; ') }
}

/* ------------------------------------------------------------------ near misses */

type CertificateMiss = Extract<Miss, { constraint: 'certificate' }>['miss']

function certificateMissText(miss: CertificateMiss, need: MatchNeed, now: string): LocalizedText {
  const today = isoDay(now)
  const ru = [`нет действующего ${certificateLabel(miss.certificate, 'ru')}`]
  const en = [`no valid ${certificateLabel(miss.certificate, 'en')}`]
  for (const held of miss.notValidOnDeadline) {
    const ruName = certificateLabel(held.standard, 'ru')
    const enName = certificateLabel(held.standard, 'en')
    if (held.validFrom > need.deadline) {
      ru.push(`${ruName} действует только с ${held.validFrom}`)
      en.push(`${enName} valid only from ${held.validFrom}`)
    } else if (held.validUntil !== null && held.validUntil < today) {
      ru.push(`${ruName} истёк ${held.validUntil}`)
      en.push(`${enName} expired ${held.validUntil}`)
    } else if (held.validUntil !== null) {
      ru.push(`${ruName} истекает ${held.validUntil}, до срока ${need.deadline}`)
      en.push(`${enName} expires ${held.validUntil}, before deadline ${need.deadline}`)
    }
  }
  for (const standard of miss.rejected) {
    ru.push(`сертификат ${certificateLabel(standard, 'ru')} отклонён центром`)
    en.push(`${certificateLabel(standard, 'en')} certificate rejected by a centre`)
  }
  if (miss.softAlternatives.length > 0) {
    ru.push(`есть только ${list(miss.softAlternatives.map((s) => certificateLabel(s, 'ru')))} (частичное соответствие)`)
    en.push(`only ${list(miss.softAlternatives.map((s) => certificateLabel(s, 'en')))} (soft)`)
  }
  return { ru: ru.join('; '), en: en.join('; ') }
}

/** «нет действующего IATF 16949», «IT9 грубее требуемого IT7», «412 км > 300 км» … */
export function explainMiss(need: MatchNeed, miss: Miss, now: string): LocalizedText {
  switch (miss.constraint) {
    case 'process':
      return {
        ru: `нет операций: ${list(miss.miss.missingProcesses.map((p) => processName(p, 'ru')))}`,
        en: `does not offer: ${list(miss.miss.missingProcesses.map((p) => processName(p, 'en')))}`,
      }
    case 'material': {
      const names = list(miss.miss.required.map(materialName))
      return { ru: `не работает с материалом ${names}`, en: `does not work ${names}` }
    }
    case 'envelope': {
      const { required, offered } = miss.miss
      return {
        ru: `деталь ${envelopeText(required, 'ru')} не помещается` + (offered ? ` (макс. ${envelopeText(offered, 'ru')})` : ''),
        en: `part ${envelopeText(required, 'en')} does not fit` + (offered ? ` (max ${envelopeText(offered, 'en')})` : ''),
      }
    }
    case 'tolerance':
      return {
        ru: `IT${miss.miss.offered} грубее требуемого IT${miss.miss.required}`,
        en: `IT${miss.miss.offered} is coarser than the required IT${miss.miss.required}`,
      }
    case 'roughness':
      return {
        ru: `Ra ${number(miss.miss.offered, 'ru')} грубее требуемой Ra ${number(miss.miss.required, 'ru')}`,
        en: `Ra ${number(miss.miss.offered, 'en')} is rougher than the required Ra ${number(miss.miss.required, 'en')}`,
      }
    case 'batch': {
      const { required, min, max } = miss.miss
      const range = `${min ?? '…'}–${max ?? '…'}`
      return {
        ru: `партия ${required} шт. вне диапазона ${range} шт.`,
        en: `batch of ${required} outside the range ${range}`,
      }
    }
    case 'hours': {
      const { requiredHours, availableHours, fromMonth, toMonth } = miss.miss
      return {
        ru: `свободно ${Math.round(availableHours)} ч за ${fromMonth}…${toMonth}, нужно ${Math.round(requiredHours)} ч`,
        en: `${Math.round(availableHours)} free hours in ${fromMonth}…${toMonth}, ${Math.round(requiredHours)} needed`,
      }
    }
    case 'certificate':
      return certificateMissText(miss.miss, need, now)
    case 'distance':
      return { ru: `${miss.miss.km} км > ${miss.miss.maxKm} км`, en: `${miss.miss.km} km > ${miss.miss.maxKm} km` }
  }
}
