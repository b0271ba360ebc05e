import type { Child } from 'hono/jsx'
import { ASSET_URLS } from '../assets.js'
import type { PlainKey } from '../i18n/index.js'
import { type NavKey, type Viewer, organizationsOfKind } from '../viewer.js'
import { useI18n } from './i18n.js'

export type { NavKey }

export interface NavItem {
  key: NavKey
  href: string
  label: PlainKey
}

/** Only what the viewer may use: search for everyone signed in, then the pages of their roles and organizations. */
export function navItems(viewer: Viewer | null): NavItem[] {
  if (viewer === null) return []
  const items: NavItem[] = [
    { key: 'capacities', href: '/search/capacities', label: 'nav.capacities' },
    { key: 'needs', href: '/search/needs', label: 'nav.needs' },
  ]
  if (viewer.curates) items.push({ key: 'centre', href: '/centre', label: 'nav.centre' }, { key: 'newNeed', href: '/needs/new', label: 'nav.newNeed' })
  if (organizationsOfKind(viewer, 'supplier').length > 0) {
    items.push({ key: 'inbox', href: '/inbox', label: 'nav.inbox' }, { key: 'alerts', href: '/alerts', label: 'nav.alerts' })
  }
  if (organizationsOfKind(viewer, 'contractor').length > 0) items.push({ key: 'myNeeds', href: '/my/needs', label: 'nav.myNeeds' })
  const [own] = viewer.organizations
  if (own) items.push({ key: 'organization', href: `/organizations/${own.id}`, label: 'nav.organization' })
  return items
}

/**
 * htmx reads this before it starts. No eval (CSP without 'unsafe-eval'), no injected <style> (CSP
 * without 'unsafe-inline'; app.css styles the indicators), no scripts from swapped HTML. A form
 * answered 400/409/422 is swapped like a 200: it carries the messages next to the fields.
 */
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '4(00|09|22)', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
})

export interface LayoutProps {
  title: string
  /** Where the language switch and sign-in return to: the current path and query. */
  returnTo: string
  userName: string | null
  navItems: NavItem[]
  nav?: NavKey | undefined
  children: Child
}

function SiteHeader({ returnTo, userName, nav, navItems: items }: Omit<LayoutProps, 'title' | 'children'>) {
  const { t, lang } = useI18n()
  const other = lang === 'ru' ? 'en' : 'ru'
  return (
    <header class="site-header">
      <div class="site-header__inner">
        <a class="brand" href="/" aria-current={nav === 'home' ? 'page' : undefined}>
          {t('app.name')}
        </a>
        {items.length > 0 && (
          <nav class="site-nav" aria-label={t('layout.nav')}>
            <ul>
              {items.map((item) => (
                <li>
                  <a href={item.href} aria-current={nav === item.key ? 'page' : undefined}>
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="site-tools">
          <form method="post" action="/language" class="inline-form">
            <input type="hidden" name="next" value={returnTo} />
            <button type="submit" name="lang" value={other} lang={other} class="button button--quiet">
              {t('layout.switchLanguage')}
            </button>
          </form>
          {userName === null ? (
            <a class="button button--quiet" href={`/signin?next=${encodeURIComponent(returnTo)}`}>
              {t('layout.signIn')}
            </a>
          ) : (
            <form method="post" action="/signout" class="inline-form account">
              <span class="account__name">
                <span class="account__prefix">{t('layout.signedInAs')} </span>
                {userName}
              </span>
              <a class="account__link" href="/account/password">
                <span class="account__full">{t('layout.password')}</span>
                <span class="account__short" aria-hidden="true">
                  {t('layout.passwordShort')}
                </span>
              </a>
              <button type="submit" class="button button--quiet">
                {t('layout.signOut')}
              </button>
            </form>
          )}
        </div>
      </div>
    </header>
  )
}

function SiteFooter() {
  const { t } = useI18n()
  return (
    <footer class="site-footer">
      <div class="site-footer__inner">
        <p>{t('footer.about')}</p>
        <p>
          {t('footer.geodata')} <a href="https://www.geonames.org/">GeoNames</a>, {t('footer.license')}{' '}
          <a href="https://creativecommons.org/licenses/by/3.0/" rel="license">
            CC BY 3.0
          </a>
          .
        </p>
        <p>
          <a href="/docs">{t('footer.api')}</a>
        </p>
      </div>
    </footer>
  )
}

/** The page frame: landmarks, skip link, language switch, who is signed in, the GeoNames attribution. */
export function Layout({ title, returnTo, userName, navItems: items, nav, children }: LayoutProps) {
  const { t, lang } = useI18n()
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} — ${t('app.name')}`}</title>
        <link rel="icon" href={ASSET_URLS.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={ASSET_URLS.css} />
        <script src={ASSET_URLS.htmx} defer></script>
        <script src={ASSET_URLS.js} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <SiteHeader returnTo={returnTo} userName={userName} navItems={items} nav={nav} />
        <main id="main" class="page" tabindex={-1}>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  )
}
