import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const RESULTS_DIR = join('.bench', 'results')

/** Writes a run's raw results to `.bench/results/<name>-<timestamp>.json` (git-ignored) and returns the path. */
export async function writeResults(name: string, at: string, results: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `${name}-${at.replace(/[:.]/g, '-')}.json`)
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`)
  return file
}
