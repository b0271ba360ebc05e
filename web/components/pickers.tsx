import { CERTIFICATES, type CertificateKind } from '../../src/domain/taxonomy/index.js'
import { fieldError, type FormErrors } from '../forms/errors.js'
import type { PlainKey } from '../i18n/index.js'
import { certificateFullName } from '../labels.js'
import { FieldError, RequiredMark, fieldId } from './fields.js'
import { useI18n } from './i18n.js'

export interface Choice {
  code: string
  name: string
}

function optionsId(name: string): string {
  return `${fieldId(name)}-options`
}

/** Checked choices first (kept whatever the search), then what the search found that is not chosen yet. */
export function PickerOptions({ name, selected, found, searched }: { name: string; selected: Choice[]; found: Choice[]; searched: boolean }) {
  const { t } = useI18n()
  const fresh = found.filter((choice) => !selected.some((chosen) => chosen.code === choice.code))
  const box = (choice: Choice, checked: boolean) => {
    const id = `${fieldId(name)}-${choice.code.replace(/[^A-Za-z0-9_-]/g, '_')}`
    return (
      <li>
        <input type="checkbox" id={id} name={name} value={choice.code} checked={checked} />
        <label for={id}>{choice.name}</label>
      </li>
    )
  }
  return (
    <>
      {selected.length > 0 && (
        <div class="picker__group">
          <p class="picker__caption">{t('field.selected')}</p>
          <ul class="choices">{selected.map((choice) => box(choice, true))}</ul>
        </div>
      )}
      {searched && (
        <div class="picker__group">
          <p class="picker__caption">{t('field.suggestions')}</p>
          {fresh.length > 0 ? <ul class="choices">{fresh.map((choice) => box(choice, false))}</ul> : <p class="hint">{t('field.noSuggestions')}</p>}
        </div>
      )}
    </>
  )
}

export interface TaxonomyPickerProps {
  /** The list's field name (processes, materials). */
  name: string
  /** The search box's field name. */
  queryName: string
  legend: PlainKey
  searchLabel: PlainKey
  hint: PlainKey
  query: string
  selected: Choice[]
  found: Choice[]
  /** Where htmx fetches the options as the visitor types. */
  optionsUrl: string
  errors: FormErrors
  required?: boolean
}

/**
 * A catalogue picker that works without scripts: the "Find" button sends the whole form back and the
 * page returns with the matches as checkboxes. With htmx the same options arrive while typing; the
 * checked boxes travel along (hx-include), so a new search never drops a choice.
 */
export function TaxonomyPicker(props: TaxonomyPickerProps) {
  const { t } = useI18n()
  const { name, queryName, query, selected, found, optionsUrl, errors } = props
  const error = fieldError(errors, name)
  const inputId = fieldId(name)
  const described = [`${inputId}-hint`, error ? `${inputId}-error` : null].filter(Boolean).join(' ')
  return (
    <fieldset class={error ? 'picker field--invalid' : 'picker'} aria-describedby={error ? `${inputId}-error` : undefined}>
      <legend>
        {t(props.legend)} {props.required && <RequiredMark />}
      </legend>
      <div class="picker__search">
        <label for={inputId}>{t(props.searchLabel)}</label>
        <div class="input-with-button">
          <input
            type="search"
            id={inputId}
            name={queryName}
            value={query}
            autocomplete="off"
            aria-describedby={described}
            aria-invalid={error ? 'true' : undefined}
            aria-controls={optionsId(name)}
            data-picker-search=""
            hx-get={optionsUrl}
            hx-trigger="input changed delay:300ms, search"
            hx-target={`#${optionsId(name)}`}
            hx-include={`[name='${name}']:checked`}
            hx-sync="this:replace"
          />
          <button type="submit" name="intent" value={`find-${name}`} class="button button--secondary">
            {t('field.find')}
          </button>
        </div>
        <p id={`${inputId}-hint`} class="hint">
          {t(props.hint)}
        </p>
      </div>
      <div id={optionsId(name)} class="picker__options" aria-live="polite">
        <PickerOptions name={name} selected={selected} found={found} searched={query !== ''} />
      </div>
      <FieldError name={name} error={error} />
    </fieldset>
  )
}

const KIND_ORDER: readonly CertificateKind[] = ['qms', 'sector_qms', 'process', 'regulatory', 'product', 'personnel', 'ems', 'ohsms', 'enms', 'accreditation', 'class_society']

export interface CertificatePickerProps {
  name: string
  legend: PlainKey
  selected: string[]
  errors: FormErrors
  /** Groups shown open from the start (those most requests need); a group with a checked box is always open. */
  openKinds: readonly CertificateKind[]
}

/** The certificate catalogue as checkboxes, grouped by kind in collapsible groups. */
export function CertificatePicker({ name, legend, selected, errors, openKinds }: CertificatePickerProps) {
  const { t, lang } = useI18n()
  const error = fieldError(errors, name)
  return (
    <fieldset id={fieldId(name)} class={error ? 'picker field--invalid' : 'picker'} aria-describedby={error ? `${fieldId(name)}-error` : undefined}>
      <legend>{t(legend)}</legend>
      {KIND_ORDER.map((kind) => {
        const certificates = CERTIFICATES.filter((certificate) => certificate.kind === kind)
        if (certificates.length === 0) return null
        const open = openKinds.includes(kind) || certificates.some((certificate) => selected.includes(certificate.code))
        return (
          <details class="choice-group" open={open}>
            <summary>{t(`certKind.${kind}`)}</summary>
            <ul class="choices">
              {certificates.map((certificate) => {
                const id = `${fieldId(name)}-${certificate.code}`
                return (
                  <li>
                    <input type="checkbox" id={id} name={name} value={certificate.code} checked={selected.includes(certificate.code)} />
                    <label for={id}>{certificateFullName(certificate.code, lang)}</label>
                  </li>
                )
              })}
            </ul>
          </details>
        )
      })}
      <FieldError name={name} error={error} />
    </fieldset>
  )
}
