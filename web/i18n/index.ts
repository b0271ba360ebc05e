import { en } from './en.js'
import { type Formatters, formatters } from './format.js'
import type { Message, ParamNames, Params, PluralMessage } from './message.js'
import { type MessageKey, type RussianMessages, ru } from './ru.js'

export const LANGUAGES = ['ru', 'en'] as const
export type Lang = (typeof LANGUAGES)[number]
export type { MessageKey }

export const DICTIONARIES: Record<Lang, Readonly<Record<MessageKey, Message>>> = { ru, en }

/** Keys whose message takes no parameters: the ones a component may receive as a label. */
export type PlainKey = { [K in MessageKey]: [ParamNames<RussianMessages[K]>] extends [never] ? K : never }[MessageKey]

export type Translate = <K extends MessageKey>(key: K, ...params: Params<RussianMessages[K]>) => string

/** Text in both languages, as the services and the taxonomy give it. */
export interface Bilingual {
  ru: string
  en: string
}

export interface I18n {
  lang: Lang
  t: Translate
  /** An id for `Intl` (ru-RU, en-GB): day-month order and 24-hour clocks suit an English reader in Russia. */
  locale: string
  fmt: Formatters
  pick(text: Bilingual): string
  /** A service's "Русский текст / English text" message, in this language. */
  message(bilingual: string): string
}

export function isLang(value: unknown): value is Lang {
  return value === 'ru' || value === 'en'
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(ru, key)
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole))
}

function translator(lang: Lang, locale: string, fmt: Formatters): Translate {
  const plurals = new Intl.PluralRules(locale)
  const dictionary = DICTIONARIES[lang]
  return (key, ...[params]) => {
    const message: Message = dictionary[key]
    const values: Record<string, string | number> = params ?? {}
    if (typeof message === 'string') return fill(message, values)
    const count = Number(values.count ?? 0)
    const form = plurals.select(count) as keyof PluralMessage
    // The count is shown formatted for the locale (1 234), the form is chosen from the number itself.
    return fill(message[form] ?? message.other, { ...values, count: fmt.integer(count) })
  }
}

const CYRILLIC = /[А-Яа-яЁё]/g
const LATIN = /[A-Za-z]/g

function letters(text: string, alphabet: RegExp): number {
  return text.match(alphabet)?.length ?? 0
}

/**
 * Services speak both languages in one string, "Русский / English". Either half may itself contain " / "
 * (alternatives, place names), so the split is the first separator after which English letters outweigh
 * Russian ones; a message without such a separator is shown whole.
 */
export function localizedHalf(message: string, lang: Lang): string {
  let from = 0
  for (;;) {
    const at = message.indexOf(' / ', from)
    if (at < 0) return message
    const russian = message.slice(0, at)
    const english = message.slice(at + 3)
    if (letters(english, LATIN) > letters(english, CYRILLIC) && letters(russian, CYRILLIC) > 0) return lang === 'ru' ? russian : english
    from = at + 3
  }
}

export function createI18n(lang: Lang): I18n {
  const locale = lang === 'ru' ? 'ru-RU' : 'en-GB'
  const fmt = formatters(locale)
  return {
    lang,
    locale,
    fmt,
    t: translator(lang, locale, fmt),
    pick: (text) => text[lang],
    message: (bilingual) => localizedHalf(bilingual, lang),
  }
}
