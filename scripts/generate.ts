/**
 * Inspect a generated dataset without touching a database:
 *   npx tsx scripts/generate.ts --size 10k --seed 42 [--now 2026-11-22] [--summary | --ndjson]
 * The summary counts rows per table, cluster and sector and shows sample rows; --ndjson streams every row instead
 * (`{"table":…,"row":…}` per line), e.g. to diff two seeds or check that a seed reproduces byte for byte.
 * Loading is `loadDataset` (scripts/data/load.ts), called by the demo and benchmark scripts.
 */
import { once } from 'node:events'
import { CLUSTERS } from './data/clusters.js'
import { type Dataset, generateDataset } from './data/generate.js'
import { UsageError, parseNow, parseOptions as parseStrict, parseSeed, parseSize, runCli } from './lib/cli.js'

const USAGE = `Usage: npx tsx scripts/generate.ts --size <1k…1m> [--seed <int>] [--now YYYY-MM-DD] [--summary | --ndjson]

  --size     number of capacities: 1000…1000000, or with a suffix: 1k, 250k, 1m (default 10k)
  --seed     PRNG seed, an integer 0…4294967295 (default 42)
  --now      the dataset's today (default: today, UTC); the same seed and --now give byte-identical rows
  --summary  print counts per table, cluster and sector and sample rows (the default)
  --ndjson   print every row as {"table": …, "row": …}, one per line
`

interface Arguments {
  size: number
  seed: number
  now: string
  format: 'summary' | 'ndjson'
}

function parseArguments(argv: readonly string[]): Arguments {
  const { values } = parseStrict(argv, {
    size: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
    summary: { type: 'boolean' },
    ndjson: { type: 'boolean' },
  })
  if (values.summary && values.ndjson) throw new UsageError('--summary and --ndjson exclude each other')
  return {
    size: parseSize(values.size ?? '10k'),
    seed: parseSeed(values.seed ?? '42'),
    now: parseNow(values.now ?? new Date().toISOString().slice(0, 10)),
    format: values.ndjson ? 'ndjson' : 'summary',
  }
}

async function write(line: string): Promise<void> {
  if (!process.stdout.write(line)) await once(process.stdout, 'drain')
}

const TABLES = ['clusters', 'organizations', 'organizationClusters', 'sites', 'certificates', 'capacities', 'needs'] as const

async function printRows(dataset: Dataset): Promise<void> {
  for (const table of TABLES) {
    for (const row of dataset[table]()) await write(`${JSON.stringify({ table, row })}\n`)
  }
}

interface ClusterTally {
  suppliers: number
  contractors: number
  capacities: number
  needs: number
}

function first<T>(rows: Iterable<T>, count: number, keep: (row: T) => boolean = () => true): T[] {
  const kept: T[] = []
  for (const row of rows) {
    if (kept.length === count) break
    if (keep(row)) kept.push(row)
  }
  return kept
}

const pad = (value: string | number, width: number) => String(value).padStart(width)

function printSummary(dataset: Dataset, args: Arguments): void {
  const started = performance.now()
  const tally = new Map(CLUSTERS.map((cluster) => [cluster.id, { suppliers: 0, contractors: 0, capacities: 0, needs: 0 } as ClusterTally]))
  const homeCluster = new Map<string, string>()
  const rows = new Map<string, number>(['clusters', 'organizations', 'organization_clusters', 'sites', 'certificates', 'capacities', 'needs'].map((table) => [table, 0]))
  const count = (table: string) => rows.set(table, (rows.get(table) ?? 0) + 1)
  const at = (orgId: string) => tally.get(homeCluster.get(orgId) ?? '')
  for (const { orgId, clusterId } of dataset.organizationClusters()) {
    count('organization_clusters')
    if (!homeCluster.has(orgId)) homeCluster.set(orgId, clusterId)
  }
  for (const _ of dataset.clusters()) count('clusters')
  for (const org of dataset.organizations()) {
    count('organizations')
    const entry = at(org.id)
    if (entry && org.kinds.includes('supplier')) entry.suppliers++
    if (entry && org.kinds.includes('contractor')) entry.contractors++
  }
  for (const _ of dataset.sites()) count('sites')
  for (const _ of dataset.certificates()) count('certificates')
  for (const capacity of dataset.capacities()) {
    count('capacities')
    const entry = at(capacity.orgId)
    if (entry) entry.capacities++
  }
  for (const need of dataset.needs()) {
    count('needs')
    const entry = tally.get(need.clusterId ?? '')
    if (entry) entry.needs++
  }
  const seconds = (performance.now() - started) / 1000
  const total = [...rows.values()].reduce((sum, n) => sum + n, 0)

  const out: string[] = []
  out.push(`Podryad dataset: seed ${args.seed}, now ${args.now}, ${args.size} capacities`)
  out.push(`Generated ${total} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s), no database touched`)
  out.push('', 'Rows per table')
  for (const [table, n] of rows) out.push(`  ${table.padEnd(24)}${pad(n, 10)}`)
  out.push('', 'Per cluster (home cluster of each organization)')
  out.push(`  ${'cluster'.padEnd(44)}${pad('suppliers', 10)}${pad('contractors', 12)}${pad('capacities', 11)}${pad('needs', 7)}`)
  const bySector = new Map<string, ClusterTally>()
  for (const cluster of CLUSTERS) {
    const entry = tally.get(cluster.id) as ClusterTally
    out.push(`  ${cluster.nameEn.slice(0, 43).padEnd(44)}${pad(entry.suppliers, 10)}${pad(entry.contractors, 12)}${pad(entry.capacities, 11)}${pad(entry.needs, 7)}`)
    const sector = bySector.get(cluster.sector) ?? { suppliers: 0, contractors: 0, capacities: 0, needs: 0 }
    bySector.set(cluster.sector, {
      suppliers: sector.suppliers + entry.suppliers,
      contractors: sector.contractors + entry.contractors,
      capacities: sector.capacities + entry.capacities,
      needs: sector.needs + entry.needs,
    })
  }
  out.push('', "Per sector (the clusters' lead sector)")
  for (const [sector, entry] of bySector) {
    out.push(`  ${sector.padEnd(44)}${pad(entry.suppliers, 10)}${pad(entry.contractors, 12)}${pad(entry.capacities, 11)}${pad(entry.needs, 7)}`)
  }
  const organizations = [
    ...first(dataset.organizations(), 1, (org) => org.kinds.includes('centre')),
    ...first(dataset.organizations(), 1, (org) => org.kinds.includes('contractor')),
    ...first(dataset.organizations(), 1, (org) => org.kinds.includes('supplier')),
  ]
  out.push('', 'Sample organizations', JSON.stringify(organizations, null, 2))
  out.push('', 'Sample capacities', JSON.stringify(first(dataset.capacities(), 3), null, 2))
  out.push('', 'Sample needs', JSON.stringify(first(dataset.needs(), 3), null, 2))
  console.log(out.join('\n'))
}

await runCli(USAGE, async () => {
  const args = parseArguments(process.argv.slice(2))
  const dataset = generateDataset({ seed: args.seed, capacities: args.size, now: args.now })
  if (args.format === 'ndjson') await printRows(dataset)
  else printSummary(dataset, args)
})
