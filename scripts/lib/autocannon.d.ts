/** The part of autocannon 9's programmatic API the load generator uses (the package ships no types). */
declare module 'autocannon' {
  interface AutocannonRequest {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
  }

  interface AutocannonOptions {
    url: string
    connections?: number
    /** Seconds. */
    duration?: number
    headers?: Record<string, string>
    /** Each connection cycles through these in order. */
    requests?: AutocannonRequest[]
    warmup?: { connections?: number; duration?: number }
  }

  interface Histogram {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    p50: number
    p90: number
    p99: number
  }

  interface AutocannonResult {
    /** Requests per second, sampled each second. */
    requests: Histogram & { total: number; sent: number }
    /** Milliseconds. */
    latency: Histogram
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
    /** Seconds. */
    duration: number
  }

  export default function autocannon(options: AutocannonOptions): Promise<AutocannonResult>
  export type { AutocannonOptions, AutocannonResult }
}
