import type { TransactionSql } from 'postgres'
import type { Sql } from '../db/client.js'

export type PlatformRole = 'curator' | 'admin'
export type MembershipRole = 'member' | 'admin'

export interface Membership {
  orgId: string
  role: MembershipRole
}

/**
 * Who is acting. `system` is the app itself (workers, scripts); `anonymous` a request without a
 * session; `user` a signed-in person, with the organizations they act for. Every service verb
 * receives it and decides (src/services/authorization.ts).
 */
export type Actor =
  | { kind: 'system' }
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; sessionId: string | null; platformRole: PlatformRole | null; memberships: Membership[] }

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
