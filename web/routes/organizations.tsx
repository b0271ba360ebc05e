import { Hono } from 'hono'
import { z } from 'zod'
import { idSchema } from '../../src/domain/common.js'
import type { Site } from '../../src/domain/site.js'
import { NotFoundError } from '../../src/lib/errors.js'
import { listCapacities } from '../../src/services/capacities/list.js'
import { listCertificates } from '../../src/services/certificates/list.js'
import { getCluster } from '../../src/services/clusters/get.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import { getSite } from '../../src/services/sites/get.js'
import { listSites } from '../../src/services/sites/list.js'
import type { WebEnv } from '../env.js'
import { OrganizationPage } from '../pages/organization.js'
import { renderPage } from '../render.js'

const PER_PAGE = { sites: 20, capacities: 10, certificates: 20 } as const
type ListName = keyof typeof PER_PAGE

const pageNumber = z.coerce.number().int().min(1).max(10_000).catch(1)
const pagesSchema = z.object({ sites: pageNumber, capacities: pageNumber, certificates: pageNumber })

/** The organization's public profile: what it is, where it works, what it can make, what it is certified for. */
export const organizationRoutes = new Hono<WebEnv>().get('/organizations/:id', async (c) => {
  const ctx = c.var.ctx
  const rawId = c.req.param('id')
  const id = idSchema('org').safeParse(rawId)
  if (!id.success) throw new NotFoundError('Organization', rawId)
  const organization = await getOrganization(ctx, id.data)
  const pages = pagesSchema.parse({ sites: c.req.query('sitesPage'), capacities: c.req.query('capacitiesPage'), certificates: c.req.query('certificatesPage') })
  const [sites, capacities, certificates, clusters] = await Promise.all([
    listSites(ctx, organization.id, { page: pages.sites, perPage: PER_PAGE.sites }),
    listCapacities(ctx, { page: pages.capacities, perPage: PER_PAGE.capacities, sort: { key: 'title', descending: false } }, organization.id),
    listCertificates(ctx, organization.id, { page: pages.certificates, perPage: PER_PAGE.certificates }),
    Promise.all(organization.clusterIds.map((clusterId) => getCluster(ctx, clusterId))),
  ])
  const sitesById = new Map<string, Site>(sites.items.map((site) => [site.id, site]))
  const elsewhere = [...new Set(capacities.items.map((capacity) => capacity.siteId))].filter((siteId) => !sitesById.has(siteId))
  for (const site of await Promise.all(elsewhere.map((siteId) => getSite(ctx, siteId)))) sitesById.set(site.id, site)
  const href = (list: ListName, page: number) => {
    const params = new URLSearchParams()
    for (const name of Object.keys(PER_PAGE) as ListName[]) {
      const value = name === list ? page : pages[name]
      if (value > 1) params.set(`${name}Page`, String(value))
    }
    const query = params.toString()
    return `/organizations/${organization.id}${query ? `?${query}` : ''}#${list}-heading`
  }
  return renderPage(
    c,
    { title: organization.name },
    <OrganizationPage
      organization={organization}
      clusters={clusters}
      sites={sites}
      sitesById={sitesById}
      capacities={capacities}
      certificates={certificates}
      today={ctx.now().toISOString().slice(0, 10)}
      href={href}
    />,
  )
})
