/**
 * autocannon, loaded by name at run time: the package ships no types, and whether it is installed is
 * not this battery's business (tests that need it skip themselves without it).
 */

export interface LoadResult {
  requests: number
  /** Answers by HTTP status. */
  statuses: Record<string, number>
  errors: number
  timeouts: number
  latency: { p50: number; p99: number; max: number }
}

interface AutocannonModule {
  default: (options: Record<string, unknown>) => Promise<{
    requests: { total: number }
    latency: { p50: number; p99: number; max: number }
    errors: number
    timeouts: number
    statusCodeStats?: Record<string, { count: number }>
  }>
}

let loaded: Promise<AutocannonModule | null> | undefined

export function loadAutocannon(): Promise<AutocannonModule | null> {
  const name = 'autocannon'
  loaded ??= (import(name) as Promise<AutocannonModule>).catch(() => null)
  return loaded
}

/** `connections` clients hammering one GET for `seconds`; null when autocannon is not installed. */
export async function load(url: string, path: string, headers: Record<string, string>, connections: number, seconds: number): Promise<LoadResult | null> {
  const autocannon = await loadAutocannon()
  if (!autocannon) return null
  const result = await autocannon.default({ url: `${url}${path}`, connections, duration: seconds, headers, timeout: 10 })
  return {
    requests: result.requests.total,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count])),
    errors: result.errors,
    timeouts: result.timeouts,
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  }
}
