import type { TransactionSql } from 'postgres'
import type { Sql } from '../db/client.js'

/**
 * Who is acting. Until accounts exist every request acts as `anonymous` with full access; the
 * field is threaded through every verb so that authorization can be added inside the services.
 */
export type Actor = { kind: 'system' } | { kind: 'anonymous' }

export interface ServiceContext {
  sql: Sql
  actor: Actor
  /** The clock, injectable so tests can travel in time. */
  now: () => Date
}

export type Tx = TransactionSql<{ date: string }>

/** Runs `fn` in one transaction: business rows and their outbox rows commit or fail together. */
export async function withTransaction<T>(ctx: ServiceContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await ctx.sql.begin((tx) => fn(tx))) as T
}
