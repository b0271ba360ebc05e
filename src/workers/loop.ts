import type { Logger } from '../lib/log.js'

export interface PollingLoop {
  /** Starts the loop (idempotent). */
  start(): void
  /** Lets the current pass finish, then stops. */
  stop(): Promise<void>
  /** True once stop() was called: passes use it to end a long drain early. */
  readonly stopping: boolean
}

/**
 * Runs `pass` now and then every `pollMs` until stopped. A failing pass is logged and retried at the next
 * poll; stop() wakes a sleeping loop at once and waits for a running pass to end.
 */
export function pollingLoop(pass: () => Promise<unknown>, options: { pollMs: number; log: Logger; what: string }): PollingLoop {
  let stopping = false
  let loop: Promise<void> | null = null
  let wake: (() => void) | null = null

  async function run(): Promise<void> {
    while (!stopping) {
      await pass().catch((error: unknown) => options.log.error(`${options.what}: pass failed`, { error }))
      if (stopping) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }

  return {
    start() {
      if (loop) return
      stopping = false
      loop = run()
    },
    async stop() {
      stopping = true
      wake?.()
      await loop
      loop = null
    },
    get stopping() {
      return stopping
    },
  }
}
