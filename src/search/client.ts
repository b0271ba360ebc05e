import { Meilisearch, type EnqueuedTask, type RecordAny, type Task, type WaitOptions } from 'meilisearch'
import { createSearchHttpClient, type SearchHttpOptions } from './http.js'

export interface SearchConfig {
  url: string
  apiKey?: string
  /** Prepended to every index name, so several deployments or test workers can share one server. */
  indexPrefix?: string
  http?: SearchHttpOptions
  /**
   * How long to wait for one Meilisearch task. The client's own default (5 s) is too short for
   * production: a settings change re-indexes everything, and tasks queue behind each other.
   */
  taskTimeoutMs?: number
}

export interface SearchIndexNames {
  capacities: string
  needs: string
}

/** One Meilisearch connection for the process: the client, our index names, and task helpers. */
export interface Search {
  readonly client: Meilisearch
  readonly indexes: SearchIndexNames
  /** True when Meilisearch answers `/health` with `available` within about a second. */
  health(): Promise<boolean>
  /** Waits for the task and returns it; throws `SearchTaskError` unless it `succeeded`. */
  waitOk(task: Promise<EnqueuedTask>, options?: WaitOptions): Promise<Task>
  /** Upserts full documents (primary key `id`) and waits until they are indexed (`wait` overrides the task timeout). */
  addDocuments(indexUid: string, documents: RecordAny[], wait?: WaitOptions): Promise<Task>
  /** Deletes documents by id and waits until they are gone. */
  deleteDocuments(indexUid: string, ids: string[], wait?: WaitOptions): Promise<Task>
  close(): Promise<void>
}

/** A Meilisearch task that finished without succeeding; nothing it carried was applied. */
export class SearchTaskError extends Error {
  constructor(readonly task: Task) {
    const reason = task.error ? `${task.error.code}: ${task.error.message}` : 'no error reported'
    super(`Meilisearch task ${task.uid} (${task.type} on ${task.indexUid ?? 'no index'}) ${task.status}: ${reason}`)
    this.name = 'SearchTaskError'
  }
}

const INDEX_PREFIX = /^[A-Za-z0-9_-]*$/

/** Creates the process's single Meilisearch client, using our undici transport. */
export function createSearch(config: SearchConfig): Search {
  const prefix = config.indexPrefix ?? ''
  if (!INDEX_PREFIX.test(prefix)) throw new Error(`Search index prefix may hold only letters, digits, '-' and '_': ${prefix}`)
  const http = createSearchHttpClient(config.http)
  const client = new Meilisearch({
    host: config.url,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    httpClient: http.request,
    defaultWaitOptions: { timeout: config.taskTimeoutMs ?? 30_000, interval: 50 },
  })

  async function waitOk(enqueued: Promise<EnqueuedTask>, options?: WaitOptions): Promise<Task> {
    const task = await client.tasks.waitForTask(await enqueued, options)
    if (task.status !== 'succeeded') throw new SearchTaskError(task)
    return task
  }

  return {
    client,
    indexes: { capacities: `${prefix}capacities`, needs: `${prefix}needs` },
    async health() {
      try {
        return (await client.health()).status === 'available'
      } catch {
        return false
      }
    },
    waitOk,
    addDocuments: (indexUid, documents, wait) => waitOk(client.index(indexUid).addDocuments(documents, { primaryKey: 'id' }), wait),
    deleteDocuments: (indexUid, ids, wait) => waitOk(client.index(indexUid).deleteDocuments(ids), wait),
    close: () => http.close(),
  }
}
