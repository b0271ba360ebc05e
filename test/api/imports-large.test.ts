import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { writeImportWorkbook } from '../../src/domain/import/write.js'
import { createCluster } from '../../src/services/clusters/create.js'
import { checkImport } from '../../src/services/imports/check.js'
import { runImport } from '../../src/services/imports/run.js'
import { generateImportRecords } from '../../scripts/data/importWorkbook.js'
import { type TestDeps, createTestDeps, databaseUrl } from '../helpers/deps.js'

const run = promisify(execFile)

let deps: TestDeps
let dir: string
beforeAll(async () => {
  deps = await createTestDeps()
  dir = await mkdtemp(join(tmpdir(), 'podryad-import-'))
})
afterAll(async () => {
  await deps.close()
  await rm(dir, { recursive: true, force: true })
})

async function count(table: string): Promise<number> {
  const [row] = await deps.sql<{ n: number }[]>`select count(*)::int as n from ${deps.sql(table)}`
  return row?.n ?? 0
}

describe('bulk import of a 2,000-row register', () => {
  it('dry-runs and imports a generated workbook with 2,000 capacities, printing the times', async () => {
    const records = generateImportRecords({ seed: 7, capacities: 2000, now: '2026-11-22' })
    const bytes = new Uint8Array(await writeImportWorkbook(records, { reference: true }))
    const files = [{ name: 'реестр-2000.xlsx', bytes }]
    const cluster = await createCluster(deps.ctx, { nameRu: 'Камский кластер', nameEn: 'Kama cluster', sector: 'automotive', regionCodes: ['16'], lat: 55.74, lon: 52.4 })
    const rows = Object.values(records).reduce((n, sheet) => n + (sheet?.length ?? 0), 0)

    // The first check also loads the gazetteer (once per process); the second is what a curator's re-check costs.
    const coldStart = performance.now()
    await checkImport(deps.ctx, files, { clusterIds: [cluster.id] })
    const coldMs = performance.now() - coldStart
    const checkStart = performance.now()
    const report = await checkImport(deps.ctx, files, { clusterIds: [cluster.id] })
    const checkMs = performance.now() - checkStart
    expect(report.problems).toEqual([])
    expect(report.counts.capacities).toEqual({ create: 2000, update: 0 })
    expect(await count('capacities')).toBe(0)

    const result = await runImport(deps.ctx, files, { clusterIds: [cluster.id] })
    console.log(`import of ${rows} rows (${bytes.byteLength} bytes, 2000 capacities): dry run ${Math.round(coldMs)} ms cold, ${Math.round(checkMs)} ms warm; import (re-read, re-validate, write, commit) ${result.ms} ms`)
    expect(result.counts.organizations.create).toBe(records.organizations?.length)
    expect(await count('capacities')).toBe(2000)
    expect(await count('sites')).toBe(records.sites?.length)
    expect(await count('certificates')).toBe(records.certificates?.length)
    const [outbox] = await deps.sql<{ n: number }[]>`select count(distinct entity_id)::int as n from search_outbox where entity = 'capacity'`
    expect(outbox?.n).toBe(2000)
  }, 120_000)

  it('runs from the command line: --dry-run exits 1 with the report for a file with problems, 2 for bad usage, 0 when it imports', async () => {
    const env = { ...process.env, DATABASE_URL: databaseUrl(inject('postgresUrl'), deps.databaseName), LOG_LEVEL: 'error' }
    const cli = (args: string[]) => run('npx', ['tsx', 'scripts/import.ts', ...args], { env, cwd: process.cwd() }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    )
    expect((await cli(['--bogus'])).code).toBe(2)
    const bad = join(dir, 'bad.xlsx')
    await writeFile(bad, await writeImportWorkbook({ organizations: [{ inn: '1650123451', name: 'ООО «Ошибка»' }] }))
    const refused = await cli(['--dry-run', bad])
    expect(refused.code).toBe(1)
    expect(refused.out).toContain('Организации, строка 2, «ИНН»')
    const good = join(dir, 'good.xlsx')
    await writeFile(good, await writeImportWorkbook({ organizations: [{ inn: '1650123450', name: 'ООО «Камская прецизионная механика»' }], sites: [{ inn: '1650123450', name: 'Цех', city: 'Елабуга' }] }))
    const before = await count('organizations')
    const imported = await cli([good])
    expect(imported.code).toBe(0)
    expect(await count('organizations')).toBe(before + 1)
  }, 120_000)
})
