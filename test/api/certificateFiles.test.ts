import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_CERTIFICATE_FILE_BYTES } from '../../src/domain/certificateFile.js'
import { createTestUser, signInHeaders } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { createSupplier } from '../helpers/fixtures.js'
import { call } from '../helpers/http.js'

let deps: TestDeps
let certificateId: string
let owner: Record<string, string>
let outsider: Record<string, string>

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

function upload(headers: Record<string, string>, bytes: Uint8Array, name = 'Сертификат ISO 9001.pdf', type = 'application/pdf') {
  const form = new FormData()
  form.set('file', new File([bytes], name, { type }))
  return deps.app.request(`/api/certificates/${certificateId}/file`, { method: 'POST', body: form, headers })
}

beforeAll(async () => {
  deps = await createTestDeps()
  const admin = await deps.asAdmin()
  const orgId = await createSupplier(deps, 'ООО «Прикамский станкозавод»')
  const created = await call(deps.app, 'POST', `/api/organizations/${orgId}/certificates`, {
    standard: 'ISO9001', number: 'РОСС RU.ИС11.К00123', issuer: 'Русский Регистр', validFrom: '2025-03-01', validUntil: '2028-02-28',
  }, admin)
  expect(created.status).toBe(201)
  certificateId = created.body.id
  owner = await signInHeaders(deps.app, (await createTestUser(deps.sql, { memberships: [{ orgId, role: 'member' }] })).email)
  const otherOrg = await createSupplier(deps, 'ООО «Другой завод»')
  outsider = await signInHeaders(deps.app, (await createTestUser(deps.sql, { memberships: [{ orgId: otherOrg, role: 'admin' }] })).email)
})
afterAll(async () => {
  await deps.close()
})

describe('certificate scans', () => {
  it('stores a PDF for the owner and serves it back as a safe download', async () => {
    expect((await upload(owner, PDF)).status).toBe(204)
    const res = await deps.app.request(`/api/certificates/${certificateId}/file`, { headers: owner })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="certificate"; filename*=UTF-8''${encodeURIComponent('Сертификат ISO 9001.pdf')}`)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF)
    const [audited] = await deps.sql`select count(*)::int as n from audit_log where action = 'certificate.attach_file' and entity_id = ${certificateId}`
    expect(audited?.n).toBe(1)
  })

  it('sniffs the type from the content: an HTML page named .pdf is refused with 415', async () => {
    const res = await upload(owner, new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'scan.pdf', 'application/pdf')
    expect(res.status).toBe(415)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  it('refuses a file over the limit with 413 and keeps the previous scan', async () => {
    const big = new Uint8Array(MAX_CERTIFICATE_FILE_BYTES + 1)
    big.set(PDF)
    expect((await upload(owner, big)).status).toBe(413)
    const res = await deps.app.request(`/api/certificates/${certificateId}/file`, { headers: owner })
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF)
  })

  it('hides another tenant\'s certificate behind the same 404 as a missing one, and needs a session', async () => {
    expect((await upload(outsider, PDF)).status).toBe(404)
    expect((await deps.app.request(`/api/certificates/${certificateId}/file`, { headers: outsider })).status).toBe(404)
    expect((await deps.app.request('/api/certificates/cert_000000000000000000000/file', { headers: owner })).status).toBe(404)
    expect((await deps.app.request(`/api/certificates/${certificateId}/file`)).status).toBe(401)
  })

  it('refuses a non-multipart body and a missing file with 400 naming body.file', async () => {
    const json = await deps.app.request(`/api/certificates/${certificateId}/file`, { method: 'POST', body: '{}', headers: { ...owner, 'content-type': 'application/json' } })
    expect(json.status).toBe(400)
    const empty = await deps.app.request(`/api/certificates/${certificateId}/file`, { method: 'POST', body: new FormData(), headers: owner })
    expect(empty.status).toBe(400)
    expect(((await empty.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('body.file')
  })
})
