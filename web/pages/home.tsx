import { useI18n } from '../components/i18n.js'

export function HomePage() {
  const { t } = useI18n()
  const entries = [
    { href: '/search/capacities', title: t('home.capacities'), text: t('home.capacitiesText') },
    { href: '/search/needs', title: t('home.needs'), text: t('home.needsText') },
    { href: '/needs/new', title: t('home.publish'), text: t('home.publishText') },
  ]
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <ul class="entry-list">
        {entries.map((entry) => (
          <li class="card entry">
            <h2>
              <a href={entry.href}>{entry.title}</a>
            </h2>
            <p>{entry.text}</p>
          </li>
        ))}
      </ul>
    </>
  )
}
