import type { MailMessage } from './message.js'
import { createMailboxTransport } from './mailbox.js'
import { createSmtpTransport } from './smtp.js'

/** Sends one message or throws; the worker retries a failed message later. */
export interface MailTransport {
  /** `smtp` or `mailbox:<folder>`, for the start-up log. */
  readonly description: string
  send(message: MailMessage): Promise<void>
  close(): Promise<void>
}

export interface MailSettings {
  smtpUrl: string | undefined
  from: string
  mailboxDir: string
}

/** SMTP when a server is configured; otherwise a folder of `.eml` files a developer can open. */
export function createMailTransport(settings: MailSettings): MailTransport {
  return settings.smtpUrl ? createSmtpTransport({ url: settings.smtpUrl, from: settings.from }) : createMailboxTransport({ dir: settings.mailboxDir, from: settings.from })
}
