import {
  CERTIFICATES,
  MATERIALS,
  MATERIAL_FAMILIES,
  PROCESSES,
  searchMaterials,
  searchProcesses,
} from '../taxonomy/index.js'

/**
 * Taxonomy look-ups by the names people write in spreadsheets. Case, ё/е, spacing and punctuation do not matter;
 * a process may also be named by its code, its name without the parenthesised remark, its English name or an
 * ОКВЭД2 class that belongs to that process alone. A spelling that fits two entries names neither.
 */

/** Lower case, ё→е, letters and digits only: «ISO 9001:2015», «iso9001-2015» and «ISO 9001 2015» fold alike. */
export function compactKey(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е').replace(/[^\p{L}\p{N}]+/gu, '')
}

class NameIndex {
  private readonly codes = new Map<string, Set<string>>()

  add(code: string, names: readonly (string | undefined)[]): void {
    for (const name of names) {
      if (!name) continue
      const key = compactKey(name)
      if (!key) continue
      const set = this.codes.get(key) ?? new Set<string>()
      set.add(code)
      this.codes.set(key, set)
    }
  }

  /** The code a name stands for; undefined when unknown or when it fits several entries. */
  find(name: string): string | undefined {
    const codes = this.codes.get(compactKey(name))
    return codes?.size === 1 ? [...codes][0] : undefined
  }
}

/** «Фрезерная обработка 5-осевая (непрерывная)» → «Фрезерная обработка 5-осевая». */
function withoutRemark(name: string): string {
  return name.replace(/\s*\(.*$/u, '').trim()
}

const PROCESS_INDEX = new NameIndex()
for (const process of PROCESSES) {
  PROCESS_INDEX.add(process.code, [process.code, process.nameRu, process.nameEn, withoutRemark(process.nameRu), withoutRemark(process.nameEn)])
}
const PROCESSES_BY_OKVED = new Map<string, string[]>()
for (const process of PROCESSES) {
  const list = PROCESSES_BY_OKVED.get(process.okved2) ?? []
  list.push(process.code)
  PROCESSES_BY_OKVED.set(process.okved2, list)
}

const MATERIAL_INDEX = new NameIndex()
for (const material of MATERIALS) {
  MATERIAL_INDEX.add(material.code, [material.code, material.nameRu, ...(material.aliases ?? []), `Сталь ${material.nameRu}`])
}
for (const family of MATERIAL_FAMILIES) MATERIAL_INDEX.add(family.code, [family.code, family.nameRu, family.nameEn])

/** «AS9100D / EN 9100:2018 / JISQ 9100 — СМК…» gives «AS9100D», «EN 9100:2018», «JISQ 9100» and «AS9100D / EN 9100:2018 / JISQ 9100». */
function certificateDesignations(name: string): string[] {
  const head = name.split(/\s+—\s+|\s+«/u)[0] ?? name
  const parts = head.split(/\s+\/\s+/u)
  // «ISO 9001:2015» is also written without its year.
  const withoutYear = [head, ...parts].map((part) => part.replace(/[:-](19|20)\d{2}$/u, ''))
  return [head, ...parts, ...withoutYear]
}

const CERTIFICATE_INDEX = new NameIndex()
for (const certificate of CERTIFICATES) {
  CERTIFICATE_INDEX.add(certificate.code, [
    certificate.code,
    certificate.nameRu,
    certificate.nameEn,
    ...certificateDesignations(certificate.nameRu),
    ...certificateDesignations(certificate.nameEn),
  ])
}

export type LookupResult = { ok: true; code: string } | { ok: false; message: string }

function suggestions(names: readonly string[]): string {
  return names.length ? ` Возможно: ${names.map((n) => `«${n}»`).join(', ')} / Did you mean: ${names.map((n) => `"${n}"`).join(', ')}?` : ''
}

export function lookupProcess(name: string): LookupResult {
  const code = PROCESS_INDEX.find(name)
  if (code) return { ok: true, code }
  const okved = name.trim().match(/^\d{2}(\.\d{1,2}){0,2}$/u)?.[0]
  if (okved) {
    const codes = PROCESSES_BY_OKVED.get(okved) ?? []
    if (codes.length === 1 && codes[0]) return { ok: true, code: codes[0] }
    if (codes.length > 1) {
      const names = codes.map((c) => PROCESSES.find((p) => p.code === c)?.nameRu ?? c)
      return { ok: false, message: `Код ОКВЭД2 ${okved} соответствует нескольким процессам: укажите процесс по названию / OKVED2 ${okved} covers several processes: name the process.${suggestions(names.slice(0, 5))}` }
    }
  }
  const near = searchProcesses(withoutRemark(name), 3).map((p) => p.nameRu)
  return { ok: false, message: `Процесс «${name}» не найден в справочнике / Process "${name}" is not in the catalogue.${suggestions(near)}` }
}

export function lookupMaterial(name: string): LookupResult {
  const code = MATERIAL_INDEX.find(name)
  if (code) return { ok: true, code }
  const near = searchMaterials(name, 3).map((m) => m.nameRu)
  return { ok: false, message: `Материал «${name}» не найден в справочнике / Material "${name}" is not in the catalogue.${suggestions(near)}` }
}

export function lookupCertificate(name: string): LookupResult {
  const code = CERTIFICATE_INDEX.find(name)
  if (code) return { ok: true, code }
  return { ok: false, message: `Сертификат «${name}» не найден в справочнике: см. лист «Справочник» / Certificate "${name}" is not in the catalogue: see the «Справочник» sheet` }
}

/**
 * A cell listing several names: separated by «;» or line breaks (commas appear inside names: «Гальванические
 * покрытия: цинкование, никелирование…»). A catalogue name that itself contains «;» is rejoined.
 */
export function splitList(text: string, isKnown: (name: string) => boolean): string[] {
  const parts = text.split(/[;\n]/u).map((part) => part.trim()).filter(Boolean)
  const names: string[] = []
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string
    const joined = i + 1 < parts.length ? `${part}; ${parts[i + 1]}` : undefined
    if (!isKnown(part) && joined && isKnown(joined)) {
      names.push(joined)
      i++
    } else names.push(part)
  }
  return names
}

export function isKnownProcessName(name: string): boolean {
  return PROCESS_INDEX.find(name) !== undefined
}

export function isKnownMaterialName(name: string): boolean {
  return MATERIAL_INDEX.find(name) !== undefined
}
