import type { Sql } from '../../src/db/client.js'
import { newId } from '../../src/lib/ids.js'
import { createTestUser } from './auth.js'
import { randomInn } from './fixtures.js'

/**
 * A small cluster whose analytics are known by hand, written straight to the tables (the audit log's times
 * cannot be set through the services, which stamp them with the database clock).
 *
 * Kama cluster (region 16), centre A with curator A, contractor K. Needs of K, period 2026-08-01…2026-10-31
 * (Moscow days):
 *   N1 turning, 40Х, IATF 16949, ≤300 km, published 2026-07-31 22:00 UTC (1 Aug 01:00 Moscow: inside)
 *      core matches S1 contracted 50 km, S2 introduced 100 km, S3 suggested 250 km → 3 qualified, met
 *      introductions: S1 after 10 h, S2 after 30 h
 *   N2 turning, no material, IATF 16949, ≤300 km, published 2026-09-10 → S1 introduced → 1 qualified, unmet
 *      introduction: S1 after 20 h
 *   N3 turning + 3-axis milling, Д16, IATF 16949, ≤300 km, published 2026-09-15 → S1 suggested 20 km,
 *      S2 suggested 500 km (beyond the limit), S4 added by hand (shortlisted), S6 interested 30 km → 2 qualified, unmet
 *      introduction: S6 (in no cluster) after 40 h
 *   N4 progressive stamping, 08пс, ISO 9001, no limit, published 2026-10-01 → nothing, unmet without a supplier
 *   N5 turning, published 2026-07-31 20:00 UTC (23:00 Moscow, 31 July: outside); N6 a draft (never published)
 * Near misses on a certificate: S4 on N1 and N2 and S5 on N3 (IATF 16949), S5 on N4 (ISO 9001); S3 on N2
 * fails on distance, S4 on N5 is outside the period.
 *
 * So: MCH.TURN has 3 needs of which exactly 2 unmet; IATF 16949 unlocks 3 needs for 2 suppliers; the median
 * time to introduction is exactly 20 hours (10, 20, 40); 2 of 3 met needs were met inside the cluster.
 *
 * Another cluster (Samara, region 63) with centre B, curator B and contractor L, whose need N7 is published
 * in the period too: curator A never sees it.
 */

export const PERIOD = { from: '2026-08-01', to: '2026-10-31' } as const
export const NOW = new Date('2026-10-20T09:00:00Z')
export const S5_NAME = '=HYPERLINK("http://example.com";"ООО Штамп")'

export interface AnalyticsDataset {
  clusterA: string
  clusterB: string
  contractorK: string
  contractorL: string
  needs: Record<'n1' | 'n2' | 'n3' | 'n4' | 'n5' | 'n6' | 'n7', string>
  suppliers: Record<'s1' | 's2' | 's3' | 's4' | 's5' | 's6', string>
  users: Record<'curatorA' | 'curatorB' | 'contractorK' | 'contractorL' | 'supplierS1', { id: string; email: string }>
}

async function cluster(sql: Sql, nameRu: string, region: string): Promise<string> {
  const id = newId('clu')
  await sql`insert into clusters (id, name_ru, name_en, sector, region_codes, lat, lon)
            values (${id}, ${nameRu}, ${`${nameRu} (en)`}, 'automotive', ${sql.array([region])}::text[], 55.7, 52.4)`
  return id
}

async function organization(sql: Sql, name: string, kinds: string[], clusterIds: string[]): Promise<string> {
  const id = newId('org')
  await sql`insert into organizations (id, name, inn, kinds) values (${id}, ${name}, ${randomInn()}, ${sql.array(kinds)}::text[])`
  for (const clusterId of clusterIds) await sql`insert into organization_clusters (org_id, cluster_id) values (${id}, ${clusterId})`
  return id
}

interface NeedSpec {
  orgId: string
  title: string
  processes: string[]
  materials: string[]
  requiredCerts: string[]
  maxDistanceKm: number | null
  publishedAt: string | null
  region?: string
}

async function need(sql: Sql, spec: NeedSpec): Promise<string> {
  const id = newId('need')
  await sql`
    insert into needs (id, org_id, title, processes, materials, required_certs, delivery_address, delivery_city, delivery_region_code,
                       delivery_lat, delivery_lon, delivery_precision, max_distance_km, deadline, status, published_at)
    values (${id}, ${spec.orgId}, ${spec.title}, ${sql.array(spec.processes)}::text[], ${sql.array(spec.materials)}::text[], ${sql.array(spec.requiredCerts)}::text[],
            'Набережные Челны, Республика Татарстан', 'Набережные Челны', ${spec.region ?? '16'}, 55.74, 52.4, 'city',
            ${spec.maxDistanceKm}, '2027-03-01', ${spec.publishedAt === null ? 'draft' : 'published'}, ${spec.publishedAt})`
  return id
}

async function match(sql: Sql, needId: string, orgId: string, pair: { km: number; status: string; score: number; source?: 'core' | 'manual'; certificates?: string[] }): Promise<void> {
  const certificates = (pair.certificates ?? ['IATF16949']).map((standard) => ({ id: newId('cert'), standard, status: 'verified', validUntil: null, covers: [standard] }))
  await sql`
    insert into matches (need_id, supplier_org_id, score, breakdown, explanation, capacity_ids, certificates, distance_km, status, computed_at, source)
    values (${needId}, ${orgId}, ${pair.score}, '{}', ${sql.json({ ru: 'подходит', en: 'fits' })}, '{}', ${sql.json(certificates)},
            ${pair.km}, ${pair.status}, ${NOW}, ${pair.source ?? 'core'})`
}

async function nearMiss(sql: Sql, needId: string, orgId: string, constraint: 'certificate' | 'distance', certificate?: string): Promise<void> {
  const miss = constraint === 'certificate' ? { certificate, softAlternatives: [], notValidOnDeadline: [], rejected: [] } : { maxKm: 300, km: 412 }
  await sql`
    insert into near_misses (need_id, supplier_org_id, failed_constraint, miss, explanation, score, distance_km, computed_at)
    values (${needId}, ${orgId}, ${constraint}, ${sql.json(miss)}, ${sql.json({ ru: 'почти', en: 'nearly' })}, 0.7, 80, ${NOW})`
}

async function introduction(sql: Sql, needId: string, orgId: string, publishedAt: string, afterHours: number): Promise<void> {
  const at = new Date(Date.parse(publishedAt) + afterHours * 3_600_000)
  await sql`
    insert into audit_log (at, action, entity, entity_id, details)
    values (${at}, 'match.introduce', 'match', ${`${needId}:${orgId}`}, ${sql.json({ needId, orgId, from: 'shortlisted', to: 'introduced' })})`
}

export async function seedAnalytics(sql: Sql): Promise<AnalyticsDataset> {
  // postgres.js sends an array parameter of a fresh connection's very first query as a plain value, until the
  // connection has fetched the array types: make sure that first query carries none.
  await sql`select 1`
  const clusterA = await cluster(sql, 'Камский кластер', '16')
  const clusterB = await cluster(sql, 'Самарский кластер', '63')
  const centreA = await organization(sql, 'Центр субконтрактации Татарстана', ['centre'], [clusterA])
  const centreB = await organization(sql, 'Центр субконтрактации Самарской области', ['centre'], [clusterB])
  const contractorK = await organization(sql, 'ПАО «КАМАЗ»', ['contractor'], [clusterA])
  const contractorL = await organization(sql, 'АО «АвтоВАЗ»', ['contractor'], [clusterB])
  const s1 = await organization(sql, 'ООО «Алабуга Токарь»', ['supplier'], [clusterA])
  const s2 = await organization(sql, 'ООО «Челны Вал»', ['supplier'], [clusterA])
  const s3 = await organization(sql, 'ООО «Кама Деталь»', ['supplier'], [clusterA])
  const s4 = await organization(sql, 'ООО «Бугульма Мех»', ['supplier'], [clusterA])
  // A name a spreadsheet would run as a formula: the CSV must show it as text.
  const s5 = await organization(sql, S5_NAME, ['supplier'], [clusterA])
  const s6 = await organization(sql, 'ООО «Уфа Металл»', ['supplier'], [])

  const published = { n1: '2026-07-31T22:00:00Z', n2: '2026-09-10T08:00:00Z', n3: '2026-09-15T08:00:00Z', n4: '2026-10-01T08:00:00Z' }
  const turning = { processes: ['MCH.TURN'], requiredCerts: ['IATF16949'], maxDistanceKm: 300 }
  const n1 = await need(sql, { orgId: contractorK, title: 'Вал КПП, токарная обработка', ...turning, materials: ['ST_40KH'], publishedAt: published.n1 })
  const n2 = await need(sql, { orgId: contractorK, title: 'Втулка, токарная обработка', ...turning, materials: [], publishedAt: published.n2 })
  const n3 = await need(sql, { orgId: contractorK, title: 'Корпус датчика, токарно-фрезерная', ...turning, processes: ['MCH.TURN', 'MCH.MILL3'], materials: ['AL_D16'], publishedAt: published.n3 })
  const n4 = await need(sql, { orgId: contractorK, title: 'Кронштейн, штамповка', processes: ['STP.PROG'], materials: ['ST_08PS'], requiredCerts: ['ISO9001'], maxDistanceKm: null, publishedAt: published.n4 })
  const n5 = await need(sql, { orgId: contractorK, title: 'Палец, токарная обработка (июль)', ...turning, materials: [], publishedAt: '2026-07-31T20:00:00Z' })
  const n6 = await need(sql, { orgId: contractorK, title: 'Черновик', ...turning, materials: [], publishedAt: null })
  const n7 = await need(sql, { orgId: contractorL, title: 'Шестерня, Самара', ...turning, materials: [], publishedAt: '2026-09-01T08:00:00Z', region: '63' })

  await match(sql, n1, s1, { km: 50, status: 'contracted', score: 0.9 })
  await match(sql, n1, s2, { km: 100, status: 'introduced', score: 0.85 })
  await match(sql, n1, s3, { km: 250, status: 'suggested', score: 0.7 })
  await match(sql, n2, s1, { km: 40, status: 'introduced', score: 0.88 })
  await match(sql, n3, s1, { km: 20, status: 'suggested', score: 0.75 })
  await match(sql, n3, s2, { km: 500, status: 'suggested', score: 0.6 })
  await match(sql, n3, s4, { km: 90, status: 'shortlisted', score: 0, source: 'manual', certificates: [] })
  await match(sql, n3, s6, { km: 30, status: 'interested', score: 0.8 })
  await match(sql, n5, s1, { km: 40, status: 'suggested', score: 0.8 })
  await match(sql, n7, s1, { km: 40, status: 'suggested', score: 0.8 })

  await nearMiss(sql, n1, s4, 'certificate', 'IATF16949')
  await nearMiss(sql, n2, s4, 'certificate', 'IATF16949')
  await nearMiss(sql, n3, s5, 'certificate', 'IATF16949')
  await nearMiss(sql, n4, s5, 'certificate', 'ISO9001')
  await nearMiss(sql, n2, s3, 'distance')
  await nearMiss(sql, n5, s4, 'certificate', 'IATF16949')

  await introduction(sql, n1, s1, published.n1, 10)
  await introduction(sql, n1, s2, published.n1, 30)
  await introduction(sql, n2, s1, published.n2, 20)
  await introduction(sql, n3, s6, published.n3, 40)

  const users = {
    curatorA: await createTestUser(sql, { name: 'Ирина Куратор', platformRole: 'curator', memberships: [{ orgId: centreA, role: 'member' }] }),
    curatorB: await createTestUser(sql, { name: 'Олег Куратор', platformRole: 'curator', memberships: [{ orgId: centreB, role: 'member' }] }),
    contractorK: await createTestUser(sql, { name: 'Марат Закупщик', memberships: [{ orgId: contractorK, role: 'member' }] }),
    contractorL: await createTestUser(sql, { name: 'Павел Закупщик', memberships: [{ orgId: contractorL, role: 'member' }] }),
    supplierS1: await createTestUser(sql, { name: 'Ольга Поставщик', memberships: [{ orgId: s1, role: 'member' }] }),
  }
  return { clusterA, clusterB, contractorK, contractorL, needs: { n1, n2, n3, n4, n5, n6, n7 }, suppliers: { s1, s2, s3, s4, s5, s6 }, users }
}
