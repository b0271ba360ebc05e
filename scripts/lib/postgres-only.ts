/**
 * The alternative a user might pick instead of Meilisearch + the matching core: the same matching done in
 * PostgreSQL alone, on the same data. Candidates by array overlap on processes (GIN) and a bounding box on
 * indexed site coordinates (btree on sites(lat, lon)); required certificates by overlap with each one's
 * satisfying standards (the same closure the retrieval filter uses) on a per-organization standards array (GIN);
 * scored in SQL by an approximation of our score; top 20 suppliers.
 *
 * The score keeps the core's weights and shapes where SQL can follow them cheaply:
 *   capability    = share of the need's processes the supplier's capacities cover,
 *   certification = REQUIRED_SHARE · mean trust of the required certificates (verified 1, self-declared 0.6)
 *                 + PREFERRED_SHARE · share of the preferred standards held (an empty list counts as met),
 *   proximity     = exp(−ln2 · d / HALF_DISTANCE_KM), d = haversine × ROAD_FACTOR from the nearest matching site.
 * The capacity (free hours) factor is left out, as are materials, envelope and tolerances: the SQL does less
 * work than the core, which favours it in the comparison.
 *
 * The indexes and the standards table are created in the scratch database only, for this comparison: this is
 * not a product migration. A real deployment would also have to keep the standards table up to date.
 */
import type { Sql } from '../../src/db/client.js'
import { satisfiersOf } from '../../src/domain/taxonomy/index.js'
import { EARTH_MEAN_RADIUS_KM, ROAD_FACTOR, boundingBox } from '../../src/geo/index.js'
import { DEFAULT_WEIGHTS, HALF_DISTANCE_KM, PREFERRED_SHARE, REQUIRED_SHARE, TRUST_WEIGHT, type MatchNeed } from '../../src/matching/index.js'
import { MATCH_PAGE, type PreparedNeeds } from './matching.js'
import { progressBar } from './progress.js'
import { type LatencySummary, round, summarize, timed } from './stats.js'

/** Builds what the SQL-only matching needs; returns how long that took, in seconds. */
export async function createPostgresOnlyIndexes(sql: Sql, today: string): Promise<number> {
  const started = performance.now()
  await sql`drop table if exists bench_org_certificates`
  await sql`
    create table bench_org_certificates as
    select org_id,
      array_agg(distinct standard) as held,
      coalesce(array_agg(distinct standard) filter (where status = 'verified'), '{}') as verified
    from certificates
    where status <> 'rejected' and (valid_until is null or valid_until >= ${today}::date)
    group by org_id`
  await sql`alter table bench_org_certificates add primary key (org_id)`
  await sql`create index bench_org_certificates_held on bench_org_certificates using gin (held)`
  await sql`create index if not exists bench_capacities_processes on capacities using gin (processes)`
  await sql`create index if not exists bench_sites_lat_lon on sites (lat, lon)`
  await sql`analyze capacities`
  await sql`analyze sites`
  await sql`analyze bench_org_certificates`
  return round((performance.now() - started) / 1000, 1)
}

/** Standards giving full credit for `required`, as the retrieval's certificate filter lists them. */
function fullSatisfiers(need: MatchNeed, required: string): string[] {
  const full = [...satisfiersOf(required, { strictNational: need.strictNational })].filter(([, credit]) => credit >= 1).map(([code]) => code)
  return full.length > 0 ? full : [required]
}

/** The need's top suppliers by the SQL score, best first. */
export async function topSuppliersInSql(sql: Sql, need: MatchNeed, limit = MATCH_PAGE): Promise<string[]> {
  const none = sql``
  const box =
    need.maxDistanceKm === null ? null : boundingBox({ lat: need.delivery.lat, lon: need.delivery.lon }, need.maxDistanceKm / ROAD_FACTOR)
  const required = need.requiredCerts.map((code) => sql.array(fullSatisfiers(need, code)))
  const requiredHeld = required.reduce((all, satisfiers) => sql`${all} and oc.held && ${satisfiers}::text[]`, none)
  const requiredTrust =
    required.length === 0
      ? sql`1`
      : sql`(${required.reduce(
          (sum, satisfiers) => sql`${sum} + case when oc.verified && ${satisfiers}::text[] then ${TRUST_WEIGHT.verified}::float8 else ${TRUST_WEIGHT.unverified}::float8 end`,
          sql`0`,
        )}) / ${required.length}::float8`
  const preferredShare =
    need.preferredCerts.length === 0
      ? sql`1`
      : sql`(select count(*) from unnest(${sql.array(need.preferredCerts)}::text[]) p where p = any(coalesce(oc.held, '{}')))::float8 / ${need.preferredCerts.length}::float8`
  const rows = await sql<{ orgId: string }[]>`
    with reachable as (
      select c.org_id, c.processes, s.lat, s.lon
      from capacities c join sites s on s.id = c.site_id
      where c.processes && ${sql.array(need.processes)}::text[]
        ${box ? sql`and s.lat between ${box.minLat} and ${box.maxLat} and s.lon between ${box.minLon} and ${box.maxLon}` : none}
    ),
    measured as (
      select org_id, processes,
        ${ROAD_FACTOR}::float8 * 2 * ${EARTH_MEAN_RADIUS_KM}::float8 * asin(sqrt(
          power(sin(radians(lat - ${need.delivery.lat}::float8) / 2), 2)
          + cos(radians(${need.delivery.lat}::float8)) * cos(radians(lat)) * power(sin(radians(lon - ${need.delivery.lon}::float8) / 2), 2)
        )) as km
      from reachable
    ),
    suppliers as (
      select m.org_id, min(m.km) as km, count(distinct p.code)::float8 / ${need.processes.length}::float8 as coverage
      from measured m cross join lateral unnest(m.processes) as p(code)
      where p.code = any(${sql.array(need.processes)}::text[])
        ${need.maxDistanceKm === null ? none : sql`and m.km <= ${need.maxDistanceKm}::float8`}
      group by m.org_id
    )
    select s.org_id,
      ${DEFAULT_WEIGHTS.capability}::float8 * s.coverage
      + ${DEFAULT_WEIGHTS.certification}::float8 * (${REQUIRED_SHARE}::float8 * ${requiredTrust} + ${PREFERRED_SHARE}::float8 * ${preferredShare})
      + ${DEFAULT_WEIGHTS.proximity}::float8 * exp(-ln(2) * s.km / ${HALF_DISTANCE_KM}::float8) as score
    from suppliers s
    left join bench_org_certificates oc on oc.org_id = s.org_id
    where true ${requiredHeld}
    order by score desc, s.km, s.org_id
    limit ${limit}`
  return rows.map((row) => row.orgId)
}

export interface PostgresOnlyResult {
  indexSeconds: number
  latency: LatencySummary
  /** Mean share of our stored top page that the SQL's top page also lists: how comparable the two rankings are. */
  overlapWithOurs: number
}

/** `rounds` passes over the prepared needs, timing the SQL from the client (postgres.js), as the app would. */
export async function measurePostgresOnly(sql: Sql, prepared: PreparedNeeds, rounds: number, today: string): Promise<PostgresOnlyResult> {
  const indexSeconds = await createPostgresOnlyIndexes(sql, today)
  const samples: number[] = []
  const overlaps: number[] = []
  const measuring = progressBar('measuring PostgreSQL only', rounds * prepared.needs.length)
  for (let round = 0; round < rounds; round++) {
    for (const { need, topOrgIds } of prepared.needs) {
      const { ms, value } = await timed(() => topSuppliersInSql(sql, need))
      samples.push(ms)
      if (round === 0 && topOrgIds.length > 0) {
        const ours = new Set(topOrgIds)
        overlaps.push(value.filter((orgId) => ours.has(orgId)).length / topOrgIds.length)
      }
      measuring.update(samples.length)
    }
  }
  measuring.finish()
  const overlap = overlaps.length ? overlaps.reduce((a, b) => a + b, 0) / overlaps.length : 0
  return { indexSeconds, latency: summarize(samples), overlapWithOurs: round(overlap, 2) }
}
