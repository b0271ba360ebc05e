/**
 * Seeded randomness for the data generator. Every record draws from its own stream, seeded by hashing
 * (dataset seed, stream name, record index): any table can then be regenerated alone, in any order,
 * and a change to how one table is drawn never shifts the values of another.
 */

const UINT32 = 2 ** 32

/** FNV-1a over the parts, then a murmur3 finaliser so that neighbouring indices give unrelated seeds. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5
  for (const part of parts) {
    const text = `${part}\u0000`
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i)
      hash = Math.imul(hash, 0x01000193)
    }
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return hash >>> 0
}

function splitmix32(state: number): () => number {
  let s = state >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

export type Weighted<T> = readonly (readonly [T, number])[]

/** sfc32: 128 bits of state, fast in 32-bit integer arithmetic, passes PractRand; seeded through splitmix32. */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    const init = splitmix32(seed)
    this.a = init()
    this.b = init()
    this.c = init()
    this.d = init()
    for (let i = 0; i < 12; i++) this.next()
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / UINT32
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** Uniform in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  /** Log-uniform in [min, max]: batch sizes and quantities span orders of magnitude. */
  logUniform(min: number, max: number): number {
    return Math.exp(this.float(Math.log(min), Math.log(max)))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new RangeError('pick() from an empty list')
    return item
  }

  weighted<T>(pairs: Weighted<T>): T {
    let total = 0
    for (const [, weight] of pairs) total += weight
    let target = this.next() * total
    for (const [item, weight] of pairs) {
      target -= weight
      if (target < 0) return item
    }
    const last = pairs.at(-1)
    if (last === undefined) throw new RangeError('weighted() from an empty list')
    return last[0]
  }

  /** Box–Muller; one of the pair is thrown away to keep the stream stateless between calls. */
  gaussian(mean = 0, sd = 1): number {
    const u = 1 - this.next()
    const v = this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** k distinct items in random order (partial Fisher–Yates on a copy); all of them when k ≥ length. */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items]
    const count = Math.min(k, pool.length)
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i))
      const chosen = pool[j] as T
      pool[j] = pool[i] as T
      pool[i] = chosen
    }
    return pool.slice(0, count)
  }

  /** k distinct items drawn by weight without replacement. */
  weightedSample<T>(pairs: Weighted<T>, k: number): T[] {
    const pool = [...pairs]
    const chosen: T[] = []
    while (chosen.length < k && pool.length > 0) {
      const item = this.weighted(pool)
      chosen.push(item)
      pool.splice(pool.findIndex(([candidate]) => candidate === item), 1)
    }
    return chosen
  }
}

export function createRandom(seed: number): Random {
  return new Random(seed)
}

/** The stream of one record: `streamFor(seed, 'capacities', 17)`. */
export function streamFor(seed: number, stream: string, index: number): Random {
  return new Random(hashSeed(seed, stream, index))
}
