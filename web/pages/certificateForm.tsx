import { CERTIFICATES, type CertificateKind } from '../../src/domain/taxonomy/index.js'
import type { Certificate } from '../../src/domain/certificate.js'
import type { CertificateFileInfo } from '../../src/services/certificates/getFile.js'
import type { Organization } from '../../src/domain/organization.js'
import { ErrorSummary, FieldError, InputField, RequiredMark, TextAreaField, fieldId } from '../components/fields.js'
import { useI18n } from '../components/i18n.js'
import type { CertificateFormValues } from '../forms/certificateForm.js'
import { type FormErrors, errorCount, fieldError } from '../forms/errors.js'
import { certificateFullName } from '../labels.js'

const KIND_ORDER: readonly CertificateKind[] = ['qms', 'sector_qms', 'process', 'regulatory', 'product', 'personnel', 'ems', 'ohsms', 'enms', 'accreditation', 'class_society']

export interface CertificateFormProps {
  organization: Organization
  /** The stored certificate when editing: its verification status is shown. */
  certificate: Certificate | null
  /** The attached scan, when there is one. */
  file: CertificateFileInfo | null
  values: CertificateFormValues
  errors: FormErrors
}

/** The catalogue as a grouped list: one standard per certificate. */
function StandardSelect({ value, errors }: { value: string; errors: FormErrors }) {
  const { t, lang } = useI18n()
  const error = fieldError(errors, 'standard')
  const id = fieldId('standard')
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>
        {t('certForm.standard')} <RequiredMark />
      </label>
      <select id={id} name="standard" aria-required="true" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">{t('certForm.chooseStandard')}</option>
        {KIND_ORDER.map((kind) => {
          const certificates = CERTIFICATES.filter((certificate) => certificate.kind === kind)
          return certificates.length === 0 ? null : (
            <optgroup label={t(`certKind.${kind}`)}>
              {certificates.map((certificate) => (
                <option value={certificate.code} selected={certificate.code === value}>
                  {certificateFullName(certificate.code, lang)}
                </option>
              ))}
            </optgroup>
          )
        })}
      </select>
      <FieldError name="standard" error={error} />
    </div>
  )
}

/** A certificate as its holder states it, with its scan; the centre verifies it. */
export function CertificateFormPage({ organization, certificate, file, values, errors }: CertificateFormProps) {
  const { t } = useI18n()
  const base = `/organizations/${organization.id}/certificates`
  const action = certificate ? `${base}/${certificate.id}/edit` : `${base}/new`
  const labels = {
    standard: t('certForm.standard'),
    number: t('cert.number'),
    issuer: t('cert.issuer'),
    validFrom: t('certForm.validFrom'),
    validUntil: t('certForm.validUntil'),
    scope: t('certForm.scope'),
  }
  return (
    <div class="narrow narrow--wide">
      <p class="breadcrumb">
        <a href={`/organizations/${organization.id}/edit`}>{t('edit.title', { name: organization.name })}</a>
      </p>
      <h1>{t(certificate ? 'certForm.editTitle' : 'certForm.newTitle')}</h1>
      {certificate && (
        <p>
          {t('certForm.status')}: <span class={`badge badge--${certificate.status}`}>{t(`certStatus.${certificate.status}`)}</span>
          {certificate.status === 'rejected' && certificate.statusReason && <span class="muted"> {t('cert.reason', { reason: certificate.statusReason })}</span>}
        </p>
      )}
      <p class="hint">{t(certificate ? 'certForm.editHint' : 'certForm.newHint')}</p>
      <ErrorSummary errors={errors} labels={labels} title={t('form.errors', { count: errorCount(errors) })} />
      <form method="post" action={action} class="stack" novalidate>
        <StandardSelect value={values.standard} errors={errors} />
        <InputField name="number" label={labels.number} value={values.number} errors={errors} required />
        <InputField name="issuer" label={labels.issuer} value={values.issuer} errors={errors} hint={t('certForm.issuerHint')} required />
        <div class="grid grid--2">
          <InputField name="validFrom" type="date" label={labels.validFrom} value={values.validFrom} errors={errors} required />
          <InputField name="validUntil" type="date" label={labels.validUntil} value={values.validUntil} errors={errors} hint={t('certForm.validUntilHint')} />
        </div>
        <TextAreaField name="scope" label={labels.scope} value={values.scope} errors={errors} hint={t('certForm.scopeHint')} rows={3} />
        <p class="form-actions">
          <button type="submit" class="button button--primary">
            {t(certificate ? 'edit.save' : 'certForm.create')}
          </button>
        </p>
      </form>
      {certificate && (
        <section class="panel" aria-labelledby="certificate-file-heading">
          <h2 id="certificate-file-heading">{t('certForm.fileTitle')}</h2>
          <form method="post" action={`${base}/${certificate.id}/file`} enctype="multipart/form-data" class="stack">
            <div class="field">
              <label for={fieldId('file')}>{t('certForm.file')}</label>
              <p id={`${fieldId('file')}-hint`} class="hint">
                {t('certForm.fileHint')}
              </p>
              <input
                type="file"
                id={fieldId('file')}
                name="file"
                accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                aria-describedby={`${fieldId('file')}-hint${errors.fields.file?.length ? ` ${fieldId('file')}-error` : ''}`}
                required
              />
              <FieldError name="file" error={errors.fields.file?.[0] ?? null} />
            </div>
            <p class="form-actions">
              <button type="submit" class="button">
                {t('certForm.upload')}
              </button>
              {file && <a href={`/api/certificates/${certificate.id}/file`}>{t('certForm.download')}: {file.name}</a>}
            </p>
          </form>
        </section>
      )}
    </div>
  )
}
