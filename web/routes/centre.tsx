import { Hono } from 'hono'
import type { Need } from '../../src/domain/need.js'
import { ForbiddenError, UnauthorizedError } from '../../src/services/authorization.js'
import { listNeeds } from '../../src/services/needs/list.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import type { WebEnv } from '../env.js'
import { CentrePage } from '../pages/centre.js'
import { isFullNeed } from '../pages/need.js'
import { renderPage } from '../render.js'
import { viewerOf } from '../viewer.js'
import { pageParam } from './shared.js'

const PER_QUEUE = 5

const NOT_A_CURATOR = 'Рабочее место центра открыто кураторам центров субконтрактации и администраторам платформы / The centre workspace is for subcontracting centre curators and platform admins'

/**
 * The centre's work queues. Only needs awaiting publication have a service to list them across the centre's
 * scope (listNeeds by status); the other queues wait for theirs (see the reply to the issue).
 */
export const centreRoutes = new Hono<WebEnv>().get('/centre', async (c) => {
  const ctx = c.var.ctx
  const viewer = await viewerOf(c)
  if (viewer === null) throw new UnauthorizedError()
  if (!viewer.curates) throw new ForbiddenError(NOT_A_CURATOR)
  const submittedPage = pageParam(c.req.query('submittedPage'))
  const listed = await listNeeds(ctx, { page: submittedPage, perPage: PER_QUEUE, sort: { key: 'deadline', descending: false }, status: ['submitted'] })
  // A submitted need is never published, so the list holds only needs the curator runs, in full.
  const submitted = { ...listed, items: listed.items.filter((need): need is Need => isFullNeed(need)) }
  const orgIds = [...new Set(submitted.items.map((need) => need.orgId))]
  const contractors = new Map((await Promise.all(orgIds.map((id) => getOrganization(ctx, id)))).map((organization) => [organization.id, organization.name]))
  const href = (_queue: 'submitted', page: number) => `/centre${page > 1 ? `?submittedPage=${page}` : ''}#queue-submitted`
  return renderPage(c, { title: c.var.i18n.t('centre.title'), nav: 'centre' }, <CentrePage submitted={submitted} contractors={contractors} href={href} />)
})
