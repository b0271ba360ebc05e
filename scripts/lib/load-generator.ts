/**
 * HTTP load with autocannon, run in a child process so the load generator never shares the event loop of the
 * server it measures (it still shares the machine's cores: compare results of one run, not absolute figures).
 */
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface HttpLoad {
  /** Origin, e.g. `http://127.0.0.1:4321`. */
  url: string
  /** Paths each connection cycles through (several needs rather than one cached page). */
  paths: string[]
  headers?: Record<string, string>
  connections: number
  durationSeconds: number
  /** Unmeasured load first, so connection set-up and JIT warm-up stay out of the figures. */
  warmupSeconds: number
}

export interface HttpLoadResult {
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  requests: number
  /** Connection errors and timeouts plus non-2xx answers. */
  errors: number
  non2xx: number
}

const CHILD = fileURLToPath(new URL('./load-generator-child.ts', import.meta.url))
const running = new Set<ChildProcess>()
// An interrupted benchmark exits at once; its load generator must not keep hammering a server that is going away.
process.on('exit', () => {
  for (const child of running) child.kill()
})

export function runHttpLoad(load: HttpLoad): Promise<HttpLoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    running.add(child)
    let result: HttpLoadResult | undefined
    child.once('message', (message) => {
      result = message as HttpLoadResult
    })
    child.once('error', reject)
    child.once('exit', (code) => {
      running.delete(child)
      if (result) resolve(result)
      else reject(new Error(`the load generator exited with code ${code} without a result`))
    })
    child.send(load)
  })
}
