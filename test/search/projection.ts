import type { Sql } from '../../src/db/client.js'
import type { Search } from '../../src/search/client.js'
import { loadCapacityDocumentsPage, loadNeedDocumentsPage } from '../../src/search/documents.js'

/**
 * The oracle of the search tests: the index must hold exactly the projection of PostgreSQL, document
 * for document and field for field. Written independently of src/search/reconcile.ts, which it checks.
 */

export interface ProjectionDiff {
  /** Rows without a document. */
  missing: string[]
  /** Documents without a row. */
  extra: string[]
  /** Documents whose fields differ from the projection of their row, with the first differing field. */
  altered: { id: string; field: string; indexed: unknown; expected: unknown }[]
  rows: number
  documents: number
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]))
  }
  return value
}

async function allDocuments(search: Search, uid: string): Promise<Map<string, Record<string, unknown>>> {
  const documents = new Map<string, Record<string, unknown>>()
  const limit = 1000
  for (let offset = 0; ; offset += limit) {
    const page = await search.client.index(uid).getDocuments({ offset, limit })
    for (const document of page.results) documents.set(String(document.id), document)
    if (page.results.length < limit) return documents
  }
}

async function allRows(sql: Sql, load: (sql: Sql, afterId: string | null, limit: number) => Promise<{ id: string }[]>): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>()
  let afterId: string | null = null
  for (;;) {
    const page = await load(sql, afterId, 2000)
    for (const row of page) rows.set(row.id, row as unknown as Record<string, unknown>)
    if (page.length < 2000) return rows
    afterId = page[page.length - 1]?.id ?? null
  }
}

/** Differences between one index and the projection of its table. */
export async function projectionDiff(sql: Sql, search: Search, entity: 'capacities' | 'needs'): Promise<ProjectionDiff> {
  const uid = entity === 'capacities' ? search.indexes.capacities : search.indexes.needs
  const [documents, rows] = await Promise.all([
    allDocuments(search, uid),
    allRows(sql, entity === 'capacities' ? loadCapacityDocumentsPage : loadNeedDocumentsPage),
  ])
  const diff: ProjectionDiff = { missing: [], extra: [], altered: [], rows: rows.size, documents: documents.size }
  for (const [id, row] of rows) {
    const document = documents.get(id)
    if (!document) {
      diff.missing.push(id)
      continue
    }
    for (const field of new Set([...Object.keys(row), ...Object.keys(document)])) {
      const indexed = JSON.stringify(sortKeys(document[field]))
      const expected = JSON.stringify(sortKeys(row[field]))
      if (indexed !== expected) {
        diff.altered.push({ id, field, indexed: document[field], expected: row[field] })
        break
      }
    }
  }
  for (const id of documents.keys()) if (!rows.has(id)) diff.extra.push(id)
  return diff
}

/** Both indexes against both tables; empty lists when the index is exactly the projection of PostgreSQL. */
export async function indexDrift(sql: Sql, search: Search): Promise<Record<'capacities' | 'needs', Omit<ProjectionDiff, 'rows' | 'documents'>>> {
  const [capacities, needs] = await Promise.all([projectionDiff(sql, search, 'capacities'), projectionDiff(sql, search, 'needs')])
  const strip = ({ missing, extra, altered }: ProjectionDiff) => ({ missing, extra, altered })
  return { capacities: strip(capacities), needs: strip(needs) }
}

export const NO_DRIFT = {
  capacities: { missing: [], extra: [], altered: [] },
  needs: { missing: [], extra: [], altered: [] },
}
