import { createAdaptorServer } from '@hono/node-server'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_BODY_LIMIT_BYTES } from '../../src/app.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'

let deps: TestDeps
let server: ReturnType<typeof createAdaptorServer>
/** A signed-in platform admin's cookie and origin: the organization routes need a session. */
let asAdmin: Record<string, string>

beforeAll(async () => {
  deps = await createTestDeps()
  server = createAdaptorServer({ fetch: deps.app.fetch })
  asAdmin = await deps.asAdmin()
})
afterAll(async () => {
  await deps.close()
})

describe('through the Node adapter (real HTTP)', () => {
  it('reports health of both backing services', async () => {
    const res = await request(server).get('/healthz').expect(200)
    expect(res.body).toEqual({ status: 'ok', database: 'ok', search: 'ok' })
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('sends security headers and a request id on every answer', async () => {
    const res = await request(server).get('/api/organizations').set(asAdmin)
    expect(res.status).toBe(200)
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(res.headers['x-powered-by']).toBeUndefined()
  })

  it('refuses a body over the limit with 413 problem details and writes nothing', async () => {
    const inn = randomInn()
    const huge = JSON.stringify({ name: 'Х'.repeat(DEFAULT_BODY_LIMIT_BYTES), inn, kinds: ['supplier'] })
    const res = await request(server).post('/api/organizations').set('content-type', 'application/json').send(huge)
    expect(res.status).toBe(413)
    expect(res.headers['content-type']).toContain('application/problem+json')
    const [row] = await deps.sql`select count(*)::int as n from organizations where inn = ${inn}`
    expect(row?.n).toBe(0)
  })

  it('creates through a real JSON POST and answers 201 with the resource', async () => {
    const res = await request(server)
      .post('/api/organizations')
      .set(asAdmin)
      .set('content-type', 'application/json; charset=utf-8')
      .send({ name: 'АО «Ульяновский агрегатный завод»', inn: randomInn(), kinds: ['supplier'] })
    expect(res.status).toBe(201)
    expect(res.body.id).toMatch(/^org_/)
  })

  it('answers an unknown route with a 404 problem', async () => {
    const res = await request(server).get('/api/nothing-here')
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' })
  })

  it('serves the OpenAPI document and the docs UI without a CDN', async () => {
    const spec = await request(server).get('/openapi.json').expect(200)
    expect(spec.body.openapi).toBe('3.1.0')
    expect(Object.keys(spec.body.paths)).toContain('/api/organizations')
    const page = await request(server).get('/docs').expect(200)
    expect(page.text).not.toMatch(/https?:\/\//)
    await request(server).get('/docs/assets/swagger-ui-bundle.js').expect(200).expect('content-type', /javascript/)
  })
})
