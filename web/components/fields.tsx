import type { Child } from 'hono/jsx'
import { type FormErrors, errorCount, fieldError } from '../forms/errors.js'
import { useI18n } from './i18n.js'

/** Ids shared by a control, its hint and its error, so `aria-describedby` and the error summary can point at them. */
export function fieldId(name: string): string {
  return `f-${name}`
}

function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : null, error ? `${fieldId(name)}-error` : null].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

export function RequiredMark() {
  const { t } = useI18n()
  return <span class="required">({t('form.required')})</span>
}

function Hint({ name, hint }: { name: string; hint: string | undefined }) {
  return hint ? (
    <p id={`${fieldId(name)}-hint`} class="hint">
      {hint}
    </p>
  ) : null
}

export function FieldError({ name, error }: { name: string; error: string | null }) {
  return error ? (
    <p id={`${fieldId(name)}-error`} class="field-error">
      {error}
    </p>
  ) : null
}

interface FieldProps {
  name: string
  label: string
  errors: FormErrors
  hint?: string
  required?: boolean
}

export interface InputFieldProps extends FieldProps {
  value: string
  type?: 'text' | 'date' | 'email' | 'password' | 'search'
  inputmode?: 'decimal' | 'numeric'
  autocomplete?: string
  /** Extra attributes for the control (htmx, list=…). */
  control?: Record<string, string>
  class?: string
}

/**
 * Numbers are typed as text with an input mode: a Russian "12,5" survives the round trip, and the
 * server's rules (not the browser's) decide what is acceptable.
 */
export function InputField({ name, label, value, errors, hint, required, type = 'text', inputmode, autocomplete, control, class: extra }: InputFieldProps) {
  const error = fieldError(errors, name)
  return (
    <div class={['field', error ? 'field--invalid' : '', extra ?? ''].filter(Boolean).join(' ')}>
      <label for={fieldId(name)}>
        {label} {required && <RequiredMark />}
      </label>
      <input
        type={type}
        id={fieldId(name)}
        name={name}
        value={value}
        inputmode={inputmode}
        autocomplete={autocomplete}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint !== undefined, error !== null)}
        {...control}
      />
      <Hint name={name} hint={hint} />
      <FieldError name={name} error={error} />
    </div>
  )
}

export function TextAreaField({ name, label, value, errors, hint, required, rows = 4 }: FieldProps & { value: string; rows?: number }) {
  const error = fieldError(errors, name)
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={fieldId(name)}>
        {label} {required && <RequiredMark />}
      </label>
      <textarea
        id={fieldId(name)}
        name={name}
        rows={rows}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint !== undefined, error !== null)}
      >
        {value}
      </textarea>
      <Hint name={name} hint={hint} />
      <FieldError name={name} error={error} />
    </div>
  )
}

export interface Option {
  value: string
  label: string
}

export function SelectField({ name, label, value, options, errors, hint }: FieldProps & { value: string; options: Option[] }) {
  const error = fieldError(errors, name)
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={fieldId(name)}>{label}</label>
      <select id={fieldId(name)} name={name} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, hint !== undefined, error !== null)}>
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint name={name} hint={hint} />
      <FieldError name={name} error={error} />
    </div>
  )
}

/**
 * Above a form that came back with errors: how many, each linked to its field, and the errors that
 * concern no single field. `role="alert"` so a screen reader hears it when the page loads.
 */
export function ErrorSummary({ errors, labels, title }: { errors: FormErrors; labels: Record<string, string>; title: string }) {
  if (errorCount(errors) === 0) return null
  return (
    <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
      <h2>{title}</h2>
      <ul>
        {errors.form.map((message) => (
          <li>{message}</li>
        ))}
        {Object.entries(errors.fields).map(([field, messages]) => (
          <li>
            <a href={`#${fieldId(field)}`}>{labels[field] ?? field}</a>: {messages.join(' ')}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** A form section with a heading-like legend. */
export function FormSection({ legend, children }: { legend: string; children: Child }) {
  return (
    <fieldset class="form-section">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  )
}
