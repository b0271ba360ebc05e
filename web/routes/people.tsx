import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { emailSchema } from '../../src/domain/user.js'
import { ConflictError } from '../../src/lib/errors.js'
import { inviteColleague } from '../../src/services/invitations/inviteColleague.js'
import { listInvitations } from '../../src/services/invitations/list.js'
import { revokeInvitation } from '../../src/services/invitations/revoke.js'
import { changeMemberRole } from '../../src/services/members/changeRole.js'
import { listMembers } from '../../src/services/members/list.js'
import { removeMember } from '../../src/services/members/remove.js'
import { getOrganization } from '../../src/services/organizations/get.js'
import type { WebEnv } from '../env.js'
import { type FormErrors, NO_ERRORS, errorsFromIssues, errorsFromService } from '../forms/errors.js'
import { localizedHalf } from '../i18n/index.js'
import { PeoplePage, type PeoplePageProps } from '../pages/people.js'
import { type WebContext, renderPage } from '../render.js'
import { explainable, parsedId, publicOriginOf, statusOf } from './shared.js'

const inviteSchema = z.object({ email: emailSchema, role: z.enum(['member', 'admin']) })

interface PeopleState {
  status?: ContentfulStatusCode
  invite?: PeoplePageProps['invite']
  rowError?: PeoplePageProps['rowError']
}

/** listInvitations asks first: only those who manage the people (its admins, curators in scope, admins) get further. */
async function peoplePage(c: WebContext, orgId: string, state: PeopleState = {}): Promise<Response> {
  const ctx = c.var.ctx
  const invitations = await listInvitations(ctx, orgId)
  const [organization, members] = await Promise.all([getOrganization(ctx, orgId), listMembers(ctx, orgId)])
  return renderPage(
    c,
    { title: `${c.var.i18n.t('people.title')}: ${organization.name}`, status: state.status ?? 200, returnTo: `/organizations/${orgId}/people` },
    <PeoplePage
      organization={organization}
      members={members}
      invitations={invitations}
      invite={state.invite ?? { email: '', role: 'member', errors: NO_ERRORS }}
      rowError={state.rowError ?? null}
      invited={c.req.query('invited') === '1'}
    />,
  )
}

const orgIdOf = (c: WebContext) => parsedId('org', c.req.param('id') ?? '', 'Organization')

/** A change to one person or invitation: done, back to the page; refused, the page says why next to the row. */
async function rowAction(c: WebContext, rowId: string, act: () => Promise<unknown>): Promise<Response> {
  const orgId = orgIdOf(c)
  try {
    await act()
  } catch (error) {
    if (!explainable(error)) throw error
    return peoplePage(c, orgId, { status: statusOf(error), rowError: { id: rowId, message: localizedHalf(error.message, c.var.i18n.lang) } })
  }
  return c.redirect(`/organizations/${orgId}/people`, 303)
}

export const peopleRoutes = new Hono<WebEnv>()
  .get('/organizations/:id/people', (c) => peoplePage(c, orgIdOf(c)))
  .post('/organizations/:id/people/invite', async (c) => {
    const orgId = orgIdOf(c)
    const { t, lang } = c.var.i18n
    const body = await c.req.parseBody()
    const email = typeof body.email === 'string' ? body.email.trim() : ''
    const role = typeof body.role === 'string' ? body.role : 'member'
    const parsed = inviteSchema.safeParse({ email: email || undefined, role })
    const fieldOf = (path: string) => (path === 'email' || path === 'role' ? path : null)
    if (!parsed.success) return peoplePage(c, orgId, { status: 400, invite: { email, role, errors: errorsFromIssues(parsed.error.issues, fieldOf, lang, t('form.missing')) } })
    try {
      await inviteColleague(c.var.ctx, orgId, parsed.data, publicOriginOf(c))
    } catch (error) {
      if (!explainable(error)) throw error
      // "Already a member" names the field it is about in its extensions rather than in field errors.
      const aboutEmail = error instanceof ConflictError && error.extensions.field === 'body.email'
      const errors: FormErrors = aboutEmail ? { fields: { email: [localizedHalf(error.message, lang)] }, form: [] } : errorsFromService(error, fieldOf, lang)
      return peoplePage(c, orgId, { status: statusOf(error), invite: { email, role, errors } })
    }
    return c.redirect(`/organizations/${orgId}/people?invited=1`, 303)
  })
  .post('/organizations/:id/people/:userId/role', async (c) => {
    const userId = parsedId('usr', c.req.param('userId'), 'Member')
    const body = await c.req.parseBody()
    const role = body.role === 'admin' ? 'admin' : 'member'
    return rowAction(c, userId, () => changeMemberRole(c.var.ctx, orgIdOf(c), userId, role))
  })
  .post('/organizations/:id/people/:userId/remove', (c) => {
    const userId = parsedId('usr', c.req.param('userId'), 'Member')
    return rowAction(c, userId, () => removeMember(c.var.ctx, orgIdOf(c), userId))
  })
  .post('/organizations/:id/invitations/:invitationId/revoke', (c) => {
    const invitationId = parsedId('inv', c.req.param('invitationId'), 'Invitation')
    return rowAction(c, invitationId, () => revokeInvitation(c.var.ctx, invitationId))
  })
