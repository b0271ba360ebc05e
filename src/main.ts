import { loadConfig } from './config.js'
import { createLogger } from './lib/log.js'
import { startPodryad } from './server.js'

/** `npm start`: runs Podryad until SIGINT/SIGTERM, then shuts down gracefully. */
async function main(): Promise<void> {
  const startedAt = performance.now()
  const config = loadConfig()
  const log = createLogger(config.LOG_LEVEL)
  const podryad = await startPodryad(config, log)
  const stop = (signal: string) => void podryad.stop(signal).then(() => process.exit(0))
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1)
  const embedded = podryad.embedded.length ? ` (embedded ${podryad.embedded.join(', ')})` : ''
  console.log(`Podryad is listening on ${podryad.url} — started in ${seconds} s${embedded}`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
})
