import { readFile } from 'node:fs/promises'
import { availableParallelism, totalmem } from 'node:os'

export interface Machine {
  cpuModel: string
  cores: number
  ramGiB: number
  node: string
  platform: string
}

/** What the figures were measured on: only ratios from one run on one machine carry over (perf-reliability.md). */
export async function describeMachine(): Promise<Machine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '')
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown'
  return {
    cpuModel,
    cores: availableParallelism(),
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  }
}

export function machineLine(machine: Machine): string {
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, Node ${machine.node} (${machine.platform})`
}
