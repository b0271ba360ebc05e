import nodemailer from 'nodemailer'
import { type MailMessage, messageId, parseMailAddress } from './message.js'
import type { MailTransport } from './transport.js'

/** Sends through an SMTP server (nodemailer); the URL carries host, port, TLS and credentials. */
export function createSmtpTransport(options: { url: string; from: string }): MailTransport {
  const from = parseMailAddress(options.from)
  const transporter = nodemailer.createTransport(options.url)
  return {
    description: `smtp:${new URL(options.url).host}`,
    async send(message: MailMessage) {
      await transporter.sendMail({
        from: from.name ? { name: from.name, address: from.address } : from.address,
        to: parseMailAddress(message.to).address,
        subject: message.subject,
        text: message.text,
        date: message.createdAt,
        messageId: messageId(message, from),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Podryad-Kind': message.kind },
      })
    },
    async close() {
      transporter.close()
    },
  }
}
