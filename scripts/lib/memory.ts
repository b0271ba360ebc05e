/**
 * Resident memory of the three processes a deployment runs, sampled from /proc (Linux) while a benchmark runs:
 *   - the app: this process, which serves the app under test (and also drives the benchmark);
 *   - PostgreSQL: the postmaster and its children (backends, checkpointer, WAL writer…). Summing their VmRSS
 *     counts shared buffers once per process that touched them, so a second figure counts shared and file-backed
 *     pages once (the largest share any one process maps) on top of every process's private pages;
 *   - Meilisearch: sampled VmRSS, plus VmHWM, the kernel's own high-water mark over the process's life.
 * Peaks are kept overall and per phase, so a peak can be traced to what caused it.
 */
import { readFile, readdir } from 'node:fs/promises'

const MB = 1024

interface ProcessMemory {
  rssKb: number
  hwmKb: number
  anonKb: number
  /** File-backed plus shared-memory pages: what sibling processes may map too. */
  sharedKb: number
}

export interface MemoryPeaks {
  appRssMb: number
  postgresRssSumMb: number
  postgresSharedOnceMb: number
  meilisearchRssMb: number
}

export interface MemoryReport {
  intervalMs: number
  samples: number
  peaks: MemoryPeaks
  byPhase: Record<string, MemoryPeaks>
  /** Meilisearch's VmHWM when sampling stopped: its peak over its whole life, between samples too. */
  meilisearchHwmMb: number | null
}

export interface MemoryMonitor {
  /** Attributes the samples from now on to `name`. */
  phase(name: string): void
  /** Stops sampling (idempotent) and returns the peaks. */
  stop(): Promise<MemoryReport>
}

async function readMemory(pid: number): Promise<ProcessMemory | undefined> {
  let status: string
  try {
    status = await readFile(`/proc/${pid}/status`, 'utf8')
  } catch {
    return undefined // exited since we listed it
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), anonKb: kb('RssAnon'), sharedKb: kb('RssFile') + kb('RssShmem') }
}

/** Direct children of `parent`, by each process's ppid in /proc/<pid>/stat (the field after the `(comm)`, which may hold spaces). */
async function childrenOf(parent: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number)
  const children: number[] = []
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
        if (ppid === parent) children.push(pid)
      } catch {
        // exited since we listed it
      }
    }),
  )
  return children
}

const zeroPeaks = (): MemoryPeaks => ({ appRssMb: 0, postgresRssSumMb: 0, postgresSharedOnceMb: 0, meilisearchRssMb: 0 })

function raise(peaks: MemoryPeaks, sample: MemoryPeaks): void {
  for (const key of Object.keys(peaks) as (keyof MemoryPeaks)[]) peaks[key] = Math.max(peaks[key], sample[key])
}

async function sample(postgresPid: number | undefined, meilisearchPid: number | undefined): Promise<MemoryPeaks> {
  const postgres = postgresPid === undefined ? [] : [postgresPid, ...(await childrenOf(postgresPid))]
  const postgresMemory = (await Promise.all(postgres.map(readMemory))).filter((m): m is ProcessMemory => m !== undefined)
  const meilisearch = meilisearchPid === undefined ? undefined : await readMemory(meilisearchPid)
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
  return {
    appRssMb: Math.round(process.memoryUsage.rss() / 2 ** 20),
    postgresRssSumMb: Math.round(sum(postgresMemory.map((m) => m.rssKb)) / MB),
    postgresSharedOnceMb: Math.round((sum(postgresMemory.map((m) => m.anonKb)) + Math.max(0, ...postgresMemory.map((m) => m.sharedKb))) / MB),
    meilisearchRssMb: Math.round((meilisearch?.rssKb ?? 0) / MB),
  }
}

/** Samples every `intervalMs` until `stop()`; a sample never overlaps the previous one. */
export function monitorMemory(pids: { postgresPid: number | undefined; meilisearchPid: number | undefined }, intervalMs = 500): MemoryMonitor {
  const peaks = zeroPeaks()
  const byPhase: Record<string, MemoryPeaks> = {}
  let current = 'start'
  let samples = 0
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let inFlight: Promise<void> = Promise.resolve()
  let report: Promise<MemoryReport> | undefined

  const tick = (): void => {
    const phase = current
    inFlight = sample(pids.postgresPid, pids.meilisearchPid)
      .then((memory) => {
        samples++
        raise(peaks, memory)
        raise((byPhase[phase] ??= zeroPeaks()), memory)
      })
      .catch(() => undefined) // a server stopping mid-sample: skip the sample, not the run
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs)
      })
  }
  tick()

  return {
    phase(name) {
      current = name
    },
    stop() {
      report ??= (async () => {
        stopped = true
        clearTimeout(timer)
        await inFlight
        const hwm = pids.meilisearchPid === undefined ? undefined : await readMemory(pids.meilisearchPid)
        return { intervalMs, samples, peaks, byPhase, meilisearchHwmMb: hwm ? Math.round(hwm.hwmKb / MB) : null }
      })()
      return report
    },
  }
}
