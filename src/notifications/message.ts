/** One queued notification, as the transports receive it. */
export interface MailMessage {
  /** The outbox row id: stable across retries. */
  id: string
  kind: string
  to: string
  subject: string
  text: string
  /** When the message was queued; the Date header and the mailbox file name use it. */
  createdAt: Date
}

export interface MailAddress {
  name: string | null
  address: string
}

const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+$/

/** Parses `Name <user@host>` or a bare `user@host`; anything else (line breaks included) is refused. */
export function parseMailAddress(text: string): MailAddress {
  const trimmed = text.trim()
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(trimmed)
  const name = named ? named[1]?.replace(/^"(.*)"$/, '$1').trim() || null : null
  const address = named ? (named[2] ?? '') : trimmed
  if (!ADDRESS.test(address) || /[\r\n]/.test(text)) throw new Error(`not an e-mail address: ${JSON.stringify(text)}`)
  return { name, address }
}

export function isMailAddress(text: string): boolean {
  try {
    parseMailAddress(text)
    return true
  } catch {
    return false
  }
}

/** Message-IDs are stable per outbox row, so a message re-sent after a crash is recognisable as the same one. */
export function messageId(message: MailMessage, from: MailAddress): string {
  const domain = from.address.split('@')[1] ?? 'localhost'
  return `<notification.${message.id}.${message.createdAt.getTime()}@${domain}>`
}
