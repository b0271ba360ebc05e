import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CellValue, readImportFiles } from '../../src/domain/import/read.js'
import { type SheetRecords, importTemplateCsv, importTemplateXlsx, writeImportCsv, writeImportWorkbook } from '../../src/domain/import/write.js'
import { SHEETS } from '../../src/domain/import/layout.js'
import { createCluster } from '../../src/services/clusters/create.js'
import { checkImport } from '../../src/services/imports/check.js'
import { runImport } from '../../src/services/imports/run.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { TEST_ORIGIN, createTestUser, signInHeaders } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'

let deps: TestDeps
let clusterId: string
let otherClusterId: string
let curatorHeaders: Record<string, string>
beforeAll(async () => {
  deps = await createTestDeps()
  const cluster = await createCluster(deps.ctx, { nameRu: 'Камский кластер', nameEn: 'Kama cluster', sector: 'automotive', regionCodes: ['16'], lat: 55.74, lon: 52.4 })
  const other = await createCluster(deps.ctx, { nameRu: 'Самарский кластер', nameEn: 'Samara cluster', sector: 'automotive', regionCodes: ['63'], lat: 53.2, lon: 50.1 })
  clusterId = cluster.id
  otherClusterId = other.id
  const centre = await createOrganization(deps.ctx, { name: 'Центр субконтрактации РТ', inn: randomInn(), kinds: ['centre'], clusterIds: [cluster.id] })
  const curator = await createTestUser(deps.sql, { platformRole: 'curator', memberships: [{ orgId: centre.id, role: 'member' }] })
  curatorHeaders = await signInHeaders(deps.app, curator.email)
})
afterAll(async () => {
  await deps.close()
})

const TABLES = ['organizations', 'organization_clusters', 'sites', 'capacities', 'certificates', 'search_outbox', 'audit_log'] as const

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of TABLES) {
    const [row] = await deps.sql<{ n: number }[]>`select count(*)::int as n from ${deps.sql(table)}`
    counts[table] = row?.n ?? 0
  }
  return counts
}

/** A checksum-valid 13-digit ОГРН, random so that registers of different tests never share one. */
function randomOgrn(): string {
  const body = `10216${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
  return body + String(Number(BigInt(body) % 11n) % 10)
}

/** A small, real-looking register: two machining shops and a stamping plant in Tatarstan. */
function register(inns: [string, string, string]): SheetRecords {
  const [a, b, c] = inns
  return {
    organizations: [
      { inn: a, name: 'ООО «Камская прецизионная механика»', kinds: 'поставщик', smeSize: 'малое', website: 'kpm.example.ru' },
      { inn: b, name: 'АО «Елабужский штамп»', ogrn: randomOgrn(), kinds: 'Поставщик', smeSize: 'среднее' },
      { inn: c, name: 'ИП Сафин Ринат Ильдарович', kinds: 'поставщик', smeSize: 'микро' },
    ],
    sites: [
      { inn: a, name: 'Цех № 2', city: 'Набережные Челны', region: 'Республика Татарстан', address: 'Промышленная ул., 12' },
      { inn: b, name: 'Основная площадка', address: 'г. Елабуга, Республика Татарстан' },
      { inn: c, name: 'Мастерская', city: 'Нижнекамск', lat: 55.636, lon: 51.82 },
    ],
    capacities: [
      { inn: a, site: 'Цех № 2', title: 'Фрезерная обработка корпусов', processes: 'фрезерная обработка 3-осевая; Токарная обработка на станках с ЧПУ', materials: 'Д16; Сталь 45', lengthMm: 1000, widthMm: 500, heightMm: 500, massKg: 300, itGrade: 'IT7', roughnessRa: '1,6', batchMin: 1, batchMax: 500, leadTimeDays: 21, freeHours: '2027-03: 320; 2027-04: 280' },
      { inn: b, title: 'Листовая штамповка', processes: 'Листовая штамповка', materials: '08пс', itGrade: 12 },
      { inn: c, title: 'Токарная обработка валов', processes: 'MCH.TURN', equipment: '16К20' },
    ],
    certificates: [
      { inn: a, standard: 'ISO 9001', number: 'РОСС RU.З1234.04ЖЛК0.01234', issuer: 'ООО «Русский Регистр — Поволжье»', validFrom: new Date('2025-01-15T00:00:00Z'), validUntil: '14.01.2028' },
      { inn: b, standard: 'IATF 16949', number: 'IATF-0412345', issuer: 'TÜV Thüringen', validFrom: '2024-06-01', validUntil: '2027-05-31' },
    ],
  }
}

async function xlsx(records: SheetRecords) {
  return [{ name: 'реестр.xlsx', bytes: new Uint8Array(await writeImportWorkbook(records)) }]
}

describe('bulk import: dry run', () => {
  it('reads the Russian template back as the example it carries, and the example is valid', async () => {
    const read = await readImportFiles([{ name: 'template.xlsx', bytes: new Uint8Array(await importTemplateXlsx()) }])
    expect(read.problems).toEqual([])
    expect(read.sheets.map((s) => s.name)).toEqual(['Организации', 'Площадки', 'Мощности', 'Сертификаты'])
    expect(read.sheets[0]?.rows[0]?.cells).toMatchObject({ inn: '1650123450', name: 'ООО «Камская прецизионная механика»' })
    const report = await checkImport(deps.ctx, [{ name: 'template.xlsx', bytes: new Uint8Array(await importTemplateXlsx()) }], { clusterIds: [clusterId] })
    expect(report.problems).toEqual([])
    expect(report.counts).toEqual({ organizations: { create: 1, update: 0 }, sites: { create: 1, update: 0 }, capacities: { create: 1, update: 0 }, certificates: { create: 1, update: 0 } })
    const csv = await readImportFiles(SHEETS.map((s) => ({ name: s.csvName, bytes: new Uint8Array(importTemplateCsv(s.key)) })))
    expect(csv.problems).toEqual([])
    expect(csv.sheets.map((s) => s.key)).toEqual(['organizations', 'sites', 'capacities', 'certificates'])
  })

  it('reports exactly the rows with mistakes — bad INN, unknown process, ambiguous city, a duplicate row — and writes nothing', async () => {
    const inns: [string, string, string] = [randomInn(), randomInn(), randomInn()]
    const records = register(inns)
    const badInn = '1650123451'
    const withMistakes: SheetRecords = {
      ...records,
      organizations: [...(records.organizations ?? []), { inn: badInn, name: 'ООО «Ошибка в ИНН»' }],
      sites: [...(records.sites ?? []).slice(0, 2), { inn: inns[2], name: 'Мастерская', city: 'Железногорск' }],
      capacities: [
        ...(records.capacities ?? []),
        { inn: inns[0], site: 'Цех № 2', title: 'Зубообработка', processes: 'Зубофрезерование шестерён' },
        { ...(records.capacities ?? [])[1] },
      ],
    }
    const before = await tableCounts()
    const report = await checkImport(deps.ctx, await xlsx(withMistakes), { clusterIds: [clusterId] })
    const where = report.problems.map((p) => [p.sheet, p.row, p.column])
    expect(where).toEqual([
      ['Организации', 5, 'ИНН'],
      ['Площадки', 4, 'Населённый пункт'],
      ['Мощности', 5, 'Процессы'],
      ['Мощности', 6, 'Название'],
    ])
    expect(report.problems[1]?.message).toMatch(/Курская область.*Красноярский край/u)
    expect(report.problems[2]?.message).toContain('Зубофрезерование шестерён')
    expect(report.problems[3]?.message).toContain('строке 3')
    expect(report.ok).toBe(false)
    // The mistake-free rows are still planned, so the curator sees what the fixed file will do.
    expect(report.counts.organizations).toEqual({ create: 3, update: 0 })
    expect(await tableCounts()).toEqual(before)

    await expect(runImport(deps.ctx, await xlsx(withMistakes), { clusterIds: [clusterId] })).rejects.toMatchObject({ status: 400 })
    expect(await tableCounts()).toEqual(before)
  })

  it('shows an organization already on the platform as an update and reports the site precision', async () => {
    const inns: [string, string, string] = [randomInn(), randomInn(), randomInn()]
    await createOrganization(deps.ctx, { name: 'ООО «КПМ»', inn: inns[0], kinds: ['supplier'], clusterIds: [clusterId] })
    const report = await checkImport(deps.ctx, await xlsx(register(inns)), { clusterIds: [clusterId] })
    expect(report.problems).toEqual([])
    expect(report.organizations.map((o) => [o.inn, o.action])).toEqual([[inns[0], 'update'], [inns[1], 'create'], [inns[2], 'create']])
    expect(report.sites.map((s) => [s.name, s.city, s.regionCode, s.precision])).toEqual([
      ['Цех № 2', 'Набережные Челны', '16', 'city'],
      ['Основная площадка', 'Елабуга', '16', 'city'],
      ['Мастерская', 'Нижнекамск', '16', 'exact'],
    ])
  })
})

describe('bulk import: the import', () => {
  it('imports a clean file in one go, with a search-outbox row per capacity and an audit entry; a second run updates', async () => {
    const inns: [string, string, string] = [randomInn(), randomInn(), randomInn()]
    const before = await tableCounts()
    const result = await runImport(deps.ctx, await xlsx(register(inns)), { clusterIds: [clusterId] })
    expect(result.counts).toEqual({ organizations: { create: 3, update: 0 }, sites: { create: 3, update: 0 }, capacities: { create: 3, update: 0 }, certificates: { create: 2, update: 0 } })
    const after = await tableCounts()
    expect((after.organizations ?? 0) - (before.organizations ?? 0)).toBe(3)
    expect((after.organization_clusters ?? 0) - (before.organization_clusters ?? 0)).toBe(3)
    expect((after.capacities ?? 0) - (before.capacities ?? 0)).toBe(3)
    const capacityIds = await deps.sql<{ id: string }[]>`select c.id from capacities c join organizations o on o.id = c.org_id where o.inn = any(${deps.sql.array(inns)})`
    const outbox = await deps.sql<{ entityId: string }[]>`select entity_id from search_outbox where entity = 'capacity' and entity_id = any(${deps.sql.array(capacityIds.map((c) => c.id))})`
    expect(new Set(outbox.map((o) => o.entityId))).toEqual(new Set(capacityIds.map((c) => c.id)))
    const [capacity] = await deps.sql`select c.* from capacities c join organizations o on o.id = c.org_id where o.inn = ${inns[0]}`
    expect(capacity).toMatchObject({ processes: ['MCH.MILL3', 'MCH.TURN'], materials: ['AL_D16', 'ST_45'], itGrade: 7, roughnessRa: 1.6, freeHours: [{ month: '2027-03', hours: 320 }, { month: '2027-04', hours: 280 }] })
    const [certificate] = await deps.sql`select standard, valid_from::text, valid_until::text from certificates c join organizations o on o.id = c.org_id where o.inn = ${inns[0]}`
    expect(certificate).toEqual({ standard: 'ISO9001', validFrom: '2025-01-15', validUntil: '2028-01-14' })
    const [entry] = await deps.sql`select action, entity, details from audit_log where entity_id = ${result.id}`
    expect(entry).toMatchObject({ action: 'import.run', entity: 'import', details: { rows: 11 } })

    const again = await runImport(deps.ctx, await xlsx(register(inns)), { clusterIds: [clusterId] })
    expect(again.counts).toEqual({ organizations: { create: 0, update: 3 }, sites: { create: 0, update: 3 }, capacities: { create: 0, update: 3 }, certificates: { create: 0, update: 2 } })
    const twice = await tableCounts()
    expect(twice.organizations).toBe(after.organizations)
    expect(twice.capacities).toBe(after.capacities)
  })
})

describe('bulk import: updates', () => {
  it('only adds: a blank «Вид» keeps a contractor a contractor, «поставщик» adds the kind, and the organization joins the cluster', async () => {
    const inn = randomInn()
    const plant = await createOrganization(deps.ctx, { name: 'ПАО «Завод»', inn, kinds: ['contractor'], clusterIds: [clusterId] })
    await runImport(deps.ctx, await xlsx({ organizations: [{ inn, name: 'ПАО «Завод двигателей»' }] }), { clusterIds: [clusterId] })
    const [kept] = await deps.sql`select name, kinds from organizations where id = ${plant.id}`
    expect(kept).toEqual({ name: 'ПАО «Завод двигателей»', kinds: ['contractor'] })
    await runImport(deps.ctx, await xlsx({ organizations: [{ inn, name: 'ПАО «Завод двигателей»', kinds: 'поставщик' }] }), { clusterIds: [clusterId] })
    const [added] = await deps.sql`select kinds from organizations where id = ${plant.id}`
    expect(added?.kinds).toEqual(['contractor', 'supplier'])
  })
})

describe('bulk import: files', () => {
  const records = register(['1650123450', '1650987650', '6312345675'])

  function plain(rows: readonly Partial<Record<string, CellValue>>[] | undefined): Record<string, string>[] {
    return (rows ?? []).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : String(v)])))
  }

  it('round-trips an XLSX workbook: what is written is what is read', async () => {
    const read = await readImportFiles(await xlsx(records))
    expect(read.problems).toEqual([])
    for (const sheet of read.sheets) {
      expect(plain(sheet.rows.map((r) => r.cells))).toEqual(plain(records[sheet.key]))
      expect(sheet.rows.map((r) => r.row)).toEqual((records[sheet.key] ?? []).map((_, i) => i + 2))
    }
  })

  it('round-trips CSV files, in UTF-8 with «;» as our template writes them and in Windows-1251 as Russian Excel saves them', async () => {
    const files = SHEETS.map((s) => ({ name: s.csvName, bytes: new Uint8Array(writeImportCsv(s.key, records[s.key] ?? [])) }))
    const read = await readImportFiles(files)
    expect(read.problems).toEqual([])
    for (const sheet of read.sheets) expect(plain(sheet.rows.map((r) => r.cells))).toEqual(plain(records[sheet.key]))

    const text = 'ИНН;Наименование;Вид\r\n1650123450;ООО «Камская прецизионная механика»;поставщик\r\n'
    const cp1251 = new Uint8Array([...text].map((ch) => windows1251(ch)))
    const legacy = await readImportFiles([{ name: 'организации.csv', bytes: cp1251 }])
    expect(legacy.problems).toEqual([])
    expect(legacy.sheets[0]?.rows[0]?.cells).toEqual({ inn: '1650123450', name: 'ООО «Камская прецизионная механика»', kinds: 'поставщик' })
  })

  it('reports a file it cannot use instead of guessing', async () => {
    const read = await readImportFiles([{ name: 'list.csv', bytes: new TextEncoder().encode('Фамилия;Телефон\nИванов;+7 900\n') }])
    expect(read.problems).toEqual([expect.objectContaining({ sheet: 'list.csv', row: 1, message: expect.stringContaining('шаблоном') })])
    const missing = await readImportFiles([{ name: 'o.csv', bytes: new TextEncoder().encode('ИНН;Наименование\n') }, { name: 'c.csv', bytes: new TextEncoder().encode('ИНН;Площадка;Процессы\n1650123450;Цех;Сварка\n') }])
    expect(missing.problems).toEqual([expect.objectContaining({ sheet: 'c.csv', row: 1, column: 'Название' })])
  })
})

async function postFiles(path: string, records: SheetRecords, headers: Record<string, string>, clusterIds: string[] = []) {
  const form = new FormData()
  form.append('file', new File([new Uint8Array(await writeImportWorkbook(records))], 'реестр.xlsx'))
  for (const id of clusterIds) form.append('clusterId', id)
  const res = await deps.app.request(path, { method: 'POST', body: form, headers })
  return { status: res.status, body: (await res.json()) as any }
}

describe('bulk import: the JSON API and who may import', () => {
  it('dry-runs and imports through the API as a curator, into the curator\'s single cluster by default', async () => {
    const inns: [string, string, string] = [randomInn(), randomInn(), randomInn()]
    const dry = await postFiles('/api/imports/dry-run', register(inns), curatorHeaders)
    expect(dry.status).toBe(200)
    expect(dry.body).toMatchObject({ ok: true, clusterIds: [clusterId], counts: { capacities: { create: 3, update: 0 } } })
    expect(await deps.sql`select 1 from organizations where inn = any(${deps.sql.array(inns)})`).toHaveLength(0)
    const imported = await postFiles('/api/imports', register(inns), curatorHeaders)
    expect(imported.status).toBe(201)
    expect(imported.body.id).toMatch(/^imp_/u)
    const memberships = await deps.sql`select oc.cluster_id from organization_clusters oc join organizations o on o.id = oc.org_id where o.inn = any(${deps.sql.array(inns)})`
    expect(memberships.map((m) => m.clusterId)).toEqual([clusterId, clusterId, clusterId])
    const [entry] = await deps.sql`select actor_user_id from audit_log where entity_id = ${imported.body.id}`
    expect(entry?.actorUserId).toMatch(/^usr_/u)
  })

  it('answers a file with problems with a 400 problem carrying the whole report', async () => {
    const refused = await postFiles('/api/imports', { organizations: [{ inn: '1650123451', name: 'ООО «Ошибка»' }] }, curatorHeaders)
    expect(refused.status).toBe(400)
    expect(refused.body.report.problems).toEqual([{ sheet: 'Организации', row: 2, column: 'ИНН', message: expect.stringContaining('ИНН') }])
    expect(refused.body.errors[0].path).toBe('Организации.2.ИНН')
  })

  it('refuses suppliers and contractors (403), anonymous callers (401), and a curator\'s clusters or organizations outside the centre', async () => {
    const supplier = await createOrganization(deps.ctx, { name: 'ООО «Поставщик»', inn: randomInn(), kinds: ['supplier'], clusterIds: [clusterId] })
    const contractor = await createOrganization(deps.ctx, { name: 'ПАО «Завод»', inn: randomInn(), kinds: ['contractor'], clusterIds: [clusterId] })
    for (const orgId of [supplier.id, contractor.id]) {
      const member = await createTestUser(deps.sql, { memberships: [{ orgId, role: 'admin' }] })
      const headers = await signInHeaders(deps.app, member.email)
      expect((await postFiles('/api/imports/dry-run', register([randomInn(), randomInn(), randomInn()]), headers)).status).toBe(403)
      expect((await postFiles('/api/imports', register([randomInn(), randomInn(), randomInn()]), headers)).status).toBe(403)
    }
    expect((await postFiles('/api/imports', register([randomInn(), randomInn(), randomInn()]), { origin: TEST_ORIGIN })).status).toBe(401)

    const outside = await postFiles('/api/imports/dry-run', register([randomInn(), randomInn(), randomInn()]), curatorHeaders, [otherClusterId])
    expect(outside.body.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('не относятся к вашему центру') })])
    const foreignInn = randomInn()
    await createOrganization(deps.ctx, { name: 'ООО «Самарский завод»', inn: foreignInn, kinds: ['supplier'], clusterIds: [otherClusterId] })
    const foreign = await postFiles('/api/imports/dry-run', { organizations: [{ inn: foreignInn, name: 'ООО «Самарский завод»' }] }, curatorHeaders)
    expect(foreign.body.problems).toEqual([expect.objectContaining({ row: 2, column: 'ИНН', message: expect.stringContaining('вне кластеров вашего центра') })])
  })

  it('serves the templates and documents the endpoints in OpenAPI', async () => {
    expect((await deps.app.request('/api/imports/template.xlsx')).status).toBe(401)
    const xlsxRes = await deps.app.request('/api/imports/template.xlsx', { headers: curatorHeaders })
    expect(xlsxRes.status).toBe(200)
    expect(xlsxRes.headers.get('content-type')).toContain('spreadsheetml')
    const csv = new Uint8Array(await (await deps.app.request('/api/imports/template/certificates.csv', { headers: curatorHeaders })).arrayBuffer())
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(csv)).toMatch(/^ИНН;Сертификат;Номер/u)
    expect((await deps.app.request('/api/imports/template/unknown.csv', { headers: curatorHeaders })).status).toBe(404)
    const doc = (await (await deps.app.request('/openapi.json')).json()) as { paths: Record<string, unknown> }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/imports', '/api/imports/dry-run', '/api/imports/{id}']))
  })
})

/** Windows-1251 for the letters of the sample above: ASCII as is, А–я at 0xC0–0xFF, «» at 0xAB/0xBB. */
function windows1251(ch: string): number {
  const code = ch.charCodeAt(0)
  if (code < 0x80) return code
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0
  if (ch === '«') return 0xab
  if (ch === '»') return 0xbb
  throw new Error(`no Windows-1251 byte for ${ch}`)
}
