import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestUser, signIn } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { createSupplier } from '../helpers/fixtures.js'
import { call } from '../helpers/http.js'
import { cspViolations } from './http.js'

let deps: TestDeps
let orgId: string
let certificateId: string
let cookie: string

const editPath = () => `/organizations/${orgId}/certificates/${certificateId}/edit`

function uploadThroughPage(bytes: Uint8Array, name: string) {
  const form = new FormData()
  form.set('file', new File([bytes], name))
  return deps.app.request(`/organizations/${orgId}/certificates/${certificateId}/file`, { method: 'POST', body: form, headers: { cookie, origin: 'http://localhost' } })
}

beforeAll(async () => {
  deps = await createTestDeps()
  orgId = await createSupplier(deps, 'ООО «Елабужский литейный завод»')
  const created = await call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, {
    standard: 'ISO9001', number: 'РОСС RU.0001.22ИС44', issuer: 'Русский Регистр', validFrom: '2025-01-10', validUntil: '2028-01-09',
  }, await deps.asAdmin())
  certificateId = created.body.id
  cookie = await signIn(deps.app, (await createTestUser(deps.sql, { memberships: [{ orgId, role: 'admin' }] })).email)
})
afterAll(async () => {
  await deps.close()
})

describe('the certificate scan on the certificate page', () => {
  it('offers a labelled upload, stores a PDF and then links to it', async () => {
    const before = await (await deps.app.request(editPath(), { headers: { cookie } })).text()
    expect(before).toContain('enctype="multipart/form-data"')
    expect(before).toContain('for="f-file"')
    expect(before).not.toContain('/file">Скачать')
    const res = await uploadThroughPage(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), 'Скан ISO 9001.pdf')
    expect(res.status).toBe(303)
    const after = await (await deps.app.request(editPath(), { headers: { cookie } })).text()
    expect(after).toContain(`href="/api/certificates/${certificateId}/file"`)
    expect(after).toContain('Скан ISO 9001.pdf')
    expect(cspViolations(after)).toEqual([])
  })

  it('shows why a file was refused next to the field, in Russian', async () => {
    const res = await uploadThroughPage(new TextEncoder().encode('MZ executable'), 'virus.pdf')
    expect(res.status).toBe(415)
    const html = await res.text()
    expect(html).toContain('class="field-error"')
    expect(html).toContain('Приложите PDF, PNG или JPEG')
  })
})
