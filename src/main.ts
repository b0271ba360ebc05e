import { serve } from '@hono/node-server'
import type { ServerType } from '@hono/node-server'
import { createApp } from './app.js'
import { loadConfig } from './config.js'
import { createSql } from './db/client.js'
import { migrate } from './db/migrate.js'
import { preloadGazetteer } from './geo/index.js'
import { startInfrastructure } from './infrastructure.js'
import { createLogger } from './lib/log.js'
import { createSearch } from './search/client.js'
import { ensureIndexes } from './search/settings.js'
import { createOutboxWorker } from './search/worker.js'
import { queueMatchRecomputation } from './services/matches/queue.js'
import { createMatchWorker } from './workers/matches.js'
import { createNotificationWorker } from './notifications/deliver.js'
import { createMailTransport } from './notifications/transport.js'
import { remindExpiringCertificates } from './services/certificates/remindExpiring.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** Composition root: configuration → servers → migrations → search indexes → worker → HTTP; stops in reverse. */
async function main(): Promise<void> {
  const startedAt = performance.now()
  const config = loadConfig()
  const log = createLogger(config.LOG_LEVEL)
  const infrastructure = await startInfrastructure(config, log)
  const sql = createSql(infrastructure.databaseUrl, { max: config.DATABASE_POOL_SIZE })
  const search = createSearch({ url: infrastructure.meiliUrl, apiKey: infrastructure.meiliKey, indexPrefix: config.SEARCH_INDEX_PREFIX })
  const worker = createOutboxWorker({ sql, search, log, onIndexed: queueMatchRecomputation })
  const matchWorker = createMatchWorker({ sql, search, log })
  const mailTransport = createMailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, mailboxDir: config.MAILBOX_DIR })
  const notificationWorker = createNotificationWorker({ sql, transport: mailTransport, log })
  // Every app process runs the daily job; the reminders' dedupe keys make the extra runs add nothing.
  const remindCertificates = () =>
    void remindExpiringCertificates({ sql, actor: { kind: 'system' }, now: () => new Date() }, new Date()).catch((error: unknown) =>
      log.error('certificate expiry reminders failed', { error }),
    )
  let reminders: NodeJS.Timeout | undefined

  let server: ServerType | undefined
  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    log.info('shutting down', { signal })
    const forceClose = setTimeout(() => server && 'closeAllConnections' in server && server.closeAllConnections(), config.SHUTDOWN_TIMEOUT_MS)
    if (server) {
      const closed = new Promise<void>((resolve) => server?.close(() => resolve()))
      // Idle keep-alive sockets would hold close() open; requests in flight are allowed to finish.
      if ('closeIdleConnections' in server) server.closeIdleConnections()
      await closed
    }
    clearTimeout(forceClose)
    clearInterval(reminders)
    await Promise.all([worker.stop(), matchWorker.stop(), notificationWorker.stop()])
    await mailTransport.close()
    await sql.end({ timeout: 5 })
    await search.close()
    await infrastructure.stop()
    log.info('stopped')
  }
  process.once('SIGINT', () => void stop('SIGINT').then(() => process.exit(0)))
  process.once('SIGTERM', () => void stop('SIGTERM').then(() => process.exit(0)))

  try {
    const applied = await migrate(sql)
    if (applied.length) log.info('migrations applied', { applied })
    await ensureIndexes(search)
    preloadGazetteer()
    worker.start()
    matchWorker.start()
    notificationWorker.start()
    log.info('notifications', { transport: mailTransport.description })
    remindCertificates()
    reminders = setInterval(remindCertificates, DAY_MS)
    const app = createApp({ sql, search, log, publicOrigin: config.PUBLIC_ORIGIN })
    server = await new Promise<ServerType>((resolve) => {
      const listening = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(listening))
    })
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1)
    const embedded = infrastructure.embedded.length ? ` (embedded ${infrastructure.embedded.join(', ')})` : ''
    console.log(`Podryad is listening on http://${config.HOST}:${config.PORT} — started in ${seconds} s${embedded}`)
  } catch (err) {
    log.error('start-up failed', { error: err })
    await stop('start-up failure')
    process.exitCode = 1
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
})
