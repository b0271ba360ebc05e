/** The q-quantile (0…1) of samples by the nearest-rank method. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** Wall time of one call, in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await fn()
  return { ms: performance.now() - started, value }
}

export interface LatencySummary {
  p50: number
  p95: number
  n: number
}

/** p50/p95 of latency samples in ms, to 0.01 ms. */
export function summarize(samples: readonly number[]): LatencySummary {
  return { p50: round(percentile(samples, 0.5), 2), p95: round(percentile(samples, 0.95), 2), n: samples.length }
}

/** a / b to 0.01, or null when b is not a positive number (nothing to compare with). */
export function ratio(a: number, b: number): number | null {
  return b > 0 && Number.isFinite(a) ? round(a / b, 2) : null
}
