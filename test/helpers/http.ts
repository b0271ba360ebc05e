import type { createApp } from '../../src/app.js'

type App = ReturnType<typeof createApp>

export interface JsonResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

/** Sends a JSON request through `app.request` and parses the answer (JSON or problem+json). */
export async function call<T = any>(app: App, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const init: RequestInit = { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } }
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body)
  const res = await app.request(path, init)
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined }
}
