import { isUniqueViolation } from '../../db/errors.js'
import type { Organization, OrganizationUpdate } from '../../domain/organization.js'
import { ConflictError, NotFoundError } from '../../lib/errors.js'
import { enqueueOrganizationCapacities } from '../../search/outbox.js'
import { ForbiddenError, assertClustersInCuratorScope, assertOrganizationAccess, isCurator, isPlatformAdmin } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { setOrganizationClusters } from './clusters.js'
import { selectOrganization } from './row.js'

/**
 * Cluster membership decides which centre curates an organization and which cluster-only needs it sees, so
 * a centre files organizations into clusters (within its own), not the organizations themselves.
 */
async function assertFilesIntoClusters(ctx: ServiceContext, clusterIds: readonly string[]): Promise<void> {
  if (isPlatformAdmin(ctx.actor)) return
  if (!isCurator(ctx.actor)) {
    throw new ForbiddenError('Кластеры организации назначает центр субконтрактации / A subcontracting centre files organizations into clusters')
  }
  await assertClustersInCuratorScope(ctx.sql, ctx.actor, clusterIds)
}

/** The profile is its admins' to edit, and a curator's covering it; the verification status is no input. */
export async function updateOrganization(ctx: ServiceContext, id: string, patch: OrganizationUpdate): Promise<Organization> {
  await assertOrganizationAccess(ctx, id, 'admin', {
    forbidden: 'Профиль организации меняют её администраторы / The organization’s admins edit its profile',
  })
  if (patch.clusterIds !== undefined) await assertFilesIntoClusters(ctx, patch.clusterIds)
  try {
    return await withTransaction(ctx, async (tx) => {
      const [locked] = await tx`select id from organizations where id = ${id} for update`
      if (!locked) throw new NotFoundError('Organization', id)
      const { clusterIds, ...columns } = patch
      const values: Record<string, unknown> = Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined))
      if (Object.keys(values).length) {
        if (Array.isArray(values.kinds)) values.kinds = tx.array(values.kinds as string[])
        await tx`update organizations set ${tx(values)}, updated_at = now() where id = ${id}`
      }
      if (clusterIds) await setOrganizationClusters(tx, id, clusterIds)
      // Capacity documents carry the organization's name and clusters.
      await enqueueOrganizationCapacities(tx, id)
      const updated = await selectOrganization(tx, id)
      if (!updated) throw new NotFoundError('Organization', id)
      return updated
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('An organization with this INN or OGRN already exists', { field: 'body.inn' })
    throw err
  }
}
