import type { Organization } from '../../src/domain/organization.js'
import type { Site } from '../../src/domain/site.js'
import { ErrorSummary, FormSection, InputField, SelectField, TextAreaField, fieldId } from '../components/fields.js'
import { useI18n } from '../components/i18n.js'
import { type Choice, TaxonomyPicker } from '../components/pickers.js'
import { type CapacityFormValues, formMonths, hoursField } from '../forms/capacityForm.js'
import { type FormErrors, errorCount, fieldError } from '../forms/errors.js'
import type { I18n } from '../i18n/index.js'
import { EnvelopeFields, IT_GRADES, materialChoices, processChoices } from './needForm.js'

export interface CapacityFormProps {
  organization: Organization
  /** Null for a new capacity. */
  capacityId: string | null
  sites: Site[]
  values: CapacityFormValues
  errors: FormErrors
  processesFound: Choice[]
  materialsFound: Choice[]
  /** 'YYYY-MM-DD': the free-hours table starts at this month. */
  today: string
}

function fieldLabels({ t }: I18n, months: string[], fmt: I18n['fmt']): Record<string, string> {
  return {
    siteId: t('capacity.site'),
    title: t('capacityForm.title'),
    processes: t('capacity.processes'),
    materials: t('capacity.materials'),
    equipment: t('capacity.equipment'),
    envelope: t('capacity.envelope'),
    lengthMm: t('field.length'),
    widthMm: t('field.width'),
    heightMm: t('field.height'),
    massKg: t('field.mass'),
    itGrade: t('field.itGrade'),
    roughnessRa: t('field.roughness'),
    batchMin: t('capacityForm.batchMin'),
    batchMax: t('capacityForm.batchMax'),
    leadTimeDays: t('capacityForm.leadTime'),
    descriptionRu: t('capacityForm.descriptionRu'),
    descriptionEn: t('capacityForm.descriptionEn'),
    freeHours: t('capacity.freeHours'),
    ...Object.fromEntries(months.map((month) => [hoursField(month), `${t('capacity.freeHours')}: ${fmt.month(month)}`])),
  }
}

/** Free machine hours by month: a row per month, a year ahead and any month already filled in. */
function FreeHoursFields({ values, errors, today }: Pick<CapacityFormProps, 'values' | 'errors' | 'today'>) {
  const { t, fmt } = useI18n()
  const months = formMonths(today, values.hours)
  const error = fieldError(errors, 'freeHours')
  // The section's legend names the group; the months are its fields.
  return (
    <div id={fieldId('freeHours')} class="subfields">
      <p class="hint">{t('capacityForm.hoursHint')}</p>
      <div class="hours-grid">
        {months.map((month) => (
          <InputField name={hoursField(month)} label={fmt.month(month)} value={values.hours[month] ?? ''} errors={errors} inputmode="numeric" class="field--compact" />
        ))}
      </div>
      {error && <p class="field-error">{error}</p>}
    </div>
  )
}

/** A capacity: what a site can make, how precisely, in what batches, and when it has machine hours free. */
export function CapacityFormPage(props: CapacityFormProps) {
  const i18n = useI18n()
  const { t } = i18n
  const { organization, values, errors, sites } = props
  const base = `/organizations/${organization.id}/capacities`
  const action = props.capacityId ? `${base}/${props.capacityId}/edit` : `${base}/new`
  return (
    <>
      <p class="breadcrumb">
        <a href={`/organizations/${organization.id}/edit`}>{t('edit.title', { name: organization.name })}</a>
      </p>
      <h1>{t(props.capacityId ? 'capacityForm.editTitle' : 'capacityForm.newTitle')}</h1>
      <ErrorSummary errors={errors} labels={fieldLabels(i18n, formMonths(props.today, values.hours), i18n.fmt)} title={t('form.errors', { count: errorCount(errors) })} />
      {sites.length === 0 ? (
        <p class="notice">
          {t('capacityForm.noSites')} <a href={`/organizations/${organization.id}/edit#sites`}>{t('edit.addSite')}</a>
        </p>
      ) : (
        <form method="post" action={action} class="need-form" novalidate>
          <FormSection legend={t('capacityForm.sectionWhat')}>
            <SelectField name="siteId" label={t('capacity.site')} value={values.siteId} errors={errors} options={sites.map((site) => ({ value: site.id, label: `${site.name} — ${site.address}` }))} />
            <InputField name="title" label={t('capacityForm.title')} value={values.title} errors={errors} hint={t('capacityForm.titleHint')} required />
            <TaxonomyPicker
              name="processes"
              queryName="processQuery"
              legend="capacity.processes"
              searchLabel="field.processSearch"
              hint="field.processSearch.hint"
              query={values.processQuery}
              selected={processChoices(values.processes, i18n)}
              found={props.processesFound}
              optionsUrl="/needs/new/options/processes"
              errors={errors}
              required
            />
            <TextAreaField name="equipment" label={t('capacity.equipment')} value={values.equipment} errors={errors} hint={t('capacityForm.equipmentHint')} rows={3} />
            <TaxonomyPicker
              name="materials"
              queryName="materialQuery"
              legend="capacity.materials"
              searchLabel="field.materialSearch"
              hint="field.materialSearch.hint"
              query={values.materialQuery}
              selected={materialChoices(values.materials, i18n)}
              found={props.materialsFound}
              optionsUrl="/needs/new/options/materials"
              errors={errors}
            />
          </FormSection>
          <FormSection legend={t('capacityForm.sectionLimits')}>
            <EnvelopeFields values={values} errors={errors} legend={t('capacity.envelope')} />
            <div class="grid grid--2">
              <SelectField
                name="itGrade"
                label={t('field.itGrade')}
                value={values.itGrade}
                errors={errors}
                hint={t('capacityForm.itGradeHint')}
                options={[{ value: '', label: t('common.notSpecified') }, ...IT_GRADES.map((grade) => ({ value: String(grade), label: t('unit.itGrade', { grade }) }))]}
              />
              <InputField name="roughnessRa" label={t('field.roughness')} value={values.roughnessRa} errors={errors} inputmode="decimal" hint={t('capacityForm.roughnessHint')} />
            </div>
            <div class="grid grid--3">
              <InputField name="batchMin" label={t('capacityForm.batchMin')} value={values.batchMin} errors={errors} inputmode="numeric" />
              <InputField name="batchMax" label={t('capacityForm.batchMax')} value={values.batchMax} errors={errors} inputmode="numeric" />
              <InputField name="leadTimeDays" label={t('capacityForm.leadTime')} value={values.leadTimeDays} errors={errors} inputmode="numeric" />
            </div>
          </FormSection>
          <FormSection legend={t('capacityForm.sectionHours')}>
            <FreeHoursFields values={values} errors={errors} today={props.today} />
          </FormSection>
          <FormSection legend={t('capacityForm.sectionDescription')}>
            <TextAreaField name="descriptionRu" label={t('capacityForm.descriptionRu')} value={values.descriptionRu} errors={errors} />
            <TextAreaField name="descriptionEn" label={t('capacityForm.descriptionEn')} value={values.descriptionEn} errors={errors} />
          </FormSection>
          <p class="form-actions">
            <button type="submit" name="intent" value="save" class="button button--primary">
              {t(props.capacityId ? 'edit.save' : 'capacityForm.create')}
            </button>
          </p>
        </form>
      )}
    </>
  )
}
