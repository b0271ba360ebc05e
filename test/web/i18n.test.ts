import { describe, expect, it } from 'vitest'
import { DICTIONARIES, LANGUAGES, createI18n, localizedHalf } from '../../web/i18n/index.js'
import type { Message } from '../../web/i18n/message.js'

function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message)
  return [...new Set(texts.flatMap((text) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '')))].sort()
}

describe('dictionaries', () => {
  it('have exactly the same keys in every language', () => {
    const [first, ...others] = LANGUAGES.map((lang) => Object.keys(DICTIONARIES[lang]).sort())
    for (const keys of others) expect(keys).toEqual(first)
  })

  it('use the same parameters for a key in every language, and plurals where the other does', () => {
    for (const key of Object.keys(DICTIONARIES.ru) as (keyof typeof DICTIONARIES.ru)[]) {
      const ru = DICTIONARIES.ru[key]
      const en = DICTIONARIES.en[key]
      expect(placeholders(en), key).toEqual(placeholders(ru))
      expect(typeof en, key).toBe(typeof ru)
      expect(typeof ru === 'string' ? ru.trim() : ru.other.trim(), key).not.toBe('')
    }
  })

  it('choose Russian plural forms by number', () => {
    const { t } = createI18n('ru')
    expect(t('search.capacities.found', { count: 1 })).toBe('Найдена 1 мощность')
    expect(t('search.capacities.found', { count: 3 })).toBe('Найдено 3 мощности')
    expect(t('search.capacities.found', { count: 11 })).toBe('Найдено 11 мощностей')
    expect(t('search.capacities.found', { count: 1234 })).toBe('Найдено 1\u00a0234 мощности')
    expect(createI18n('en').t('search.capacities.found', { count: 1 })).toBe('1 capacity found')
  })

  it('format numbers, distances and dates for the locale', () => {
    const ru = createI18n('ru').fmt
    const en = createI18n('en').fmt
    expect(ru.decimal(1.25)).toBe('1,25')
    expect(ru.km(84)).toBe('84 км')
    expect(en.km(1234)).toBe('1,234 km')
    expect(ru.date('2027-03-01')).toBe('1 марта 2027 г.')
    expect(en.date('2027-03-01')).toBe('1 March 2027')
    expect(ru.points(0.826)).toBe('83')
  })
})

describe('service messages in one language', () => {
  it('splits "Русский / English" at the separator before the English half', () => {
    const message = 'Срок должен быть позже сегодняшнего дня (2026-11-22) / The deadline must be after today (2026-11-22)'
    expect(localizedHalf(message, 'ru')).toBe('Срок должен быть позже сегодняшнего дня (2026-11-22)')
    expect(localizedHalf(message, 'en')).toBe('The deadline must be after today (2026-11-22)')
  })

  it('keeps " / " inside a half', () => {
    const message = 'Кировск / Кировск: Мурманская область (51) или Ленинградская область (47) — укажите регион / Кировск / Кировск: Murmansk Oblast (51) or Leningrad Oblast (47) — specify the region'
    expect(localizedHalf(message, 'ru')).toBe('Кировск / Кировск: Мурманская область (51) или Ленинградская область (47) — укажите регион')
    expect(localizedHalf(message, 'en')).toBe('Кировск / Кировск: Murmansk Oblast (51) or Leningrad Oblast (47) — specify the region')
  })

  it('shows a one-language message whole', () => {
    expect(localizedHalf('Sign in to do this', 'ru')).toBe('Sign in to do this')
    expect(localizedHalf('Неверный ввод', 'en')).toBe('Неверный ввод')
  })
})
