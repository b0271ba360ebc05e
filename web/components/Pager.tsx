import { useI18n } from './i18n.js'

/** How many page numbers to show either side of the current one before an ellipsis. */
const REACH = 2

type PagerItem = number | 'gap'

/** 1 … 4 5 [6] 7 8 … 20: the first, the last, and a window around the current page; an ellipsis never hides one page alone. */
export function pagerItems(page: number, pages: number): PagerItem[] {
  const shown = new Set([1, pages])
  for (let n = page - REACH; n <= page + REACH; n++) if (n >= 1 && n <= pages) shown.add(n)
  if (shown.has(page - REACH) && page - REACH - 2 === 1) shown.add(2)
  if (shown.has(page + REACH) && page + REACH + 2 === pages) shown.add(pages - 1)
  const sorted = [...shown].sort((a, b) => a - b)
  return sorted.flatMap((n, i) => (i > 0 && n - (sorted[i - 1] ?? n) > 1 ? ['gap' as const, n] : [n]))
}

export interface PagerProps {
  page: number
  pages: number
  href: (page: number) => string
  /** With htmx: the element whose content the page replaces (the address bar follows). */
  hxTarget?: string
  /** Names the navigation landmark when a page has several lists. */
  label?: string
}

export function Pager({ page, pages, href, hxTarget, label }: PagerProps) {
  const { t } = useI18n()
  if (pages <= 1) return null
  const link = (target: number) =>
    hxTarget === undefined ? { href: href(target) } : { href: href(target), 'hx-get': href(target), 'hx-target': hxTarget, 'hx-push-url': 'true' }
  return (
    <nav class="pager" aria-label={label ?? t('pager.label')}>
      <p class="pager__summary">{t('pager.summary', { page, pages })}</p>
      <ul>
        {page > 1 && (
          <li>
            <a {...link(page - 1)} rel="prev">
              {t('pager.previous')}
            </a>
          </li>
        )}
        {pagerItems(page, pages).map((item) =>
          item === 'gap' ? (
            <li aria-hidden="true" class="pager__gap">
              …
            </li>
          ) : (
            <li>
              <a {...link(item)} aria-label={t('pager.page', { page: item })} aria-current={item === page ? 'page' : undefined}>
                {item}
              </a>
            </li>
          ),
        )}
        {page < pages && (
          <li>
            <a {...link(page + 1)} rel="next">
              {t('pager.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  )
}
