import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { limitConcurrency } from '../../src/lib/concurrency.js'
import { errorResponse } from '../../src/lib/problem.js'

/** An app whose one route waits until the test opens its gate, behind a limit of 1 active + 1 waiting. */
function gatedApp(waitMs: number) {
  const gates: (() => void)[] = []
  const app = new Hono()
  app.use(limitConcurrency({ active: 1, queue: 1, waitMs, what: 'test' }))
  app.get('/slow', async (c) => {
    await new Promise<void>((resolve) => gates.push(resolve))
    return c.json({ ok: true })
  })
  app.onError((err, c) => errorResponse(c, err, () => undefined))
  const open = async () => {
    while (gates.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    gates.shift()?.()
  }
  return { app, open }
}

describe('limitConcurrency (load shedding)', () => {
  it('refuses at once with a 503 problem and Retry-After when the active slot and the queue are full, and serves the queued one next', async () => {
    const { app, open } = gatedApp(5_000)
    const first = app.request('/slow')
    const second = app.request('/slow')
    await new Promise((resolve) => setTimeout(resolve, 20))
    const third = await app.request('/slow', { headers: { 'accept-language': 'en' } })
    expect(third.status).toBe(503)
    expect(third.headers.get('retry-after')).toBe('1')
    expect(third.headers.get('content-type')).toContain('application/problem+json')
    expect(await third.json()).toMatchObject({ status: 503, code: 'UNAVAILABLE', detail: 'Too many test requests at once; retry shortly' })
    await open()
    expect((await first).status).toBe(200)
    await open()
    expect((await second).status).toBe(200)
  })

  it('gives up on a queued request after waitMs with 503, and frees its place', async () => {
    const { app, open } = gatedApp(100)
    const first = app.request('/slow')
    await new Promise((resolve) => setTimeout(resolve, 10))
    const queued = await app.request('/slow')
    expect(queued.status).toBe(503)
    // The queue place is free again and the slot is still held by the first request only.
    const next = app.request('/slow')
    await open()
    expect((await first).status).toBe(200)
    await open()
    expect((await next).status).toBe(200)
  })
})
