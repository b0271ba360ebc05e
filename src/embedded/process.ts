import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

/** Asks the kernel for a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port)
        else reject(new Error('could not allocate a port'))
      })
    })
  })
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function commandLine(pid: number): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ')
  } catch {
    return ''
  }
}

/** Parent pid of a running process, read from /proc (Linux); undefined elsewhere or when it is gone. */
async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(afterName[1])
  } catch {
    return undefined
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true
    await sleep(50)
  }
  return !isAlive(pid)
}

/**
 * A server left behind by a previous run that was killed (its parent died, so it was re-parented to
 * init) would hold the data folder locked. Stop it; refuse to touch one that still has a live owner,
 * because that means another Podryad is running on the same data folder.
 */
export async function stopOrphan(pid: number, what: string, executable: string, signal: NodeJS.Signals): Promise<void> {
  // A recycled pid may belong to anything now; only a process running our server binary is ours.
  if (!isAlive(pid) || !(await commandLine(pid)).includes(executable)) return
  const parent = await parentPid(pid)
  if (parent !== undefined && parent !== 1 && isAlive(parent)) {
    throw new Error(`${what} (pid ${pid}) is already running for this data folder, owned by pid ${parent}; stop that process first`)
  }
  process.kill(pid, signal)
  if (!(await waitForExit(pid, 15_000))) process.kill(pid, 'SIGKILL')
  await waitForExit(pid, 5_000)
}

/** Stops a child server: `signal` first, SIGKILL if it has not exited in time. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals, timeoutMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill(signal)
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  await exited
  clearTimeout(timer)
}

/**
 * Children are spawned in their own process group so that Ctrl-C in a terminal reaches only us:
 * the servers must outlive the drain of in-flight requests and are stopped last, in order.
 */
export async function spawnServer(command: string, args: string[], options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv }): Promise<ChildProcess> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await new Promise<{ child?: ChildProcess; error?: NodeJS.ErrnoException }>((resolve) => {
      try {
        const child = spawn(command, args, {
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: options.env ?? process.env,
          ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
        })
        child.once('spawn', () => resolve({ child }))
        child.once('error', (error) => resolve({ error }))
      } catch (error) {
        // Some errors (ETXTBSY among them on Node 20) are thrown synchronously rather than emitted.
        resolve({ error: error as NodeJS.ErrnoException })
      }
    })
    if (outcome.child) return outcome.child
    // ETXTBSY: a process forked elsewhere in this program (e.g. the other server starting in parallel)
    // briefly inherited a write handle of the freshly copied binary. It passes within milliseconds.
    if (outcome.error?.code !== 'ETXTBSY' || attempt >= 10) throw outcome.error
    await sleep(50 * attempt)
  }
}
