import type { Sql } from '../db/client.js'
import type { Logger } from '../lib/log.js'
import type { Search } from '../search/client.js'
import { type ScanResult, scanAlerts } from '../services/alerts/scan.js'
import { type DigestResult, sendAlertDigests } from '../services/alerts/sendDigests.js'
import type { ServiceContext } from '../services/context.js'
import { pollingLoop } from './loop.js'

/** Digests go out from 08:00 Moscow time: read at the start of the working day. */
export const DIGEST_HOUR_MOSCOW = 8

export interface AlertWorkerOptions {
  sql: Sql
  search: Search
  log: Logger
  publicOrigin: string
  /** The clock, injectable so tests decide what day and hour it is. */
  now?: () => Date
  /** How often new needs are compared with the alerts (and the digest hour is checked). */
  pollMs?: number
}

export interface AlertWorker {
  start(): void
  stop(): Promise<void>
  /** One pass: record hits of newly published needs, then send the day's digests once it is digest time. */
  runOnce(): Promise<{ scan: ScanResult; digests: DigestResult | null }>
}

/** True from DIGEST_HOUR_MOSCOW on each Moscow day; the digests themselves are idempotent per day. */
export function isDigestTime(now: Date): boolean {
  return (now.getUTCHours() + 3) % 24 >= DIGEST_HOUR_MOSCOW
}

/**
 * The supplier alerts' periodic job. Every app process may run it: the scan takes an advisory lock and each
 * digest is unique per person and day, so extra runs add nothing.
 */
export function createAlertWorker(options: AlertWorkerOptions): AlertWorker {
  const { sql, search, log } = options
  const ctx: ServiceContext = { sql, actor: { kind: 'system' }, now: options.now ?? (() => new Date()) }
  const loop = pollingLoop(() => runOnce(), { pollMs: options.pollMs ?? 5 * 60 * 1000, log, what: 'supplier alerts' })

  async function runOnce(): Promise<{ scan: ScanResult; digests: DigestResult | null }> {
    const scan = await scanAlerts(ctx, search)
    const digests = isDigestTime(ctx.now()) ? await sendAlertDigests(ctx, { publicOrigin: options.publicOrigin }) : null
    if (scan.hits || digests?.sent) log.info('supplier alerts', { scanned: scan.scanned, hits: scan.hits, digests: digests?.sent ?? 0 })
    return { scan, digests }
  }

  return { start: loop.start, stop: loop.stop, runOnce }
}
