/**
 * `npm run bench [-- --size 100k | --sizes 100k,1m] [--needs 50] [--rounds 3] [--seed 42] [--now YYYY-MM-DD] [--http-seconds 10] [--tune-batch]`
 *
 * The benchmark suite, in one run per size on fresh scratch servers, side by side with what a user could do
 * instead on the same machine and data:
 *   - ingestion: the same documents sent straight to Meilisearch, then documents/s through the product's path
 *     (PostgreSQL → outbox → the outbox worker with the batch size the server uses → Meilisearch); freshness
 *     (write → searchable) against the same single-document update sent straight. With --tune-batch, the worker's
 *     batch sizes are also tried on a burst of 20k changes into the full index (the evidence for its default);
 *   - matching: the matches endpoint (stored and `?refresh=true`) against the raw retrieval multi-search;
 *   - the same matching in PostgreSQL alone (see lib/postgres-only.ts);
 *   - HTTP: `/healthz` against bare node:http, and the matches endpoint under load (autocannon in a child process);
 *   - memory peaks of the app, PostgreSQL and Meilisearch, sampled every 500 ms; with several sizes, scaling.
 * Prints a Markdown table and writes the raw results to .bench/results/ (git-ignored).
 */
import { parseNow, parseOptions, parsePositiveInt, parseSeed, parseSize, parseSizes, runCli, UsageError } from './lib/cli.js'
import { measureFreshness, type FreshnessResult } from './lib/freshness.js'
import { HTTP_DEFAULTS, measureHttp, type HttpBenchResult } from './lib/http-bench.js'
import {
  type BatchSizeTuning, type DirectIngestion, type IndexingBatches, type Throughput, BATCH_SIZE_CANDIDATES, DIRECT_BATCH, TUNING_SAMPLE, directIngestion,
  drainOutbox, dropPrefixedSearch, indexingBatches, loadGeneratedDataset, settle, tuneWorkerBatchSize,
} from './lib/ingestion.js'
import { describeMachine, machineLine } from './lib/machine.js'
import { type Cell, markdownTable } from './lib/markdown.js'
import { type BenchApp, type MatchingLatencies, measureMatching, prepareNeeds, publishedNeedIds, startBenchApp } from './lib/matching.js'
import { type MemoryReport, monitorMemory } from './lib/memory.js'
import { type PostgresOnlyResult, measurePostgresOnly } from './lib/postgres-only.js'
import { writeResults } from './lib/results.js'
import { DEFAULT_OUTBOX_BATCH_SIZE } from '../src/search/worker.js'
import { scratchDir, withScratchServers } from './lib/servers.js'
import { ratio } from './lib/stats.js'
import type { LoadCounts } from './data/load.js'

const USAGE = `Usage: npm run bench -- [--size 100k | --sizes 100k,1m] [--needs 50] [--rounds 3] [--seed 42] [--now YYYY-MM-DD] [--http-seconds 10] [--tune-batch]

  --size          capacities to generate: 1000…1000000 or 1k…1m (default 100k)
  --sizes         several sizes, comma-separated, each on fresh servers; adds the scaling from the smallest to the largest
  --needs         published needs to query (default 50)
  --rounds        passes over the needs per latency measurement (default 3)
  --seed          data generator seed (default 42)
  --now           the dataset's today (default 2026-11-22, so runs are comparable)
  --http-seconds  duration of each autocannon run (default ${HTTP_DEFAULTS.durationSeconds})
  --tune-batch    also time the outbox worker's batch sizes ${BATCH_SIZE_CANDIDATES.join(', ')} on a burst of ${TUNING_SAMPLE / 1000}k changes
                  into the full index, at the first size (several minutes at 100k)
`

/** The targets of the benchmark issue; a ratio is ours over the reference. */
const TARGETS = {
  ingestionRatio: 0.8,
  matchingP50: 1.3,
  matchingP95: 1.5,
  oursOverPostgres: 0.5,
  healthzOverBare: 0.8,
} as const

/** Memory-monitor phases in which the app serves requests (the others load or index data). */
const SERVING_PHASES = ['matching', 'postgres-only', 'http'] as const

interface Options {
  sizes: number[]
  needs: number
  rounds: number
  seed: number
  now: string
  httpSeconds: number
  tuneBatch: boolean
}

function parse(argv: readonly string[]): Options {
  const { values } = parseOptions(argv, {
    size: { type: 'string' },
    sizes: { type: 'string' },
    needs: { type: 'string' },
    rounds: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
    'http-seconds': { type: 'string' },
    'tune-batch': { type: 'boolean' },
  })
  if (values.size !== undefined && values.sizes !== undefined) throw new UsageError('give either --size or --sizes, not both')
  return {
    sizes: values.sizes !== undefined ? parseSizes(values.sizes) : [parseSize(values.size ?? '100k')],
    needs: parsePositiveInt('needs', values.needs ?? '50', 1000),
    rounds: parsePositiveInt('rounds', values.rounds ?? '3', 100),
    seed: parseSeed(values.seed ?? '42'),
    now: parseNow(values.now ?? '2026-11-22'),
    httpSeconds: parsePositiveInt('http-seconds', values['http-seconds'] ?? String(HTTP_DEFAULTS.durationSeconds), 600),
    tuneBatch: values['tune-batch'] === true,
  }
}

interface SizeResult {
  size: number
  rows: LoadCounts
  needs: number
  ingestion: {
    tuning: BatchSizeTuning | null
    product: Throughput & { batchSize: number; meilisearch: IndexingBatches }
    direct: Omit<DirectIngestion, 'search'> & { batchSize: number; meilisearch: IndexingBatches }
    productOverDirect: number | null
  }
  freshness: FreshnessResult
  matching: MatchingLatencies & { scoring: { candidates: number; perCandidateUs: number } }
  postgresOnly: PostgresOnlyResult & { storedOverPostgresP50: number | null; refreshOverPostgresP50: number | null }
  http: HttpBenchResult
  memory: MemoryReport
}

/** Batch sizes are tried at the first size only, if asked: the trials' cost grows with the index (lib/ingestion.ts). */
async function benchmarkSize(size: number, options: Options, tune: boolean): Promise<SizeResult> {
  return withScratchServers(scratchDir(String(size)), async (servers) => {
    process.stderr.write(`\n== ${size.toLocaleString('en')} capacities ==\n`)
    const memory = monitorMemory({ postgresPid: servers.postgresPid, meilisearchPid: servers.meilisearchPid })
    let app: BenchApp | undefined
    try {
      const now = new Date(`${options.now}T10:00:00Z`)
      memory.phase('loading')
      const rows = await loadGeneratedDataset(servers.sql, { seed: options.seed, capacities: size, now: options.now })

      memory.phase('ingestion')
      await settle(servers.sql)
      const { search: directSearch, ...direct } = await directIngestion(servers, rows.search_outbox)
      const directBatches = await indexingBatches(directSearch, Object.values(directSearch.indexes))
      const tuning = tune ? await tuneWorkerBatchSize(servers, directSearch, TUNING_SAMPLE) : null
      await settle(servers.sql)
      const product = await drainOutbox(servers.sql, servers.search, rows.search_outbox, 'indexing via the outbox')
      const productBatches = await indexingBatches(servers.search, Object.values(servers.search.indexes))

      memory.phase('freshness')
      const freshness = await measureFreshness(servers, directSearch)
      await dropPrefixedSearch(directSearch)

      memory.phase('matching')
      app = await startBenchApp(servers, now, 'bench')
      const prepared = await prepareNeeds(servers, app, await publishedNeedIds(servers.sql, options.now, options.needs), now)
      const matching = await measureMatching(servers, app, prepared, options.rounds)

      memory.phase('postgres-only')
      const postgresOnly = await measurePostgresOnly(servers.sql, prepared, options.rounds, options.now)

      memory.phase('http')
      const http = await measureHttp(servers, app, prepared.needs.map((need) => need.id), { ...HTTP_DEFAULTS, durationSeconds: options.httpSeconds })

      return {
        size,
        rows,
        needs: prepared.needs.length,
        ingestion: {
          tuning,
          product: { ...product, batchSize: DEFAULT_OUTBOX_BATCH_SIZE, meilisearch: productBatches },
          direct: { ...direct, batchSize: DIRECT_BATCH, meilisearch: directBatches },
          productOverDirect: ratio(product.documentsPerSecond, direct.documentsPerSecond),
        },
        freshness,
        matching: { ...matching, scoring: prepared.scoring },
        postgresOnly: {
          ...postgresOnly,
          storedOverPostgresP50: ratio(matching.stored.p50, postgresOnly.latency.p50),
          refreshOverPostgresP50: ratio(matching.refresh.p50, postgresOnly.latency.p50),
        },
        http,
        memory: await memory.stop(),
      }
    } finally {
      await memory.stop()
      await app?.close()
    }
  })
}

interface TargetCheck {
  target: string
  size: number
  value: number | null
  limit: string
  met: boolean
}

function checkTargets(results: readonly SizeResult[]): TargetCheck[] {
  return results.flatMap((r) => {
    const check = (target: string, value: number | null, limit: number, atMost: boolean): TargetCheck => ({
      target,
      size: r.size,
      value,
      limit: `${atMost ? '≤' : '≥'} ${limit}`,
      met: value !== null && (atMost ? value <= limit : value >= limit),
    })
    return [
      check('ingestion: product path / straight to Meilisearch', r.ingestion.productOverDirect, TARGETS.ingestionRatio, false),
      check('matching: stored p50 / raw multi-search p50', r.matching.ratios.storedP50, TARGETS.matchingP50, true),
      check('matching: stored p95 / raw multi-search p95', r.matching.ratios.storedP95, TARGETS.matchingP95, true),
      check('ours stored p50 / PostgreSQL-only p50', r.postgresOnly.storedOverPostgresP50, TARGETS.oursOverPostgres, true),
      check('HTTP: /healthz app / bare node:http (same JSON)', r.http.healthz.appOverBare, TARGETS.healthzOverBare, false),
    ]
  })
}

/** Largest size over smallest, per latency (and throughput) figure; null with a single size. */
function scaling(results: readonly SizeResult[]) {
  const first = results[0]
  const last = results[results.length - 1]
  if (!first || !last || first === last) return null
  return {
    from: first.size,
    to: last.size,
    rawP50: ratio(last.matching.raw.p50, first.matching.raw.p50),
    rawP95: ratio(last.matching.raw.p95, first.matching.raw.p95),
    storedP50: ratio(last.matching.stored.p50, first.matching.stored.p50),
    storedP95: ratio(last.matching.stored.p95, first.matching.stored.p95),
    refreshP50: ratio(last.matching.refresh.p50, first.matching.refresh.p50),
    refreshP95: ratio(last.matching.refresh.p95, first.matching.refresh.p95),
    postgresOnlyP50: ratio(last.postgresOnly.latency.p50, first.postgresOnly.latency.p50),
    freshnessP95: ratio(last.freshness.product.p95, first.freshness.product.p95),
    matchesUnderLoadP50: ratio(last.http.matches.latencyP50Ms, first.http.matches.latencyP50Ms),
    productIngestion: ratio(last.ingestion.product.documentsPerSecond, first.ingestion.product.documentsPerSecond),
  }
}

/** The app process's peak in the phases where it serves requests, not where the driver holds whole datasets. */
function servingRssMb(memory: MemoryReport): number {
  return Math.max(0, ...SERVING_PHASES.map((phase) => memory.byPhase[phase]?.appRssMb ?? 0))
}

const label = (size: number) => (size % 1_000_000 === 0 ? `${size / 1_000_000}M` : size % 1000 === 0 ? `${size / 1000}k` : String(size))
const n = (value: number) => value.toLocaleString('en').replaceAll(',', ' ')
const ms = (p: { p50: number; p95: number }) => `${p.p50} / ${p.p95}`
const batches = (b: IndexingBatches) => `${b.batches} (${b.tasksPerBatch}, ${b.seconds} s)`
const verdict = (met: boolean) => (met ? 'met' : '**missed**')

function report(results: readonly SizeResult[], checks: readonly TargetCheck[], scale: ReturnType<typeof scaling>): string {
  const met = (target: string, size: number) => {
    const check = checks.find((c) => c.target === target && c.size === size)
    return check ? ` (${verdict(check.met)})` : ''
  }
  type Row = [string, (r: SizeResult) => Cell, string?, Cell?]
  const rows: Row[] = [
    ['**ingestion**', () => ''],
    ['product path: PostgreSQL → outbox worker → Meilisearch, docs/s', (r) => `${n(r.ingestion.product.documentsPerSecond)} (${n(r.ingestion.product.documents)} docs in ${r.ingestion.product.seconds} s, batch ${r.ingestion.product.batchSize})`, '', scale ? `${scale.productIngestion}×` : undefined],
    ['same documents straight to Meilisearch (10k batches, all enqueued), docs/s', (r) => `${n(r.ingestion.direct.documentsPerSecond)} (${r.ingestion.direct.seconds} s, ${n(r.ingestion.direct.megabytes)} MB of JSON; reading them beforehand: ${r.ingestion.direct.readSeconds} s)`],
    ['Meilisearch indexing batches (tasks per batch, engine busy s): product / straight', (r) => `${batches(r.ingestion.product.meilisearch)} / ${batches(r.ingestion.direct.meilisearch)}`],
    ['ratio product / straight', (r) => `${r.ingestion.productOverDirect}${met('ingestion: product path / straight to Meilisearch', r.size)}`, `≥ ${TARGETS.ingestionRatio}`],
    ['freshness: update → searchable via outbox + LISTEN/NOTIFY, p50 / p95 ms', (r) => ms(r.freshness.product), '', scale ? `p95 ${scale.freshnessP95}×` : undefined],
    ['same update straight: enqueue → searchable, p50 / p95 ms', (r) => ms(r.freshness.directVisible)],
    ['same update straight: task enqueuedAt → finishedAt, p50 / p95 ms', (r) => ms(r.freshness.directTask)],
    ['freshness p95 via the outbox / Meilisearch task p95', (r) => ratio(r.freshness.product.p95, r.freshness.directTask.p95)],
    ['**matching** (p50 / p95 ms, ratio to raw)', () => ''],
    ['raw retrieval multi-search straight to Meilisearch', (r) => ms(r.matching.raw), '', scale ? `${scale.rawP50}× / ${scale.rawP95}×` : undefined],
    ['GET /api/needs/{id}/matches (stored results)', (r) => `${ms(r.matching.stored)} → ${r.matching.ratios.storedP50}${met('matching: stored p50 / raw multi-search p50', r.size)} / ${r.matching.ratios.storedP95}${met('matching: stored p95 / raw multi-search p95', r.size)}`, `≤ ${TARGETS.matchingP50} / ≤ ${TARGETS.matchingP95}`, scale ? `${scale.storedP50}× / ${scale.storedP95}×` : undefined],
    ['GET …/matches?refresh=true (retrieve + load + score + save; what the match worker does on a change)', (r) => `${ms(r.matching.refresh)} → ${r.matching.ratios.refreshP50} / ${r.matching.ratios.refreshP95}`, 'not a target', scale ? `${scale.refreshP50}× / ${scale.refreshP95}×` : undefined],
    ['scoring in the core, µs per candidate supplier', (r) => `${r.matching.scoring.perCandidateUs} (${n(r.matching.scoring.candidates)} candidates)`],
    ['**the alternative: PostgreSQL alone**', () => ''],
    ['SQL top-20 (GIN processes, btree sites(lat, lon), GIN standards), p50 / p95 ms', (r) => `${ms(r.postgresOnly.latency)} (indexes built in ${r.postgresOnly.indexSeconds} s; top-20 overlap with ours ${Math.round(r.postgresOnly.overlapWithOurs * 100)} %)`, '', scale ? `${scale.postgresOnlyP50}×` : undefined],
    ['ours stored p50 / PostgreSQL p50', (r) => `${r.postgresOnly.storedOverPostgresP50}${met('ours stored p50 / PostgreSQL-only p50', r.size)}`, `≤ ${TARGETS.oursOverPostgres}`],
    ['ours refresh p50 / PostgreSQL p50 (recomputing, against SQL that computes every time)', (r) => `${r.postgresOnly.refreshOverPostgresP50}`, 'not a target'],
    ['**HTTP** (autocannon in a child process)', () => ''],
    ['/healthz req/s, app vs bare node:http same JSON (c=50)', (r) => `${n(r.http.healthz.requestsPerSecond.app)} vs ${n(r.http.healthz.requestsPerSecond.bareSameJson)} → ${r.http.healthz.appOverBare}${met('HTTP: /healthz app / bare node:http (same JSON)', r.size)}`, `≥ ${TARGETS.healthzOverBare}`],
    ['/healthz req/s, app vs bare node:http running the same two probes', (r) => `${n(r.http.healthz.requestsPerSecond.app)} vs ${n(r.http.healthz.requestsPerSecond.bareSameProbes)} → ${r.http.healthz.appOverBareSameProbes}`],
    ['matches endpoint (stored), c=16: req/s, p50 / p99 ms, errors', (r) => `${n(r.http.matches.requestsPerSecond)} req/s, ${r.http.matches.latencyP50Ms} / ${r.http.matches.latencyP99Ms}, ${r.http.matches.errors} errors`, '', scale ? `p50 ${scale.matchesUnderLoadP50}×` : undefined],
    ['**memory peaks** (RSS sampled every 500 ms)', () => ''],
    ['app process (it also drives the benchmark), MB: while serving / overall', (r) => `${n(servingRssMb(r.memory))} / ${n(r.memory.peaks.appRssMb)}`],
    ['PostgreSQL, postmaster + children, MB: VmRSS sum / shared pages once', (r) => `${n(r.memory.peaks.postgresRssSumMb)} / ${n(r.memory.peaks.postgresSharedOnceMb)}`],
    ['Meilisearch, MB: sampled VmRSS / VmHWM', (r) => `${n(r.memory.peaks.meilisearchRssMb)} / ${r.memory.meilisearchHwmMb === null ? '?' : n(r.memory.meilisearchHwmMb)}`],
  ]
  const header: Cell[] = ['', ...results.map((r) => `${label(r.size)} capacities`), 'target', ...(scale ? [`scaling ${label(scale.from)} → ${label(scale.to)}`] : [])]
  const main = markdownTable(
    header,
    rows.map(([name, cell, target, scaled]) => [name, ...results.map(cell), target ?? '', ...(scale ? [scaled ?? ''] : [])]),
  )
  const tuned = results[0]?.ingestion.tuning
  const tuning = tuned
    ? `Outbox worker batch size, draining a burst of ${n(tuned.sample)} changed capacities into an index already holding ${n(tuned.indexedCapacities)} (best of ${tuned.trials[0]?.roundSeconds.length ?? 0} rounds; the server's default is ${n(DEFAULT_OUTBOX_BATCH_SIZE)}):\n\n${markdownTable(
        ['worker batch size', 'docs/s', 'seconds per round'],
        tuned.trials.map((t) => [`${t.batchSize}${t.batchSize === tuned.best ? ' ← best' : ''}${t.batchSize === DEFAULT_OUTBOX_BATCH_SIZE ? ' (default)' : ''}`, n(t.documentsPerSecond), t.roundSeconds.join(' / ')]),
      )}`
    : ''
  return `${main}\n\n${tuning}`
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2))
  const machine = await describeMachine()
  const at = new Date().toISOString()
  const started = performance.now()
  const results: SizeResult[] = []
  const minutes = () => Math.round((performance.now() - started) / 6000) / 10
  let file = ''
  for (const size of options.sizes) {
    results.push(await benchmarkSize(size, options, options.tuneBatch && results.length === 0))
    // Saved after every size: a long run that fails later keeps what it measured.
    file = await writeResults('bench', at, { at, machine, options, minutes: minutes(), targets: TARGETS, results, checks: checkTargets(results), scaling: scaling(results) })
  }
  const checks = checkTargets(results)
  const scale = scaling(results)
  const missed = checks.filter((c) => !c.met)
  console.log(`
Machine: ${machineLine(machine)}. Seed ${options.seed}, dataset today ${options.now}, ${options.needs} needs × ${options.rounds} rounds; ${minutes()} min.

${report(results, checks, scale)}

Targets: ${checks.length - missed.length} of ${checks.length} met.${missed.length ? ` Missed: ${missed.map((c) => `${c.target} at ${label(c.size)} (${c.value} vs ${c.limit})`).join('; ')}.` : ''}
Raw results: ${file}`)
}

await runCli(USAGE, main)
