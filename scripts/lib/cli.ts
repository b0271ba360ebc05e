import { parseArgs, type ParseArgsConfig } from 'node:util'
import { isCalendarDate } from '../data/generate.js'

/** A command-line mistake: the script prints it with its usage and exits 2. */
export class UsageError extends Error {}

export const MIN_SIZE = 1000
export const MAX_SIZE = 1_000_000
const MAX_SEED = 0xffffffff

/** `1k`…`1m` or a plain integer, in capacities. */
export function parseSize(value: string): number {
  const match = /^(\d+)([km]?)$/i.exec(value)
  const multiplier = { '': 1, k: 1000, m: 1_000_000 }[match?.[2]?.toLowerCase() ?? '']
  const size = match && multiplier !== undefined ? Number(match[1]) * multiplier : Number.NaN
  if (!Number.isSafeInteger(size) || size < MIN_SIZE || size > MAX_SIZE) {
    throw new UsageError(`--size must be ${MIN_SIZE}…${MAX_SIZE} capacities (or 1k…1m), got "${value}"`)
  }
  return size
}

/** A comma-separated list of sizes (`100k,1m`), each as parseSize; distinct, smallest first. */
export function parseSizes(value: string): number[] {
  return [...new Set(value.split(',').map((part) => parseSize(part.trim())))].sort((a, b) => a - b)
}

export function parseSeed(value: string): number {
  const seed = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(seed) || seed > MAX_SEED) throw new UsageError(`--seed must be an integer 0…${MAX_SEED}, got "${value}"`)
  return seed
}

export function parseNow(value: string): string {
  if (!isCalendarDate(value)) throw new UsageError(`--now must be a calendar date YYYY-MM-DD, got "${value}"`)
  return value
}

export function parsePositiveInt(name: string, value: string, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be an integer 1…${max}, got "${value}"`)
  return n
}

/** node:util parseArgs in strict mode, its errors turned into usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

/** Runs a script's main; a UsageError prints the message and usage and exits 2. */
export async function runCli(usage: string, main: () => Promise<void>): Promise<void> {
  try {
    await main()
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`${error.message}\n\n${usage}`)
    process.exitCode = 2
  }
}
