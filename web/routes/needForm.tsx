import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { idSchema } from '../../src/domain/common.js'
import type { Organization } from '../../src/domain/organization.js'
import { isMaterialCode, isProcessCode, searchMaterials, searchProcesses } from '../../src/domain/taxonomy/index.js'
import { suggestCities } from '../../src/geo/index.js'
import { NotFoundError, ServiceError } from '../../src/lib/errors.js'
import { assertOrganizationAccess } from '../../src/services/authorization.js'
import { listClusters } from '../../src/services/clusters/list.js'
import { createNeed } from '../../src/services/needs/create.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import { listOrganizations } from '../../src/services/organizations/list.js'
import { type Choice, PickerOptions } from '../components/pickers.js'
import type { WebEnv } from '../env.js'
import { type FormErrors, NO_ERRORS, errorsFromService } from '../forms/errors.js'
import { EMPTY_NEED_FORM, type NeedFormValues, needFieldOf, needFormValues, parseNeedForm } from '../forms/needForm.js'
import type { I18n } from '../i18n/index.js'
import { ChooseOrganizationPage, NeedFormPage, materialChoices, processChoices } from '../pages/needForm.js'
import { type WebContext, renderPage, renderPartial } from '../render.js'

/** Enough to pick from while typing; the search box narrows the rest. */
const SUGGESTIONS = 12
const CITY_SUGGESTIONS = 8

function foundProcesses(query: string, i18n: I18n): Choice[] {
  return query ? processChoices(searchProcesses(query, SUGGESTIONS).map((process) => process.code), i18n) : []
}

function foundMaterials(query: string, i18n: I18n): Choice[] {
  return query ? materialChoices(searchMaterials(query, SUGGESTIONS).map((material) => material.code), i18n) : []
}

/**
 * The poster named by `?org=`, checked with the policy createNeed applies, so nobody fills in a form that
 * could never be saved; a malformed id is the same 404 as an unknown one.
 */
async function posterOf(c: WebContext): Promise<Organization> {
  const raw = c.req.query('org') ?? ''
  const id = idSchema('org').safeParse(raw)
  if (!id.success) throw new NotFoundError('Organization', raw)
  await assertOrganizationAccess(c.var.ctx, id.data, 'member')
  return getOrganization(c.var.ctx, id.data)
}

async function renderForm(c: WebContext, organization: Organization, values: NeedFormValues, errors: FormErrors, status: ContentfulStatusCode = 200): Promise<Response> {
  const i18n = c.var.i18n
  const clusters = await listClusters(c.var.ctx, { page: 1, perPage: 100, sort: { key: 'nameRu', descending: false } })
  return renderPage(
    c,
    { title: i18n.t('needForm.title'), nav: 'newNeed', status, returnTo: `/needs/new?org=${encodeURIComponent(organization.id)}` },
    <NeedFormPage
      organization={organization}
      values={values}
      errors={errors}
      processesFound={foundProcesses(values.processQuery, i18n)}
      materialsFound={foundMaterials(values.materialQuery, i18n)}
      clusters={clusters.items}
    />,
  )
}

async function chooseOrganization(c: WebContext): Promise<Response> {
  const q = (c.req.query('q') ?? '').trim().slice(0, 200)
  const organizations = await listOrganizations(c.var.ctx, { page: 1, perPage: 20, sort: { key: 'name', descending: false }, q: q || undefined, kind: ['contractor', 'centre'] })
  return renderPage(c, { title: c.var.i18n.t('needForm.title'), nav: 'newNeed' }, <ChooseOrganizationPage q={q} organizations={organizations.items} />)
}

/** "Publish a request": a curator posts a need on behalf of a contractor through the same `createNeed` as the API. */
export const needFormRoutes = new Hono<WebEnv>()
  .get('/needs/new', async (c) => {
    if (c.req.query('org') === undefined) return chooseOrganization(c)
    return renderForm(c, await posterOf(c), EMPTY_NEED_FORM, NO_ERRORS)
  })
  .post('/needs/new', async (c) => {
    const organization = await posterOf(c)
    const i18n = c.var.i18n
    const body = await c.req.parseBody({ all: true })
    const values = needFormValues(body)
    // The pickers' "Find" buttons (the page without scripts) only search: the form comes back as typed.
    if (body.intent === 'find-processes' || body.intent === 'find-materials') return renderForm(c, organization, values, NO_ERRORS)
    const parsed = parseNeedForm(values, i18n.lang, { notANumber: i18n.t('field.notANumber'), missing: i18n.t('form.missing') })
    if (!parsed.ok) return renderForm(c, organization, values, parsed.errors, 400)
    try {
      const need = await createNeed(c.var.ctx, organization.id, parsed.input)
      return c.redirect(`/needs/${need.id}`, 303)
    } catch (error) {
      if (!(error instanceof ServiceError) || (error.status !== 400 && error.status !== 409)) throw error
      return renderForm(c, organization, values, errorsFromService(error, needFieldOf, i18n.lang), error.status)
    }
  })
  .get('/needs/new/options/processes', (c) => {
    const i18n = c.var.i18n
    const selected = processChoices((c.req.queries('processes') ?? []).filter(isProcessCode), i18n)
    const query = (c.req.query('processQuery') ?? '').trim()
    return renderPartial(c, <PickerOptions name="processes" selected={selected} found={foundProcesses(query, i18n)} searched={query !== ''} />)
  })
  .get('/needs/new/options/materials', (c) => {
    const i18n = c.var.i18n
    const selected = materialChoices((c.req.queries('materials') ?? []).filter(isMaterialCode), i18n)
    const query = (c.req.query('materialQuery') ?? '').trim()
    return renderPartial(c, <PickerOptions name="materials" selected={selected} found={foundMaterials(query, i18n)} searched={query !== ''} />)
  })
  .get('/needs/new/cities', (c) => {
    // The need form's delivery place and a site's address share the suggestions.
    const prefix = (c.req.query('delivery') ?? c.req.query('address') ?? '').trim().slice(0, 100)
    const cities = prefix.length < 2 ? [] : suggestCities(prefix, CITY_SUGGESTIONS)
    return renderPartial(
      c,
      <>
        {cities.map((city) => (
          <option value={`${city.city}, ${city.regionNameRu}`}></option>
        ))}
      </>,
    )
  })
