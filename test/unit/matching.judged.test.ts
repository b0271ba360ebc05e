import { describe, expect, it } from 'vitest'
import { matchSuppliers } from '../../src/matching/index.js'
import { JUDGED_NEEDS, JUDGED_NOW, SUPPLIERS, type Relevance } from '../fixtures/judged/clusters.js'

const CUTOFF = 10

/** Graded gain 2^rel − 1 (Burges et al.): an ideal supplier is worth much more than an acceptable one. */
function dcg(relevances: readonly number[]): number {
  return relevances.slice(0, CUTOFF).reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0)
}

function ndcgAt10(ranked: readonly string[], judged: Readonly<Record<string, Relevance>>): number {
  const ideal = dcg(Object.values(judged).sort((a, b) => b - a))
  return ideal === 0 ? 1 : dcg(ranked.map((orgId) => judged[orgId] ?? 0)) / ideal
}

describe('judged cluster benchmark', () => {
  it('has enough real data to mean something', () => {
    expect(SUPPLIERS.length).toBeGreaterThanOrEqual(30)
    expect(JUDGED_NEEDS.length).toBeGreaterThanOrEqual(10)
    const orgIds = new Set(SUPPLIERS.map((s) => s.orgId))
    expect(orgIds.size).toBe(SUPPLIERS.length)
    for (const { relevance } of JUDGED_NEEDS) for (const orgId of Object.keys(relevance)) expect(orgIds).toContain(orgId)
  })

  it('ranks the suppliers a curator would pick: mean nDCG@10 ≥ 0.9', () => {
    const perNeed = JUDGED_NEEDS.map(({ need, relevance, anchor }) => {
      const ranked = matchSuppliers(need, SUPPLIERS, { now: JUDGED_NOW, limit: CUTOFF }).matches.map((m) => m.orgId)
      return { id: need.id, anchor, ndcg: ndcgAt10(ranked, relevance), ranked }
    })
    const mean = perNeed.reduce((sum, n) => sum + n.ndcg, 0) / perNeed.length
    console.log([
      `nDCG@${CUTOFF} over ${perNeed.length} judged needs, ${SUPPLIERS.length} suppliers: ${mean.toFixed(4)}`,
      ...perNeed.map((n) => `  ${n.ndcg.toFixed(4)}  ${n.id.padEnd(24)} ${n.ranked.join(' > ')}`),
    ].join('\n'))
    expect(mean).toBeGreaterThanOrEqual(0.9)
  })

  it('never returns a decoy a curator judged unacceptable as a match', () => {
    for (const { need, relevance } of JUDGED_NEEDS) {
      const { matches, nearMisses } = matchSuppliers(need, SUPPLIERS, { now: JUDGED_NOW })
      for (const match of matches) expect(relevance[match.orgId], `${need.id}: ${match.orgId}`).toBeGreaterThan(0)
      const decoys = Object.entries(relevance).filter(([, rel]) => rel === 0).map(([orgId]) => orgId)
      for (const decoy of decoys) expect(matches.some((m) => m.orgId === decoy), `${need.id}: ${decoy}`).toBe(false)
      expect(nearMisses.length).toBeGreaterThan(0)
    }
  })
})
