import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../src/lib/ids.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { publishNeed } from '../../src/services/needs/publish.js'
import { TEST_PASSWORD, createTestUser, signIn } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'
import { type Scenario, createDraftNeed, drainSearch, seedScenario } from './fixtures.js'
import { cookieOf, cspViolations, getPage, postForm } from './http.js'

const NOW = new Date('2026-11-22T09:00:00Z')
const ENGLISH = 'lang=en'

let deps: TestDeps
let scenario: Scenario
let curatorCookie: string
let supplierCookie: string
let publishedNeedId: string

/** A page as the centre's curator sees it, unless other cookies (none: anonymous) are given. */
function page(path: string, cookies: string[] = [curatorCookie]) {
  return getPage(deps.app, path, { cookies })
}

/** A form posted by the centre's curator, unless other cookies are given. */
function post(path: string, fields: [string, string][], cookies: string[] = [curatorCookie]) {
  return postForm(deps.app, path, fields, { cookies })
}

beforeAll(async () => {
  deps = await createTestDeps({ now: () => NOW })
  scenario = await seedScenario(deps)
  curatorCookie = await signIn(deps.app, scenario.curator.email)
  const supplier = await createTestUser(deps.sql, { name: 'Олег Поставщиков', memberships: [{ orgId: scenario.suppliers.chelny, role: 'member' }] })
  supplierCookie = await signIn(deps.app, supplier.email)
  publishedNeedId = await createDraftNeed(deps, scenario.contractorId)
  await publishNeed(deps.ctx, publishedNeedId)
  await drainSearch(deps)
})
afterAll(async () => {
  await deps.close()
})

describe('layout', () => {
  it('renders the home page in Russian with landmarks, a skip link, a title and the GeoNames attribution', async () => {
    const res = await page('/', [])
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.html).toMatch(/^<!doctype html>/i)
    expect(res.html).toContain('<html lang="ru">')
    expect(res.html).toMatch(/<title>[^<]+ — Подряд<\/title>/)
    expect(res.html).toContain('href="#main"')
    for (const landmark of ['<header', '<main id="main"', '<footer']) expect(res.html).toContain(landmark)
    // The menu lists what a signed-in person may use: an anonymous visitor has none, a curator has one.
    expect(res.html).not.toContain('class="site-nav"')
    expect((await page('/')).html).toMatch(/<nav class="site-nav" aria-label="Основное меню">/)
    expect(res.html).toContain('GeoNames')
    expect(res.html).toContain('CC BY 3.0')
    expect(res.html).toMatch(/<script src="\/static\/htmx-2\.0\.11\.min\.js\?v=[0-9a-f]+"/)
    expect(res.html).toContain('&quot;includeIndicatorStyles&quot;:false')
    expect(res.html).toContain('&quot;allowEval&quot;:false')
  })

  it('serves the vendored assets with long-lived caching when versioned', async () => {
    const home = await page('/', [])
    const cssUrl = home.html.match(/href="(\/static\/app\.css\?v=[0-9a-f]+)"/)?.[1]
    expect(cssUrl).toBeDefined()
    const css = await deps.app.request(cssUrl ?? '')
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toMatch(/text\/css/)
    expect(css.headers.get('cache-control')).toContain('immutable')
    const htmx = await deps.app.request('/static/htmx-2.0.11.min.js')
    expect(htmx.status).toBe(200)
    expect(htmx.headers.get('cache-control')).toContain('must-revalidate')
  })

  it('shows who is signed in and offers sign-out', async () => {
    const res = await page('/')
    expect(res.html).toMatch(/Вы вошли как <\/span>Ирина Куратор/)
    expect(res.html).toContain('action="/signout"')
  })
})

describe('language', () => {
  it('switches to English with a remembered Lax cookie and comes back to the page', async () => {
    const res = await post('/language', [
      ['lang', 'en'],
      ['next', '/search/capacities?q=штамповка'],
    ], [])
    expect(res.status).toBe(303)
    expect(decodeURIComponent(res.headers.get('location') ?? '')).toBe('/search/capacities?q=штамповка')
    const setCookie = res.headers.getSetCookie().find((header) => header.startsWith('lang='))
    expect(setCookie).toMatch(/^lang=en;/)
    expect(setCookie).toMatch(/Max-Age=31536000/)
    expect(setCookie).toMatch(/Path=\//)
    expect(setCookie).toMatch(/SameSite=Lax/)

    const english = await page('/search/capacities', [curatorCookie, cookieOf(res.headers, 'lang')])
    expect(english.html).toContain('<html lang="en">')
    expect(english.html).toContain('Search manufacturing capacity')
    expect(english.html).toContain('Русский')
  })

  it('never redirects off the site', async () => {
    const res = await post('/language', [
      ['lang', 'en'],
      ['next', '//evil.example/'],
    ])
    expect(res.headers.get('location')).toBe('/')
  })
})

describe('errors', () => {
  it('answers an unknown page with a 404 page in Russian, and in English after the switch', async () => {
    const russian = await page('/no-such-page', [])
    expect(russian.status).toBe(404)
    expect(russian.headers.get('content-type')).toMatch(/^text\/html/)
    expect(russian.html).toContain('Страница не найдена')
    const english = await page('/no-such-page', [ENGLISH])
    expect(english.status).toBe(404)
    expect(english.html).toContain('Page not found')
  })

  it('keeps problem+json for unknown API paths and refused API requests', async () => {
    for (const path of ['/api/no-such-thing', '/docs/nothing', '/openapi.json/x']) {
      const res = await deps.app.request(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/)
    }
    const missing = await deps.app.request(`/api/needs/${newId('need')}`, { headers: { cookie: curatorCookie } })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const anonymous = await deps.app.request(`/api/needs/${publishedNeedId}`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('sends an anonymous visitor to sign in and back, and tells htmx to do the same', async () => {
    const res = await page('/search/capacities?q=штамповка', [])
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(`/search/capacities?q=${encodeURIComponent('штамповка')}`)}`)
    const fragment = await getPage(deps.app, '/search/capacities?q=штамповка', { headers: { 'hx-request': 'true', 'hx-current-url': 'http://localhost/search/capacities' } })
    expect(fragment.status).toBe(401)
    expect(fragment.headers.get('hx-redirect')).toBe(`/signin?next=${encodeURIComponent('/search/capacities')}`)
    const signInPage = await page('/signin?next=%2Fsearch%2Fcapacities', [])
    expect(signInPage.html).toContain('value="/search/capacities"')
  })

  it('answers a malformed or unknown id with the 404 page', async () => {
    expect((await page('/needs/not-an-id')).status).toBe(404)
    expect((await page(`/organizations/${newId('org')}`)).status).toBe(404)
  })
})

describe('search', () => {
  it('finds a capacity despite a typo and shows facets with counts', async () => {
    const res = await page('/search/capacities?q=штамповко')
    expect(res.status).toBe(200)
    expect(res.html).toContain('Листовая штамповка в последовательных штампах')
    expect(res.html).toContain('ООО «Алабуга Штамп»')
    expect(res.html).toMatch(/name="process" value="STP\.PROG"/)
    expect(res.html).toMatch(/Найдено 3 мощности/)
    expect(res.html).toMatch(/<span class="count">\(3\)<\/span>/)
  })

  it('narrows by a checked facet and by a place and radius', async () => {
    const byProcess = await page('/search/capacities?process=MCH.MILL3')
    expect(byProcess.html).toContain('ООО «Кама Фреза»')
    expect(byProcess.html).not.toContain('ООО «Алабуга Штамп»')
    expect(byProcess.html).toMatch(/id="facet-process-MCH_MILL3"[^>]*checked/)

    const nearby = await page('/search/capacities?q=штамповка&near=Набережные+Челны&radiusKm=100')
    expect(nearby.html).toContain('ООО «Челны Металл»')
    expect(nearby.html).not.toContain('ООО «Пермьштамп»')
  })

  it('explains a place it cannot find next to the place field', async () => {
    const res = await page('/search/capacities?near=Нигдешнинск&radiusKm=100')
    expect(res.status).toBe(200)
    expect(res.html).toMatch(/id="search-near-error" class="field-error">[^<]*не найден/)
  })

  it('answers htmx with the results fragment only', async () => {
    const res = await getPage(deps.app, '/search/capacities?q=фрезерная', { cookies: [curatorCookie], headers: { 'hx-request': 'true' } })
    expect(res.status).toBe(200)
    expect(res.html).not.toContain('<html')
    expect(res.html).toContain('ООО «Кама Фреза»')
    expect(res.html).toContain('hx-swap-oob')
    expect(res.headers.get('vary')).toContain('HX-Request')
  })

  it('lists published needs for suppliers', async () => {
    const res = await page('/search/needs?q=кронштейн')
    expect(res.status).toBe(200)
    expect(res.html).toContain('Кронштейн крепления топливного бака')
    expect(res.html).toContain(`href="/needs/${publishedNeedId}"`)
  })
})

describe('organization page', () => {
  it('shows the profile, sites, capacities with free hours and certificates with status', async () => {
    const res = await page(`/organizations/${scenario.suppliers.elabuga}`)
    expect(res.status).toBe(200)
    expect(res.html).toContain('<h1>ООО «Алабуга Штамп»</h1>')
    expect(res.html).toContain('Елабуга')
    expect(res.html).toContain('Свободные станко-часы по месяцам')
    expect(res.html).toContain('320')
    expect(res.html).toContain('IATF 16949')
    expect(res.html).toContain('не проверен')
  })

  it('shows a name made of markup as text', async () => {
    const organization = await createOrganization(deps.ctx, { name: '<script>alert(1)</script>', inn: randomInn(), kinds: ['supplier'], website: 'javascript:alert(2)' })
    const res = await page(`/organizations/${organization.id}`)
    expect(res.status).toBe(200)
    expect(res.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(res.html).not.toContain('<script>alert(1)')
    expect(res.html).not.toContain('href="javascript:')
  })
})

describe('need page', () => {
  it('shows a published need to a supplier without the contractor or the curation', async () => {
    const res = await page(`/needs/${publishedNeedId}`, [supplierCookie])
    expect(res.status).toBe(200)
    expect(res.html).toContain('Кронштейн крепления топливного бака')
    expect(res.html).toContain('Листовая штамповка')
    expect(res.html).not.toContain('ПАО «КАМАЗ»')
    expect(res.html).not.toContain('id="matches"')
  })

  it('hides a draft from suppliers', async () => {
    const draft = await createDraftNeed(deps, scenario.contractorId, { title: 'Черновик заявки на штамповку' })
    const res = await page(`/needs/${draft}`, [supplierCookie])
    expect(res.status).toBe(404)
    expect(res.html).toContain('Страница не найдена')
  })

  it('gives the curator ranked suppliers with factor bars, the picture, near misses and the history', async () => {
    const res = await page(`/needs/${publishedNeedId}`)
    expect(res.status).toBe(200)
    const matches = res.html.slice(res.html.indexOf('id="matches"'), res.html.indexOf('near-misses-heading'))
    expect(matches).toContain('ООО «Алабуга Штамп»')
    expect(matches).not.toContain('ООО «Челны Металл»')
    expect(matches.match(/<meter /g)?.length).toBe(4)
    expect(matches).toMatch(/<label for="factor-[^"]+-capability"[^>]*>Технологии<\/label>/)
    expect(matches).toContain('IATF 16949')
    expect(res.html).toContain('<svg class="sketch__svg"')
    expect(res.html).toContain('sketch__ring--limit')
    expect(res.html).toMatch(/<title>1\. ООО «Алабуга Штамп» · Подходящий поставщик · \d+ км/)
    expect(res.html).toMatch(/<caption[^>]*>Кандидаты на схеме<\/caption>/)
    const nearMisses = res.html.slice(res.html.indexOf('near-misses-heading'), res.html.indexOf('audit-heading'))
    expect(nearMisses).toContain('ООО «Челны Металл»')
    expect(nearMisses).toContain('Не выполнено: сертификат')
    expect(nearMisses).toContain('ООО «Пермьштамп»')
    expect(nearMisses).toContain('Не выполнено: расстояние')
    expect(res.html).toContain('Заявка опубликована')
  })

  it('moves a supplier along the pipeline and records it in the history', async () => {
    const needId = await createDraftNeed(deps, scenario.contractorId, { title: 'Кронштейн глушителя, штамповка' })
    await publishNeed(deps.ctx, needId)
    const before = await page(`/needs/${needId}`, [curatorCookie])
    expect(before.html).toContain(`action="/needs/${needId}/matches/${scenario.suppliers.elabuga}"`)

    const shortlisted = await post(`/needs/${needId}/matches/${scenario.suppliers.elabuga}`, [['to', 'shortlisted']])
    expect(shortlisted.status).toBe(303)
    const after = await page(`/needs/${needId}`, [curatorCookie])
    expect(after.html).toContain('В шорт-листе')
    expect(after.html).toContain('Поставщик включён в шорт-лист')
    expect(after.html).toContain('Ирина Куратор')
  })

  it('asks for a reason next to the field when a curator declines without one', async () => {
    const needId = await createDraftNeed(deps, scenario.contractorId, { title: 'Кронштейн подножки, штамповка' })
    await publishNeed(deps.ctx, needId)
    expect((await page(`/needs/${needId}`, [curatorCookie])).html).toContain('Отклонить поставщика')
    const res = await post(`/needs/${needId}/matches/${scenario.suppliers.elabuga}`,
      [
        ['to', 'declined'],
        ['reason', ' '],
      ],
    )
    expect(res.status).toBe(400)
    expect(res.html).toMatch(/id="reason-[^"]+-error" class="field-error">Укажите причину/)
    expect(res.html).toMatch(/<details class="decline" open/)
  })

  it('lets the curator publish a draft from its page', async () => {
    const draft = await createDraftNeed(deps, scenario.contractorId, { title: 'Кронштейн бампера, штамповка' })
    const view = await page(`/needs/${draft}`, [curatorCookie])
    expect(view.html).toContain(`action="/needs/${draft}/publish"`)
    const res = await post(`/needs/${draft}/publish`, [])
    expect(res.status).toBe(303)
    expect((await page(`/needs/${draft}`, [supplierCookie])).status).toBe(200)
  })
})

describe('publish a request', () => {
  it('asks which contractor the request is for', async () => {
    const res = await page('/needs/new?q=КАМАЗ')
    expect(res.status).toBe(200)
    expect(res.html).toContain(`href="/needs/new?org=${scenario.contractorId}"`)
  })

  it('refuses a contractor outside the curator\'s clusters before anything is typed', async () => {
    const elsewhere = await createOrganization(deps.ctx, { name: 'ПАО «Дальний завод»', inn: randomInn(), kinds: ['contractor'] })
    expect((await page(`/needs/new?org=${elsewhere.id}`)).status).toBe(404)
  })

  it('labels every control', async () => {
    const res = await page(`/needs/new?org=${scenario.contractorId}`)
    expect(res.status).toBe(200)
    const ids = [...res.html.matchAll(/<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*\bid="([^"]+)"/g)].map((match) => match[1])
    const controls = res.html.match(/<(?:input|select|textarea)\b(?![^>]*type="hidden")[^>]*>/g) ?? []
    expect(ids.length).toBe(controls.length)
    for (const id of ids) expect(res.html, id).toContain(`for="${id}"`)
  })

  it('keeps the input and shows a Russian message next to each failing field', async () => {
    const res = await post(`/needs/new?org=${scenario.contractorId}`, [
      ['title', 'Кронштейн <b>крепления</b>'],
      ['quantity', 'много'],
      ['delivery', 'Набережные Челны'],
    ])
    expect(res.status).toBe(400)
    expect(res.html).toContain('value="Кронштейн &lt;b&gt;крепления&lt;/b&gt;"')
    expect(res.html).toContain('value="много"')
    expect(res.html).toMatch(/id="f-quantity-error" class="field-error">Введите число/)
    expect(res.html).toMatch(/id="f-processes-error" class="field-error">[^<]*[А-Яа-я]/)
    expect(res.html).toMatch(/id="f-deadline-error" class="field-error">[^<]*[А-Яа-я]/)
    expect(res.html).toContain('class="error-summary"')
  })

  it('explains in English after the switch', async () => {
    const res = await post(`/needs/new?org=${scenario.contractorId}`, [['title', 'Bracket']], [curatorCookie, ENGLISH])
    expect(res.status).toBe(400)
    expect(res.html).toMatch(/id="f-processes-error" class="field-error">[^<]*[A-Za-z]/)
    expect(res.html).not.toMatch(/id="f-processes-error" class="field-error">[^<]*[А-Яа-я]/)
  })

  it('reports the service rules (a past deadline) next to the field', async () => {
    const res = await post(`/needs/new?org=${scenario.contractorId}`, [
      ['title', 'Кронштейн'],
      ['processes', 'STP.PROG'],
      ['delivery', 'Набережные Челны, Республика Татарстан'],
      ['deadline', '2026-01-01'],
    ])
    expect(res.status).toBe(400)
    expect(res.html).toMatch(/id="f-deadline-error" class="field-error">Срок должен быть позже сегодняшнего дня/)
    expect(res.html).toMatch(/id="f-processes-STP_PROG"[^>]*checked/)
  })

  it('creates the need and redirects to its page', async () => {
    const res = await post(`/needs/new?org=${scenario.contractorId}`, [
      ['title', 'Кронштейн крепления аккумулятора'],
      ['processes', 'STP.PROG'],
      ['materials', 'ST_08PS'],
      ['lengthMm', '320'],
      ['widthMm', '140'],
      ['heightMm', '60'],
      ['massKg', '1,2'],
      ['itGrade', '12'],
      ['quantity', '120 000'],
      ['batchSize', '10000'],
      ['requiredCerts', 'IATF16949'],
      ['delivery', 'Набережные Челны, Республика Татарстан'],
      ['deadline', '2027-03-01'],
      ['visibility', 'public'],
      ['maxDistanceKm', '400'],
      ['intent', 'create'],
    ])
    expect(res.status).toBe(303)
    const location = res.headers.get('location') ?? ''
    expect(location).toMatch(/^\/needs\/need_/)
    const view = await page(location, [curatorCookie])
    expect(view.status).toBe(200)
    expect(view.html).toContain('Кронштейн крепления аккумулятора')
    expect(view.html).toContain('320 × 140 × 60 мм, 1,2 кг')
  })

  it('searches the process catalogue in Russian for the picker', async () => {
    const res = await getPage(deps.app, '/needs/new/options/processes?processQuery=фрез&processes=STP.PROG', { headers: { 'hx-request': 'true' } })
    expect(res.status).toBe(200)
    expect(res.html).toMatch(/value="STP\.PROG" checked/)
    expect(res.html).toMatch(/value="MCH\.MILL3"/)
    const cities = await getPage(deps.app, '/needs/new/cities?delivery=Набережные', { headers: { 'hx-request': 'true' } })
    expect(cities.html).toContain('<option value="Набережные Челны, Республика Татарстан">')
  })
})

describe('sign-in', () => {
  it('refuses a wrong password with a message and signs in with the right one', async () => {
    const wrong = await post('/signin', [
      ['email', scenario.curator.email],
      ['password', 'не тот пароль'],
      ['next', '/search/needs'],
    ], [])
    expect(wrong.status).toBe(401)
    expect(wrong.html).toContain('Неверный адрес почты или пароль.')
    expect(wrong.html).toContain(`value="${scenario.curator.email}"`)

    const right = await post('/signin', [
      ['email', scenario.curator.email],
      ['password', TEST_PASSWORD],
      ['next', '/search/needs'],
    ], [])
    expect(right.status).toBe(303)
    expect(right.headers.get('location')).toBe('/search/needs')
    const session = cookieOf(right.headers, '__Host-session')
    const signedOut = await post('/signout', [], [session])
    expect(signedOut.status).toBe(303)
    expect(signedOut.headers.getSetCookie().some((header) => header.startsWith('__Host-session=;'))).toBe(true)
  })
})

describe('content security', () => {
  it('renders no inline script, style, event handler or eval-needing htmx on any page', async () => {
    const pages: [string, string[]][] = [
      ['/', []],
      ['/search/capacities?q=штамповка&process=STP.PROG', [curatorCookie]],
      ['/search/needs', [curatorCookie, ENGLISH]],
      [`/organizations/${scenario.suppliers.elabuga}`, [curatorCookie]],
      [`/organizations/${scenario.contractorId}`, [curatorCookie, ENGLISH]],
      [`/needs/${publishedNeedId}`, [supplierCookie]],
      [`/needs/${publishedNeedId}`, [curatorCookie]],
      [`/needs/${publishedNeedId}`, [curatorCookie, ENGLISH]],
      ['/needs/new', [curatorCookie]],
      [`/needs/new?org=${scenario.contractorId}`, [curatorCookie]],
      ['/signin', []],
      ['/no-such-page', []],
    ]
    for (const [path, cookies] of pages) {
      const res = await page(path, cookies)
      expect(res.status, path).toBeLessThan(500)
      expect(res.html, path).toContain('<html')
      expect(cspViolations(res.html), path).toEqual([])
    }
    const withErrors = await post(`/needs/new?org=${scenario.contractorId}`, [['title', 'x']])
    expect(cspViolations(withErrors.html)).toEqual([])
  })
})
