import { hoursWindow } from './capability.js'
import { evaluateForNeed, evaluatePair, needContext } from './evaluate.js'
import { explainMatch, explainMiss } from './explain.js'
import type {
  MatchNeed, MatchOptions, Miss, NearMiss, NeedMatch, NeedNearMiss, ScoredPair, SupplierCandidate, SupplierMatch,
} from './types.js'
import { resolveWeights } from './weights.js'

export { DEFAULT_WEIGHTS, WEIGHT_BOUNDS, resolveWeights, weightedScore, weightsOverrideSchema } from './weights.js'

export type Comparator<T> = (a: T, b: T) => number

interface HeapEntry<T> { item: T; index: number }

/**
 * The first `k` items of `[...items].sort(compare)` (a stable sort), found with a bounded max-heap
 * of the k best seen so far: O(n log k) time and O(k) memory, instead of sorting every candidate
 * when a buyer asks for the top 10 of thousands.
 */
export function selectTopK<T>(items: readonly T[], k: number, compare: Comparator<T>): T[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`limit must be a non-negative integer, got ${k}`)
  if (k === 0) return []
  // Keeping every item (the recompute path asks for all): the stable sort itself, without the heap's bookkeeping.
  if (k >= items.length) return [...items].sort(compare)
  // Ties keep input order, exactly as the stable full sort does.
  const order = (a: HeapEntry<T>, b: HeapEntry<T>) => compare(a.item, b.item) || a.index - b.index
  // The root is the worst of the entries kept so far; only indices below heap.length are ever read.
  const heap: HeapEntry<T>[] = []
  const at = (i: number) => heap[i] as HeapEntry<T>
  const swap = (i: number, j: number) => {
    const held = at(i)
    heap[i] = at(j)
    heap[j] = held
  }
  const siftUp = (start: number) => {
    for (let i = start; i > 0;) {
      const parent = (i - 1) >> 1
      if (order(at(i), at(parent)) <= 0) return
      swap(i, parent)
      i = parent
    }
  }
  const siftDown = (start: number) => {
    for (let i = start; ;) {
      let worst = i
      for (const child of [2 * i + 1, 2 * i + 2]) {
        if (child < heap.length && order(at(child), at(worst)) > 0) worst = child
      }
      if (worst === i) return
      swap(i, worst)
      i = worst
    }
  }
  items.forEach((item, index) => {
    const entry = { item, index }
    if (heap.length < k) {
      heap.push(entry)
      siftUp(heap.length - 1)
    } else if (order(entry, at(0)) < 0) {
      heap[0] = entry
      siftDown(0)
    }
  })
  return heap.sort(order).map((entry) => entry.item)
}

function byScoreThenDistance(a: ScoredPair, b: ScoredPair): number {
  if (a.score !== b.score) return b.score - a.score
  const da = a.distanceKm ?? Number.POSITIVE_INFINITY
  const db = b.distanceKm ?? Number.POSITIVE_INFINITY
  return da === db ? 0 : da < db ? -1 : 1
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Deterministic ranking of suppliers for a need: score desc, then road distance asc, then orgId asc. */
export function compareSupplierRank(a: ScoredPair & { orgId: string }, b: ScoredPair & { orgId: string }): number {
  return byScoreThenDistance(a, b) || byText(a.orgId, b.orgId)
}

/** Deterministic ranking of needs for a supplier: score desc, then road distance asc, then need id asc. */
export function compareNeedRank(a: ScoredPair & { needId: string }, b: ScoredPair & { needId: string }): number {
  return byScoreThenDistance(a, b) || byText(a.needId, b.needId)
}

function top<T>(items: readonly T[], limit: number | undefined, compare: Comparator<T>): T[] {
  return selectTopK(items, limit ?? items.length, compare)
}

/** What identifies a pair in a ranking besides its score: the supplier for a need, or the need for a supplier. */
type SupplierKey = { orgId: string; name: string }
type NeedKey = { needId: string }

interface Scored<K> { ranked: ScoredPair & K; need: MatchNeed }
interface ScoredMiss<K> extends Scored<K> { miss: Miss }

/**
 * Ranks scored pairs first and writes explanations only for the ones returned.
 *
 * Result records are extended with Object.assign, onto records this call created and nobody else holds,
 * rather than copied with object spreads: on Node 20 `{ ...pair, ...key }` takes V8's slow generic path
 * (µs per record), and the recompute path builds a record for every match and near miss. Keys keep the
 * order the spreads would give.
 */
function rank<K>(
  matches: Scored<K>[],
  misses: ScoredMiss<K>[],
  opts: MatchOptions,
  compare: Comparator<ScoredPair & K>,
) {
  const byRank = (a: Scored<K>, b: Scored<K>) => compare(a.ranked, b.ranked)
  return {
    matches: top(matches, opts.limit, byRank).map(({ ranked, need }) =>
      Object.assign(ranked, { explanation: explainMatch(need, ranked) })),
    nearMisses: top(misses, opts.limit, byRank).map(({ ranked, need, miss }) =>
      Object.assign(ranked, miss, { message: explainMiss(need, miss, opts.now) })),
  }
}

/**
 * Suppliers for a need: matches (every hard constraint met) ranked by score, and near misses (exactly
 * one hard constraint failed) ranked by the score they would have with it waived.
 */
export function matchSuppliers(
  need: MatchNeed,
  suppliers: readonly SupplierCandidate[],
  opts: MatchOptions,
): { matches: SupplierMatch[]; nearMisses: NearMiss[] } {
  const context = needContext(need, resolveWeights(need.weights), hoursWindow(opts.now, need.deadline))
  const matches: Scored<SupplierKey>[] = []
  const misses: ScoredMiss<SupplierKey>[] = []
  for (const supplier of suppliers) {
    const outcome = evaluateForNeed(context, supplier)
    if (outcome.kind === 'none') continue
    // The pair was built for this call alone: extended in place (see rank).
    const ranked = Object.assign(outcome.pair, { orgId: supplier.orgId, name: supplier.name })
    if (outcome.kind === 'match') matches.push({ ranked, need })
    else misses.push({ ranked, need, miss: outcome.miss })
  }
  return rank(matches, misses, opts, compareSupplierRank)
}

/** The supplier's view: the same evaluation per need, needs ranked for this supplier. */
export function matchNeeds(
  supplier: SupplierCandidate,
  needs: readonly MatchNeed[],
  opts: MatchOptions,
): { matches: NeedMatch[]; nearMisses: NeedNearMiss[] } {
  const matches: Scored<NeedKey>[] = []
  const misses: ScoredMiss<NeedKey>[] = []
  for (const need of needs) {
    const outcome = evaluatePair(need, supplier, resolveWeights(need.weights), hoursWindow(opts.now, need.deadline))
    if (outcome.kind === 'none') continue
    // The pair was built for this call alone: extended in place (see rank).
    const ranked = Object.assign(outcome.pair, { needId: need.id })
    if (outcome.kind === 'match') matches.push({ ranked, need })
    else misses.push({ ranked, need, miss: outcome.miss })
  }
  return rank(matches, misses, opts, compareNeedRank)
}
