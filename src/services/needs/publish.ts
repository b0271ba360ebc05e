import type { Need, NeedStatus } from '../../domain/need.js'
import { ConflictError, NotFoundError } from '../../lib/errors.js'
import { enqueueSearch } from '../../search/outbox.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { selectNeed } from './row.js'
import { today } from './rules.js'

/** The full status workflow comes later; matching needs published needs now. */
export const PUBLISHABLE_FROM: readonly NeedStatus[] = ['draft', 'submitted']

export async function publishNeed(ctx: ServiceContext, id: string): Promise<Need> {
  return withTransaction(ctx, async (tx) => {
    const [current] = await tx<{ status: NeedStatus; deadline: string }[]>`select status, deadline from needs where id = ${id} for update`
    if (!current) throw new NotFoundError('Need', id)
    if (!PUBLISHABLE_FROM.includes(current.status)) {
      throw new ConflictError(
        `Потребность в статусе «${current.status}» нельзя опубликовать; публикация возможна из статусов: ${PUBLISHABLE_FROM.join(', ')} / A need in status "${current.status}" cannot be published; allowed from: ${PUBLISHABLE_FROM.join(', ')}`,
        // Not `status`: that member of the problem is the HTTP status.
        { currentStatus: current.status, allowedFrom: PUBLISHABLE_FROM },
      )
    }
    // Suppliers could not meet a deadline that has already come.
    if (current.deadline <= today(ctx)) {
      throw new ConflictError(
        `Срок потребности (${current.deadline}) уже наступил: перенесите его, затем опубликуйте / The deadline (${current.deadline}) has come: move it, then publish`,
        { deadline: current.deadline },
      )
    }
    await tx`update needs set status = 'published', published_at = ${ctx.now()}, updated_at = now() where id = ${id}`
    await enqueueSearch(tx, 'need', [id])
    const published = await selectNeed(tx, id)
    if (!published) throw new NotFoundError('Need', id)
    return published
  })
}
