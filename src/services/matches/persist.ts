import type { LocalizedText, NearMissResult, ScoredPair } from '../../matching/index.js'
import type { Tx } from '../context.js'

export interface PairRow {
  needId: string
  orgId: string
  pair: ScoredPair & { explanation: LocalizedText }
}

export interface NearMissRow {
  needId: string
  orgId: string
  miss: NearMissResult
}

const json = (value: unknown): string => JSON.stringify(value)

/**
 * Upserts scored pairs in one statement (arrays unnested; JSON and id lists travel as text). A pair a
 * curator already moved on (shortlisted, introduced…) keeps its pipeline status; only its score and
 * reasons are refreshed.
 */
export async function upsertMatches(tx: Tx, rows: readonly PairRow[], computedAt: Date): Promise<void> {
  if (rows.length === 0) return
  await tx`
    insert into matches (need_id, supplier_org_id, score, breakdown, explanation, capacity_ids, certificates, distance_km, computed_at)
    select need_id, org_id, score, breakdown::jsonb, explanation::jsonb,
           array(select jsonb_array_elements_text(capacity_ids::jsonb)), certificates::jsonb, distance_km, ${computedAt}
    from unnest(${tx.array(rows.map((r) => r.needId))}::text[], ${tx.array(rows.map((r) => r.orgId))}::text[],
                ${tx.array(rows.map((r) => r.pair.score))}::float8[], ${tx.array(rows.map((r) => json(r.pair.breakdown)))}::text[],
                ${tx.array(rows.map((r) => json(r.pair.explanation)))}::text[], ${tx.array(rows.map((r) => json(r.pair.capacityIds)))}::text[],
                ${tx.array(rows.map((r) => json(r.pair.certificatesUsed)))}::text[], ${tx.array(rows.map((r) => r.pair.distanceKm ?? 0))}::float8[])
      as t(need_id, org_id, score, breakdown, explanation, capacity_ids, certificates, distance_km)
    on conflict (need_id, supplier_org_id) do update set
      score = excluded.score, breakdown = excluded.breakdown, explanation = excluded.explanation,
      capacity_ids = excluded.capacity_ids, certificates = excluded.certificates, distance_km = excluded.distance_km,
      computed_at = excluded.computed_at`
}

export async function upsertNearMisses(tx: Tx, rows: readonly NearMissRow[], computedAt: Date): Promise<void> {
  if (rows.length === 0) return
  await tx`
    insert into near_misses (need_id, supplier_org_id, failed_constraint, miss, explanation, score, distance_km, capacity_ids, computed_at)
    select need_id, org_id, failed_constraint, miss::jsonb, explanation::jsonb, score, distance_km,
           array(select jsonb_array_elements_text(capacity_ids::jsonb)), ${computedAt}
    from unnest(${tx.array(rows.map((r) => r.needId))}::text[], ${tx.array(rows.map((r) => r.orgId))}::text[],
                ${tx.array(rows.map((r) => r.miss.constraint))}::text[], ${tx.array(rows.map((r) => json(r.miss.miss)))}::text[],
                ${tx.array(rows.map((r) => json(r.miss.message)))}::text[], ${tx.array(rows.map((r) => r.miss.score))}::float8[],
                ${tx.array(rows.map((r) => r.miss.distanceKm))}::float8[], ${tx.array(rows.map((r) => json(r.miss.capacityIds)))}::text[])
      as t(need_id, org_id, failed_constraint, miss, explanation, score, distance_km, capacity_ids)
    on conflict (need_id, supplier_org_id) do update set
      failed_constraint = excluded.failed_constraint, miss = excluded.miss, explanation = excluded.explanation,
      score = excluded.score, distance_km = excluded.distance_km, capacity_ids = excluded.capacity_ids, computed_at = excluded.computed_at`
}
