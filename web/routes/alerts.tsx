import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { type AlertInput, alertInputSchema } from '../../src/domain/alert.js'
import { NotFoundError } from '../../src/lib/errors.js'
import { createAlert } from '../../src/services/alerts/create.js'
import { deleteAlert } from '../../src/services/alerts/delete.js'
import { listAlerts } from '../../src/services/alerts/list.js'
import { subscribeAlertDigest } from '../../src/services/alerts/subscribeDigest.js'
import { updateAlert } from '../../src/services/alerts/update.js'
import { UnauthorizedError } from '../../src/services/authorization.js'
import { listSites } from '../../src/services/sites/list.js'
import type { WebEnv } from '../env.js'
import { type FormErrors, NO_ERRORS, errorsFromIssues, errorsFromService } from '../forms/errors.js'
import { NEED_SEARCH, type SearchFormState, parseSearchForm, searchHref } from '../forms/searchForm.js'
import { localizedHalf } from '../i18n/index.js'
import { processName, regionName } from '../labels.js'
import { AlertsPage, EMPTY_CAPACITIES_FORM, NewSearchAlertPage } from '../pages/alerts.js'
import { type WebContext, renderPage } from '../render.js'
import { type ViewerOrganization, organizationsOfKind, viewerOf } from '../viewer.js'
import { explainable, parsedId, statusOf } from './shared.js'

type Body = Record<string, string | File | (string | File)[]>

const text = (body: Body, name: string): string => {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : ''
}
const texts = (body: Body, name: string): string[] => {
  const value = body[name]
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string')
}

/** The viewer's supplier organizations; alerts are theirs alone, so anyone without one gets the 404 page. */
async function suppliersOf(c: WebContext): Promise<ViewerOrganization[]> {
  const viewer = await viewerOf(c)
  if (viewer === null) throw new UnauthorizedError()
  const suppliers = organizationsOfKind(viewer, 'supplier')
  if (suppliers.length === 0) throw new NotFoundError('Alerts', viewer.name)
  return suppliers
}

/** `?org=` (or a form's `org`) when it is one of the viewer's suppliers, else their first; anything else is the 404 page. */
function chosenSupplier(suppliers: ViewerOrganization[], raw: string | undefined): ViewerOrganization {
  const orgId = raw ? parsedId('org', raw, 'Organization') : suppliers[0]?.id
  const supplier = suppliers.find((candidate) => candidate.id === orgId)
  if (!supplier) throw new NotFoundError('Organization', orgId ?? '')
  return supplier
}

async function sitesOf(c: WebContext, orgId: string): Promise<{ id: string; name: string }[]> {
  const page = await listSites(c.var.ctx, orgId, { page: 1, perPage: 100 })
  return page.items.map((site) => ({ id: site.id, name: site.name }))
}

interface AlertsState {
  status?: ContentfulStatusCode
  capacities?: { name: string; minScore: string; errors: FormErrors }
  rowError?: { id: string; message: string } | null
}

async function alertsPage(c: WebContext, orgRaw: string | undefined, state: AlertsState = {}): Promise<Response> {
  const { t } = c.var.i18n
  const suppliers = await suppliersOf(c)
  const organization = chosenSupplier(suppliers, orgRaw)
  const [list, sites] = await Promise.all([listAlerts(c.var.ctx, organization.id), sitesOf(c, organization.id)])
  return renderPage(
    c,
    { title: t('alerts.title'), nav: 'alerts', status: state.status ?? 200, returnTo: `/alerts?org=${organization.id}` },
    <AlertsPage
      organization={{ id: organization.id, name: organization.name }}
      others={suppliers.filter((supplier) => supplier.id !== organization.id)}
      alerts={list.items}
      sites={new Map(sites.map((site) => [site.id, site.name]))}
      digestSubscribed={list.digestSubscribed}
      saved={c.req.query('saved') === '1'}
      capacities={state.capacities ?? { name: t('alerts.capacities.defaultName'), ...EMPTY_CAPACITIES_FORM }}
      rowError={state.rowError ?? null}
    />,
  )
}

/** A name that says what the search looks for: its processes, else its text, else its region. */
function suggestedName(c: WebContext, state: SearchFormState): string {
  const { t, lang } = c.var.i18n
  const processes = (state.filters.process ?? []).slice(0, 3).map((code) => processName(code, lang))
  const region = state.filters.regionCode?.[0]
  const what = processes.length ? processes.join(', ') : state.q || (region ? regionName(region, lang) : state.near)
  return t('alerts.searchName', { what: what || '…' }).slice(0, 120)
}

interface NewAlertState {
  status?: ContentfulStatusCode
  name?: string
  centre?: string
  errors?: FormErrors
}

async function newAlertPage(c: WebContext, state: SearchFormState, orgRaw: string | undefined, form: NewAlertState = {}): Promise<Response> {
  const { t } = c.var.i18n
  const suppliers = await suppliersOf(c)
  const organization = chosenSupplier(suppliers, orgRaw)
  return renderPage(
    c,
    { title: t('alerts.new.title'), nav: 'alerts', status: form.status ?? 200, returnTo: searchHref(NEED_SEARCH, state) },
    <NewSearchAlertPage
      organizations={suppliers}
      orgId={organization.id}
      state={state}
      sites={await sitesOf(c, organization.id)}
      name={form.name ?? suggestedName(c, state)}
      centre={form.centre ?? (state.near ? 'near' : '')}
      radiusKm={state.radiusKm}
      errors={form.errors ?? NO_ERRORS}
      searchHref={searchHref(NEED_SEARCH, { ...state, page: 1 })}
    />,
  )
}

/** The search page's filters, as the alert API takes them; the distance only when a centre was chosen. */
function searchAlertInput(state: SearchFormState, name: string, centre: string): Record<string, unknown> {
  const area = centre === 'near' ? { near: state.near, radiusKm: state.radiusKm } : centre.startsWith('site:') ? { siteId: centre.slice('site:'.length), radiusKm: state.radiusKm } : {}
  const { process = [], requiredCert = [], material = [], regionCode = [] } = state.filters
  return {
    kind: 'search',
    name,
    ...(state.q ? { q: state.q } : {}),
    ...(process.length ? { processes: process } : {}),
    ...(material[0] ? { material: material[0] } : {}),
    ...(requiredCert.length ? { requiredCerts: requiredCert } : {}),
    ...(regionCode[0] ? { regionCode: regionCode[0] } : {}),
    ...area,
  }
}

const searchFieldOf = (path: string): string | null => {
  if (path === 'name') return 'name'
  if (path === 'near' || path === 'siteId') return 'centre'
  if (path === 'radiusKm') return 'radiusKm'
  return null
}
const capacitiesFieldOf = (path: string): string | null => (path === 'name' || path === 'minScore' ? path : null)

/** Saves an alert from either form; refused, the same form comes back with the reasons next to the fields. */
async function saveAlert(c: WebContext): Promise<Response> {
  const { t, lang } = c.var.i18n
  const body = (await c.req.parseBody({ all: true })) as Body
  const orgRaw = text(body, 'org')
  const name = text(body, 'name')
  const capacities = text(body, 'kind') === 'capacities'
  const state = parseSearchForm(NEED_SEARCH, (field) => text(body, field) || undefined, (field) => texts(body, field))
  const centre = text(body, 'centre')
  const minScore = text(body, 'minScore')
  const refused = (status: ContentfulStatusCode, errors: FormErrors) =>
    capacities ? alertsPage(c, orgRaw, { status, capacities: { name, minScore, errors } }) : newAlertPage(c, state, orgRaw, { status, name, centre, errors })
  const raw = capacities ? { kind: 'capacities', name, ...(minScore ? { minScore: Number(minScore) } : {}) } : searchAlertInput(state, name, centre)
  const parsed = alertInputSchema.safeParse(raw)
  const fieldOf = capacities ? capacitiesFieldOf : searchFieldOf
  if (!parsed.success) return refused(400, errorsFromIssues(parsed.error.issues, fieldOf, lang, t('form.missing')))
  const organization = chosenSupplier(await suppliersOf(c), orgRaw)
  try {
    await createAlert(c.var.ctx, organization.id, parsed.data as AlertInput)
  } catch (error) {
    if (!explainable(error)) throw error
    return refused(statusOf(error), errorsFromService(error, fieldOf, lang))
  }
  return c.redirect(`/alerts?org=${organization.id}&saved=1`, 303)
}

/** A change to one alert: done, back to the list; refused, the list says why next to the alert. */
async function alertAction(c: WebContext, act: (id: string, body: Body) => Promise<unknown>): Promise<Response> {
  const id = parsedId('alrt', c.req.param('id') ?? '', 'Alert')
  const body = (await c.req.parseBody()) as Body
  const orgRaw = text(body, 'org')
  try {
    await act(id, body)
  } catch (error) {
    if (!explainable(error)) throw error
    return alertsPage(c, orgRaw, { status: statusOf(error), rowError: { id, message: localizedHalf(error.message, c.var.i18n.lang) } })
  }
  return c.redirect(`/alerts?org=${encodeURIComponent(orgRaw)}#alert-${id}`, 303)
}

export const alertRoutes = new Hono<WebEnv>()
  .get('/alerts', (c) => alertsPage(c, c.req.query('org')))
  .get('/alerts/new', (c) => newAlertPage(c, parseSearchForm(NEED_SEARCH, (name) => c.req.query(name), (name) => c.req.queries(name) ?? []), c.req.query('org')))
  .post('/alerts', (c) => saveAlert(c))
  .post('/alerts/digest', async (c) => {
    const body = (await c.req.parseBody()) as Body
    const organization = chosenSupplier(await suppliersOf(c), text(body, 'org'))
    await subscribeAlertDigest(c.var.ctx, organization.id, text(body, 'subscribed') === 'true')
    return c.redirect(`/alerts?org=${organization.id}#digest-heading`, 303)
  })
  .post('/alerts/:id/status', (c) => alertAction(c, (id, body) => updateAlert(c.var.ctx, id, { status: text(body, 'status') === 'paused' ? 'paused' : 'active' })))
  .post('/alerts/:id/delete', (c) => alertAction(c, (id) => deleteAlert(c.var.ctx, id)))
