import { ErrorSummary, InputField } from '../components/fields.js'
import { useI18n } from '../components/i18n.js'
import { type FormErrors, errorCount } from '../forms/errors.js'
import type { InvitationPreview } from '../../src/services/invitations/preview.js'

/** Passwords are never sent back into a form: after an error the fields come back empty, the message stays. */
export function PasswordPage({ errors, changed }: { errors: FormErrors; changed: boolean }) {
  const { t } = useI18n()
  return (
    <div class="narrow">
      <h1>{t('password.title')}</h1>
      {changed && (
        <p class="success" role="status">
          {t('password.changed')}
        </p>
      )}
      <p class="lead">{t('password.lead')}</p>
      <ErrorSummary
        errors={errors}
        labels={{ current: t('password.current'), next: t('password.next'), confirm: t('password.confirm') }}
        title={t('form.errors', { count: errorCount(errors) })}
      />
      <form method="post" action="/account/password" class="stack" novalidate>
        <InputField name="current" type="password" label={t('password.current')} value="" errors={errors} autocomplete="current-password" required />
        <InputField name="next" type="password" label={t('password.next')} value="" errors={errors} autocomplete="new-password" hint={t('password.rules')} required />
        <InputField name="confirm" type="password" label={t('password.confirm')} value="" errors={errors} autocomplete="new-password" required />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            {t('password.submit')}
          </button>
        </p>
      </form>
    </div>
  )
}

export interface InvitationPageProps {
  token: string
  preview: InvitationPreview
  name: string
  errors: FormErrors
}

/** What the invitation is for, then a new account's name and password, or the existing account's password. */
export function InvitationPage({ token, preview, name, errors }: InvitationPageProps) {
  const { t, fmt } = useI18n()
  const labels = { name: t('invitation.name'), password: preview.existingAccount ? t('invitation.existingPassword') : t('invitation.password'), confirm: t('password.confirm') }
  return (
    <div class="narrow">
      <h1>{t('invitation.title', { organization: preview.organizationName })}</h1>
      <p class="lead">{t(preview.kind === 'organization' ? 'invitation.leadOrganization' : 'invitation.leadColleague')}</p>
      <dl class="facts">
        <div>
          <dt>{t('invitation.organization')}</dt>
          <dd>{preview.organizationName}</dd>
        </div>
        <div>
          <dt>{t('invitation.email')}</dt>
          <dd>{preview.email}</dd>
        </div>
        <div>
          <dt>{t('invitation.role')}</dt>
          <dd>{t(`role.${preview.role}`)}</dd>
        </div>
        <div>
          <dt>{t('invitation.expires')}</dt>
          <dd>{fmt.dateTime(preview.expiresAt)}</dd>
        </div>
      </dl>
      <ErrorSummary errors={errors} labels={labels} title={t('form.errors', { count: errorCount(errors) })} />
      <form method="post" action={`/invitations/${token}`} class="stack" novalidate>
        {preview.existingAccount ? (
          <>
            <p>{t('invitation.existing', { email: preview.email })}</p>
            <InputField name="password" type="password" label={labels.password} value="" errors={errors} autocomplete="current-password" required />
          </>
        ) : (
          <>
            <InputField name="name" label={labels.name} value={name} errors={errors} autocomplete="name" required />
            <InputField name="password" type="password" label={labels.password} value="" errors={errors} autocomplete="new-password" hint={t('password.rules')} required />
            <InputField name="confirm" type="password" label={labels.confirm} value="" errors={errors} autocomplete="new-password" required />
          </>
        )}
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            {t('invitation.submit')}
          </button>
        </p>
      </form>
    </div>
  )
}
