import { createHash } from 'node:crypto'
import type { Meilisearch } from 'meilisearch'
import { unwrapSearchError } from './http.js'

/**
 * Least privilege towards Meilisearch (ASVS 5.0 13.2.2): the request path holds a key that can only
 * search, the outbox worker a key that can write documents and manage our indexes, and the master key
 * is used only here, once at start-up, to create or find those two.
 */
export interface ScopedSearchKeys {
  /** actions: search — for every request the app answers (and the match worker, which only searches). */
  search: string
  /** documents, indexes, settings and tasks — for the outbox worker and index set-up. */
  documents: string
}

export const SEARCH_KEY_ACTIONS = ['search'] as const
export const DOCUMENTS_KEY_ACTIONS = ['documents.*', 'indexes.*', 'settings.*', 'tasks.*'] as const

/**
 * A stable uid per deployment prefix and role: Meilisearch derives a key's value from its uid and the
 * master key, so every process of one deployment finds (or recreates) the same two keys.
 */
export function scopedKeyUid(indexPrefix: string, role: 'search' | 'documents'): string {
  const hex = createHash('sha256').update(`podryad:${role}:${indexPrefix}`).digest('hex')
  // Shaped as a version-4 UUID, which is what Meilisearch accepts as a key uid.
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value))
}

async function ensureKey(admin: Meilisearch, uid: string, role: 'search' | 'documents', actions: readonly string[], indexes: string[]): Promise<string> {
  const existing = await admin.getKey(uid).catch((error: unknown) => {
    if (unwrapSearchError(error)?.status === 404) return null
    throw error
  })
  // A key created by an older version with other rights is replaced; its uid (and so its value) stays.
  if (existing && sameSet(existing.actions, actions) && sameSet(existing.indexes, indexes) && existing.expiresAt === null) return existing.key
  if (existing) await admin.deleteKey(uid)
  const created = await admin
    .createKey({
      uid,
      name: `podryad-${role}${indexes[0] === '*' ? '' : `:${indexes[0]}`}`,
      description: role === 'search' ? 'Podryad request path: search only' : 'Podryad outbox worker: documents, indexes, settings, tasks',
      actions: [...actions] as never,
      indexes,
      expiresAt: null,
    })
    .catch(async (error: unknown) => {
      // Another process of the deployment, starting at the same moment, created it first (test/faults/shutdown.test.ts).
      if (unwrapSearchError(error)?.code === 'api_key_already_exists') return admin.getKey(uid)
      throw error
    })
  return created.key
}

/** Creates or finds the search key and the documents key, scoped to the indexes under `indexPrefix`. */
export async function ensureScopedKeys(admin: Meilisearch, indexPrefix: string): Promise<ScopedSearchKeys> {
  const indexes = [`${indexPrefix}*`]
  return {
    search: await ensureKey(admin, scopedKeyUid(indexPrefix, 'search'), 'search', SEARCH_KEY_ACTIONS, indexes),
    documents: await ensureKey(admin, scopedKeyUid(indexPrefix, 'documents'), 'documents', DOCUMENTS_KEY_ACTIONS, indexes),
  }
}
