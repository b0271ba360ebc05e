import { isUniqueViolation } from '../../db/errors.js'
import type { Organization, OrganizationInput } from '../../domain/organization.js'
import { ConflictError } from '../../lib/errors.js'
import { newId } from '../../lib/ids.js'
import { ForbiddenError, assertClustersInCuratorScope, isCurator, isPlatformAdmin, requireSignedIn } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { setOrganizationClusters } from './clusters.js'
import { selectOrganization } from './row.js'

/**
 * A centre registers the enterprises of its cluster, so curators (inside their own clusters) and platform
 * admins create organizations; people join one by invitation. It starts unverified: the status is no input.
 */
export async function createOrganization(ctx: ServiceContext, input: OrganizationInput): Promise<Organization> {
  const actor = requireSignedIn(ctx.actor)
  if (!isPlatformAdmin(actor)) {
    if (!isCurator(actor)) {
      throw new ForbiddenError('Организации регистрирует центр субконтрактации / Organizations are registered by a subcontracting centre')
    }
    await assertClustersInCuratorScope(ctx.sql, actor, input.clusterIds ?? [])
  }
  const id = newId('org', ctx.now().getTime())
  try {
    return await withTransaction(ctx, async (tx) => {
      await tx`
        insert into organizations (id, name, inn, ogrn, kinds, sme_size, description, website)
        values (${id}, ${input.name}, ${input.inn}, ${input.ogrn ?? null}, ${tx.array(input.kinds)}, ${input.smeSize ?? null},
                ${input.description ?? ''}, ${input.website ?? null})`
      await setOrganizationClusters(tx, id, input.clusterIds ?? [])
      const created = await selectOrganization(tx, id)
      if (!created) throw new Error(`organization ${id} vanished inside its own transaction`)
      return created
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('An organization with this INN or OGRN already exists', { field: 'body.inn' })
    throw err
  }
}
