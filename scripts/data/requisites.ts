/**
 * Synthetic ИНН/ОГРН with valid check digits. Uniqueness comes from the organization's sequence number, never
 * from chance: it is spread over a tax-inspection number (2 digits) and a serial, a bijection for up to 3.6 million
 * organizations, so two organizations never share an ИНН or ОГРН whatever their regions.
 */

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8]
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const INSPECTIONS = 40
const FIRST_INSPECTION = 10
/** Serials start at 1 000…0 of their width: real registers have no all-zero record numbers. */
export const MAX_ORGANIZATIONS = INSPECTIONS * 90_000

function checkDigit(digits: string, weights: readonly number[]): string {
  let sum = 0
  weights.forEach((weight, i) => (sum += weight * Number(digits[i])))
  return String((sum % 11) % 10)
}

function inspectionAndSerial(sequence: number, serialDigits: number): string {
  if (!Number.isInteger(sequence) || sequence < 0 || sequence >= MAX_ORGANIZATIONS) {
    throw new RangeError(`organization sequence ${sequence} is outside 0…${MAX_ORGANIZATIONS - 1}`)
  }
  const inspection = FIRST_INSPECTION + (sequence % INSPECTIONS)
  return `${inspection}${10 ** (serialDigits - 1) + Math.floor(sequence / INSPECTIONS)}`
}

/** 10-digit ИНН of a legal entity: subject code, inspection, serial, check digit. */
export function legalEntityInn(regionCode: string, sequence: number): string {
  const body = `${regionCode}${inspectionAndSerial(sequence, 5)}`
  return body + checkDigit(body, INN10_WEIGHTS)
}

/** 12-digit ИНН of an individual entrepreneur, with both check digits. */
export function entrepreneurInn(regionCode: string, sequence: number): string {
  const body = `${regionCode}${inspectionAndSerial(sequence, 6)}`
  const withFirst = body + checkDigit(body, INN12_WEIGHTS_11)
  return withFirst + checkDigit(withFirst, INN12_WEIGHTS_12)
}

/** 13-digit ОГРН: sign 1, registration year, subject, inspection, record number, check = body mod 11 mod 10. */
export function legalEntityOgrn(regionCode: string, sequence: number, registrationYear: number): string {
  const body = `1${String(registrationYear % 100).padStart(2, '0')}${regionCode}${inspectionAndSerial(sequence, 5)}`
  return body + String((Number(body) % 11) % 10)
}

/** 15-digit ОГРНИП: sign 3, registration year, subject, 9-digit record, check = body mod 13 mod 10. */
export function entrepreneurOgrn(regionCode: string, sequence: number, registrationYear: number): string {
  const body = `3${String(registrationYear % 100).padStart(2, '0')}${regionCode}${inspectionAndSerial(sequence, 7)}`
  return body + String((Number(body) % 13) % 10)
}
