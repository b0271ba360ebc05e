import type { z } from '@hono/zod-openapi'
import type { Sql } from '../../db/client.js'
import { capacityInputSchema } from '../../domain/capacity.js'
import { certificateInputSchema } from '../../domain/certificate.js'
import * as cells from '../../domain/import/cells.js'
import { type SheetKey, columnHeader, sheetSpec } from '../../domain/import/layout.js'
import {
  isKnownMaterialName,
  isKnownProcessName,
  lookupCertificate,
  lookupMaterial,
  lookupProcess,
  splitList,
} from '../../domain/import/lookup.js'
import type { CellValue, ImportProblem, ReadSheet, SheetRow } from '../../domain/import/read.js'
import { organizationInputSchema } from '../../domain/organization.js'
import { type GeocodeFailure, geocodeFailureMessage } from '../../domain/site.js'
import { type GeoPrecision, geocode } from '../../geo/index.js'
import { newId } from '../../lib/ids.js'
import { curatorScope, inCuratorScope, isCurator, isPlatformAdmin } from '../authorization.js'
import type { Actor, Tx } from '../context.js'

export type ImportAction = 'create' | 'update'

export interface OrganizationPlan {
  id: string
  inn: string
  action: ImportAction
  /** The row on «Организации»; null when other sheets only refer to an organization already on the platform. */
  row: number | null
  name: string
  /** Columns the file gives; on update only these change. */
  fields: { name?: string; ogrn?: string; smeSize?: string; description?: string; website?: string }
  kinds: string[]
}

export interface SitePlan {
  id: string
  orgId: string
  action: ImportAction
  row: number
  inn: string
  name: string
  address: string
  city: string | null
  regionCode: string
  lat: number
  lon: number
  precision: GeoPrecision
}

export interface CapacityPlan {
  id: string
  orgId: string
  siteId: string
  action: ImportAction
  row: number
  input: Omit<z.infer<typeof capacityInputSchema>, 'siteId'>
}

export interface CertificatePlan {
  id: string
  orgId: string
  action: ImportAction
  row: number
  input: z.infer<typeof certificateInputSchema>
}

export interface ImportCounts {
  create: number
  update: number
}

/** What a dry run tells the curator; an import answers the same before it writes. */
export interface ImportReport {
  ok: boolean
  rows: number
  problems: ImportProblem[]
  counts: Record<SheetKey, ImportCounts>
  organizations: { row: number | null; inn: string; name: string; action: ImportAction }[]
  sites: { row: number; inn: string; name: string; city: string | null; regionCode: string; precision: GeoPrecision }[]
  clusterIds: string[]
}

export interface ImportPlan {
  organizations: OrganizationPlan[]
  sites: SitePlan[]
  capacities: CapacityPlan[]
  certificates: CertificatePlan[]
  clusterIds: string[]
}

interface ExistingOrganization {
  id: string
  inn: string
  name: string
  kinds: string[]
  inScope: boolean
}

const CAPACITY_FIELDS = capacityInputSchema.omit({ siteId: true })

/** Case, ё/е and spacing do not make two sites, capacities or certificate numbers different. */
function fold(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е').replace(/\s+/gu, ' ').trim()
}

const HAS_CYRILLIC = /[А-Яа-яЁё]/u

/** zod's own messages are English; the report is Russian first. */
function bilingual(message: string): string {
  return HAS_CYRILLIC.test(message) ? message : `Недопустимое значение / ${message}`
}

class Collector {
  readonly problems: ImportProblem[] = []
  private readonly sheetNames: Map<SheetKey, string>

  constructor(sheets: readonly ReadSheet[]) {
    this.sheetNames = new Map(sheets.map((s) => [s.key, s.name]))
  }

  add(sheet: SheetKey, row: number | null, column: string | null, message: string): void {
    this.problems.push({ sheet: this.sheetNames.get(sheet) ?? sheetSpec(sheet).nameRu, row, column: column === null ? null : columnHeader(sheet, column), message })
  }

  /** The parsed value, or undefined after recording why the cell was refused. */
  take<T>(sheet: SheetKey, row: number, column: string, parsed: cells.Parsed<T> | undefined): T | undefined {
    if (parsed === undefined) return undefined
    if (parsed.ok) return parsed.value
    this.add(sheet, row, column, parsed.message)
    return undefined
  }

  zodIssues(sheet: SheetKey, row: number, error: z.ZodError, columnOf: (path: readonly PropertyKey[]) => string): void {
    for (const issue of error.issues) this.add(sheet, row, columnOf(issue.path), bilingual(issue.message))
  }
}

function rowsOf(sheets: readonly ReadSheet[], key: SheetKey): SheetRow[] {
  return sheets.find((s) => s.key === key)?.rows ?? []
}

function innOf(row: SheetRow): string | undefined {
  return cells.digits(row.cells.inn, [10, 12])
}

/** «Повтор строки 5» with the row that came first; the first occurrence stays valid. */
function duplicateMessage(firstRow: number): string {
  return `Повтор: такая запись уже есть в строке ${firstRow} / Duplicate of row ${firstRow}`
}

async function resolveClusters(sql: Sql | Tx, actor: Actor, requested: readonly string[] | undefined, collector: Collector): Promise<string[]> {
  const unique = [...new Set(requested ?? [])]
  if (unique.length) {
    const known = new Set((await sql<{ id: string }[]>`select id from clusters where id = any(${sql.array(unique)})`).map((r) => r.id))
    for (const id of unique.filter((id) => !known.has(id))) collector.add('organizations', null, null, `Кластер ${id} не найден / Cluster ${id} not found`)
  }
  if (!isCurator(actor) || isPlatformAdmin(actor)) return unique
  const scope = await curatorScope(sql, actor)
  const outside = unique.filter((id) => !scope.clusterIds.includes(id))
  if (outside.length) collector.add('organizations', null, null, `Кластеры ${outside.join(', ')} не относятся к вашему центру / Clusters ${outside.join(', ')} are not your centre's`)
  if (unique.length) return unique
  if (scope.clusterIds.length === 1) return scope.clusterIds
  collector.add('organizations', null, null, 'Выберите кластер, в который войдут предприятия / Choose the cluster the enterprises join')
  return []
}

async function existingOrganizations(sql: Sql | Tx, actor: Actor, inns: readonly string[]): Promise<Map<string, ExistingOrganization>> {
  if (inns.length === 0) return new Map()
  const rows = await sql<Omit<ExistingOrganization, 'inScope'>[]>`select id, inn, name, kinds from organizations where inn = any(${sql.array([...inns])})`
  const inScope = new Set<string>()
  if (isPlatformAdmin(actor)) rows.forEach((r) => inScope.add(r.id))
  else if (actor.kind === 'user' && rows.length) {
    const scope = await curatorScope(sql, actor)
    const ids = rows.map((r) => r.id)
    const visible = await sql<{ id: string }[]>`select o.id from organizations o where o.id = any(${sql.array(ids)}) and ${inCuratorScope(sql, scope, sql`o.id`)}`
    visible.forEach((r) => inScope.add(r.id))
  }
  return new Map(rows.map((r) => [r.inn, { ...r, inScope: inScope.has(r.id) }]))
}

export interface PlanOptions {
  clusterIds?: readonly string[] | undefined
  now: Date
}

/**
 * Validates every row with the rules the API applies (INN/OGRN checksums, taxonomy, envelope and tolerance bounds,
 * dates, geocoding) and against the database (update or create by ИНН; sites, capacities and certificates by their
 * names and numbers within the organization), collecting every problem instead of stopping at the first. Reads only.
 */
export async function planImport(sql: Sql | Tx, actor: Actor, sheets: readonly ReadSheet[], options: PlanOptions): Promise<{ plan: ImportPlan; report: ImportReport; problems: ImportProblem[] }> {
  const collector = new Collector(sheets)
  const stamp = options.now.getTime()
  const clusterIds = await resolveClusters(sql, actor, options.clusterIds, collector)

  const allInns = new Set<string>()
  for (const key of ['organizations', 'sites', 'capacities', 'certificates'] as const) {
    for (const row of rowsOf(sheets, key)) {
      const inn = innOf(row)
      if (inn) allInns.add(inn)
    }
  }
  const existing = await existingOrganizations(sql, actor, [...allInns])

  // Организации
  const organizations = new Map<string, OrganizationPlan>()
  const ogrnRows = new Map<string, number>()
  const fileOgrns: { ogrn: string; inn: string; row: number }[] = []
  for (const row of rowsOf(sheets, 'organizations')) {
    const add = (column: string | null, message: string) => collector.add('organizations', row.row, column, message)
    const inn = innOf(row)
    const kinds = collector.take('organizations', row.row, 'kinds', cells.kinds(row.cells.kinds))
    const smeSize = collector.take('organizations', row.row, 'smeSize', cells.smeSize(row.cells.smeSize))
    const fields = {
      name: cells.text(row.cells.name),
      ogrn: cells.digits(row.cells.ogrn, [13, 15]),
      smeSize,
      description: cells.text(row.cells.description),
      website: cells.website(row.cells.website),
    }
    const candidate = Object.fromEntries(Object.entries({ ...fields, inn: inn ?? '', kinds: kinds?.length ? kinds : ['supplier'] }).filter(([, v]) => v !== undefined))
    const parsed = organizationInputSchema.safeParse(candidate)
    if (!parsed.success) {
      collector.zodIssues('organizations', row.row, parsed.error, (path) => String(path[0] ?? 'name'))
      continue
    }
    const validInn = parsed.data.inn
    const earlier = organizations.get(validInn)
    if (earlier) {
      add('inn', duplicateMessage(earlier.row ?? 0))
      continue
    }
    if (parsed.data.ogrn) {
      const firstRow = ogrnRows.get(parsed.data.ogrn)
      if (firstRow !== undefined) {
        add('ogrn', `ОГРН уже указан в строке ${firstRow} / OGRN already given in row ${firstRow}`)
        continue
      }
      ogrnRows.set(parsed.data.ogrn, row.row)
      fileOgrns.push({ ogrn: parsed.data.ogrn, inn: validInn, row: row.row })
    }
    const known = existing.get(validInn)
    if (known && !known.inScope) {
      add('inn', 'Организация с этим ИНН уже есть на платформе вне кластеров вашего центра: обратитесь к администратору / An organization with this INN exists outside your centre\'s clusters: ask a platform admin')
      continue
    }
    organizations.set(validInn, {
      id: known?.id ?? newId('org', stamp),
      inn: validInn,
      action: known ? 'update' : 'create',
      row: row.row,
      name: parsed.data.name,
      fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as OrganizationPlan['fields'],
      // Kinds are only ever added; a blank «Вид» keeps an existing organization's kinds and makes a new one a supplier.
      kinds: [...new Set([...(known?.kinds ?? []), ...(kinds?.length || !known ? (parsed.data.kinds as string[]) : [])])],
    })
  }
  if (fileOgrns.length) {
    const owners = await sql<{ inn: string; ogrn: string }[]>`select inn, ogrn from organizations where ogrn = any(${sql.array(fileOgrns.map((o) => o.ogrn))})`
    for (const owner of owners) {
      const given = fileOgrns.find((o) => o.ogrn === owner.ogrn)
      if (given && given.inn !== owner.inn) {
        collector.add('organizations', given.row, 'ogrn', 'Этот ОГРН на платформе принадлежит организации с другим ИНН / This OGRN belongs to an organization with another INN')
        organizations.delete(given.inn)
      }
    }
  }

  /** The organization a row of another sheet belongs to: from «Организации» or already on the platform. */
  const organizationFor = (sheet: SheetKey, row: SheetRow): OrganizationPlan | undefined => {
    const inn = innOf(row)
    if (!inn) {
      collector.add(sheet, row.row, 'inn', 'Укажите ИНН организации / Give the organization\'s INN')
      return undefined
    }
    const planned = organizations.get(inn)
    if (planned) return planned
    const known = existing.get(inn)
    if (known?.inScope) {
      const referenced: OrganizationPlan = { id: known.id, inn, action: 'update', row: null, name: known.name, fields: {}, kinds: known.kinds }
      organizations.set(inn, referenced)
      return referenced
    }
    const onSheet = rowsOf(sheets, 'organizations').some((r) => innOf(r) === inn)
    // A broken row on «Организации» is already reported; its dependants are not reported again.
    if (!onSheet) {
      collector.add(sheet, row.row, 'inn', known
        ? 'Организация с этим ИНН вне кластеров вашего центра / The organization with this INN is outside your centre\'s clusters'
        : `ИНН ${inn} нет ни на листе «Организации», ни на платформе / INN ${inn} is neither on the «Организации» sheet nor on the platform`)
    }
    return undefined
  }

  const existingOrgIds = [...existing.values()].filter((o) => o.inScope).map((o) => o.id)
  const [dbSites, dbCapacities, dbCertificates] = existingOrgIds.length
    ? await Promise.all([
        sql<{ id: string; orgId: string; name: string }[]>`select id, org_id, name from sites where org_id = any(${sql.array(existingOrgIds)})`,
        sql<{ id: string; orgId: string; siteId: string; title: string }[]>`select id, org_id, site_id, title from capacities where org_id = any(${sql.array(existingOrgIds)})`,
        sql<{ id: string; orgId: string; standard: string; number: string }[]>`select id, org_id, standard, number from certificates where org_id = any(${sql.array(existingOrgIds)})`,
      ])
    : [[], [], []]

  // Площадки
  const sites = new Map<string, SitePlan>()
  const siteKey = (orgId: string, name: string) => `${orgId}\u0000${fold(name)}`
  for (const row of rowsOf(sheets, 'sites')) {
    const organization = organizationFor('sites', row)
    const name = cells.text(row.cells.name)
    if (!name) collector.add('sites', row.row, 'name', 'Укажите название площадки / Give the site\'s name')
    const lat = collector.take('sites', row.row, 'lat', cells.number(row.cells.lat))
    const lon = collector.take('sites', row.row, 'lon', cells.number(row.cells.lon))
    const address = cells.text(row.cells.address)
    const city = cells.text(row.cells.city)
    const region = cells.text(row.cells.region)
    if (!address && !city && !region && lat === undefined) {
      collector.add('sites', row.row, 'city', 'Укажите населённый пункт, субъект РФ или адрес / Give a city, a region or an address')
      continue
    }
    if ((lat === undefined) !== (lon === undefined)) {
      collector.add('sites', row.row, lat === undefined ? 'lat' : 'lon', 'Укажите широту и долготу вместе / Give latitude and longitude together')
      continue
    }
    const located = geocode({ address, city, region, lat, lon })
    if (!located.ok) {
      const column = located.reason === 'out_of_range' ? 'lat' : located.reason === 'unknown_region' ? 'region' : city ? 'city' : 'address'
      collector.add('sites', row.row, column, geocodeFailureMessage(located as GeocodeFailure))
      continue
    }
    if (!organization || !name) continue
    const key = siteKey(organization.id, name)
    const earlier = sites.get(key)
    if (earlier) {
      collector.add('sites', row.row, 'name', duplicateMessage(earlier.row))
      continue
    }
    const place = located.place
    const known = dbSites.find((s) => s.orgId === organization.id && fold(s.name) === fold(name))
    sites.set(key, {
      id: known?.id ?? newId('site', stamp),
      orgId: organization.id,
      action: known ? 'update' : 'create',
      row: row.row,
      inn: organization.inn,
      name,
      address: siteAddress(address, place.city ?? city, region),
      city: place.city ?? (lat !== undefined ? city ?? null : null),
      regionCode: place.regionCode,
      lat: place.lat,
      lon: place.lon,
      precision: place.precision,
    })
  }

  /** The site a capacity row names, on «Площадки» or on the platform; blank names the organization's only site. */
  const siteFor = (row: SheetRow, organization: OrganizationPlan): string | undefined => {
    const named = cells.text(row.cells.site)
    const candidates = [
      ...[...sites.values()].filter((s) => s.orgId === organization.id).map((s) => ({ id: s.id, name: s.name })),
      ...dbSites.filter((s) => s.orgId === organization.id && ![...sites.values()].some((p) => p.id === s.id)),
    ]
    if (named) {
      const site = candidates.find((s) => fold(s.name) === fold(named))
      if (site) return site.id
      const failedOnSheet = rowsOf(sheets, 'sites').some((r) => innOf(r) === organization.inn && fold(cells.text(r.cells.name) ?? '') === fold(named))
      if (!failedOnSheet) collector.add('capacities', row.row, 'site', `Площадки «${named}» нет у организации ни на листе «Площадки», ни на платформе / The organization has no site "${named}" on the «Площадки» sheet or on the platform`)
      return undefined
    }
    if (candidates.length === 1) return candidates[0]?.id
    // The organization's only site is on the sheet but broken: that row is reported already.
    if (candidates.length === 0 && rowsOf(sheets, 'sites').some((r) => innOf(r) === organization.inn)) return undefined
    collector.add('capacities', row.row, 'site', candidates.length === 0
      ? 'У организации нет площадок: добавьте её на лист «Площадки» / The organization has no site: add one on the «Площадки» sheet'
      : 'У организации несколько площадок: укажите, на какой мощность / The organization has several sites: name the capacity\'s site')
    return undefined
  }

  // Мощности
  const capacities = new Map<string, CapacityPlan>()
  for (const row of rowsOf(sheets, 'capacities')) {
    const organization = organizationFor('capacities', row)
    const take = <T,>(column: string, parsed: cells.Parsed<T> | undefined) => collector.take('capacities', row.row, column, parsed)
    const processes = names(row.cells.processes, isKnownProcessName, lookupProcess, (m) => collector.add('capacities', row.row, 'processes', m))
    const materials = names(row.cells.materials, isKnownMaterialName, lookupMaterial, (m) => collector.add('capacities', row.row, 'materials', m))
    const envelopeValues = {
      lengthMm: take('lengthMm', cells.number(row.cells.lengthMm)),
      widthMm: take('widthMm', cells.number(row.cells.widthMm)),
      heightMm: take('heightMm', cells.number(row.cells.heightMm)),
      massKg: take('massKg', cells.number(row.cells.massKg)),
    }
    const envelopeGiven = Object.values(envelopeValues).filter((v) => v !== undefined).length
    const envelopeColumns = ['lengthMm', 'widthMm', 'heightMm', 'massKg'] as const
    if (envelopeGiven > 0 && envelopeGiven < 4) {
      const missing = envelopeColumns.find((c) => envelopeValues[c] === undefined && row.cells[c] === undefined)
      if (missing) collector.add('capacities', row.row, missing, 'Габарит указывается целиком: длина, ширина, высота и масса / Give the whole envelope: length, width, height and mass')
    }
    const candidate = {
      title: cells.text(row.cells.title) ?? '',
      processes: processes ?? [],
      equipment: cells.text(row.cells.equipment),
      materials,
      envelope: envelopeGiven === 4 ? envelopeValues : undefined,
      itGrade: take('itGrade', cells.itGrade(row.cells.itGrade)),
      roughnessRa: take('roughnessRa', cells.number(row.cells.roughnessRa)),
      batchMin: take('batchMin', cells.integer(row.cells.batchMin)),
      batchMax: take('batchMax', cells.integer(row.cells.batchMax)),
      freeHours: take('freeHours', cells.freeHours(row.cells.freeHours)),
      leadTimeDays: take('leadTimeDays', cells.integer(row.cells.leadTimeDays)),
      descriptionRu: cells.text(row.cells.description),
    }
    const parsed = CAPACITY_FIELDS.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)))
    if (!parsed.success) {
      // An unknown process name is reported once, by the look-up, not again as an empty list.
      const lookupFailed = row.cells.processes !== undefined && processes === undefined
      const issues = lookupFailed ? parsed.error.issues.filter((i) => i.path[0] !== 'processes') : parsed.error.issues
      for (const issue of issues) {
        const column = capacityColumn(issue.path)
        collector.add('capacities', row.row, column, bilingual(emptyMessage(row.cells[column], issue.message)))
      }
      continue
    }
    const input = parsed.data
    if (input.batchMin != null && input.batchMax != null && input.batchMin > input.batchMax) {
      collector.add('capacities', row.row, 'batchMin', `Минимальная партия (${input.batchMin}) больше максимальной (${input.batchMax}) / Minimum batch (${input.batchMin}) exceeds maximum batch (${input.batchMax})`)
      continue
    }
    if (processes === undefined || (row.cells.materials !== undefined && materials === undefined) || !organization) continue
    if (!organization.kinds.includes('supplier')) {
      collector.add('capacities', row.row, 'inn', 'Мощности бывают только у поставщиков: укажите вид «поставщик» на листе «Организации» / Only suppliers have capacities: give the kind «поставщик» on the «Организации» sheet')
      continue
    }
    const siteId = siteFor(row, organization)
    if (!siteId) continue
    const key = `${siteId}\u0000${fold(input.title)}`
    const earlier = capacities.get(key)
    if (earlier) {
      collector.add('capacities', row.row, 'title', duplicateMessage(earlier.row))
      continue
    }
    const known = dbCapacities.find((c) => c.siteId === siteId && fold(c.title) === fold(input.title))
    capacities.set(key, { id: known?.id ?? newId('cap', stamp), orgId: organization.id, siteId, action: known ? 'update' : 'create', row: row.row, input })
  }

  // Сертификаты
  const certificates = new Map<string, CertificatePlan>()
  for (const row of rowsOf(sheets, 'certificates')) {
    const organization = organizationFor('certificates', row)
    const standardText = cells.text(row.cells.standard)
    const standard = standardText ? lookupCertificate(standardText) : undefined
    if (standard && !standard.ok) collector.add('certificates', row.row, 'standard', standard.message)
    const validFrom = collector.take('certificates', row.row, 'validFrom', cells.date(row.cells.validFrom))
    const validUntil = collector.take('certificates', row.row, 'validUntil', cells.date(row.cells.validUntil))
    const candidate = {
      standard: standard?.ok ? standard.code : '',
      number: cells.text(row.cells.number) ?? '',
      issuer: cells.text(row.cells.issuer) ?? '',
      validFrom: validFrom ?? '',
      validUntil: validUntil ?? null,
      scope: cells.text(row.cells.scope),
    }
    const parsed = certificateInputSchema.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)))
    if (!parsed.success) {
      const reported = new Set([...(standard && !standard.ok ? ['standard'] : []), ...(row.cells.validFrom !== undefined && validFrom === undefined ? ['validFrom'] : [])])
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? 'number')
        if (!reported.has(column)) collector.add('certificates', row.row, column, bilingual(emptyMessage(row.cells[column], issue.message)))
      }
      continue
    }
    if (!organization || (row.cells.validUntil !== undefined && validUntil === undefined)) continue
    const input = parsed.data
    const key = `${organization.id}\u0000${input.standard}\u0000${fold(input.number)}`
    const earlier = certificates.get(key)
    if (earlier) {
      collector.add('certificates', row.row, 'number', duplicateMessage(earlier.row))
      continue
    }
    const known = dbCertificates.find((c) => c.orgId === organization.id && c.standard === input.standard && fold(c.number) === fold(input.number))
    certificates.set(key, { id: known?.id ?? newId('cert', stamp), orgId: organization.id, action: known ? 'update' : 'create', row: row.row, input })
  }

  const plan: ImportPlan = {
    organizations: [...organizations.values()],
    sites: [...sites.values()],
    capacities: [...capacities.values()],
    certificates: [...certificates.values()],
    clusterIds,
  }
  const problems = collector.problems.sort((a, b) => sheetOrder(a.sheet, sheets) - sheetOrder(b.sheet, sheets) || (a.row ?? 0) - (b.row ?? 0))
  const count = (items: readonly { action: ImportAction }[]): ImportCounts => ({
    create: items.filter((i) => i.action === 'create').length,
    update: items.filter((i) => i.action === 'update').length,
  })
  const report: ImportReport = {
    ok: problems.length === 0,
    rows: sheets.reduce((n, s) => n + s.rows.length, 0),
    problems,
    counts: { organizations: count(plan.organizations), sites: count(plan.sites), capacities: count(plan.capacities), certificates: count(plan.certificates) },
    organizations: plan.organizations.map((o) => ({ row: o.row, inn: o.inn, name: o.name, action: o.action })),
    sites: plan.sites.map((s) => ({ row: s.row, inn: s.inn, name: s.name, city: s.city, regionCode: s.regionCode, precision: s.precision })),
    clusterIds,
  }
  return { plan, report, problems }
}

function sheetOrder(name: string, sheets: readonly ReadSheet[]): number {
  const index = sheets.findIndex((s) => s.name === name)
  return index < 0 ? -1 : index
}

/** A required cell left empty says so, rather than zod's «too short». */
function emptyMessage(value: CellValue | undefined, message: string): string {
  return value === undefined ? 'Заполните обязательную ячейку / Fill in this required cell' : message
}

function capacityColumn(path: readonly PropertyKey[]): string {
  const [first, second] = path
  if (first === 'envelope' && typeof second === 'string') return second
  if (first === 'descriptionRu') return 'description'
  return String(first ?? 'title')
}

/** Names in a list cell as catalogue codes; undefined (after reporting each unknown name) when any is unknown. */
function names(
  value: CellValue | undefined,
  isKnown: (name: string) => boolean,
  lookup: (name: string) => { ok: true; code: string } | { ok: false; message: string },
  report: (message: string) => void,
): string[] | undefined {
  const raw = cells.text(value)
  if (raw === undefined) return undefined
  const codes: string[] = []
  let failed = false
  for (const name of splitList(raw, isKnown)) {
    const found = lookup(name)
    if (found.ok) {
      if (!codes.includes(found.code)) codes.push(found.code)
    } else {
      report(found.message)
      failed = true
    }
  }
  return failed ? undefined : codes
}

/** «Промышленная ул., 12, Набережные Челны, Республика Татарстан»: the street, then what it does not already say. */
function siteAddress(address: string | undefined, city: string | null | undefined, region: string | undefined): string {
  const parts = [address, city, region].filter((part): part is string => Boolean(part))
  const kept: string[] = []
  for (const part of parts) if (!kept.some((k) => fold(k).includes(fold(part)))) kept.push(part)
  return kept.join(', ')
}
