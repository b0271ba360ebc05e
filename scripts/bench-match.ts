/**
 * `npm run bench:match [-- --size 100k --needs 50 --rounds 3 --seed 42]`
 *
 * Loads generated capacities across the real cluster cities into scratch servers through the product's
 * own path, then measures, for the same needs and with the same HTTP client (undici):
 *   - the matches endpoint as users call it (stored results),
 *   - the matches endpoint recomputing (`?refresh=true`: retrieval + PostgreSQL + scoring + saving),
 *   - the retrieval multi-search sent straight to Meilisearch,
 * and prints their p50/p95 and ratios, plus the scoring time per candidate. Raw results go to .bench/.
 * `npm run bench` runs the same measurement (lib/matching.ts) within the whole suite.
 */
import { availableParallelism } from 'node:os'
import { parseNow, parseOptions, parsePositiveInt, parseSeed, parseSize, runCli } from './lib/cli.js'
import { drainOutbox, loadGeneratedDataset } from './lib/ingestion.js'
import { markdownTable } from './lib/markdown.js'
import { measureMatching, prepareNeeds, publishedNeedIds, startBenchApp } from './lib/matching.js'
import { writeResults } from './lib/results.js'
import { scratchDir, withScratchServers } from './lib/servers.js'

const USAGE = `Usage: npm run bench:match -- [--size 100k] [--needs 50] [--rounds 3] [--seed 42] [--now YYYY-MM-DD]

  --size    capacities to generate: 1000…1000000 or 1k…1m (default 100k)
  --needs   published needs to query (default 50)
  --rounds  passes over the needs per measurement (default 3)
  --seed    data generator seed (default 42)
  --now     the dataset's today (default 2026-11-22, so runs are comparable)
`

interface Options {
  size: number
  needs: number
  rounds: number
  seed: number
  now: string
}

function parse(argv: readonly string[]): Options {
  const { values } = parseOptions(argv, {
    size: { type: 'string' },
    needs: { type: 'string' },
    rounds: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
  })
  return {
    size: parseSize(values.size ?? '100k'),
    needs: parsePositiveInt('needs', values.needs ?? '50', 1000),
    rounds: parsePositiveInt('rounds', values.rounds ?? '3', 100),
    seed: parseSeed(values.seed ?? '42'),
    now: parseNow(values.now ?? '2026-11-22'),
  }
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2))
  await withScratchServers(scratchDir(), async (servers) => {
    const now = new Date(`${options.now}T10:00:00Z`)
    const counts = await loadGeneratedDataset(servers.sql, { seed: options.seed, capacities: options.size, now: options.now })
    await drainOutbox(servers.sql, servers.search, counts.search_outbox, 'indexing via the outbox')

    const app = await startBenchApp(servers, now, 'bench:match')
    const prepared = await prepareNeeds(servers, app, await publishedNeedIds(servers.sql, options.now, options.needs), now)
    const { raw, stored, refresh, ratios } = await measureMatching(servers, app, prepared, options.rounds).finally(() => app.close())

    const at = new Date().toISOString()
    const needs = prepared.needs.length
    const { scoring } = prepared
    const file = await writeResults('bench-match', at, {
      at,
      machine: { cpus: availableParallelism(), node: process.version },
      options,
      rows: counts,
      needs,
      raw,
      stored,
      refresh,
      ratios,
      scoring,
    })
    console.log(`
${markdownTable(
  [`${options.size.toLocaleString('en')} capacities, ${needs} needs × ${options.rounds}`, 'p50 ms', 'p95 ms', 'ratio p50', 'ratio p95'],
  [
    ['retrieval multi-search straight to Meilisearch (undici)', raw.p50, raw.p95, 1, 1],
    ['GET /api/needs/{id}/matches (stored results, as users call it)', stored.p50, stored.p95, ratios.storedP50, ratios.storedP95],
    ['GET /api/needs/{id}/matches?refresh=true (retrieve + load + score + save)', refresh.p50, refresh.p95, ratios.refreshP50, ratios.refreshP95],
  ],
)}

Scoring: ${scoring.perCandidateUs} µs per candidate supplier (${scoring.candidates} candidates over ${needs} needs).
Raw results: ${file}`)
  })
}

await runCli(USAGE, main)
