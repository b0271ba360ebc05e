import { useI18n } from '../components/i18n.js'
import { type Viewer, organizationsOfKind } from '../viewer.js'

interface Entry {
  href: string
  title: string
  text: string
}

/**
 * What the platform offers; signed in, the ways in that this person may use: the centre's workspace for
 * curators, the inbox for suppliers, the requests for contractors.
 */
export function HomePage({ viewer }: { viewer: Viewer | null }) {
  const { t } = useI18n()
  const entries: Entry[] = []
  if (viewer?.curates) entries.push({ href: '/centre', title: t('home.centre'), text: t('home.centreText') })
  if (organizationsOfKind(viewer, 'supplier').length > 0) entries.push({ href: '/inbox', title: t('home.inbox'), text: t('home.inboxText') })
  if (organizationsOfKind(viewer, 'contractor').length > 0) entries.push({ href: '/my/needs', title: t('home.myNeeds'), text: t('home.myNeedsText') })
  entries.push({ href: '/search/capacities', title: t('home.capacities'), text: t('home.capacitiesText') }, { href: '/search/needs', title: t('home.needs'), text: t('home.needsText') })
  if (viewer === null || viewer.curates) entries.push({ href: '/needs/new', title: t('home.publish'), text: t('home.publishText') })
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
