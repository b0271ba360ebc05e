import { ErrorSummary, InputField } from '../components/fields.js'
import { useI18n } from '../components/i18n.js'
import { type FormErrors, errorCount } from '../forms/errors.js'

export function SignInPage({ email, next, errors }: { email: string; next: string; errors: FormErrors }) {
  const { t } = useI18n()
  return (
    <div class="narrow">
      <h1>{t('signin.title')}</h1>
      <p class="lead">{t('signin.lead')}</p>
      <ErrorSummary errors={errors} labels={{ email: t('signin.email'), password: t('signin.password') }} title={t('form.errors', { count: errorCount(errors) })} />
      <form method="post" action="/signin" class="stack">
        <input type="hidden" name="next" value={next} />
        <InputField name="email" type="email" label={t('signin.email')} value={email} errors={errors} autocomplete="username" required />
        <InputField name="password" type="password" label={t('signin.password')} value="" errors={errors} autocomplete="current-password" required />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            {t('signin.submit')}
          </button>
        </p>
      </form>
    </div>
  )
}
