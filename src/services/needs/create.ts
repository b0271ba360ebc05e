import type { Need, NeedInput } from '../../domain/need.js'
import { newId } from '../../lib/ids.js'
import { enqueueSearch } from '../../search/outbox.js'
import { assertOrganizationAccess } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { needColumns, selectNeed } from './row.js'
import { checkNeed, lockPoster } from './rules.js'

/**
 * Posted by the organization's members, by a curator covering it (on its behalf) or a platform admin; the
 * organization must be a contractor or a centre (lockPoster). A new need is a draft until it is published.
 */
export async function createNeed(ctx: ServiceContext, orgId: string, input: NeedInput): Promise<Need> {
  await assertOrganizationAccess(ctx, orgId, 'member')
  const id = newId('need', ctx.now().getTime())
  return withTransaction(ctx, async (tx) => {
    await lockPoster(tx, orgId)
    const delivery = await checkNeed(ctx, tx, orgId, input, input)
    if (!delivery) throw new Error('a new need was checked without its delivery')
    await tx`insert into needs ${tx({ id, orgId, ...needColumns(tx, input), ...delivery })}`
    await enqueueSearch(tx, 'need', [id])
    const created = await selectNeed(tx, id)
    if (!created) throw new Error(`need ${id} vanished inside its own transaction`)
    return created
  })
}
