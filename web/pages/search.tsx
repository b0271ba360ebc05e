import type { Child } from 'hono/jsx'
import type { CapacityHit, CapacitySearchResult } from '../../src/services/search/searchCapacities.js'
import type { NeedHit, NeedSearchResult } from '../../src/services/search/searchNeeds.js'
import type { CodeLabel, FacetValue } from '../../src/services/search/shared.js'
import { Pager } from '../components/Pager.js'
import { useI18n } from '../components/i18n.js'
import { type FacetSpec, MAX_PAGE, RADIUS_OPTIONS_KM, type SearchFormState, type SearchSpec, searchHref } from '../forms/searchForm.js'
import type { I18n, PlainKey } from '../i18n/index.js'
import { certificateShortName, materialName, placeName, processName, regionName } from '../labels.js'

export type SearchResult = { kind: 'capacities'; result: CapacitySearchResult } | { kind: 'needs'; result: NeedSearchResult }

export interface SearchViewProps {
  spec: SearchSpec
  state: SearchFormState
  /** Null when the search could not run (a place that is not on the map). */
  found: SearchResult | null
  nearError: string | null
  /** Offer «Save as alert»: a need search seen by a member of a supplier. */
  saveAlert: boolean
}

const RESULTS_ID = 'search-results'
const STATUS_ID = 'search-status'
/** Facet values shown before "more"; checked values are always shown. */
const FACET_VISIBLE = 8

/** Ids from codes such as MCH.MILL5: stable across swaps, so htmx can give focus back to the same checkbox. */
function controlId(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_')
}

function codeName(param: string, code: string, i18n: I18n): string {
  switch (param) {
    case 'process':
      return processName(code, i18n.lang)
    case 'certificate':
    case 'requiredCert':
      return certificateShortName(code, i18n.lang)
    case 'material':
      return materialName(code, i18n.lang)
    case 'regionCode':
      return regionName(code, i18n.lang)
    default:
      return code
  }
}

/** Counted values, plus any checked value the current results no longer contain (count 0), so it can be unchecked. */
function facetValues(facet: FacetSpec, state: SearchFormState, found: SearchResult | null, i18n: I18n): (FacetValue & { name: string })[] {
  const counted = (found?.result.facets[facet.attribute] ?? []).map((value) => ({ ...value, name: codeName(facet.param, value.value, i18n) }))
  const selected = state.filters[facet.param] ?? []
  const missing = selected
    .filter((code) => !counted.some((value) => value.value === code))
    .map((code) => ({ value: code, count: 0, label: { ru: code, en: code }, name: codeName(facet.param, code, i18n) }))
  return [...missing, ...counted]
}

function FacetOption({ facet, value, checked }: { facet: FacetSpec; value: FacetValue & { name: string }; checked: boolean }) {
  const id = controlId('facet', facet.param, value.value)
  return (
    <li>
      <input type={facet.choice === 'many' ? 'checkbox' : 'radio'} id={id} name={facet.param} value={value.value} checked={checked} />
      <label for={id}>
        {value.name} <span class="count">({value.count})</span>
      </label>
    </li>
  )
}

function Facet({ facet, state, found }: { facet: FacetSpec; state: SearchFormState; found: SearchResult | null }) {
  const i18n = useI18n()
  const { t } = i18n
  const selected = state.filters[facet.param] ?? []
  const values = facetValues(facet, state, found, i18n)
  if (values.length === 0) return null
  const isChecked = (value: FacetValue) => selected.includes(value.value)
  const first = values.filter((value, i) => i < FACET_VISIBLE || isChecked(value))
  const rest = values.filter((value) => !first.includes(value))
  const anyId = controlId('facet', facet.param, 'any')
  return (
    <fieldset class="facet">
      <legend>{t(facet.legend)}</legend>
      <ul class="facet__values">
        {facet.choice === 'one' && (
          <li>
            <input type="radio" id={anyId} name={facet.param} value="" checked={selected.length === 0} />
            <label for={anyId}>{t('search.any')}</label>
          </li>
        )}
        {first.map((value) => (
          <FacetOption facet={facet} value={value} checked={isChecked(value)} />
        ))}
      </ul>
      {rest.length > 0 && (
        <details class="facet__more">
          <summary>{t('search.more', { count: rest.length })}</summary>
          <ul class="facet__values">
            {rest.map((value) => (
              <FacetOption facet={facet} value={value} checked={false} />
            ))}
          </ul>
        </details>
      )}
    </fieldset>
  )
}

function Labels({ items }: { items: CodeLabel[] }) {
  const { pick } = useI18n()
  return <>{items.map((item) => pick(item.label)).join(', ')}</>
}

function Fact({ term, children }: { term: PlainKey; children: Child }) {
  const { t } = useI18n()
  return (
    <div>
      <dt>{t(term)}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function CapacityHitCard({ hit }: { hit: CapacityHit }) {
  const { t, fmt, lang } = useI18n()
  const headingId = controlId('hit', hit.id)
  return (
    <li class="card hit">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} class="hit__title">
          <a href={`/organizations/${hit.orgId}#${hit.id}`}>{hit.title}</a>
        </h3>
        <p class="hit__org">
          <a href={`/organizations/${hit.orgId}`}>{hit.orgName}</a>
        </p>
        <dl class="facts">
          <Fact term="hit.where">{placeName(hit.city, hit.regionCode, lang)}</Fact>
          {hit.distanceKm !== undefined && <Fact term="hit.distance">{fmt.km(hit.distanceKm)}</Fact>}
          <Fact term="hit.processes">
            <Labels items={hit.processes} />
          </Fact>
          {hit.materials.length > 0 && (
            <Fact term="hit.materials">
              <Labels items={hit.materials} />
            </Fact>
          )}
          {hit.itGrade !== null && <Fact term="hit.itGrade">{t('unit.itGrade', { grade: hit.itGrade })}</Fact>}
          {hit.leadTimeDays !== null && <Fact term="hit.leadTime">{t('unit.days', { count: fmt.integer(hit.leadTimeDays) })}</Fact>}
        </dl>
      </article>
    </li>
  )
}

function NeedHitCard({ hit }: { hit: NeedHit }) {
  const { t, fmt, lang } = useI18n()
  const headingId = controlId('hit', hit.id)
  return (
    <li class="card hit">
      <article aria-labelledby={headingId}>
        <h3 id={headingId} class="hit__title">
          <a href={`/needs/${hit.id}`}>{hit.title}</a>
        </h3>
        <dl class="facts">
          <Fact term="hit.deadline">{fmt.date(hit.deadline)}</Fact>
          <Fact term="hit.where">{placeName(hit.city, hit.regionCode, lang)}</Fact>
          {hit.distanceKm !== undefined && <Fact term="hit.distance">{fmt.km(hit.distanceKm)}</Fact>}
          <Fact term="hit.processes">
            <Labels items={hit.processes} />
          </Fact>
          {hit.materials.length > 0 && (
            <Fact term="hit.materials">
              <Labels items={hit.materials} />
            </Fact>
          )}
          {hit.requiredCerts.length > 0 && (
            <Fact term="hit.requiredCerts">{hit.requiredCerts.map((c) => certificateShortName(c.code, lang)).join(', ')}</Fact>
          )}
          {hit.itGrade !== null && <Fact term="hit.itGrade">{t('unit.itGrade', { grade: hit.itGrade })}</Fact>}
          {hit.quantity !== null && <Fact term="hit.quantity">{t('unit.pieces', { count: fmt.integer(hit.quantity) })}</Fact>}
        </dl>
      </article>
    </li>
  )
}

function Hits({ found }: { found: SearchResult }) {
  const { t } = useI18n()
  if (found.result.hits.length === 0) return <p class="empty">{t('search.empty')}</p>
  return (
    <ol class="hit-list">
      {found.kind === 'capacities'
        ? found.result.hits.map((hit) => <CapacityHitCard hit={hit} />)
        : found.result.hits.map((hit) => <NeedHitCard hit={hit} />)}
    </ol>
  )
}

function StatusText({ spec, found }: { spec: SearchSpec; found: SearchResult | null }) {
  const { t } = useI18n()
  if (found === null) return <>{t('search.error')}</>
  return (
    <>
      {t(spec.found, { count: found.result.totalHits })}
      {!found.result.totalIsExact && <> {t('search.inexact')}</>}
    </>
  )
}

/**
 * What htmx swaps into #search-results: one page of hits and the facets (their counts follow the results).
 * The hits come first, so on a phone they are not pushed below a screenful of checkboxes; wide screens show
 * the facets in a column on the left, and a link at the top of the results leads to them.
 */
export function SearchResults({ spec, state, found, saveAlert }: Omit<SearchViewProps, 'nearError'>) {
  const { t } = useI18n()
  const pages = found ? Math.min(MAX_PAGE, Math.ceil(found.result.totalHits / found.result.perPage)) : 0
  return (
    <div class="search-layout">
      <section class="results" aria-labelledby="results-heading">
        <h2 id="results-heading" class="visually-hidden">
          {t('search.resultsFor')}
        </h2>
        <p class="results__jump">
          <a href="#filters-heading">{t('search.toFilters')}</a>
        </p>
        {saveAlert && <SaveAlertLink spec={spec} state={state} />}
        {found && <Hits found={found} />}
        <Pager page={state.page} pages={pages} href={(page) => searchHref(spec, state, { page })} hxTarget={`#${RESULTS_ID}`} />
      </section>
      <aside class="facets" aria-labelledby="filters-heading">
        <h2 id="filters-heading">{t('search.filters')}</h2>
        {spec.facets.map((facet) => (
          <Facet facet={facet} state={state} found={found} />
        ))}
        <p>
          <a href={spec.path}>{t('search.reset')}</a>
        </p>
      </aside>
    </div>
  )
}

/**
 * «Save as alert» carries the current filters to the alert form; it sits among the results, so every htmx
 * swap of them brings a link with the filters as they are now.
 */
function SaveAlertLink({ spec, state }: { spec: SearchSpec; state: SearchFormState }) {
  const { t } = useI18n()
  const query = searchHref(spec, state, { page: 1, sort: 'relevance' }).slice(spec.path.length)
  return (
    <p class="save-alert">
      <a class="button button--secondary" href={`/alerts/new${query}`} id="save-alert" aria-describedby="save-alert-hint">
        {t('search.saveAlert')}
      </a>{' '}
      <span id="save-alert-hint" class="hint">
        {t('search.saveAlertHint')}
      </span>
    </p>
  )
}

function NearField({ state, error, oob }: { state: SearchFormState; error: string | null; oob?: boolean }) {
  const { t } = useI18n()
  const described = error ? 'search-near-hint search-near-error' : 'search-near-hint'
  return (
    <div class={error ? 'field field--invalid' : 'field'} id="near-field" hx-swap-oob={oob ? 'true' : undefined}>
      <label for="search-near">{t('search.place')}</label>
      <input type="text" id="search-near" name="near" value={state.near} autocomplete="off" aria-describedby={described} aria-invalid={error ? 'true' : undefined} />
      <p id="search-near-hint" class="hint">
        {t('search.place.hint')}
      </p>
      {error && (
        <p id="search-near-error" class="field-error">
          {error}
        </p>
      )}
    </div>
  )
}

/** The htmx answer: the results, and out of band the place field (its error) and the live status line. */
export function SearchPartial({ spec, state, found, nearError, saveAlert }: SearchViewProps) {
  return (
    <>
      <SearchResults spec={spec} state={state} found={found} saveAlert={saveAlert} />
      <NearField state={state} error={nearError} oob />
      <p id={STATUS_ID} hx-swap-oob="innerHTML">
        <StatusText spec={spec} found={found} />
      </p>
    </>
  )
}

export function SearchPage({ spec, state, found, nearError, saveAlert }: SearchViewProps) {
  const { t, fmt } = useI18n()
  return (
    <>
      <h1>{t(spec.title)}</h1>
      <form
        class="search"
        role="search"
        method="get"
        action={spec.path}
        hx-get={spec.path}
        hx-target={`#${RESULTS_ID}`}
        hx-push-url="true"
        hx-trigger="submit, change, input delay:500ms from:#search-q"
        hx-indicator="#search-indicator"
        hx-sync="this:replace"
      >
        <div class="search-bar">
          <div class="field field--grow">
            <label for="search-q">{t('search.query')}</label>
            <input type="search" id="search-q" name="q" value={state.q} aria-describedby="search-q-hint" />
            <p id="search-q-hint" class="hint">
              {t(spec.queryHint)}
            </p>
          </div>
          <NearField state={state} error={nearError} />
          <div class="field">
            <label for="search-radius">{t('search.radius')}</label>
            <select id="search-radius" name="radiusKm">
              {RADIUS_OPTIONS_KM.map((km) => (
                <option value={String(km)} selected={km === state.radiusKm}>
                  {fmt.km(km)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="search-sort">{t('search.sort')}</label>
            <select id="search-sort" name="sort">
              {spec.sorts.map((sort) => (
                <option value={sort} selected={sort === state.sort}>
                  {t(`search.sort.${sort}` as PlainKey)}
                </option>
              ))}
            </select>
          </div>
          <div class="field field--actions">
            <button type="submit" class="button">
              {t('search.submit')}
            </button>
            <span id="search-indicator" class="htmx-indicator" aria-hidden="true">
              {t('layout.loading')}
            </span>
          </div>
        </div>
        <p id={STATUS_ID} class="results__status" role="status" aria-live="polite">
          <StatusText spec={spec} found={found} />
        </p>
        <div id={RESULTS_ID}>
          <SearchResults spec={spec} state={state} found={found} saveAlert={saveAlert} />
        </div>
      </form>
    </>
  )
}
