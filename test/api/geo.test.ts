import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { call } from '../helpers/http.js'

let deps: TestDeps
beforeAll(async () => {
  deps = await createTestDeps()
})
afterAll(async () => {
  await deps.close()
})

const geocode = (query: Record<string, string>) => call(deps.app, 'GET', `/api/geo/geocode?${new URLSearchParams(query)}`)

describe('geo API', () => {
  it('geocodes a free-text address, cacheable for an hour', async () => {
    const res = await geocode({ q: 'г. Набережные Челны, Республика Татарстан' })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600')
    expect(res.body).toMatchObject({ city: 'Набережные Челны', regionCode: '16', regionNameRu: 'Республика Татарстан', precision: 'city', source: 'geonames' })
  })

  it('geocodes a city within a region, and a region alone to its centre', async () => {
    expect((await geocode({ city: 'Киров', region: 'Калужская область' })).body).toMatchObject({ city: 'Киров', regionCode: '40' })
    expect((await geocode({ q: 'Тольятти' })).body).toMatchObject({ city: 'Тольятти', regionCode: '63' })
    expect((await geocode({ region: 'Ярославская область' })).body).toMatchObject({ city: null, regionCode: '76', precision: 'region' })
  })

  it('answers an ambiguous name with 400 and the candidates', async () => {
    const res = await geocode({ q: 'Железногорск' })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.headers.get('cache-control')).toBeNull()
    expect(res.body.candidates.map((c: { regionCode: string }) => c.regionCode).sort()).toEqual(['24', '46'])
    expect(res.body.errors).toEqual([{ path: 'query.q', message: expect.stringContaining('укажите регион') }])
  })

  it('answers an unknown place with 404 and an unknown region with 400 naming it', async () => {
    const missing = await geocode({ q: 'Абвгдейка' })
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0]).toMatchObject({ path: 'query.q', message: expect.stringContaining('не найден') })
    const region = await geocode({ city: 'Тольятти', region: 'Кукуевская область' })
    expect(region.status).toBe(400)
    expect(region.body.errors[0].path).toBe('query.region')
  })

  it.each([
    ['no parameters', {}, 'query.q'],
    ['a blank query', { q: '   ' }, 'query.q'],
    ['an oversized query', { q: 'Набережные Челны, '.repeat(40) }, 'query.q'],
  ])('refuses %s with a 400 problem', async (_label, query, path) => {
    const res = await geocode(query)
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('suggests cities by prefix, most populous first', async () => {
    const res = await call(deps.app, 'GET', `/api/geo/cities?prefix=${encodeURIComponent('Набер')}&limit=3`)
    expect(res.status).toBe(200)
    expect(res.body.items[0]).toMatchObject({ city: 'Набережные Челны', regionCode: '16' })
    const rybinsk = await call(deps.app, 'GET', `/api/geo/cities?prefix=${encodeURIComponent('рыбин')}&limit=1`)
    expect(rybinsk.body.items).toEqual([expect.objectContaining({ city: 'Рыбинск', regionCode: '76' })])
  })

  it.each([
    ['/api/geo/cities', 'query.prefix'],
    ['/api/geo/cities?prefix=Ка&limit=0', 'query.limit'],
    ['/api/geo/cities?prefix=Ка&limit=51', 'query.limit'],
    ['/api/geo/cities?prefix=Ка&limit=ten', 'query.limit'],
  ])('refuses %s with a 400 naming %s', async (path, field) => {
    const res = await call(deps.app, 'GET', path)
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field)
  })

  it('lists the enabled federal subjects only', async () => {
    const res = await call(deps.app, 'GET', '/api/geo/regions')
    expect(res.status).toBe(200)
    const codes = res.body.items.map((r: { code: string }) => r.code)
    expect(codes).toContain('16')
    expect(codes).not.toContain('90')
    expect(codes).not.toContain('95')
    expect(res.body.items.find((r: { code: string }) => r.code === '76')).toMatchObject({ nameRu: 'Ярославская область', centreRu: 'Ярославль' })
  })
})
