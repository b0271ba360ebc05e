import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import { createApp } from '../../src/app.js'
import { createSql, type Sql } from '../../src/db/client.js'
import { type Search, createSearch } from '../../src/search/client.js'
import { ensureIndexes } from '../../src/search/settings.js'
import type { ServiceContext } from '../../src/services/context.js'
import { createTestUser, signInHeaders } from './auth.js'

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export interface TestDeps {
  sql: Sql
  search: Search
  app: ReturnType<typeof createApp>
  ctx: ServiceContext
  databaseName: string
  indexPrefix: string
  /**
   * Headers of a signed-in platform admin, made on first use, for tests about something other than who may
   * act (test/api/authorization.test.ts is about that): they write and read their data as an admin would.
   */
  asAdmin(): Promise<Record<string, string>>
  close(): Promise<void>
}

/** A fresh database cloned from the migrated template, and an index prefix of its own, per test file. */
export async function createTestDeps(options: { now?: () => Date } = {}): Promise<TestDeps> {
  const serverUrl = inject('postgresUrl')
  const databaseName = `t_${randomBytes(6).toString('hex')}`
  const admin = createSql(databaseUrl(serverUrl, 'postgres'), { max: 1 })
  await admin.unsafe(`create database ${databaseName} template ${inject('templateDatabase')}`)
  await admin.end()
  const sql = createSql(databaseUrl(serverUrl, databaseName), { max: 5 })
  const now = options.now ?? (() => new Date())
  const indexPrefix = `${databaseName}_`
  const search = createSearch({ url: inject('meiliUrl'), apiKey: inject('meiliKey'), indexPrefix })
  await ensureIndexes(search)
  const app = createApp({ sql, search, now })
  let adminHeaders: Promise<Record<string, string>> | undefined
  const asAdmin = () => {
    adminHeaders ??= createTestUser(sql, { name: 'Администратор платформы', platformRole: 'admin' }).then((user) => signInHeaders(app, user.email))
    return adminHeaders
  }
  return {
    sql,
    search,
    app,
    ctx: { sql, actor: { kind: 'system' }, now },
    databaseName,
    indexPrefix,
    asAdmin,
    close: async () => {
      await sql.end()
      await search.close()
    },
  }
}
