/**
 * A centre's register of suppliers in the import layout (src/domain/import/layout.ts), drawn from the demo dataset:
 * the suppliers owning the dataset's first `capacities` capacity rows, with their sites, certificates and capacities,
 * written the way a curator types them — Russian catalogue names, ДД.ММ.ГГГГ dates in date cells, region names.
 */
import type { CellValue } from '../../src/domain/import/read.js'
import { lookupCertificate, lookupMaterial, lookupProcess } from '../../src/domain/import/lookup.js'
import type { SheetRecords } from '../../src/domain/import/write.js'
import { CERTIFICATES, getMaterial, getMaterialFamily, getProcess } from '../../src/domain/taxonomy/index.js'
import { getSubject } from '../../src/geo/index.js'
import { generateDataset } from './generate.js'

type Row = Partial<Record<string, CellValue>>

const SME_RU = { micro: 'микро', small: 'малое', medium: 'среднее', large: 'крупное' } as const

/** The shortest catalogue spelling the import reads back as the same code: «ISO 9001» rather than its full title. */
function certificateName(code: string): string {
  const full = CERTIFICATES.find((c) => c.code === code)?.nameRu ?? code
  const short = full.split(/\s+—\s+|\s+«/u)[0] ?? full
  const found = lookupCertificate(short)
  return found.ok && found.code === code ? short : code
}

function processName(code: string): string {
  const name = getProcess(code)?.nameRu ?? code
  const found = lookupProcess(name)
  return found.ok && found.code === code ? name : code
}

function materialName(code: string): string {
  const name = getMaterial(code)?.nameRu ?? getMaterialFamily(code)?.nameRu ?? code
  const found = lookupMaterial(name)
  return found.ok && found.code === code ? name : code
}

function dateCell(iso: string | null): Date | undefined {
  return iso ? new Date(`${iso}T00:00:00Z`) : undefined
}

function definedOnly(row: Record<string, CellValue | null | undefined>): Row {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Row
}

export interface ImportWorkbookOptions {
  seed: number
  /** Rows on «Мощности»; the other sheets follow from the suppliers that own them. */
  capacities: number
  now: string
}

export function generateImportRecords(options: ImportWorkbookOptions): SheetRecords {
  const dataset = generateDataset({ seed: options.seed, capacities: options.capacities, now: options.now })
  const capacityRows = [...dataset.capacities()].slice(0, options.capacities)
  const supplierIds = new Set(capacityRows.map((c) => c.orgId))
  const organizations = [...dataset.organizations()].filter((o) => supplierIds.has(o.id))
  const innOf = new Map(organizations.map((o) => [o.id, o.inn]))
  const sites = [...dataset.sites()].filter((s) => supplierIds.has(s.orgId))
  const siteNames = new Map(sites.map((s) => [s.id, s.name]))
  const usedSiteNames = new Set<string>()
  const siteRows: Row[] = []
  for (const site of sites) {
    // A register names each site once per enterprise; the generator may repeat a workshop name.
    let name = site.name
    for (let n = 2; usedSiteNames.has(`${site.orgId}|${name}`); n++) name = `${site.name} (${n})`
    usedSiteNames.add(`${site.orgId}|${name}`)
    siteNames.set(site.id, name)
    siteRows.push(
      definedOnly({
        inn: innOf.get(site.orgId),
        name,
        region: getSubject(site.regionCode)?.nameRu,
        city: site.city,
        address: site.address,
        lat: site.precision === 'exact' ? site.lat : undefined,
        lon: site.precision === 'exact' ? site.lon : undefined,
      }),
    )
  }
  const titles = new Set<string>()
  const capacityRecords = capacityRows.map((c) => {
    let title = c.title
    for (let n = 2; titles.has(`${c.siteId}|${title.toLowerCase()}`); n++) title = `${c.title} (${n})`
    titles.add(`${c.siteId}|${title.toLowerCase()}`)
    return definedOnly({
      inn: innOf.get(c.orgId),
      site: siteNames.get(c.siteId),
      title,
      processes: c.processes.map(processName).join('; '),
      equipment: c.equipment,
      materials: c.materials.map(materialName).join('; '),
      lengthMm: c.lengthMm,
      widthMm: c.widthMm,
      heightMm: c.heightMm,
      massKg: c.massKg,
      itGrade: c.itGrade,
      roughnessRa: c.roughnessRa,
      batchMin: c.batchMin,
      batchMax: c.batchMax,
      leadTimeDays: c.leadTimeDays,
      freeHours: c.freeHours.map((f) => `${f.month}: ${f.hours}`).join('; '),
      description: c.descriptionRu,
    })
  })
  const certificateKeys = new Set<string>()
  const certificates = [...dataset.certificates()].filter((c) => {
    const key = `${c.orgId}|${c.standard}|${c.number}`
    if (!supplierIds.has(c.orgId) || certificateKeys.has(key)) return false
    certificateKeys.add(key)
    return true
  })
  return {
    organizations: organizations.map((o) =>
      definedOnly({
        inn: o.inn,
        name: o.name,
        ogrn: o.ogrn,
        kinds: o.kinds.includes('contractor') ? 'поставщик; заказчик' : 'поставщик',
        smeSize: o.smeSize ? SME_RU[o.smeSize] : undefined,
        website: o.website,
        description: o.description,
      }),
    ),
    sites: siteRows,
    capacities: capacityRecords,
    certificates: certificates.map((c) =>
      definedOnly({
        inn: innOf.get(c.orgId),
        standard: certificateName(c.standard),
        number: c.number,
        issuer: c.issuer,
        validFrom: dateCell(c.validFrom),
        validUntil: dateCell(c.validUntil),
        scope: c.scope,
      }),
    ),
  }
}
