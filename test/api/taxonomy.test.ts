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

interface Group {
  code: string
  name: string
  processes: { code: string; name: string }[]
}

const CACHED = 'public, max-age=3600'

describe('taxonomy API', () => {
  it('lists processes by group, in Russian by default, cacheable for an hour', async () => {
    const res = await call(deps.app, 'GET', '/api/taxonomy/processes')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe(CACHED)
    const machining = (res.body.groups as Group[]).find((g) => g.code === 'MCH')
    expect(machining?.name).toBe('Механическая обработка')
    expect(machining?.processes).toContainEqual(expect.objectContaining({ code: 'MCH.TURN', name: 'Токарная обработка на станках с ЧПУ', okved2: '25.62' }))
  })

  it('searches processes and keeps only the groups with hits', async () => {
    const res = await call(deps.app, 'GET', `/api/taxonomy/processes?q=${encodeURIComponent('токарн')}`)
    expect(res.body.groups.map((g: Group) => g.code)).toEqual(['MCH'])
    expect(res.body.groups[0].processes.map((p: { code: string }) => p.code)).toEqual(['MCH.TURN', 'MCH.TURNMILL'])
    expect((await call(deps.app, 'GET', '/api/taxonomy/processes?q=xyzzy')).body.groups).toEqual([])
  })

  it('names processes in English on request, by parameter or by Accept-Language', async () => {
    const byParameter = await call(deps.app, 'GET', '/api/taxonomy/processes/MCH.TURN?lang=en')
    expect(byParameter.body).toMatchObject({ code: 'MCH.TURN', name: 'CNC turning', nameRu: 'Токарная обработка на станках с ЧПУ' })
    const byHeader = await call(deps.app, 'GET', '/api/taxonomy/processes', undefined, { 'accept-language': 'en-US,en;q=0.9' })
    expect((byHeader.body.groups as Group[])[0]?.name).toBe('Machining')
    expect(byHeader.headers.get('vary')).toContain('accept-language')
  })

  it('finds materials by foreign designation and filters by family', async () => {
    const byDesignation = await call(deps.app, 'GET', `/api/taxonomy/materials?q=${encodeURIComponent('AISI 321')}`)
    expect(byDesignation.status).toBe(200)
    expect(byDesignation.body.items.map((m: { nameRu: string }) => m.nameRu)).toEqual(['12Х18Н10Т'])
    const titanium = await call(deps.app, 'GET', '/api/taxonomy/materials?family=TITANIUM')
    expect(titanium.body.items.length).toBeGreaterThan(0)
    expect(titanium.body.items.every((m: { family: string }) => m.family === 'TITANIUM')).toBe(true)
    expect(titanium.body.families).toContainEqual({ code: 'TITANIUM', nameRu: 'Титан и титановые сплавы', nameEn: 'Titanium and titanium alloys' })
  })

  it('lists the certificate catalogue with what each certificate satisfies', async () => {
    const res = await call(deps.app, 'GET', '/api/taxonomy/certificates')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe(CACHED)
    const byCode = new Map((res.body.items as { code: string; satisfies: { code: string }[] }[]).map((c) => [c.code, c]))
    expect(byCode.get('IATF16949')?.satisfies).toContainEqual({ code: 'ISO9001', credit: 1 })
    expect(byCode.get('AS9100')?.satisfies).toContainEqual({ code: 'ISO9001', credit: 1 })
    expect(byCode.get('ISO13485')?.satisfies).toEqual([])
  })

  it('shows one certificate with both directions of its closure', async () => {
    const res = await call(deps.app, 'GET', '/api/taxonomy/certificates/ISO9001')
    expect(res.body).toMatchObject({ code: 'ISO9001', kind: 'qms', satisfies: [{ code: 'GOST_R_ISO9001', credit: 1 }] })
    expect(res.body.satisfiedBy).toContainEqual({ code: 'IATF16949', credit: 1 })
    expect(res.body.satisfiedBy).toContainEqual({ code: 'GOST_R_EN9100_2011', credit: 0.7 })
    expect(res.body.satisfiedBy.map((c: { code: string }) => c.code)).not.toContain('ISO13485')
  })

  it.each([
    ['/api/taxonomy/processes/MCH.TELEPORT', 404],
    ['/api/taxonomy/certificates/ISO9999', 404],
    ['/api/taxonomy/materials?family=UNOBTAINIUM', 400],
    ['/api/taxonomy/processes?lang=de', 400],
    [`/api/taxonomy/processes?q=${'т'.repeat(101)}`, 400],
    [`/api/taxonomy/processes/${'X'.repeat(65)}`, 400],
  ])('answers %s with an uncached %i problem', async (path, status) => {
    const res = await call(deps.app, 'GET', path)
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.headers.get('cache-control')).toBeNull()
  })
})
