/**
 * `npm run bench:alerts [-- --suppliers 2000 --needs 200 --seed 42]`
 *
 * A day of supplier alerts at cluster scale, on scratch servers: `--suppliers` supplier organizations with a
 * site and two members each, each with a saved search (one or two processes within 200 km of its site) and a
 * "needs like my capacities" alert; `--needs` needs published that day, indexed through the product's outbox,
 * with persisted matches for some suppliers. Then it times the scan (the need search per saved search, over
 * the day's needs) and the digest (one SQL read, one transaction per recipient), and the digest run again the
 * same day (idempotent), and prints the costs as ratios per supplier and per message. Raw results go to .bench/.
 */
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { newId } from '../src/lib/ids.js'
import { scanAlerts } from '../src/services/alerts/scan.js'
import { sendAlertDigests } from '../src/services/alerts/sendDigests.js'
import type { ServiceContext } from '../src/services/context.js'
import { parseOptions, parsePositiveInt, parseSeed, runCli } from './lib/cli.js'
import { drainOutbox } from './lib/ingestion.js'
import { markdownTable } from './lib/markdown.js'
import { writeResults } from './lib/results.js'
import { withScratchServers } from './lib/servers.js'

const USAGE = `Usage: npm run bench:alerts -- [--suppliers 2000] [--needs 200] [--seed 42]

  --suppliers  supplier organizations, each with a saved search and a capacities alert (default 2000)
  --needs      needs published on the day (default 200)
  --seed       random seed (default 42)
`

const PLACES = [
  { city: 'Набережные Челны', region: '16', lat: 55.7254, lon: 52.4112 },
  { city: 'Казань', region: '16', lat: 55.7963, lon: 49.1088 },
  { city: 'Тольятти', region: '63', lat: 53.5078, lon: 49.4204 },
  { city: 'Самара', region: '63', lat: 53.1959, lon: 50.1002 },
  { city: 'Ульяновск', region: '73', lat: 54.3282, lon: 48.3866 },
  { city: 'Нижний Новгород', region: '52', lat: 56.3287, lon: 44.002 },
  { city: 'Екатеринбург', region: '66', lat: 56.8389, lon: 60.6057 },
  { city: 'Пермь', region: '59', lat: 58.0105, lon: 56.2502 },
] as const
const PROCESSES = ['MCH.TURN', 'MCH.MILL3', 'MCH.MILL5', 'SHT.LASER', 'SHT.BEND', 'WLD.MIGMAG', 'WLD.TIG', 'CST.SAND', 'CST.INVEST', 'MCH.GEAR'] as const

/** mulberry32: a small seeded generator, so runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function main(): Promise<void> {
  const { values } = parseOptions(process.argv.slice(2), { suppliers: { type: 'string' }, needs: { type: 'string' }, seed: { type: 'string' } })
  const options = {
    suppliers: parsePositiveInt('suppliers', values.suppliers ?? '2000', 50_000),
    needs: parsePositiveInt('needs', values.needs ?? '200', 1000),
    seed: parseSeed(values.seed ?? '42'),
  }
  const rand = random(options.seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T
  const now = new Date('2026-11-22T07:00:00Z')
  const alertsCreated = new Date('2026-11-01T07:00:00Z')

  await withScratchServers(join('.bench', `servers-${process.pid}`), async ({ sql, search }) => {
    const suppliers = Array.from({ length: options.suppliers }, (_, i) => ({ id: newId('org'), site: newId('site'), place: pick(PLACES), inn: String(1_000_000_000 + i) }))
    await sql`insert into organizations (id, name, inn, kinds)
      select id, 'ООО «Поставщик ' || inn || '»', inn, '{supplier}' from unnest(${sql.array(suppliers.map((s) => s.id))}::text[], ${sql.array(suppliers.map((s) => s.inn))}::text[]) as t(id, inn)`
    await sql`insert into sites (id, org_id, name, address, city, region_code, lat, lon, precision)
      select site, org, 'Цех', city, city, region, lat, lon, 'city'
      from unnest(${sql.array(suppliers.map((s) => s.site))}::text[], ${sql.array(suppliers.map((s) => s.id))}::text[], ${sql.array(suppliers.map((s) => s.place.city))}::text[],
                  ${sql.array(suppliers.map((s) => s.place.region))}::text[], ${sql.array(suppliers.map((s) => s.place.lat))}::float8[], ${sql.array(suppliers.map((s) => s.place.lon))}::float8[])
        as t(site, org, city, region, lat, lon)`
    await sql`insert into users (id, email, name, password_hash)
      select 'usr_' || lpad(to_hex(g), 21, '0'), 'member' || g || '@example.ru', 'Сотрудник', 'never-signs-in' from generate_series(1, ${options.suppliers * 2}) g`
    await sql`insert into memberships (user_id, org_id, role)
      select 'usr_' || lpad(to_hex(o.n * 2 - k), 21, '0'), o.id, 'member'
      from unnest(${sql.array(suppliers.map((s) => s.id))}::text[]) with ordinality as o(id, n), generate_series(0, 1) k`
    const searchAlerts = suppliers.map((s) => ({ id: newId('alrt'), org: s.id, processes: rand() < 0.5 ? [pick(PROCESSES)] : [pick(PROCESSES), pick(PROCESSES)], place: s.place, site: s.site }))
    for (const alert of searchAlerts) {
      await sql`insert into supplier_alerts (id, org_id, kind, name, processes, site_id, center_lat, center_lon, radius_km, created_at, updated_at)
        values (${alert.id}, ${alert.org}, 'search', 'Поиск', ${sql.array([...new Set(alert.processes)])}, ${alert.site}, ${alert.place.lat}, ${alert.place.lon}, 200, ${alertsCreated}, ${alertsCreated})`
    }
    await sql`insert into supplier_alerts (id, org_id, kind, name, min_score, created_at, updated_at)
      select 'alrt_' || substr(id, 5), id, 'capacities', 'Мощности', 0.5, ${alertsCreated}, ${alertsCreated} from unnest(${sql.array(suppliers.map((s) => s.id))}::text[]) id`

    const contractor = newId('org')
    await sql`insert into organizations (id, name, inn, kinds) values (${contractor}, 'ПАО «Заказчик»', '9999999999', '{contractor}')`
    const needs = Array.from({ length: options.needs }, (_, i) => ({ id: newId('need'), place: pick(PLACES), processes: [pick(PROCESSES)], title: `Деталь № ${i + 1}` }))
    for (const need of needs) {
      await sql`insert into needs (id, org_id, title, processes, delivery_address, delivery_city, delivery_region_code, delivery_lat, delivery_lon,
                                   delivery_precision, deadline, status, published_at)
        values (${need.id}, ${contractor}, ${need.title}, ${sql.array(need.processes)}, ${need.place.city}, ${need.place.city}, ${need.place.region},
                ${need.place.lat}, ${need.place.lon}, 'city', '2027-03-01', 'published', ${now})`
      await sql`insert into search_outbox (entity, entity_id) values ('need', ${need.id})`
      for (let k = 0; k < 20; k++) {
        await sql`insert into matches (need_id, supplier_org_id, score, breakdown, explanation, capacity_ids, distance_km, computed_at)
          values (${need.id}, ${pick(suppliers).id}, ${rand()}, '{}', '{"ru": "", "en": ""}', '{}', ${Math.round(rand() * 400)}, ${now}) on conflict do nothing`
      }
      await sql`insert into match_runs (need_id, computed_at, need_updated_at, candidates, truncated) values (${need.id}, ${now}, now(), 20, false)`
    }
    await drainOutbox(sql, search, options.needs, 'indexing the day’s needs')
    // The matches above stand in for the worker's: what indexing queued is done.
    await sql`update match_outbox set processed_at = now() where processed_at is null`

    const ctx: ServiceContext = { sql, actor: { kind: 'system' }, now: () => now }
    const scanStarted = performance.now()
    const scan = await scanAlerts(ctx, search)
    const scanMs = performance.now() - scanStarted
    const digestStarted = performance.now()
    const digest = await sendAlertDigests(ctx, { publicOrigin: 'https://podryad.example.ru' })
    const digestMs = performance.now() - digestStarted
    const againStarted = performance.now()
    const again = await sendAlertDigests(ctx, { publicOrigin: 'https://podryad.example.ru' })
    const againMs = performance.now() - againStarted
    if (again.sent !== 0) throw new Error(`the second digest run of the day queued ${again.sent} messages`)

    const at = new Date().toISOString()
    const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits
    const results = {
      at,
      machine: { cpus: availableParallelism(), node: process.version },
      options,
      scan: { ms: round(scanMs), ...scan },
      digest: { ms: round(digestMs), ...digest },
      rerun: { ms: round(againMs) },
      ratios: {
        scanMsPerSupplier: round(scanMs / options.suppliers, 3),
        digestMsPerMessage: digest.sent ? round(digestMs / digest.sent, 3) : null,
        rerunToFirstRun: round(againMs / digestMs, 3),
      },
    }
    const file = await writeResults('bench-alerts', at, results)
    console.log(`
${markdownTable(
  [`${options.suppliers.toLocaleString('en')} suppliers, ${(options.suppliers * 2).toLocaleString('en')} alerts, ${options.needs} new needs`, 'ms', 'count', 'ms per unit'],
  [
    ['scan: saved searches through the need search, capacities from matches', results.scan.ms, `${scan.hits} hits`, `${results.ratios.scanMsPerSupplier} per supplier`],
    ['digest: one read, one transaction per recipient', results.digest.ms, `${digest.sent} messages`, `${results.ratios.digestMsPerMessage ?? '—'} per message`],
    ['digest again the same day (idempotent)', results.rerun.ms, '0 messages', `${results.ratios.rerunToFirstRun} × the first run`],
  ],
)}

Raw results: ${file}`)
  })
}

await runCli(USAGE, main)
