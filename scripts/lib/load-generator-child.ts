/** The load generator's own process (see load-generator.ts): one HttpLoad in over IPC, one HttpLoadResult back. */
import autocannon from 'autocannon'
import type { HttpLoad, HttpLoadResult } from './load-generator.js'

process.once('message', (message) => {
  const load = message as HttpLoad
  void autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.durationSeconds,
    headers: load.headers ?? {},
    requests: load.paths.map((path) => ({ method: 'GET', path })),
    ...(load.warmupSeconds > 0 ? { warmup: { connections: load.connections, duration: load.warmupSeconds } } : {}),
  }).then((result) => {
    const outcome: HttpLoadResult = {
      requestsPerSecond: result.requests.average,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      requests: result.requests.total,
      errors: result.errors + result.timeouts + result.non2xx,
      non2xx: result.non2xx,
    }
    // Exit once the result is handed over: nothing else is left to do here.
    process.send?.(outcome, undefined, {}, () => process.exit(0))
  })
})
