/**
 * `npx tsx scripts/screenshot-analytics.ts [-- --size 3k --seed 42]`: the README's picture of «Аналитика кластера».
 * Loads the demo's generated clusters on embedded servers (data in `.screenshot-demo/`, wiped first), waits for
 * the matching worker, then writes a centre's pipeline history into the generated needs — which pairs the centre
 * introduced, when, and which signed a contract — since a freshly generated exchange has none. Captures the
 * dashboard of the Kama centre's curator with Debian Chromium at 1280 px (web/screenshots/centre-analytics.png) and 360 px
 * (.screenshots/centre-analytics-360.png).
 */
import { rm } from 'node:fs/promises'
import { chromium } from 'playwright-core'
import { loadConfig } from '../src/config.js'
import type { Sql } from '../src/db/client.js'
import { createLogger } from '../src/lib/log.js'
import { createOutboxWorker } from '../src/search/worker.js'
import { startPodryad } from '../src/server.js'
import { queueMatchRecomputation } from '../src/services/matches/queue.js'
import { createUser } from '../src/services/users/createUser.js'
import { generateDataset } from './data/generate.js'
import { loadDataset } from './data/load.js'
import { parseOptions, parseSeed, parseSize, runCli } from './lib/cli.js'

const DIR = '.screenshot-demo'
const CURATOR = { email: 'curator@podryad.demo', password: 'Куратор центра субконтрактации 2026' }
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

async function createCurator(sql: Sql): Promise<void> {
  const [centre] = await sql<{ id: string }[]>`
    select o.id from organizations o
    where 'centre' = any(o.kinds) and exists (select 1 from sites s where s.org_id = o.id and s.region_code = '16') order by o.id limit 1`
  if (!centre) throw new Error('the generated dataset has no centre in Tatarstan')
  await sql.begin(async (tx) => {
    const userId = await createUser(tx, { email: CURATOR.email, name: 'Алексей Гарипов', password: CURATOR.password, platformRole: 'curator' })
    await tx`insert into memberships (user_id, org_id, role) values (${userId}, ${centre.id}, 'admin')`
  })
}

async function waitForMatches(sql: Sql): Promise<void> {
  for (;;) {
    const [pending] = await sql<{ count: number }[]>`
      select (select count(*) from match_outbox where processed_at is null) + (select count(*) from search_outbox where processed_at is null) as count`
    if (Number(pending?.count ?? 0) === 0) return
    process.stdout.write(`\rwaiting for the matching worker: ${pending?.count} queued    `)
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
}

/**
 * A believable centre history, decided per need by a hash of its id: about two needs in three with a match get
 * their best supplier introduced 4 hours to 8 days after publication (never in the future), and about one
 * introduction in three ends in a contract. Written as the services would: statuses, times and audit entries.
 */
async function writePipelineHistory(sql: Sql): Promise<void> {
  await sql`select 1`
  const introduced = await sql<{ needId: string; orgId: string; at: Date; contracted: boolean }[]>`
    with best as (
      select distinct on (m.need_id) m.need_id, m.supplier_org_id, n.published_at,
             abs(hashtext(n.id)) % 100 as roll, abs(hashtext(n.id || 'h')) % 188 + 4 as hours
      from matches m join needs n on n.id = m.need_id
      where n.published_at is not null and m.source = 'core'
      order by m.need_id, m.score desc, m.supplier_org_id
    )
    select need_id, supplier_org_id as org_id, least(published_at + make_interval(hours => hours), now() - interval '1 hour') as at, roll < 22 as contracted
    from best where roll < 66`
  for (const pair of introduced) {
    const status = pair.contracted ? 'contracted' : 'introduced'
    await sql`update matches set status = ${status}, status_changed_at = ${pair.at} where need_id = ${pair.needId} and supplier_org_id = ${pair.orgId}`
    await sql`
      insert into audit_log (at, action, entity, entity_id, details)
      values (${pair.at}, 'match.introduce', 'match', ${`${pair.needId}:${pair.orgId}`},
              ${sql.json({ needId: pair.needId, orgId: pair.orgId, from: 'shortlisted', to: 'introduced' })})`
  }
  console.log(`\n${introduced.length} introductions, ${introduced.filter((pair) => pair.contracted).length} contracts written`)
}

/** How long the dashboard's three aggregations take on this data: the median of five calls of each endpoint. */
async function timeEndpoints(origin: string): Promise<void> {
  const login = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CURATOR) })
  const cookie = login.headers.getSetCookie().find((header) => header.startsWith('__Host-session='))?.split(';')[0] ?? ''
  for (const endpoint of ['cooperation', 'unmet-demand', 'certification-gap']) {
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      const res = await fetch(`${origin}/api/analytics/${endpoint}`, { headers: { cookie } })
      await res.text()
      if (res.status !== 200) throw new Error(`${endpoint}: ${res.status}`)
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    console.log(`GET /api/analytics/${endpoint}: median ${times[2]?.toFixed(0)} ms of 5`)
  }
}

await runCli('Usage: npx tsx scripts/screenshot-analytics.ts [-- --size 3k --seed 42]\n', async () => {
  const { values } = parseOptions(process.argv.slice(2), { size: { type: 'string' }, seed: { type: 'string' } })
  const size = parseSize(values.size ?? '3k')
  const seed = parseSeed(values.seed ?? '42')
  await rm(DIR, { recursive: true, force: true })
  const config = loadConfig({ ...process.env, DATA_DIR: DIR, DATABASE_URL: '', MEILI_URL: '', PORT: '3917', LOG_LEVEL: 'warn' })
  const podryad = await startPodryad(config, createLogger(config.LOG_LEVEL), {
    prepare: async ({ sql, search }) => {
      const dataset = generateDataset({ seed, capacities: size, now: new Date().toISOString().slice(0, 10), contractors: 150 })
      await loadDataset(sql, dataset)
      await createCurator(sql)
      const worker = createOutboxWorker({ sql, search, batchSize: 2000, onIndexed: queueMatchRecomputation })
      while ((await worker.drainOnce()) > 0);
    },
  })
  try {
    await waitForMatches(podryad.sql)
    await writePipelineHistory(podryad.sql)
    const [size] = await podryad.sql<{ needs: number; matches: number; nearMisses: number }[]>`
      select (select count(*)::int from needs) as needs, (select count(*)::int from matches) as matches, (select count(*)::int from near_misses) as near_misses`
    console.log(`${size?.needs} needs, ${size?.matches} matches, ${size?.nearMisses} near misses`)
    await timeEndpoints(`http://localhost:${config.PORT}`)
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=ru-RU'], env: { ...process.env, LANG: 'ru_RU.UTF-8', LANGUAGE: 'ru' } })
    try {
      const origin = `http://localhost:${config.PORT}`
      for (const shot of [
        { width: 1280, height: 1800, path: 'web/screenshots/centre-analytics.png', fullPage: false },
        { width: 360, height: 780, path: '.screenshots/centre-analytics-360.png', fullPage: true },
      ]) {
        const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' })
        await page.goto(`${origin}/signin?next=${encodeURIComponent('/centre/analytics')}`)
        await page.fill('input[name=email]', CURATOR.email)
        await page.fill('input[name=password]', CURATOR.password)
        await Promise.all([page.waitForURL(/\/centre\/analytics/), page.click('main button[type=submit]')])
        await page.screenshot({ path: shot.path, fullPage: shot.fullPage })
        if (shot.fullPage) {
          // The phone page is long: also in screen-high parts, to look at one by one.
          const height = (await page.locator('body').boundingBox())?.height ?? shot.height
          for (let top = 0, part = 1; top < height; top += 1400, part++) {
            await page.screenshot({ path: shot.path.replace('.png', `-${part}.png`), fullPage: true, clip: { x: 0, y: top, width: shot.width, height: Math.min(1400, height - top) } })
          }
        }
        await page.close()
        console.log(`saved ${shot.path}`)
      }
    } finally {
      await browser.close()
    }
  } finally {
    await podryad.stop('done')
  }
})
