import { type MailAddress, type MailMessage, messageId } from './message.js'

/**
 * RFC 5322 / MIME rendering of a notification as an `.eml` file: CRLF line ends, non-ASCII header
 * text as RFC 2047 encoded words, the body as UTF-8. The body travels as readable 8-bit text unless a
 * line exceeds the 998-octet limit, when it falls back to base64.
 */

const CRLF = '\r\n'
const MAX_LINE_OCTETS = 998
/** RFC 5322 recommends header lines of at most 78 characters. */
const HEADER_LINE = 78
/** 42 octets make 56 base64 characters: a 68-character encoded word, which fits after `Subject: `. */
const ENCODED_WORD_OCTETS = 42

function isPlainAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text)
}

/** Splits on whole characters, never inside a UTF-8 sequence, so each encoded word decodes on its own. */
function encodedWords(text: string): string[] {
  const words: string[] = []
  let chunk = ''
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > ENCODED_WORD_OCTETS) {
      words.push(chunk)
      chunk = ''
    }
    chunk += char
  }
  if (chunk) words.push(chunk)
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`)
}

/**
 * Header text as foldable tokens. Plain ASCII stays readable, one token per word; anything else
 * (Cyrillic, line breaks, a word too long to fold) becomes RFC 2047 encoded words. Whitespace between
 * encoded words is not part of the text, so the spaces travel inside them.
 */
export function headerTokens(text: string): string[] {
  const single = text.replace(/\s+/g, ' ').trim()
  const words = single.split(' ')
  if (isPlainAscii(single) && words.every((word) => word.length <= HEADER_LINE - 2)) return words
  return encodedWords(single)
}

/** Joins tokens after `Name:` with spaces, folding onto continuation lines so no line exceeds 78 characters. */
export function foldHeader(name: string, tokens: readonly string[]): string {
  const lines: string[] = []
  let line = `${name}:`
  for (const token of tokens) {
    if (line.length + 1 + token.length > HEADER_LINE && line.trim() !== `${name}:`) {
      lines.push(line)
      line = ` ${token}`
    } else {
      line += ` ${token}`
    }
  }
  lines.push(line)
  return lines.join(CRLF)
}

/** Header text as one string, folded as it would be after `Subject: `. */
export function encodeHeaderText(text: string): string {
  return foldHeader('Subject', headerTokens(text)).slice('Subject: '.length)
}

function addressTokens(address: MailAddress): string[] {
  if (!address.name) return [address.address]
  const name = /^[A-Za-z0-9 !#$%&'*+/=?^_`{|}~-]+$/.test(address.name)
    ? headerTokens(address.name)
    : isPlainAscii(address.name)
      ? [`"${address.name.replace(/["\\]/g, '\\$&')}"`]
      : headerTokens(address.name)
  return [...name, `<${address.address}>`]
}

/** RFC 5322 date-time in UTC, e.g. `Sun, 22 Nov 2026 09:00:00 +0000`. */
export function formatDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000')
}

function bodyPart(text: string): { encoding: string; content: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  if (lines.every((line) => Buffer.byteLength(line) <= MAX_LINE_OCTETS)) {
    return { encoding: isPlainAscii(lines.join('')) ? '7bit' : '8bit', content: lines.join(CRLF) }
  }
  const base64 = Buffer.from(lines.join(CRLF)).toString('base64')
  return { encoding: 'base64', content: (base64.match(/.{1,76}/g) ?? []).join(CRLF) }
}

export function renderEml(message: MailMessage, from: MailAddress, to: MailAddress): string {
  const body = bodyPart(message.text)
  const headers = [
    foldHeader('From', addressTokens(from)),
    foldHeader('To', addressTokens(to)),
    foldHeader('Subject', headerTokens(message.subject)),
    `Date: ${formatDate(message.createdAt)}`,
    `Message-ID: ${messageId(message, from)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    `Content-Transfer-Encoding: ${body.encoding}`,
    // RFC 3834: out-of-office robots must not answer a notification.
    'Auto-Submitted: auto-generated',
    foldHeader('X-Podryad-Kind', headerTokens(message.kind)),
  ]
  return `${headers.join(CRLF)}${CRLF}${CRLF}${body.content}${CRLF}`
}
