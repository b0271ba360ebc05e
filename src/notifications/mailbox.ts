import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { renderEml } from './eml.js'
import { type MailMessage, parseMailAddress } from './message.js'
import type { MailTransport } from './transport.js'

/** `2026-11-22T09-00-00-000Z-42.eml`: sorts by queueing time and is a valid file name everywhere (no colons). */
export function mailboxFileName(message: MailMessage): string {
  return `${message.createdAt.toISOString().replace(/[:.]/g, '-')}-${message.id}.eml`
}

/**
 * Writes each message as an RFC 5322 `.eml` file into a folder: what a developer without a mail
 * server reads. The file is written under a temporary name and renamed, so a reader never sees half
 * a message; the name depends only on the message, so a retry overwrites instead of duplicating.
 */
export function createMailboxTransport(options: { dir: string; from: string }): MailTransport {
  const from = parseMailAddress(options.from)
  let ready: Promise<unknown> | null = null
  return {
    description: `mailbox:${options.dir}`,
    async send(message) {
      ready ??= mkdir(options.dir, { recursive: true })
      await ready
      const path = join(options.dir, mailboxFileName(message))
      const partial = `${path}.partial`
      await writeFile(partial, renderEml(message, from, parseMailAddress(message.to)), 'utf8')
      await rename(partial, path)
    },
    async close() {},
  }
}
