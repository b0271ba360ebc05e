import type { Tx } from '../services/context.js'
import type { SearchEntity } from './outbox.js'

/** First key of the two-key advisory locks that serialise sends of one document (its own key space). */
const DOCUMENT_LOCK_NAMESPACE = 7302

/**
 * Documents hash into this many locks, so a transaction takes at most this many whatever its batch size.
 * PostgreSQL's shared lock table holds max_locks_per_transaction (64) per server process slot: fewer than
 * 10,000 entries with default settings, shared by every session. One lock per document would make a
 * 10,000-document outbox batch fail with "out of shared memory". Two senders of different documents that
 * share a bucket merely wait for each other.
 */
const DOCUMENT_LOCK_BUCKETS = 1024

/** What Meilisearch accepts as a document id; anything else would fail the whole payload it is in. */
export const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/

/**
 * Takes, for the rest of the transaction, the lock that serialises "read the rows, send the
 * documents" for each of these documents. Everything that sends documents read from PostgreSQL to
 * the live index (the outbox worker, reconcile) takes it first; otherwise a sender that read an older
 * row could deliver after one that read a newer one and leave the index stale. Keys are taken in one
 * order, so two holders cannot deadlock on them.
 */
export async function lockSearchDocuments(tx: Tx, wanted: ReadonlyMap<SearchEntity, readonly string[]>): Promise<void> {
  const keys = [...wanted].flatMap(([entity, ids]) => ids.map((id) => `${entity}:${id}`))
  if (keys.length === 0) return
  await tx`
    select pg_advisory_xact_lock(${DOCUMENT_LOCK_NAMESPACE}, k)
    from (select distinct hashtext(key) & ${DOCUMENT_LOCK_BUCKETS - 1} as k from unnest(${tx.array(keys)}::text[]) key order by 1) ordered`
}
