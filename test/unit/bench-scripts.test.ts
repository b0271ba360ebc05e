import { execFile, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { sweepAbandonedScratchServers } from '../../scripts/lib/servers.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)

interface Outcome {
  code: number | null
  stdout: string
  stderr: string
}

async function runScript(script: string, args: readonly string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', script, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string }
    return { code: typeof failed.code === 'number' ? failed.code : null, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

/**
 * Nonsense arguments are refused before anything starts: exit 2, the reason and the usage on stderr, nothing on
 * stdout, and no sign of scratch servers (the suite announces each size on stderr once its servers are up).
 */
describe.each([
  {
    script: 'scripts/bench.ts',
    usage: 'Usage: npm run bench --',
    cases: [
      { args: ['--size', '-5'], reason: "Option '--size' argument is ambiguous" },
      { args: ['--size=-5'], reason: '--size must be' },
      { args: ['--size', '0'], reason: '--size must be' },
      { args: ['--size', '2m'], reason: '--size must be' },
      { args: ['--sizes', '100k,-1'], reason: '--size must be' },
      { args: ['--size', '5k', '--sizes', '5k,10k'], reason: 'either --size or --sizes' },
      { args: ['--rounds', '0'], reason: '--rounds must be' },
      { args: ['--http-seconds', 'ten'], reason: '--http-seconds must be' },
      { args: ['--now', '2026-02-30'], reason: '--now must be' },
      { args: ['--colour', 'red'], reason: "Unknown option '--colour'" },
      { args: ['5k'], reason: 'does not take positional arguments' },
    ],
  },
  {
    script: 'scripts/bench-match.ts',
    usage: 'Usage: npm run bench:match --',
    cases: [
      { args: ['--size=-5'], reason: '--size must be' },
      { args: ['--needs', '0'], reason: '--needs must be' },
      { args: ['--sizes', '100k,1m'], reason: "Unknown option '--sizes'" },
    ],
  },
])('$script', ({ script, usage, cases }) => {
  it('exits 2 with the reason and the usage on nonsense arguments, before starting any server', async () => {
    const outcomes = await Promise.all(cases.map(({ args }) => runScript(script, args)))
    for (const [i, { args, reason }] of cases.entries()) {
      const outcome = outcomes[i]
      expect(outcome?.code, args.join(' ')).toBe(2)
      expect(outcome?.stderr, args.join(' ')).toContain(reason)
      expect(outcome?.stderr, args.join(' ')).toContain(usage)
      expect(outcome?.stderr, args.join(' ')).not.toMatch(/capacities ==|loading PostgreSQL/)
      expect(outcome?.stdout.trim(), args.join(' ')).toBe('')
    }
  }, 120_000)
})

describe('sweepAbandonedScratchServers', () => {
  it('removes the scratch folders of runs that are gone and keeps those of live runs and other files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bench-sweep-'))
    try {
      const gone = spawnSync(process.execPath, ['-e', '']).pid
      const abandoned = join(root, `servers-${gone}-100000`)
      // A pid file naming a process that is not a server (this test's parent): it must be left running.
      await mkdir(join(abandoned, 'postgres', 'data'), { recursive: true })
      await writeFile(join(abandoned, 'postgres', 'data', 'postmaster.pid'), `${process.ppid}\n`)
      const live = join(root, `servers-${process.ppid}-5000`)
      const own = join(root, `servers-${process.pid}`)
      const results = join(root, 'results')
      for (const dir of [live, own, results]) await mkdir(dir, { recursive: true })

      await sweepAbandonedScratchServers(root)

      expect(existsSync(abandoned)).toBe(false)
      for (const dir of [live, own, results]) expect(existsSync(dir), dir).toBe(true)
      expect(() => process.kill(process.ppid, 0)).not.toThrow()
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
