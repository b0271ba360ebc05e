import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SheetRecords, writeImportWorkbook } from '../../src/domain/import/write.js'
import { createCluster } from '../../src/services/clusters/create.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { createTestUser, signIn } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'
import { cspViolations, getPage } from './http.js'

let deps: TestDeps
let curatorCookie: string
let supplierCookie: string
let clusterId: string

beforeAll(async () => {
  deps = await createTestDeps()
  const cluster = await createCluster(deps.ctx, { nameRu: 'Камский кластер', nameEn: 'Kama cluster', sector: 'automotive', regionCodes: ['16'], lat: 55.74, lon: 52.4 })
  clusterId = cluster.id
  const centre = await createOrganization(deps.ctx, { name: 'Центр субконтрактации РТ', inn: randomInn(), kinds: ['centre'], clusterIds: [cluster.id] })
  curatorCookie = await signIn(deps.app, (await createTestUser(deps.sql, { platformRole: 'curator', memberships: [{ orgId: centre.id, role: 'member' }] })).email)
  const supplier = await createOrganization(deps.ctx, { name: 'ООО «Поставщик»', inn: randomInn(), kinds: ['supplier'], clusterIds: [cluster.id] })
  supplierCookie = await signIn(deps.app, (await createTestUser(deps.sql, { memberships: [{ orgId: supplier.id, role: 'admin' }] })).email)
})
afterAll(async () => {
  await deps.close()
})

function register(inn: string, city: string): SheetRecords {
  return {
    organizations: [{ inn, name: 'ООО «Елабужская механика»', kinds: 'поставщик', smeSize: 'малое' }],
    sites: [{ inn, name: 'Цех № 1', city }],
    capacities: [{ inn, title: 'Токарная обработка валов', processes: 'Токарная обработка на станках с ЧПУ', materials: 'Сталь 45', itGrade: 8 }],
    certificates: [{ inn, standard: 'ISO 9001', number: 'RU-0001', issuer: 'Русский Регистр', validFrom: '15.01.2025', validUntil: '14.01.2028' }],
  }
}

async function upload(cookie: string, records: SheetRecords) {
  const form = new FormData()
  form.append('file', new File([new Uint8Array(await writeImportWorkbook(records))], 'реестр.xlsx'))
  const res = await deps.app.request('/centre/import', { method: 'POST', body: form, headers: { cookie, origin: 'http://localhost', accept: 'text/html' } })
  return { status: res.status, html: await res.text() }
}

async function post(path: string, cookie: string) {
  return deps.app.request(path, { method: 'POST', headers: { cookie, origin: 'http://localhost' } })
}

describe('the «Импорт предприятий» page', () => {
  it('is linked from the centre workspace and offers the upload and the templates', async () => {
    const centre = await getPage(deps.app, '/centre', { cookies: [curatorCookie] })
    expect(centre.html).toContain('href="/centre/import"')
    const page = await getPage(deps.app, '/centre/import', { cookies: [curatorCookie] })
    expect(page.status).toBe(200)
    expect(page.html).toContain('<h1>Импорт предприятий</h1>')
    expect(page.html).toContain('enctype="multipart/form-data"')
    expect(page.html).toContain('for="import-file"')
    expect(page.html).toContain('href="/api/imports/template.xlsx"')
    expect(page.html).toContain('href="/api/imports/template/capacities.csv"')
    expect(page.html).toContain(`value="${clusterId}"`)
    expect(cspViolations(page.html)).toEqual([])
    const english = await getPage(deps.app, '/centre/import', { cookies: [curatorCookie, 'lang=en'] })
    expect(english.html).toContain('<h1>Import enterprises</h1>')
  })

  it('shows a dry-run report with the problem row and no import button, and writes nothing', async () => {
    const [before] = await deps.sql<{ n: number }[]>`select count(*)::int as n from organizations`
    const res = await upload(curatorCookie, register(randomInn(), 'Железногорск'))
    expect(res.status).toBe(422)
    expect(res.html).toContain('1 проблема')
    expect(res.html).toMatch(/<td>Площадки<\/td><td class="numeric">2<\/td><td>Населённый пункт<\/td><td>Железногорск: .*укажите регион<\/td>/u)
    expect(res.html).not.toContain('Импортировать</button>')
    const [after] = await deps.sql<{ n: number }[]>`select count(*)::int as n from organizations`
    expect(after?.n).toBe(before?.n)
    expect(cspViolations(res.html)).toEqual([])
  })

  it('goes from upload to dry run to import, showing progress until the result', async () => {
    const inn = randomInn()
    const checked = await upload(curatorCookie, register(inn, 'Елабуга'))
    expect(checked.status).toBe(200)
    expect(checked.html).toContain('Проблем не найдено')
    expect(checked.html).toContain('будет создана')
    expect(checked.html).toMatch(/Город: 1/u)
    const action = /action="(\/centre\/import\/imp_[0-9a-z]+\/run)"/u.exec(checked.html)?.[1]
    expect(action).toBeDefined()
    // Nothing is written by the dry run, even though the upload is kept for the button.
    expect(await deps.sql`select 1 from organizations where inn = ${inn}`).toHaveLength(0)

    const started = await post(action as string, curatorCookie)
    expect(started.status).toBe(303)
    const jobPath = started.headers.get('location') as string
    expect(jobPath).toMatch(/^\/centre\/import\/imp_/u)

    let fragment = ''
    for (let i = 0; i < 100; i++) {
      fragment = (await getPage(deps.app, `${jobPath}/progress`, { cookies: [curatorCookie], headers: { 'hx-request': 'true' } })).html
      if (!fragment.includes('hx-trigger="every 1s"')) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(fragment).toContain('Импорт выполнен')
    expect(fragment).toContain('Мощности: создана 1')
    const [organization] = await deps.sql<{ id: string }[]>`select id from organizations where inn = ${inn}`
    expect(organization).toBeDefined()
    const page = await getPage(deps.app, jobPath, { cookies: [curatorCookie] })
    expect(page.html).toContain('Импорт выполнен')
    expect(cspViolations(page.html)).toEqual([])

    // Running the same job again is refused: the button cannot import twice.
    expect((await post(action as string, curatorCookie)).status).toBe(409)
  })

  it('is closed to a supplier, and another user’s import job does not exist for them', async () => {
    expect((await getPage(deps.app, '/centre/import', { cookies: [supplierCookie] })).status).toBe(403)
    expect((await upload(supplierCookie, register(randomInn(), 'Елабуга'))).status).toBe(403)
    const checked = await upload(curatorCookie, register(randomInn(), 'Елабуга'))
    const jobPath = /action="(\/centre\/import\/imp_[0-9a-z]+)\/run"/u.exec(checked.html)?.[1] as string
    expect((await getPage(deps.app, jobPath, { cookies: [supplierCookie] })).status).toBe(404)
    const signedOut = await getPage(deps.app, '/centre/import')
    expect(signedOut.status).toBe(303)
  })
})
