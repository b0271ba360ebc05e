const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8]
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]

function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  const sum = weights.reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0)
  return (sum % 11) % 10
}

/** ИНН of a legal entity (10 digits) or an individual entrepreneur (12 digits), with its check digits (ФНС rules). */
export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false
  const d = [...inn].map(Number)
  if (d.length === 10) return checkDigit(d, INN10_WEIGHTS) === d[9]
  return checkDigit(d, INN12_WEIGHTS_11) === d[10] && checkDigit(d, INN12_WEIGHTS_12) === d[11]
}

/** ОГРН (13 digits, remainder mod 11) or ОГРНИП (15 digits, remainder mod 13); the last digit is the check. */
export function isValidOgrn(ogrn: string): boolean {
  if (!/^\d{13}$|^\d{15}$/.test(ogrn)) return false
  const body = BigInt(ogrn.slice(0, -1))
  const modulus = ogrn.length === 13 ? 11n : 13n
  return Number((body % modulus) % 10n) === Number(ogrn.at(-1))
}
