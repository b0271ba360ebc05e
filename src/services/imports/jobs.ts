import type { Sql } from '../../db/client.js'
import type { Tx } from '../context.js'
import type { ImportReport } from './plan.js'
import type { ImportResult } from './run.js'

export type ImportJobStatus = 'checked' | 'running' | 'done' | 'failed'

export interface ImportJob {
  id: string
  createdBy: string | null
  fileNames: string[]
  clusterIds: string[]
  status: ImportJobStatus
  report: ImportReport
  rowsTotal: number
  rowsDone: number
  result: ImportResult | null
  error: string | null
  createdAt: string
  updatedAt: string
  finishedAt: string | null
}

interface ImportJobRow extends Omit<ImportJob, 'createdAt' | 'updatedAt' | 'finishedAt'> {
  createdAt: Date
  updatedAt: Date
  finishedAt: Date | null
}

/** A running job whose progress has not moved for this long lost its server: its transaction was rolled back. */
export const STALE_JOB_MS = 5 * 60_000

export async function selectImportJob(sql: Sql | Tx, id: string): Promise<ImportJob | undefined> {
  const [row] = await sql<ImportJobRow[]>`
    select id, created_by, file_names, cluster_ids, status, report, rows_total, rows_done, result, error, created_at, updated_at, finished_at
    from import_jobs where id = ${id}`
  if (!row) return undefined
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), finishedAt: row.finishedAt?.toISOString() ?? null }
}
