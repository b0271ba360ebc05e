import { useI18n } from '../components/i18n.js'

/** One frame for every error page: what happened, what to do, and a way back. */
export function ErrorPage({ title, text }: { title: string; text: string | null }) {
  const { t } = useI18n()
  return (
    <div class="error-page">
      <h1>{title}</h1>
      {text && <p class="lead">{text}</p>}
      <ul class="link-list link-list--inline">
        <li>
          <a href="/">{t('error.home')}</a>
        </li>
        <li>
          <a href="/search/capacities">{t('error.search')}</a>
        </li>
      </ul>
    </div>
  )
}
