import { randomBytes } from 'node:crypto'

export type IdPrefix = 'org' | 'site' | 'cert' | 'cap' | 'need' | 'clu' | 'req' | 'usr' | 'inv' | 'alrt' | 'imp'

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

/**
 * Prefixed, roughly time-ordered ids (`need_0mb3k9x2a7q4r8s1t6v5`): the prefix makes a wrong-type id
 * obvious in logs and errors; the time part keeps btree inserts local.
 */
export function newId(prefix: IdPrefix, now = Date.now()): string {
  const time = now.toString(32).padStart(9, '0')
  const bytes = randomBytes(12)
  let random = ''
  for (const byte of bytes) random += ALPHABET[byte & 31]
  return `${prefix}_${time}${random}`
}

export const ID_PATTERN = /^[a-z]{2,4}_[0-9a-z]{21}$/
