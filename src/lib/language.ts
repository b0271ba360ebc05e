export type Language = 'ru' | 'en'

/** Russian first: English only when the client prefers it over Russian. */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'ru'
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { tag: tag.split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 }
    })
    .filter((entry) => entry.tag === 'ru' || entry.tag === 'en')
    .sort((a, b) => b.q - a.q)
  return ranked[0]?.tag === 'en' ? 'en' : 'ru'
}
