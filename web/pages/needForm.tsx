import type { Cluster } from '../../src/domain/cluster.js'
import { NEED_VISIBILITIES } from '../../src/domain/need.js'
import type { Organization } from '../../src/domain/organization.js'
import { ErrorSummary, FormSection, InputField, SelectField, TextAreaField, fieldId } from '../components/fields.js'
import { useI18n } from '../components/i18n.js'
import { CertificatePicker, type Choice, TaxonomyPicker } from '../components/pickers.js'
import { type FormErrors, errorCount, fieldError } from '../forms/errors.js'
import type { NeedFormValues } from '../forms/needForm.js'
import type { I18n } from '../i18n/index.js'
import { materialName, processName } from '../labels.js'

export const IT_GRADES = Array.from({ length: 18 }, (_, i) => i + 1)

export function processChoices(codes: readonly string[], i18n: I18n): Choice[] {
  return codes.map((code) => ({ code, name: processName(code, i18n.lang) }))
}

export function materialChoices(codes: readonly string[], i18n: I18n): Choice[] {
  return codes.map((code) => ({ code, name: materialName(code, i18n.lang) }))
}

/** Field names → their labels, for the error summary's links. */
function fieldLabels({ t }: I18n): Record<string, string> {
  return {
    title: t('field.title'),
    description: t('field.description'),
    processes: t('field.processes'),
    materials: t('field.materials'),
    envelope: t('field.envelope'),
    lengthMm: t('field.length'),
    widthMm: t('field.width'),
    heightMm: t('field.height'),
    massKg: t('field.mass'),
    itGrade: t('field.itGrade'),
    roughnessRa: t('field.roughness'),
    quantity: t('field.quantity'),
    batchSize: t('field.batchSize'),
    machineHours: t('field.machineHours'),
    requiredCerts: t('field.requiredCerts'),
    preferredCerts: t('field.preferredCerts'),
    delivery: t('field.delivery'),
    deadline: t('field.deadline'),
    visibility: t('field.visibility'),
    clusterId: t('field.cluster'),
    invitedOrgIds: t('field.invited'),
    maxDistanceKm: t('field.maxDistance'),
  }
}

export interface NeedFormProps {
  organization: Organization
  values: NeedFormValues
  errors: FormErrors
  processesFound: Choice[]
  materialsFound: Choice[]
  clusters: Cluster[]
}

export interface EnvelopeValues {
  lengthMm: string
  widthMm: string
  heightMm: string
  massKg: string
}

/** The part envelope (L×W×H, mass) of a need or a capacity; `legend` names whose envelope it is. */
export function EnvelopeFields({ values, errors, legend }: { values: EnvelopeValues; errors: FormErrors; legend: string }) {
  const { t } = useI18n()
  const error = fieldError(errors, 'envelope')
  return (
    <fieldset id={fieldId('envelope')} class="subfields" aria-describedby={`${fieldId('envelope')}-hint`}>
      <legend>{legend}</legend>
      <p id={`${fieldId('envelope')}-hint`} class="hint">
        {t('field.envelope.hint')}
      </p>
      <div class="grid grid--4">
        <InputField name="lengthMm" label={t('field.length')} value={values.lengthMm} errors={errors} inputmode="decimal" />
        <InputField name="widthMm" label={t('field.width')} value={values.widthMm} errors={errors} inputmode="decimal" />
        <InputField name="heightMm" label={t('field.height')} value={values.heightMm} errors={errors} inputmode="decimal" />
        <InputField name="massKg" label={t('field.mass')} value={values.massKg} errors={errors} inputmode="decimal" />
      </div>
      {error && <p class="field-error">{error}</p>}
    </fieldset>
  )
}

function VisibilityFields({ values, errors, clusters }: Pick<NeedFormProps, 'values' | 'errors' | 'clusters'>) {
  const i18n = useI18n()
  const { t } = i18n
  const error = fieldError(errors, 'visibility')
  return (
    <>
      <fieldset id={fieldId('visibility')} class={error ? 'subfields field--invalid' : 'subfields'} aria-describedby={error ? `${fieldId('visibility')}-error` : undefined}>
        <legend>{t('field.visibility')}</legend>
        <ul class="choices choices--inline">
          {NEED_VISIBILITIES.map((visibility) => (
            <li>
              <input type="radio" id={`${fieldId('visibility')}-${visibility}`} name="visibility" value={visibility} checked={values.visibility === visibility} />
              <label for={`${fieldId('visibility')}-${visibility}`}>{t(`visibility.${visibility}`)}</label>
            </li>
          ))}
        </ul>
        {error && (
          <p id={`${fieldId('visibility')}-error`} class="field-error">
            {error}
          </p>
        )}
      </fieldset>
      <div class="grid grid--2">
        <SelectField
          name="clusterId"
          label={t('field.cluster')}
          value={values.clusterId}
          errors={errors}
          options={[{ value: '', label: t('field.cluster.none') }, ...clusters.map((cluster) => ({ value: cluster.id, label: i18n.pick({ ru: cluster.nameRu, en: cluster.nameEn }) }))]}
        />
        <InputField name="invitedOrgIds" label={t('field.invited')} value={values.invitedOrgIds} errors={errors} hint={t('field.invited.hint')} />
      </div>
    </>
  )
}

export function NeedFormPage(props: NeedFormProps) {
  const i18n = useI18n()
  const { t } = i18n
  const { organization, values, errors } = props
  const action = `/needs/new?org=${encodeURIComponent(organization.id)}`
  return (
    <>
      <h1>{t('needForm.title')}</h1>
      <p class="lead">{t('needForm.lead')}</p>
      <p>
        {t('need.contractor')}: <a href={`/organizations/${organization.id}`}>{organization.name}</a>
      </p>
      <ErrorSummary errors={errors} labels={fieldLabels(i18n)} title={t('form.errors', { count: errorCount(errors) })} />
      <form method="post" action={action} class="need-form" novalidate>
        <FormSection legend={t('needForm.sectionPart')}>
          <InputField name="title" label={t('field.title')} value={values.title} errors={errors} required />
          <TaxonomyPicker
            name="processes"
            queryName="processQuery"
            legend="field.processes"
            searchLabel="field.processSearch"
            hint="field.processSearch.hint"
            query={values.processQuery}
            selected={processChoices(values.processes, i18n)}
            found={props.processesFound}
            optionsUrl="/needs/new/options/processes"
            errors={errors}
            required
          />
          <TaxonomyPicker
            name="materials"
            queryName="materialQuery"
            legend="field.materials"
            searchLabel="field.materialSearch"
            hint="field.materialSearch.hint"
            query={values.materialQuery}
            selected={materialChoices(values.materials, i18n)}
            found={props.materialsFound}
            optionsUrl="/needs/new/options/materials"
            errors={errors}
          />
          <TextAreaField name="description" label={t('field.description')} value={values.description} errors={errors} hint={t('field.description.hint')} />
          <EnvelopeFields values={values} errors={errors} legend={t('field.envelope')} />
        </FormSection>
        <FormSection legend={t('needForm.sectionQuality')}>
          <div class="grid grid--2">
            <SelectField
              name="itGrade"
              label={t('field.itGrade')}
              value={values.itGrade}
              errors={errors}
              options={[{ value: '', label: t('field.itGrade.none') }, ...IT_GRADES.map((grade) => ({ value: String(grade), label: t('unit.itGrade', { grade }) }))]}
            />
            <InputField name="roughnessRa" label={t('field.roughness')} value={values.roughnessRa} errors={errors} inputmode="decimal" />
          </div>
          <div class="grid grid--2 grid--wide-only">
            <CertificatePicker name="requiredCerts" legend="field.requiredCerts" selected={values.requiredCerts} errors={errors} openKinds={['qms', 'sector_qms']} />
            <CertificatePicker name="preferredCerts" legend="field.preferredCerts" selected={values.preferredCerts} errors={errors} openKinds={[]} />
          </div>
          <div class="field field--check">
            <input type="checkbox" id={fieldId('strictNational')} name="strictNational" checked={values.strictNational} />
            <label for={fieldId('strictNational')}>{t('field.strictNational')}</label>
          </div>
        </FormSection>
        <FormSection legend={t('needForm.sectionDelivery')}>
          <div class="grid grid--3">
            <InputField name="quantity" label={t('field.quantity')} value={values.quantity} errors={errors} inputmode="numeric" />
            <InputField name="batchSize" label={t('field.batchSize')} value={values.batchSize} errors={errors} inputmode="numeric" />
            <InputField name="machineHours" label={t('field.machineHours')} value={values.machineHours} errors={errors} inputmode="decimal" />
          </div>
          <InputField
            name="delivery"
            label={t('field.delivery')}
            value={values.delivery}
            errors={errors}
            hint={t('field.delivery.hint')}
            required
            autocomplete="off"
            control={{
              list: 'delivery-cities',
              'hx-get': '/needs/new/cities',
              'hx-trigger': 'input changed delay:250ms',
              'hx-target': '#delivery-cities',
              'hx-sync': 'this:replace',
            }}
          />
          <datalist id="delivery-cities"></datalist>
          <div class="grid grid--2">
            <InputField name="deadline" type="date" label={t('field.deadline')} value={values.deadline} errors={errors} required />
            <InputField name="maxDistanceKm" label={t('field.maxDistance')} value={values.maxDistanceKm} errors={errors} inputmode="numeric" hint={t('field.maxDistance.hint')} />
          </div>
          <VisibilityFields values={values} errors={errors} clusters={props.clusters} />
        </FormSection>
        <p class="form-actions">
          <button type="submit" name="intent" value="create" class="button button--primary">
            {t('needForm.submit')}
          </button>
        </p>
      </form>
    </>
  )
}

export interface OrganizationChoice {
  id: string
  name: string
  inn: string
}

/** Without `?org=`: find the contractor the request is for. */
export function ChooseOrganizationPage({ q, organizations }: { q: string; organizations: OrganizationChoice[] }) {
  const { t } = useI18n()
  return (
    <>
      <h1>{t('needForm.title')}</h1>
      <p class="lead">{t('needForm.lead')}</p>
      <form method="get" action="/needs/new" class="inline-search" role="search">
        <div class="field field--grow">
          <label for="org-q">{t('needForm.orgQuery')}</label>
          <div class="input-with-button">
            <input type="search" id="org-q" name="q" value={q} />
            <button type="submit" class="button">
              {t('needForm.orgSearch')}
            </button>
          </div>
        </div>
      </form>
      <h2>{t('needForm.chooseOrg')}</h2>
      {organizations.length === 0 ? (
        <p class="empty">{t('needForm.noOrgs')}</p>
      ) : (
        <ul class="link-list">
          {organizations.map((organization) => (
            <li>
              <a href={`/needs/new?org=${encodeURIComponent(organization.id)}`}>{organization.name}</a> <span class="muted">{`${t('org.inn')} ${organization.inn}`}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
