import { NotFoundError } from '../../lib/errors.js'
import type { Sql } from '../../db/client.js'
import { ForbiddenError, membershipOf, requireSignedIn } from '../authorization.js'
import type { Actor, Tx } from '../context.js'

/**
 * Alerts are a supplier's own business: its members keep them (and the platform's own jobs read them).
 * Anybody else — another supplier, a contractor, a curator — gets the 404 of a missing organization; a
 * member of an organization that supplies nothing is told why (403).
 */
export async function assertAlertsOf(sql: Sql | Tx, actor: Actor, orgId: string, notFound: NotFoundError = new NotFoundError('Organization', orgId)): Promise<void> {
  const signedIn = requireSignedIn(actor)
  if (signedIn.kind === 'user' && !membershipOf(signedIn, orgId)) throw notFound
  const [organization] = await sql<{ kinds: string[] }[]>`select kinds from organizations where id = ${orgId}`
  if (!organization) throw notFound
  if (!organization.kinds.includes('supplier')) {
    throw new ForbiddenError('Оповещения о потребностях доступны поставщикам / Need alerts are for supplier organizations')
  }
}
