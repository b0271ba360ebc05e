import type { MatchNote } from '../../domain/match.js'
import { audit } from '../audit.js'
import { ForbiddenError, requireSignedIn } from '../authorization.js'
import { type ServiceContext, withTransaction } from '../context.js'
import { lockMatch, needForCuration, matchEntityId } from './pipeline.js'

/** A curator's working note on a pair (a call, a visit, a doubt); notes are the curators' own, never shown to the parties. */
export async function addMatchNote(ctx: ServiceContext, needId: string, orgId: string, input: { body: string }): Promise<MatchNote> {
  const actor = requireSignedIn(ctx.actor)
  if (actor.kind !== 'user') throw new ForbiddenError('Заметку пишет человек / A note is written by a person')
  return withTransaction(ctx, async (tx) => {
    await needForCuration(tx, actor, needId, { lock: true })
    await lockMatch(tx, needId, orgId)
    const [note] = await tx<{ id: string; createdAt: Date; authorName: string }[]>`
      with inserted as (
        insert into match_notes (need_id, supplier_org_id, author_user_id, body, created_at)
        values (${needId}, ${orgId}, ${actor.userId}, ${input.body.trim()}, ${ctx.now()})
        returning id, author_user_id, created_at
      )
      select i.id::text as id, i.created_at, u.name as author_name from inserted i join users u on u.id = i.author_user_id`
    if (!note) throw new Error('the note vanished inside its own transaction')
    await audit(tx, actor, { action: 'match.note', entity: 'match', entityId: matchEntityId(needId, orgId), details: { needId, orgId, noteId: note.id } })
    return { id: note.id, needId, orgId, author: { userId: actor.userId, name: note.authorName }, body: input.body.trim(), createdAt: note.createdAt.toISOString() }
  })
}
