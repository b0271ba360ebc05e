import { Hono } from 'hono'
import { INTRODUCED_STATUSES } from '../../src/domain/match.js'
import { NotFoundError } from '../../src/lib/errors.js'
import { UnauthorizedError, assertOrganizationAccess } from '../../src/services/authorization.js'
import { listNeedMatches } from '../../src/services/matches/listForNeed.js'
import { listNeeds } from '../../src/services/needs/list.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import type { WebEnv } from '../env.js'
import { isFullNeed } from '../pages/need.js'
import { type Introduction, MyNeedsPage } from '../pages/myNeeds.js'
import { renderPage } from '../render.js'
import { organizationsOfKind, viewerOf } from '../viewer.js'
import { pageParam, parsedId } from './shared.js'

const PER_PAGE = 10
/** Introductions are read from the ranked list, which the service returns up to 100 pairs deep. */
const MATCHES_READ = 100

/** A contractor's needs with their status and the suppliers the centre introduced, by name. */
export const myNeedsRoutes = new Hono<WebEnv>().get('/my/needs', async (c) => {
  const ctx = c.var.ctx
  const viewer = await viewerOf(c)
  if (viewer === null) throw new UnauthorizedError()
  const contractors = organizationsOfKind(viewer, 'contractor')
  const raw = c.req.query('org')
  const orgId = raw ? parsedId('org', raw, 'Organization') : contractors[0]?.id
  if (!orgId) throw new NotFoundError('Organization', viewer.name)
  // Another organization's list only for those who may act for it (a curator covering it): the same 404 otherwise.
  if (!contractors.some((contractor) => contractor.id === orgId)) await assertOrganizationAccess(ctx, orgId, 'member')
  const organization = contractors.find((contractor) => contractor.id === orgId) ?? (await getOrganization(ctx, orgId))
  const needs = await listNeeds(ctx, { page: pageParam(c.req.query('page')), perPage: PER_PAGE, sort: { key: 'createdAt', descending: true } }, orgId)
  const introductions = new Map<string, Introduction[]>()
  for (const need of needs.items) {
    // Pairs move past "suggested" only on a published need, so drafts have no introductions to look up.
    if (!isFullNeed(need) || (need.status !== 'published' && need.status !== 'closed')) continue
    const found = await listNeedMatches(ctx, c.var.search, need.id, { limit: MATCHES_READ, explain: false, nearMisses: false, refresh: false })
    introductions.set(
      need.id,
      found.matches.filter((match) => INTRODUCED_STATUSES.includes(match.status)).map((match) => ({ orgId: match.orgId, name: match.name, status: match.status })),
    )
  }
  return renderPage(
    c,
    { title: c.var.i18n.t('myNeeds.title'), nav: 'myNeeds' },
    <MyNeedsPage organization={{ id: organization.id, name: organization.name }} others={contractors.filter((other) => other.id !== orgId)} needs={needs} introductions={introductions} />,
  )
})
