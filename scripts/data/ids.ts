import type { IdPrefix } from '../../src/lib/ids.js'
import { type Random, hashSeed, createRandom } from './random.js'

/** The alphabet of `newId` (src/lib/ids.ts), so generated ids are indistinguishable from the product's own. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'
const TIME_CHARS = 9
const RANDOM_CHARS = 12

function randomChars(random: Random, length: number): string {
  let text = ''
  for (let i = 0; i < length; i++) text += ALPHABET[random.int(0, ALPHABET.length - 1)]
  return text
}

/**
 * `newId`'s format with a clock that ticks once per record: the time part is `epochMs + sequence`, so ids are
 * unique per prefix by construction and still sort in insertion order (btree-friendly); the tail comes from the
 * seeded stream instead of crypto randomness.
 */
export function syntheticId(prefix: IdPrefix, epochMs: number, sequence: number, seed: number): string {
  const time = (epochMs + sequence).toString(32).padStart(TIME_CHARS, '0')
  return `${prefix}_${time}${randomChars(createRandom(hashSeed(seed, prefix, sequence)), RANDOM_CHARS)}`
}

/** Cluster ids depend on the cluster only, not on the dataset seed, so links to a cluster survive a reload. */
export function stableId(prefix: IdPrefix, key: string): string {
  return `${prefix}_${randomChars(createRandom(hashSeed('stable', prefix, key)), TIME_CHARS + RANDOM_CHARS)}`
}
