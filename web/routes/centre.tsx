import { Hono } from 'hono'
import type { Need } from '../../src/domain/need.js'
import { ForbiddenError, UnauthorizedError } from '../../src/services/authorization.js'
import { listCertificatesForReview } from '../../src/services/centre/listCertificatesForReview.js'
import { listExpiringCertificates } from '../../src/services/centre/listExpiringCertificates.js'
import { listMatchesToCurate } from '../../src/services/centre/listMatchesToCurate.js'
import { listNeeds } from '../../src/services/needs/list.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import type { WebEnv } from '../env.js'
import { CentrePage, type QueueName } from '../pages/centre.js'
import { isFullNeed } from '../pages/need.js'
import { renderPage } from '../render.js'
import { viewerOf } from '../viewer.js'
import { pageParam } from './shared.js'

const PER_QUEUE = 5
/** The owner is reminded 30 days ahead; the centre sees the same window. */
const EXPIRY_WARNING_DAYS = 30

const NOT_A_CURATOR = 'Рабочее место центра открыто кураторам центров субконтрактации и администраторам платформы / The centre workspace is for subcontracting centre curators and platform admins'

/** The centre's work queues, each paged on its own (`?<queue>Page=N`). */
export const centreRoutes = new Hono<WebEnv>().get('/centre', async (c) => {
  const ctx = c.var.ctx
  const viewer = await viewerOf(c)
  if (viewer === null) throw new UnauthorizedError()
  if (!viewer.curates) throw new ForbiddenError(NOT_A_CURATOR)
  const page = (queue: QueueName) => ({ page: pageParam(c.req.query(`${queue}Page`)), perPage: PER_QUEUE })
  const [listed, review, expiring, curate] = await Promise.all([
    listNeeds(ctx, { ...page('submitted'), sort: { key: 'deadline', descending: false }, status: ['submitted'] }),
    listCertificatesForReview(ctx, page('review')),
    listExpiringCertificates(ctx, { ...page('expiring'), withinDays: EXPIRY_WARNING_DAYS }),
    listMatchesToCurate(ctx, page('curate')),
  ])
  // A submitted need is never published, so the list holds only needs the curator runs, in full.
  const submitted = { ...listed, items: listed.items.filter((need): need is Need => isFullNeed(need)) }
  const orgIds = [...new Set(submitted.items.map((need) => need.orgId))]
  const contractors = new Map((await Promise.all(orgIds.map((id) => getOrganization(ctx, id)))).map((organization) => [organization.id, organization.name]))
  const href = (queue: QueueName, n: number) => `/centre${n > 1 ? `?${queue}Page=${n}` : ''}#queue-${queue}`
  return renderPage(
    c,
    { title: c.var.i18n.t('centre.title'), nav: 'centre' },
    <CentrePage submitted={submitted} contractors={contractors} review={review} expiring={expiring} curate={curate} href={href} />,
  )
})
