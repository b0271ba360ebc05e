import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { type Server, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/lib/log.js'
import { createNotificationWorker } from '../../src/notifications/deliver.js'
import { encodeHeaderText } from '../../src/notifications/eml.js'
import { createMailboxTransport } from '../../src/notifications/mailbox.js'
import type { MailMessage } from '../../src/notifications/message.js'
import { enqueueNotification } from '../../src/notifications/outbox.js'
import { createSmtpTransport } from '../../src/notifications/smtp.js'
import type { MailTransport } from '../../src/notifications/transport.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'

let deps: TestDeps
let mailbox: string

beforeAll(async () => {
  deps = await createTestDeps()
})
afterAll(async () => {
  await deps.close()
})
beforeEach(async () => {
  // Every test starts with nothing due, so a worker sends only what the test queued.
  await deps.sql`update notification_outbox set sent_at = now() where sent_at is null`
  mailbox = await mkdtemp(join(tmpdir(), 'podryad-mailbox-'))
  return () => rm(mailbox, { recursive: true, force: true })
})

const FROM = 'Подряд <no-reply@podryad.example>'

function recordingTransport(options: { delayMs?: number; failFor?: string } = {}): MailTransport & { sent: MailMessage[] } {
  const sent: MailMessage[] = []
  return {
    description: 'recording',
    sent,
    async send(message) {
      if (options.delayMs) await sleep(options.delayMs)
      if (message.to === options.failFor) throw new Error('550 mailbox unavailable')
      sent.push(message)
    },
    async close() {},
  }
}

/** Splits an .eml file into its (unfolded) headers and body. */
function parseEml(text: string): { headers: Map<string, string>; body: string } {
  const end = text.indexOf('\r\n\r\n')
  const unfolded = text.slice(0, end).replace(/\r\n[ \t]/g, ' ')
  const headers = new Map(
    unfolded.split('\r\n').map((line) => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const
    }),
  )
  return { headers, body: text.slice(end + 4) }
}

/** RFC 2047 B-encoded words back to text (adjacent words join without the whitespace between them). */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, base64: string) => Buffer.from(base64, 'base64').toString('utf8'))
}

describe('the notification outbox', () => {
  it('queues a message once per dedupe key', async () => {
    const message = { kind: 'test', recipient: 'a@example.ru', subject: 'Тема', body: 'Текст', dedupeKey: `dedupe:${Math.random()}` }
    expect(await enqueueNotification(deps.sql, message)).toBe(true)
    expect(await enqueueNotification(deps.sql, { ...message, subject: 'Другая тема' })).toBe(false)
    const rows = await deps.sql`select subject from notification_outbox where dedupe_key = ${message.dedupeKey}`
    expect(rows).toEqual([{ subject: 'Тема' }])
    // Without a key nothing is deduplicated.
    expect(await enqueueNotification(deps.sql, { ...message, dedupeKey: undefined })).toBe(true)
    expect(await enqueueNotification(deps.sql, { ...message, dedupeKey: undefined })).toBe(true)
  })
})

describe('delivery to the mailbox folder', () => {
  it('writes one RFC 5322 .eml file per message, UTF-8, with proper headers, and marks it sent', async () => {
    const subject = 'Знакомство с заказчиком: ПАО «КАМАЗ» — «Подряд» / Introduction to a contractor: KAMAZ — Podryad'
    const body = 'Здравствуйте!\n\nЦентр субконтрактации представляет вас заказчику.\n\n—\n\nHello,\n\nThe centre introduces you.'
    await enqueueNotification(deps.sql, { kind: 'introduction', recipient: 'buyer@kamaz.example', subject, body })
    const worker = createNotificationWorker({ sql: deps.sql, transport: createMailboxTransport({ dir: mailbox, from: FROM }), log: silentLogger })

    expect(await worker.drainOnce()).toBe(1)

    const files = await readdir(mailbox)
    expect(files).toHaveLength(1)
    const [file] = files
    const [row] = await deps.sql<{ id: string; sentAt: Date | null; createdAt: Date }[]>`
      select id::text as id, sent_at, created_at from notification_outbox where recipient = 'buyer@kamaz.example'`
    expect(row?.sentAt).toBeInstanceOf(Date)
    expect(file).toBe(`${row?.createdAt.toISOString().replace(/[:.]/g, '-')}-${row?.id}.eml`)

    const raw = await readFile(join(mailbox, file ?? ''))
    const text = raw.toString('utf8')
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const { headers, body: content } = parseEml(text)
    expect(decodeWords(headers.get('from') ?? '')).toBe('Подряд <no-reply@podryad.example>')
    expect(headers.get('to')).toBe('buyer@kamaz.example')
    expect(decodeWords(headers.get('subject') ?? '')).toBe(subject)
    expect(headers.get('date')).toBe(row?.createdAt.toUTCString().replace('GMT', '+0000'))
    expect(headers.get('message-id')).toMatch(new RegExp(`^<notification\\.${row?.id}\\.\\d+@podryad\\.example>$`))
    expect(headers.get('mime-version')).toBe('1.0')
    expect(headers.get('content-type')).toBe('text/plain; charset=UTF-8')
    expect(headers.get('content-transfer-encoding')).toBe('8bit')
    expect(headers.get('x-podryad-kind')).toBe('introduction')
    // Every header line is ASCII and within the 78-character recommendation.
    for (const line of text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n')) {
      expect(line).toMatch(/^[\x20-\x7e]*$/)
      expect(line.length).toBeLessThanOrEqual(78)
    }
    expect(content).toBe(`${body.replace(/\n/g, '\r\n')}\r\n`)
    expect(raw.includes(Buffer.from('Центр субконтрактации', 'utf8'))).toBe(true)

    expect(await worker.drainOnce()).toBe(0)
  })

  it('falls back to base64 for a body line longer than 998 octets', async () => {
    const long = 'Очень длинная строка '.repeat(60)
    await enqueueNotification(deps.sql, { kind: 'test', recipient: 'long@example.ru', subject: 'ASCII subject', body: long })
    const worker = createNotificationWorker({ sql: deps.sql, transport: createMailboxTransport({ dir: mailbox, from: FROM }), log: silentLogger })
    await worker.drainOnce()
    const [file] = await readdir(mailbox)
    const { headers, body } = parseEml(await readFile(join(mailbox, file ?? ''), 'utf8'))
    expect(headers.get('subject')).toBe('ASCII subject')
    expect(headers.get('content-transfer-encoding')).toBe('base64')
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe(long)
  })

  it('keeps header injection out: line breaks in a subject stay inside the encoded text', () => {
    expect(encodeHeaderText('Тема\r\nBcc: spy@example.ru')).not.toMatch(/[\r\n]Bcc/)
    expect(encodeHeaderText('Subject\r\nBcc: spy@example.ru')).toBe('Subject Bcc: spy@example.ru')
  })
})

describe('the delivery worker', () => {
  it('backs off a failing message, records the error, and still sends the rest of the batch', async () => {
    await enqueueNotification(deps.sql, { kind: 'test', recipient: 'broken@example.ru', subject: 'S', body: 'B' })
    await enqueueNotification(deps.sql, { kind: 'test', recipient: 'fine@example.ru', subject: 'S', body: 'B' })
    const transport = recordingTransport({ failFor: 'broken@example.ru' })
    const worker = createNotificationWorker({ sql: deps.sql, transport, log: silentLogger })

    expect(await worker.drainOnce()).toBe(1)
    expect(transport.sent.map((m) => m.to)).toEqual(['fine@example.ru'])
    const [broken] = await deps.sql<{ attempts: number; lastError: string; sentAt: Date | null; due: boolean }[]>`
      select attempts, last_error, sent_at, available_at > now() + interval '5 seconds' as due
      from notification_outbox where recipient = 'broken@example.ru'`
    expect(broken).toEqual({ attempts: 1, lastError: '550 mailbox unavailable', sentAt: null, due: true })
    // Not due again yet: a second pass sends nothing.
    expect(await worker.drainOnce()).toBe(0)
    await deps.sql`update notification_outbox set sent_at = now() where recipient = 'broken@example.ru'`
  })

  it('never sends the same row twice when two workers drain at once', async () => {
    const count = 60
    await deps.sql`
      insert into notification_outbox (kind, recipient, subject, body)
      select 'test', 'r' || g || '@example.ru', 'Тема ' || g, 'Текст' from generate_series(1, ${count}) g`
    const first = recordingTransport({ delayMs: 3 })
    const second = recordingTransport({ delayMs: 3 })
    const workers = [first, second].map((transport) => createNotificationWorker({ sql: deps.sql, transport, log: silentLogger, batchSize: 5 }))

    const [a, b] = await Promise.all(workers.map((worker) => worker.drainOnce()))

    const ids = [...first.sent, ...second.sent].map((m) => m.id)
    expect(ids).toHaveLength(count)
    expect(new Set(ids).size).toBe(count)
    expect((a ?? 0) + (b ?? 0)).toBe(count)
    // Both took part: the claim is shared, not serialised behind one worker.
    expect(first.sent.length).toBeGreaterThan(0)
    expect(second.sent.length).toBeGreaterThan(0)
    const [pending] = await deps.sql<{ n: number }[]>`select count(*)::int as n from notification_outbox where sent_at is null`
    expect(pending?.n).toBe(0)
  })

  it('starts and stops its polling loop', async () => {
    await enqueueNotification(deps.sql, { kind: 'test', recipient: 'loop@example.ru', subject: 'S', body: 'B' })
    const transport = recordingTransport()
    const worker = createNotificationWorker({ sql: deps.sql, transport, log: silentLogger, pollMs: 20 })
    worker.start()
    await expect.poll(() => transport.sent.length, { timeout: 5000 }).toBe(1)
    await worker.stop()
  })
})

/** Just enough of an SMTP server (RFC 5321) to accept messages from nodemailer and hand them over. */
function fakeSmtpServer(): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = []
  const server = createServer((socket) => {
    let buffer = ''
    let inData = false
    socket.write('220 fake.smtp ESMTP\r\n')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end < 0) return
          messages.push(buffer.slice(0, end))
          buffer = buffer.slice(end + 5)
          inData = false
          socket.write('250 2.0.0 queued\r\n')
          continue
        }
        const newline = buffer.indexOf('\r\n')
        if (newline < 0) return
        const command = buffer.slice(0, newline).toUpperCase()
        buffer = buffer.slice(newline + 2)
        if (command.startsWith('EHLO')) socket.write('250-fake.smtp\r\n250 8BITMIME\r\n')
        else if (command.startsWith('DATA')) {
          inData = true
          socket.write('354 go ahead\r\n')
        } else if (command.startsWith('QUIT')) socket.end('221 bye\r\n')
        else socket.write('250 ok\r\n')
      }
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, messages })))
}

describe('delivery over SMTP', () => {
  it('sends through nodemailer with the configured sender and a stable Message-ID', async () => {
    const smtp = await fakeSmtpServer()
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`, from: FROM })
    try {
      await enqueueNotification(deps.sql, { kind: 'certificate-expiry', recipient: 'admin@supplier.example', subject: 'Сертификат истекает', body: 'Срок действия: 2026-12-01' })
      const worker = createNotificationWorker({ sql: deps.sql, transport, log: silentLogger })
      expect(await worker.drainOnce()).toBe(1)
      expect(smtp.messages).toHaveLength(1)
      const { headers } = parseEml(smtp.messages[0] ?? '')
      expect(headers.get('to')).toBe('admin@supplier.example')
      expect(headers.get('from')).toContain('<no-reply@podryad.example>')
      expect(decodeWords(headers.get('subject') ?? '')).toBe('Сертификат истекает')
      expect(headers.get('message-id')).toMatch(/^<notification\.\d+\.\d+@podryad\.example>$/)
      expect(headers.get('x-podryad-kind')).toBe('certificate-expiry')
    } finally {
      await transport.close()
      smtp.server.close()
    }
  })
})
