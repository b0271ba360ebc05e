import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { reasonSchema } from '../../src/domain/audit.js'
import type { Site } from '../../src/domain/site.js'
import { hasOrganizationAccess, isCurator, isPlatformAdmin, organizationInCuratorScope } from '../../src/services/authorization.js'
import { listCapacities } from '../../src/services/capacities/list.js'
import { getCertificate } from '../../src/services/certificates/get.js'
import { listCertificates } from '../../src/services/certificates/list.js'
import { rejectCertificate } from '../../src/services/certificates/reject.js'
import { verifyCertificate } from '../../src/services/certificates/verify.js'
import { getCluster } from '../../src/services/clusters/get.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import { getSite } from '../../src/services/sites/get.js'
import { listSites } from '../../src/services/sites/list.js'
import type { WebEnv } from '../env.js'
import { errorsFromIssues, errorsFromService, fieldError } from '../forms/errors.js'
import { CertificateCard, OrganizationPage, type ReviewFeedback } from '../pages/organization.js'
import { type WebContext, renderPage, renderPartial, wantsPartial } from '../render.js'
import { explainable, parsedId, statusOf } from './shared.js'

const PER_PAGE = { sites: 20, capacities: 10, certificates: 20 } as const
type ListName = keyof typeof PER_PAGE

const pageNumber = z.coerce.number().int().min(1).max(10_000).catch(1)
const pagesSchema = z.object({ sites: pageNumber, capacities: pageNumber, certificates: pageNumber })

/** A curator covering the organization (or a platform admin): the one who may verify its certificates. */
async function reviews(c: WebContext, orgId: string): Promise<boolean> {
  const actor = c.var.ctx.actor
  return isPlatformAdmin(actor) || (isCurator(actor) && (await organizationInCuratorScope(c.var.ctx.sql, actor, orgId)))
}

function today(c: WebContext): string {
  return c.var.ctx.now().toISOString().slice(0, 10)
}

/** The organization's profile: what it is, where it works, what it can make, what it is certified for. */
async function organizationPage(c: WebContext, orgId: string, state: { status?: ContentfulStatusCode; review?: ReviewFeedback } = {}): Promise<Response> {
  const ctx = c.var.ctx
  const organization = await getOrganization(ctx, orgId)
  const pages = pagesSchema.parse({ sites: c.req.query('sitesPage'), capacities: c.req.query('capacitiesPage'), certificates: c.req.query('certificatesPage') })
  const [sites, capacities, certificates, clusters, canEdit, canManagePeople, canReview] = await Promise.all([
    listSites(ctx, organization.id, { page: pages.sites, perPage: PER_PAGE.sites }),
    listCapacities(ctx, { page: pages.capacities, perPage: PER_PAGE.capacities, sort: { key: 'title', descending: false } }, organization.id),
    listCertificates(ctx, organization.id, { page: pages.certificates, perPage: PER_PAGE.certificates }),
    Promise.all(organization.clusterIds.map((clusterId) => getCluster(ctx, clusterId))),
    hasOrganizationAccess(ctx.sql, ctx.actor, organization.id, 'member'),
    hasOrganizationAccess(ctx.sql, ctx.actor, organization.id, 'admin'),
    reviews(c, organization.id),
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
  const viewerOrg = c.var.ctx.actor.kind === 'user' && c.var.ctx.actor.memberships.some((membership) => membership.orgId === organization.id)
  return renderPage(
    c,
    { title: organization.name, status: state.status ?? 200, returnTo: `/organizations/${organization.id}`, ...(viewerOrg ? { nav: 'organization' as const } : {}) },
    <OrganizationPage
      organization={organization}
      clusters={clusters}
      sites={sites}
      sitesById={sitesById}
      capacities={capacities}
      certificates={certificates}
      today={today(c)}
      href={href}
      canEdit={canEdit}
      canManagePeople={canManagePeople}
      canReview={canReview}
      review={state.review ?? null}
    />,
  )
}

const reviewInputSchema = z.discriminatedUnion('to', [z.object({ to: z.literal('verified') }), z.object({ to: z.literal('rejected'), reason: reasonSchema })])

export const organizationRoutes = new Hono<WebEnv>()
  .get('/organizations/:id', (c) => organizationPage(c, parsedId('org', c.req.param('id'), 'Organization')))
  /** A centre's verdict on a certificate: verify, or reject with a reason the owner will read. */
  .post('/certificates/:id/review', async (c) => {
    const ctx = c.var.ctx
    const { t, lang } = c.var.i18n
    const certificate = await getCertificate(ctx, parsedId('cert', c.req.param('id'), 'Certificate'))
    const body = await c.req.parseBody()
    const reason = typeof body.reason === 'string' ? body.reason : ''
    const refuse = async (status: ContentfulStatusCode, review: ReviewFeedback) => {
      if (!wantsPartial(c)) return organizationPage(c, certificate.orgId, { status, review })
      return renderPartial(c, <CertificateCard certificate={certificate} today={today(c)} canReview={await reviews(c, certificate.orgId)} feedback={review} />, status)
    }
    const input = reviewInputSchema.safeParse({ to: body.to, reason: reason.trim() ? reason : undefined })
    if (!input.success) {
      const errors = errorsFromIssues(input.error.issues, (path) => (path === 'reason' ? 'reason' : null), lang, t('review.reasonMissing'))
      return refuse(400, { certificateId: certificate.id, reason, reasonError: fieldError(errors, 'reason'), message: errors.form.join(' ') || null })
    }
    let reviewed
    try {
      reviewed = input.data.to === 'verified' ? await verifyCertificate(ctx, certificate.id) : await rejectCertificate(ctx, certificate.id, { reason: input.data.reason })
    } catch (error) {
      if (!explainable(error)) throw error
      const errors = errorsFromService(error, (path) => (path === 'reason' ? 'reason' : null), lang)
      return refuse(statusOf(error), { certificateId: certificate.id, reason, reasonError: fieldError(errors, 'reason'), message: errors.form.join(' ') || null })
    }
    if (wantsPartial(c)) return renderPartial(c, <CertificateCard certificate={reviewed} today={today(c)} canReview feedback={null} />)
    return c.redirect(`/organizations/${certificate.orgId}#cert-${certificate.id}`, 303)
  })
