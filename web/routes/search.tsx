import { Hono } from 'hono'
import { ValidationError } from '../../src/lib/errors.js'
import { searchCapacities } from '../../src/services/search/searchCapacities.js'
import { searchNeeds } from '../../src/services/search/searchNeeds.js'
import type { WebEnv } from '../env.js'
import { CAPACITY_SEARCH, NEED_SEARCH, type SearchSpec, capacityQuery, needQuery, parseSearchForm } from '../forms/searchForm.js'
import { localizedHalf } from '../i18n/index.js'
import { type SearchResult, SearchPage, SearchPartial } from '../pages/search.js'
import { type WebContext, renderPage, renderPartial, wantsPartial } from '../render.js'
import { organizationsOfKind, viewerOf } from '../viewer.js'

async function find(c: WebContext, spec: SearchSpec, state: ReturnType<typeof parseSearchForm>): Promise<SearchResult> {
  if (spec.kind === 'capacities') return { kind: 'capacities', result: await searchCapacities(c.var.ctx, c.var.search, capacityQuery(state)) }
  return { kind: 'needs', result: await searchNeeds(c.var.ctx, c.var.search, needQuery(state)) }
}

/** A plain GET form: the whole page without scripts, the results fragment for htmx. */
async function searchPage(c: WebContext, spec: SearchSpec): Promise<Response> {
  const { t, lang } = c.var.i18n
  const state = parseSearchForm(spec, (name) => c.req.query(name), (name) => c.req.queries(name) ?? [])
  let found: SearchResult | null = null
  let nearError: string | null = null
  try {
    found = await find(c, spec, state)
  } catch (error) {
    // The one input the form cannot check by itself: a place the gazetteer does not know (or knows twice).
    if (!(error instanceof ValidationError)) throw error
    const near = error.errors.find((fieldError) => fieldError.path === 'query.near')
    nearError = localizedHalf(near?.message ?? error.message, lang)
  }
  const saveAlert = spec.kind === 'needs' && organizationsOfKind(await viewerOf(c), 'supplier').length > 0
  const props = { spec, state, found, nearError, saveAlert }
  if (wantsPartial(c)) return renderPartial(c, <SearchPartial {...props} />)
  return renderPage(c, { title: t(spec.title), nav: spec.kind }, <SearchPage {...props} />)
}

export const searchRoutes = new Hono<WebEnv>()
  .get(CAPACITY_SEARCH.path, (c) => searchPage(c, CAPACITY_SEARCH))
  .get(NEED_SEARCH.path, (c) => searchPage(c, NEED_SEARCH))
