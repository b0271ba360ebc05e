import type { Organization } from '../../src/domain/organization.js'
import type { Invitation } from '../../src/services/invitations/row.js'
import type { Member } from '../../src/services/members/row.js'
import { ErrorSummary, InputField, fieldId } from '../components/fields.js'
import { useI18n } from '../components/i18n.js'
import { type FormErrors, errorCount, fieldError } from '../forms/errors.js'

const ROLES = ['member', 'admin'] as const

export interface PeoplePageProps {
  organization: Organization
  members: Member[]
  invitations: Invitation[]
  invite: { email: string; role: string; errors: FormErrors }
  /** A refused change to one member or invitation, shown next to it. */
  rowError: { id: string; message: string } | null
  invited: boolean
}

function RowError({ id, rowError }: { id: string; rowError: PeoplePageProps['rowError'] }) {
  return rowError?.id === id ? (
    <p class="field-error" role="alert">
      {rowError.message}
    </p>
  ) : null
}

/** An organization's people, for those who manage them: members with their roles, pending invitations, a new one. */
export function PeoplePage({ organization, members, invitations, invite, rowError, invited }: PeoplePageProps) {
  const { t, fmt } = useI18n()
  const base = `/organizations/${organization.id}/people`
  const roleError = fieldError(invite.errors, 'role')
  return (
    <>
      <p class="breadcrumb">
        <a href={`/organizations/${organization.id}`}>{organization.name}</a>
      </p>
      <h1>{t('people.title')}</h1>
      {invited && (
        <p class="success" role="status">
          {t('people.invited')}
        </p>
      )}
      <section class="panel" aria-labelledby="members-heading">
        <h2 id="members-heading">{t('people.members')}</h2>
        <ul class="people-list">
          {members.map((member) => {
            const roleId = `role-${member.userId}`
            return (
              <li class="person" id={`member-${member.userId}`}>
                <div class="person__who">
                  <strong>{member.name}</strong> <span class="muted">{member.email}</span>
                  <span class="muted person__since">{t('people.since', { date: fmt.date(member.joinedAt.slice(0, 10)) })}</span>
                </div>
                <form method="post" action={`${base}/${member.userId}/role`} class="person__role">
                  <label for={roleId}>{t('people.role')}</label>
                  <div class="input-with-button">
                    <select id={roleId} name="role">
                      {ROLES.map((role) => (
                        <option value={role} selected={member.role === role}>
                          {t(`role.${role}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="button button--secondary">
                      {t('people.changeRole')}
                    </button>
                  </div>
                </form>
                <form method="post" action={`${base}/${member.userId}/remove`} class="person__remove">
                  <button type="submit" class="button button--secondary">
                    {t('people.remove')}
                  </button>
                </form>
                <RowError id={member.userId} rowError={rowError} />
              </li>
            )
          })}
        </ul>
      </section>
      <section class="panel" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t('people.invitations')}</h2>
        {invitations.length === 0 ? (
          <p class="empty">{t('people.noInvitations')}</p>
        ) : (
          <ul class="people-list">
            {invitations.map((invitation) => (
              <li class="person" id={`invitation-${invitation.id}`}>
                <div class="person__who">
                  <strong>{invitation.email}</strong> <span class="badge">{t(`role.${invitation.role}`)}</span>
                  <span class="muted person__since">{t('people.invitedBy', { name: invitation.invitedBy.name, date: fmt.dateTime(invitation.expiresAt) })}</span>
                </div>
                <form method="post" action={`/organizations/${organization.id}/invitations/${invitation.id}/revoke`} class="person__remove">
                  <button type="submit" class="button button--secondary">
                    {t('people.revoke')}
                  </button>
                </form>
                <RowError id={invitation.id} rowError={rowError} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="panel" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t('people.invite')}</h2>
        <p class="hint">{t('people.inviteLead')}</p>
        <ErrorSummary errors={invite.errors} labels={{ email: t('people.email'), role: t('people.role') }} title={t('form.errors', { count: errorCount(invite.errors) })} />
        <form method="post" action={`${base}/invite`} class="stack narrow" novalidate>
          <InputField name="email" type="email" label={t('people.email')} value={invite.email} errors={invite.errors} autocomplete="off" required />
          <fieldset id={fieldId('role')} class={roleError ? 'subfields field--invalid' : 'subfields'}>
            <legend>{t('people.role')}</legend>
            <ul class="choices choices--inline">
              {ROLES.map((role) => (
                <li>
                  <input type="radio" id={`${fieldId('role')}-${role}`} name="role" value={role} checked={invite.role === role} />
                  <label for={`${fieldId('role')}-${role}`}>{t(`role.${role}`)}</label>
                </li>
              ))}
            </ul>
            {roleError && <p class="field-error">{roleError}</p>}
          </fieldset>
          <p class="form-actions">
            <button type="submit" class="button button--primary">
              {t('people.send')}
            </button>
          </p>
        </form>
      </section>
    </>
  )
}
