import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { siteInputSchema } from '../../src/domain/site.js'
import { searchMaterials, searchProcesses } from '../../src/domain/taxonomy/index.js'
import { NotFoundError, ServiceError, ValidationError } from '../../src/lib/errors.js'
import { assertOrganizationAccess, hasOrganizationAccess } from '../../src/services/authorization.js'
import { createCapacity } from '../../src/services/capacities/create.js'
import { deleteCapacity } from '../../src/services/capacities/delete.js'
import { getCapacity } from '../../src/services/capacities/get.js'
import { listCapacities } from '../../src/services/capacities/list.js'
import { updateCapacity } from '../../src/services/capacities/update.js'
import { createCertificate } from '../../src/services/certificates/create.js'
import { deleteCertificate } from '../../src/services/certificates/delete.js'
import { getCertificate } from '../../src/services/certificates/get.js'
import { listCertificates } from '../../src/services/certificates/list.js'
import { updateCertificate } from '../../src/services/certificates/update.js'
import { attachCertificateFile } from '../../src/services/certificates/attachFile.js'
import { getCertificateFileInfo } from '../../src/services/certificates/getFile.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import { createSite } from '../../src/services/sites/create.js'
import { deleteSite } from '../../src/services/sites/delete.js'
import { listSites } from '../../src/services/sites/list.js'
import type { WebEnv } from '../env.js'
import { type CapacityFormValues, EMPTY_CAPACITY_FORM, capacityFieldOf, capacityFormValues, capacityToForm, parseCapacityForm } from '../forms/capacityForm.js'
import { type CertificateFormValues, EMPTY_CERTIFICATE_FORM, certificateFieldOf, certificateFormValues, certificatePatch, certificateToForm, parseCertificateForm } from '../forms/certificateForm.js'
import { type FormErrors, NO_ERRORS, errorsFromIssues, errorsFromService } from '../forms/errors.js'
import { localizedHalf } from '../i18n/index.js'
import type { Certificate } from '../../src/domain/certificate.js'
import { CapacityFormPage } from '../pages/capacityForm.js'
import { CertificateFormPage } from '../pages/certificateForm.js'
import { materialChoices, processChoices } from '../pages/needForm.js'
import { type EditList, OrganizationEditPage, type SiteFormState } from '../pages/organizationEdit.js'
import { type WebContext, renderPage } from '../render.js'
import { explainable, pageParam, parsedId, statusOf } from './shared.js'

const PER_PAGE = 20
const SUGGESTIONS = 12
/** Capacities pick one of the organization's sites; a supplier rarely has more. */
const SITE_CHOICES = 100

/**
 * The organization whose data is edited, for those who may change it (its members, the curators covering
 * it, platform admins): anybody else gets the 404 of a missing organization, as the services would answer.
 */
async function editableOrganization(c: WebContext) {
  const orgId = parsedId('org', c.req.param('id') ?? '', 'Organization')
  await assertOrganizationAccess(c.var.ctx, orgId, 'member')
  return getOrganization(c.var.ctx, orgId)
}

interface EditState {
  status?: ContentfulStatusCode
  siteForm?: SiteFormState
  rowError?: { id: string; message: string } | null
}

async function editPage(c: WebContext, state: EditState = {}): Promise<Response> {
  const ctx = c.var.ctx
  const organization = await editableOrganization(c)
  const pages = { sites: pageParam(c.req.query('sitesPage')), capacities: pageParam(c.req.query('capacitiesPage')), certificates: pageParam(c.req.query('certificatesPage')) }
  const supplier = organization.kinds.includes('supplier')
  const [sites, capacities, certificates, canManagePeople] = await Promise.all([
    listSites(ctx, organization.id, { page: pages.sites, perPage: PER_PAGE }),
    supplier ? listCapacities(ctx, { page: pages.capacities, perPage: PER_PAGE, sort: { key: 'title', descending: false } }, organization.id) : null,
    listCertificates(ctx, organization.id, { page: pages.certificates, perPage: PER_PAGE }),
    hasOrganizationAccess(ctx.sql, ctx.actor, organization.id, 'admin'),
  ])
  const href = (list: EditList, page: number) => {
    const params = new URLSearchParams()
    for (const name of Object.keys(pages) as EditList[]) {
      const value = name === list ? page : pages[name]
      if (value > 1) params.set(`${name}Page`, String(value))
    }
    const query = params.toString()
    return `/organizations/${organization.id}/edit${query ? `?${query}` : ''}#${list}`
  }
  return renderPage(
    c,
    { title: c.var.i18n.t('edit.title', { name: organization.name }), status: state.status ?? 200, returnTo: `/organizations/${organization.id}/edit` },
    <OrganizationEditPage
      organization={organization}
      sites={sites}
      capacities={capacities}
      certificates={certificates}
      siteForm={state.siteForm ?? { name: '', address: '', errors: NO_ERRORS }}
      rowError={state.rowError ?? null}
      canManagePeople={canManagePeople}
      href={href}
    />,
  )
}

/** A deletion: done, back to the edit page; refused (e.g. by a conflict), the page says why next to the row. */
async function deleteAndReturn(c: WebContext, rowId: string, list: EditList, remove: () => Promise<void>): Promise<Response> {
  const orgId = parsedId('org', c.req.param('id') ?? '', 'Organization')
  try {
    await remove()
  } catch (error) {
    if (!explainable(error)) throw error
    return editPage(c, { status: statusOf(error), rowError: { id: rowId, message: localizedHalf(error.message, c.var.i18n.lang) } })
  }
  return c.redirect(`/organizations/${orgId}/edit#${list}`, 303)
}

function today(c: WebContext): string {
  return c.var.ctx.now().toISOString().slice(0, 10)
}

async function capacityForm(c: WebContext, capacityId: string | null, values: CapacityFormValues, errors: FormErrors, status: ContentfulStatusCode = 200): Promise<Response> {
  const i18n = c.var.i18n
  const organization = await editableOrganization(c)
  const sites = await listSites(c.var.ctx, organization.id, { page: 1, perPage: SITE_CHOICES })
  const found = (query: string, search: (q: string, n: number) => { code: string }[]) => (query ? search(query, SUGGESTIONS).map((item) => item.code) : [])
  const base = `/organizations/${organization.id}/capacities`
  return renderPage(
    c,
    { title: i18n.t(capacityId ? 'capacityForm.editTitle' : 'capacityForm.newTitle'), status, returnTo: capacityId ? `${base}/${capacityId}/edit` : `${base}/new` },
    <CapacityFormPage
      organization={organization}
      capacityId={capacityId}
      sites={sites.items}
      values={{ ...values, siteId: values.siteId || (sites.items[0]?.id ?? '') }}
      errors={errors}
      processesFound={processChoices(found(values.processQuery, searchProcesses), i18n)}
      materialsFound={materialChoices(found(values.materialQuery, searchMaterials), i18n)}
      today={today(c)}
    />,
  )
}

/** The capacity named in the path, only as one of this organization's. */
async function capacityOf(c: WebContext, orgId: string) {
  const capacityId = parsedId('cap', c.req.param('capacityId') ?? '', 'Capacity')
  const capacity = await getCapacity(c.var.ctx, capacityId)
  if (capacity.orgId !== orgId) throw new NotFoundError('Capacity', capacityId)
  return capacity
}

async function certificateOf(c: WebContext, orgId: string): Promise<Certificate> {
  const certificateId = parsedId('cert', c.req.param('certificateId') ?? '', 'Certificate')
  const certificate = await getCertificate(c.var.ctx, certificateId)
  if (certificate.orgId !== orgId) throw new NotFoundError('Certificate', certificateId)
  return certificate
}

async function certificateForm(c: WebContext, certificate: Certificate | null, values: CertificateFormValues, errors: FormErrors, status: ContentfulStatusCode = 200): Promise<Response> {
  const organization = await editableOrganization(c)
  const base = `/organizations/${organization.id}/certificates`
  return renderPage(
    c,
    { title: c.var.i18n.t(certificate ? 'certForm.editTitle' : 'certForm.newTitle'), status, returnTo: certificate ? `${base}/${certificate.id}/edit` : `${base}/new` },
    <CertificateFormPage organization={organization} certificate={certificate} file={certificate ? await getCertificateFileInfo(c.var.ctx, certificate.id) : null} values={values} errors={errors} />,
  )
}

/** A refusal of a form's service: its field errors where they point, its message above the form. */
function formRefusal(error: unknown, fieldOf: (path: string) => string | null, c: WebContext): { errors: FormErrors; status: ContentfulStatusCode } | null {
  if (!(error instanceof ServiceError) || ![400, 409].includes(error.status)) return null
  return { errors: errorsFromService(error, fieldOf, c.var.i18n.lang), status: statusOf(error) }
}

async function saveCapacity(c: WebContext, capacityId: string | null): Promise<Response> {
  const organization = await editableOrganization(c)
  const i18n = c.var.i18n
  const body = await c.req.parseBody({ all: true })
  const values = capacityFormValues(body)
  if (body.intent === 'find-processes' || body.intent === 'find-materials') return capacityForm(c, capacityId, values, NO_ERRORS)
  const parsed = parseCapacityForm(values, i18n.lang, { notANumber: i18n.t('field.notANumber'), missing: i18n.t('form.missing') })
  if (!parsed.ok) return capacityForm(c, capacityId, values, parsed.errors, 400)
  try {
    if (capacityId) await updateCapacity(c.var.ctx, capacityId, parsed.input)
    else await createCapacity(c.var.ctx, organization.id, parsed.input)
  } catch (error) {
    const refusal = formRefusal(error, capacityFieldOf, c)
    if (!refusal) throw error
    return capacityForm(c, capacityId, values, refusal.errors, refusal.status)
  }
  return c.redirect(`/organizations/${organization.id}/edit#capacities`, 303)
}

export const organizationEditRoutes = new Hono<WebEnv>()
  .get('/organizations/:id/edit', (c) => editPage(c))
  .post('/organizations/:id/sites', async (c) => {
    const organization = await editableOrganization(c)
    const { t, lang } = c.var.i18n
    const body = await c.req.parseBody()
    const name = typeof body.name === 'string' ? body.name.trim() : ''
    const address = typeof body.address === 'string' ? body.address.trim() : ''
    const fieldOf = (path: string) => {
      const [first] = path.split('.')
      return first === 'name' || first === 'address' ? first : first === 'lat' || first === 'lon' ? 'address' : null
    }
    const input = siteInputSchema.safeParse({ name: name || undefined, address: address || undefined })
    if (!input.success) return editPage(c, { status: 400, siteForm: { name, address, errors: errorsFromIssues(input.error.issues, fieldOf, lang, t('form.missing')) } })
    try {
      await createSite(c.var.ctx, organization.id, input.data)
    } catch (error) {
      // The address the gazetteer cannot place (or places twice) is explained next to the address field.
      const refusal = formRefusal(error, fieldOf, c)
      if (!refusal) throw error
      return editPage(c, { status: refusal.status, siteForm: { name, address, errors: refusal.errors } })
    }
    return c.redirect(`/organizations/${organization.id}/edit#sites`, 303)
  })
  .post('/organizations/:id/sites/:siteId/delete', (c) => {
    const siteId = parsedId('site', c.req.param('siteId'), 'Site')
    return deleteAndReturn(c, siteId, 'sites', () => deleteSite(c.var.ctx, siteId))
  })
  .get('/organizations/:id/capacities/new', async (c) => {
    await editableOrganization(c)
    return capacityForm(c, null, EMPTY_CAPACITY_FORM, NO_ERRORS)
  })
  .post('/organizations/:id/capacities/new', (c) => saveCapacity(c, null))
  .get('/organizations/:id/capacities/:capacityId/edit', async (c) => {
    const organization = await editableOrganization(c)
    const capacity = await capacityOf(c, organization.id)
    return capacityForm(c, capacity.id, capacityToForm(capacity), NO_ERRORS)
  })
  .post('/organizations/:id/capacities/:capacityId/edit', async (c) => {
    const organization = await editableOrganization(c)
    const capacity = await capacityOf(c, organization.id)
    return saveCapacity(c, capacity.id)
  })
  .post('/organizations/:id/capacities/:capacityId/delete', (c) => {
    const capacityId = parsedId('cap', c.req.param('capacityId'), 'Capacity')
    return deleteAndReturn(c, capacityId, 'capacities', () => deleteCapacity(c.var.ctx, capacityId))
  })
  .get('/organizations/:id/certificates/new', async (c) => {
    await editableOrganization(c)
    return certificateForm(c, null, EMPTY_CERTIFICATE_FORM, NO_ERRORS)
  })
  .post('/organizations/:id/certificates/new', async (c) => {
    const organization = await editableOrganization(c)
    const { t, lang } = c.var.i18n
    const values = certificateFormValues(await c.req.parseBody({ all: true }))
    const parsed = parseCertificateForm(values, lang, t('form.missing'))
    if (!parsed.ok) return certificateForm(c, null, values, parsed.errors, 400)
    try {
      await createCertificate(c.var.ctx, organization.id, parsed.input)
    } catch (error) {
      const refusal = formRefusal(error, certificateFieldOf, c)
      if (!refusal) throw error
      return certificateForm(c, null, values, refusal.errors, refusal.status)
    }
    return c.redirect(`/organizations/${organization.id}/edit#certificates`, 303)
  })
  .get('/organizations/:id/certificates/:certificateId/edit', async (c) => {
    const organization = await editableOrganization(c)
    const certificate = await certificateOf(c, organization.id)
    return certificateForm(c, certificate, certificateToForm(certificate), NO_ERRORS)
  })
  .post('/organizations/:id/certificates/:certificateId/edit', async (c) => {
    const organization = await editableOrganization(c)
    const certificate = await certificateOf(c, organization.id)
    const { t, lang } = c.var.i18n
    const values = certificateFormValues(await c.req.parseBody({ all: true }))
    const parsed = parseCertificateForm(values, lang, t('form.missing'))
    if (!parsed.ok) return certificateForm(c, certificate, values, parsed.errors, 400)
    try {
      await updateCertificate(c.var.ctx, certificate.id, certificatePatch(certificate, parsed.input))
    } catch (error) {
      const refusal = formRefusal(error, certificateFieldOf, c)
      if (!refusal) throw error
      return certificateForm(c, certificate, values, refusal.errors, refusal.status)
    }
    return c.redirect(`/organizations/${organization.id}/edit#certificates`, 303)
  })
  .post('/organizations/:id/certificates/:certificateId/file', async (c) => {
    const organization = await editableOrganization(c)
    const certificate = await certificateOf(c, organization.id)
    const body = await c.req.parseBody()
    const file = body.file
    try {
      if (!(file instanceof File) || file.size === 0) throw new ValidationError('No file', [{ path: 'body.file', message: 'Приложите файл / Attach a file' }])
      await attachCertificateFile(c.var.ctx, certificate.id, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })
    } catch (error) {
      if (!(error instanceof ServiceError) || error.status >= 500 || error.status === 404) throw error
      const message = localizedHalf(error.errors[0]?.message ?? error.message, c.var.i18n.lang)
      return certificateForm(c, certificate, certificateToForm(certificate), { fields: { file: [message] }, form: [] }, error.status as ContentfulStatusCode)
    }
    return c.redirect(`/organizations/${organization.id}/certificates/${certificate.id}/edit`, 303)
  })
  .post('/organizations/:id/certificates/:certificateId/delete', (c) => {
    const certificateId = parsedId('cert', c.req.param('certificateId'), 'Certificate')
    return deleteAndReturn(c, certificateId, 'certificates', () => deleteCertificate(c.var.ctx, certificateId))
  })
