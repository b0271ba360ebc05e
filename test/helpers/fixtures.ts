import { randomInt } from 'node:crypto'

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8]

/** A random, checksum-valid 10-digit INN, so tests never collide on the unique INN. */
export function randomInn(): string {
  const digits = Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 + randomInt(9) : randomInt(10)))
  const check = (INN10_WEIGHTS.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0) % 11) % 10
  return [...digits, check].join('')
}
