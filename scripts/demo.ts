/**
 * `npm run demo [-- --size 7k --seed 42]`: a believable cluster to click through. Starts Podryad on
 * embedded PostgreSQL and Meilisearch with its own data folder (`.demo/`, wiped at every start, so an
 * interrupted run never leaves a half-loaded demo behind), loads the 20 real clusters with about 2,000
 * suppliers and 150 contractors and their needs, creates one account per role and prints them.
 */
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { loadConfig } from '../src/config.js'
import type { Sql } from '../src/db/client.js'
import { createLogger } from '../src/lib/log.js'
import type { Search } from '../src/search/client.js'
import { createOutboxWorker } from '../src/search/worker.js'
import { startPodryad } from '../src/server.js'
import { queueMatchRecomputation } from '../src/services/matches/queue.js'
import { createUser } from '../src/services/users/createUser.js'
import { generateDataset } from './data/generate.js'
import { loadDataset } from './data/load.js'
import { parseOptions, parseSeed, parseSize, runCli } from './lib/cli.js'
import { progressBar } from './lib/progress.js'

const USAGE = `Usage: npm run demo -- [--size 7k] [--seed 42]

  --size   capacities to generate, 1000…1000000 or 1k…1m (default 7k: about 2,000 suppliers)
  --seed   data generator seed (default 42)

The demo keeps its data in .demo/ (wiped at every start) and listens on PORT (default 3000).
`

const DEMO_DIR = '.demo'
const DEMO_CONTRACTORS = 150

interface DemoAccount {
  role: string
  email: string
  password: string
  organization: string
}

async function firstOrganization(sql: Sql, where: ReturnType<Sql>): Promise<{ id: string; name: string }> {
  const [org] = await sql<{ id: string; name: string }[]>`select id, name from organizations o where ${where} order by id limit 1`
  if (!org) throw new Error('the generated dataset lacks an organization the demo accounts need')
  return org
}

async function createAccounts(sql: Sql): Promise<DemoAccount[]> {
  const kamaCentre = await firstOrganization(sql, sql`'centre' = any(o.kinds) and exists (select 1 from sites s where s.org_id = o.id and s.region_code = '16')`)
  const kamaz = await firstOrganization(sql, sql`'contractor' = any(o.kinds) and o.name like '%КАМАЗ%'`)
  const supplier = await firstOrganization(sql, sql`'supplier' = any(o.kinds) and exists (select 1 from sites s where s.org_id = o.id and s.city = 'Набережные Челны')`)
  const accounts: (Omit<DemoAccount, 'password'> & { name: string; platformRole?: 'admin' | 'curator'; orgId?: string })[] = [
    { role: 'platform admin', email: 'admin@podryad.demo', name: 'Ирина Соколова', platformRole: 'admin', organization: '—' },
    { role: 'centre curator', email: 'curator@podryad.demo', name: 'Алексей Гарипов', platformRole: 'curator', orgId: kamaCentre.id, organization: kamaCentre.name },
    { role: 'contractor', email: 'buyer@podryad.demo', name: 'Марат Хайруллин', orgId: kamaz.id, organization: kamaz.name },
    { role: 'supplier', email: 'supplier@podryad.demo', name: 'Ольга Кузнецова', orgId: supplier.id, organization: supplier.name },
  ]
  const created: DemoAccount[] = []
  for (const account of accounts) {
    const password = randomBytes(12).toString('base64url')
    await sql.begin(async (tx) => {
      const userId = await createUser(tx, { email: account.email, name: account.name, password, ...(account.platformRole ? { platformRole: account.platformRole } : {}) })
      if (account.orgId) await tx`insert into memberships (user_id, org_id, role) values (${userId}, ${account.orgId}, 'admin')`
    })
    created.push({ role: account.role, email: account.email, password, organization: account.organization })
  }
  return created
}

async function load(sql: Sql, search: Search, size: number, seed: number): Promise<DemoAccount[]> {
  const dataset = generateDataset({ seed, capacities: size, now: new Date().toISOString().slice(0, 10), contractors: DEMO_CONTRACTORS })
  const loading = progressBar('loading the clusters', dataset.plan.capacities)
  const counts = await loadDataset(sql, dataset, { onProgress: (table, rows) => table === 'capacities' && loading.update(rows) })
  loading.finish(`(${dataset.plan.suppliers} suppliers, ${dataset.plan.contractors} contractors, ${dataset.plan.needs} needs)`)
  const accounts = await createAccounts(sql)
  const worker = createOutboxWorker({ sql, search, batchSize: 2000, onIndexed: queueMatchRecomputation })
  const indexing = progressBar('indexing for search', counts.search_outbox)
  let indexed = 0
  for (let done = await worker.drainOnce(); done > 0; done = await worker.drainOnce()) {
    indexed += done
    indexing.update(indexed)
  }
  indexing.finish()
  return accounts
}

await runCli(USAGE, async () => {
  const { values } = parseOptions(process.argv.slice(2), { size: { type: 'string' }, seed: { type: 'string' } })
  const size = parseSize(values.size ?? '7k')
  const seed = parseSeed(values.seed ?? '42')
  await rm(DEMO_DIR, { recursive: true, force: true })
  const config = loadConfig({ ...process.env, DATA_DIR: DEMO_DIR, DATABASE_URL: '', MEILI_URL: '', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' })
  const log = createLogger(config.LOG_LEVEL)
  let accounts: DemoAccount[] = []
  const podryad = await startPodryad(config, log, { prepare: async ({ sql, search }) => void (accounts = await load(sql, search, size, seed)) })
  process.once('SIGINT', () => void podryad.stop('SIGINT').then(() => process.exit(0)))
  process.once('SIGTERM', () => void podryad.stop('SIGTERM').then(() => process.exit(0)))
  console.log(`\nPodryad demo is running on ${podryad.url} (data in ${DEMO_DIR}/, e-mails in ${config.MAILBOX_DIR}/)\n`)
  console.log('| role | e-mail | password | organization |\n|---|---|---|---|')
  for (const a of accounts) console.log(`| ${a.role} | ${a.email} | ${a.password} | ${a.organization} |`)
  console.log('\nMatches are computed in the background over the next minute; press Ctrl-C to stop.')
})
