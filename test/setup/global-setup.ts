import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { createSql } from '../../src/db/client.js'
import { migrate } from '../../src/db/migrate.js'
import { startEmbeddedMeilisearch } from '../../src/embedded/meilisearch.js'
import { startEmbeddedPostgres } from '../../src/embedded/postgres.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string
    templateDatabase: string
    meiliUrl: string
    meiliKey: string
  }
}

export const TEMPLATE_DATABASE = 'podryad_template'

/**
 * One throwaway PostgreSQL and one Meilisearch for the whole run, in a temp folder that is always
 * removed. The schema is migrated once into a template database; each test file clones it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'podryad-test-'))
  // When tests run as root, PostgreSQL runs as the `postgres` user and must be able to enter the folder.
  await chmod(root, 0o755)
  const started: { stop(): Promise<void> }[] = []
  const teardown = async (): Promise<void> => {
    await Promise.allSettled(started.map((s) => s.stop()))
    await rm(root, { recursive: true, force: true })
  }
  try {
    const [pg, meili] = await Promise.all([
      startEmbeddedPostgres({ dir: join(root, 'postgres'), database: TEMPLATE_DATABASE }).then((s) => (started.push(s), s)),
      startEmbeddedMeilisearch({ dir: join(root, 'meilisearch') }).then((s) => (started.push(s), s)),
    ])
    const sql = createSql(pg.url, { max: 1 })
    await migrate(sql)
    await sql.end()
    project.provide('postgresUrl', pg.url)
    project.provide('templateDatabase', TEMPLATE_DATABASE)
    project.provide('meiliUrl', meili.url)
    project.provide('meiliKey', meili.masterKey)
  } catch (err) {
    await teardown()
    throw err
  }
  return teardown
}
