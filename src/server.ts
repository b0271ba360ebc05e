import type { IncomingMessage, ServerResponse } from 'node:http'
import { serve } from '@hono/node-server'
import type { ServerType } from '@hono/node-server'
import { createApp } from './app.js'
import type { Config } from './config.js'
import { type Sql, createSql } from './db/client.js'
import { migrate } from './db/migrate.js'
import { preloadGazetteer } from './geo/index.js'
import { type Infrastructure, startInfrastructure } from './infrastructure.js'
import type { Logger } from './lib/log.js'
import { createNotificationWorker } from './notifications/deliver.js'
import { createMailTransport } from './notifications/transport.js'
import { type Search, createSearch } from './search/client.js'
import { ensureScopedKeys } from './search/keys.js'
import { type ScheduledReconcile, scheduleReconcile } from './search/reconcile.js'
import { ensureIndexes } from './search/settings.js'
import { createOutboxWorker } from './search/worker.js'
import { remindExpiringCertificates } from './services/certificates/remindExpiring.js'
import { queueMatchRecomputation } from './services/matches/queue.js'
import { createAlertWorker } from './workers/alerts.js'
import { createMatchWorker } from './workers/matches.js'

const DAY_MS = 24 * 60 * 60 * 1000

export interface RunningPodryad {
  url: string
  /** The servers started here, e.g. "PostgreSQL on 41234"; empty when both are external. */
  embedded: string[]
  sql: Sql
  /** The request path's client: its key may only search. */
  search: Search
  /** The outbox worker's client: its key writes documents and manages our indexes, never API keys. */
  indexing: Search
  /** Stops accepting, lets requests in flight finish, stops the workers, closes pools, stops embedded servers. */
  stop(reason: string): Promise<void>
}

export interface StartOptions {
  /** Runs once the schema and indexes are ready, before the workers start and the port opens (the demo loads its data here). */
  prepare?(deps: { sql: Sql; search: Search }): Promise<void>
}

/**
 * The two scoped keys: given in the environment (then the master key need not be), or created with the
 * master key, which is dropped right after. A Meilisearch without a master key accepts no key at all.
 */
async function searchKeys(config: Config, infrastructure: Infrastructure, log: Logger): Promise<{ search?: string; documents?: string }> {
  if (config.MEILI_SEARCH_KEY && config.MEILI_DOCUMENTS_KEY) return { search: config.MEILI_SEARCH_KEY, documents: config.MEILI_DOCUMENTS_KEY }
  if (!infrastructure.meiliKey) {
    log.warn('Meilisearch runs without a master key: no API key protects the indexes')
    return {}
  }
  const admin = createSearch({ url: infrastructure.meiliUrl, apiKey: infrastructure.meiliKey })
  try {
    return await ensureScopedKeys(admin.client, config.SEARCH_INDEX_PREFIX)
  } finally {
    await admin.close()
  }
}

/** Composition root: servers → migrations → search indexes → workers → HTTP; `stop` undoes it in reverse. */
export async function startPodryad(config: Config, log: Logger, options: StartOptions = {}): Promise<RunningPodryad> {
  const infrastructure = await startInfrastructure(config, log)
  const keys = await searchKeys(config, infrastructure, log).catch(async (error: unknown) => {
    await infrastructure.stop()
    throw error
  })
  const sql = createSql(infrastructure.databaseUrl, { max: config.DATABASE_POOL_SIZE })
  const search = createSearch({ url: infrastructure.meiliUrl, apiKey: keys.search, indexPrefix: config.SEARCH_INDEX_PREFIX })
  const indexing = createSearch({ url: infrastructure.meiliUrl, apiKey: keys.documents, indexPrefix: config.SEARCH_INDEX_PREFIX })
  const worker = createOutboxWorker({ sql, search: indexing, log, onIndexed: queueMatchRecomputation })
  const matchWorker = createMatchWorker({ sql, search, log })
  const mailTransport = createMailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, mailboxDir: config.MAILBOX_DIR })
  const notificationWorker = createNotificationWorker({ sql, transport: mailTransport, log })
  const alertWorker = createAlertWorker({ sql, search, log, publicOrigin: config.PUBLIC_ORIGIN })
  // Every app process runs the daily job; the reminders' dedupe keys make the extra runs add nothing.
  const remindCertificates = () =>
    void remindExpiringCertificates({ sql, actor: { kind: 'system' }, now: () => new Date() }, new Date()).catch((error: unknown) =>
      log.error('certificate expiry reminders failed', { error }),
    )
  let reminders: NodeJS.Timeout | undefined
  let reconcileJob: ScheduledReconcile | undefined
  let server: ServerType | undefined
  let stopped: Promise<void> | undefined
  let draining = false

  const stop = (reason: string): Promise<void> => {
    stopped ??= (async () => {
      log.info('shutting down', { reason })
      const forceClose = setTimeout(() => server && 'closeAllConnections' in server && server.closeAllConnections(), config.SHUTDOWN_TIMEOUT_MS)
      if (server) {
        draining = true
        const closed = new Promise<void>((resolve) => server?.close(() => resolve()))
        // Idle keep-alive sockets would hold close() open; requests in flight are allowed to finish.
        if ('closeIdleConnections' in server) server.closeIdleConnections()
        await closed
      }
      clearTimeout(forceClose)
      clearInterval(reminders)
      await Promise.all([worker.stop(), matchWorker.stop(), notificationWorker.stop(), alertWorker.stop(), reconcileJob?.stop()])
      await mailTransport.close()
      await sql.end({ timeout: 5 })
      await Promise.all([search.close(), indexing.close()])
      await infrastructure.stop()
      log.info('stopped')
    })()
    return stopped
  }

  try {
    const applied = await migrate(sql)
    if (applied.length) log.info('migrations applied', { applied })
    await ensureIndexes(indexing)
    preloadGazetteer()
    await options.prepare?.({ sql, search: indexing })
    worker.start()
    matchWorker.start()
    notificationWorker.start()
    alertWorker.start()
    log.info('notifications', { transport: mailTransport.description })
    remindCertificates()
    reminders = setInterval(remindCertificates, DAY_MS)
    // Daily: repairs index drift the outbox cannot see (lost or altered documents, date-dependent fields).
    reconcileJob = scheduleReconcile({ sql, search: indexing, log })
    const app = createApp({ sql, search, log, publicOrigin: config.PUBLIC_ORIGIN })
    server = await new Promise<ServerType>((resolve) => {
      const listening = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(listening))
    })
    // While draining, every answer closes its connection. close() stops only new connections: a client
    // that keeps its keep-alive sockets busy would otherwise be served until SHUTDOWN_TIMEOUT_MS and
    // then cut off mid-request (test/faults/shutdown.test.ts, SIGTERM under load: 15 s and resets).
    server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
      if (draining && !response.headersSent) response.setHeader('connection', 'close')
    })
    return { url: `http://${config.HOST}:${config.PORT}`, embedded: infrastructure.embedded, sql, search, indexing, stop }
  } catch (error) {
    log.error('start-up failed', { error })
    await stop('start-up failure')
    throw error
  }
}
