/** The load generator's own process (loadInChild in load.ts): one load in over IPC, its result back. */
import { type LoadRequest, loadRequest } from './load.js'

process.once('message', (message) => {
  const { url, request, connections, seconds } = message as { url: string; request: LoadRequest; connections: number; seconds: number }
  void loadRequest(url, request, connections, seconds).then((result) => {
    process.send?.(result, undefined, {}, () => process.exit(0))
  })
})
