import type { Capacity } from '../../src/domain/capacity.js'
import type { Certificate } from '../../src/domain/certificate.js'
import type { Page } from '../../src/domain/common.js'
import type { Organization } from '../../src/domain/organization.js'
import type { Site } from '../../src/domain/site.js'
import { ErrorSummary, InputField } from '../components/fields.js'
import { Pager } from '../components/Pager.js'
import { useI18n } from '../components/i18n.js'
import { type FormErrors, errorCount } from '../forms/errors.js'
import { certificateFullName, certificateShortName, placeName, processName } from '../labels.js'

export type EditList = 'sites' | 'capacities' | 'certificates'

export interface SiteFormState {
  name: string
  address: string
  errors: FormErrors
}

export interface OrganizationEditProps {
  organization: Organization
  sites: Page<Site>
  capacities: Page<Capacity> | null
  certificates: Page<Certificate>
  siteForm: SiteFormState
  /** A refused deletion, next to its row. */
  rowError: { id: string; message: string } | null
  canManagePeople: boolean
  href: (list: EditList, page: number) => string
}

/** Deleting asks once more, without scripts: the button that deletes is inside a disclosure. */
function DeleteButton({ action, hint }: { action: string; hint?: string }) {
  const { t } = useI18n()
  return (
    <details class="confirm-delete">
      <summary class="button button--secondary button--small">{t('edit.delete')}</summary>
      <form method="post" action={action}>
        {hint && <p class="hint">{hint}</p>}
        <button type="submit" class="button button--danger button--small">
          {t('edit.confirmDelete')}
        </button>
      </form>
    </details>
  )
}

function RowError({ id, rowError }: { id: string; rowError: OrganizationEditProps['rowError'] }) {
  return rowError?.id === id ? (
    <p class="field-error" role="alert">
      {rowError.message}
    </p>
  ) : null
}

/** Sites: each with its geocoded place; a new one is geocoded from its address, errors next to the field. */
function SitesSection({ organization, sites, siteForm, rowError, href }: Pick<OrganizationEditProps, 'organization' | 'sites' | 'siteForm' | 'rowError' | 'href'>) {
  const { t, lang } = useI18n()
  const action = `/organizations/${organization.id}/sites`
  return (
    <section class="panel" id="sites" aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('org.sites')}</h2>
      {sites.items.length === 0 ? (
        <p class="empty">{t('org.noSites')}</p>
      ) : (
        <ul class="edit-list">
          {sites.items.map((site) => (
            <li id={site.id}>
              <div class="edit-list__text">
                <strong>{site.name}</strong>
                <span class="muted">
                  {[site.address, placeName(site.city, site.regionCode, lang)].filter((text, i, all) => all.indexOf(text) === i).join(' · ')} ·{' '}
                  {t('edit.coordinates', { precision: t(`precision.${site.precision}`) })}
                </span>
              </div>
              <DeleteButton action={`${action}/${site.id}/delete`} hint={t('edit.siteDeleteHint')} />
              <RowError id={site.id} rowError={rowError} />
            </li>
          ))}
        </ul>
      )}
      <Pager page={sites.page} pages={Math.ceil(sites.total / sites.perPage)} href={(page) => href('sites', page)} label={t('org.sites')} />
      <h3 class="edit-subheading">{t('edit.addSite')}</h3>
      <ErrorSummary errors={siteForm.errors} labels={{ name: t('site.name'), address: t('site.address') }} title={t('form.errors', { count: errorCount(siteForm.errors) })} />
      <form method="post" action={action} class="site-form" hx-post={action} hx-target="#sites" hx-select="#sites" hx-swap="outerHTML" novalidate>
        <div class="grid grid--2">
          <InputField name="name" label={t('site.name')} value={siteForm.name} errors={siteForm.errors} hint={t('site.nameHint')} required />
          <InputField
            name="address"
            label={t('site.address')}
            value={siteForm.address}
            errors={siteForm.errors}
            hint={t('site.addressHint')}
            required
            autocomplete="off"
            control={{ list: 'site-cities', 'hx-get': '/needs/new/cities', 'hx-trigger': 'input changed delay:250ms', 'hx-target': '#site-cities', 'hx-sync': 'this:replace' }}
          />
        </div>
        <datalist id="site-cities"></datalist>
        <button type="submit" class="button">
          {t('edit.addSite')}
        </button>
      </form>
    </section>
  )
}

function CapacitiesSection({ organization, capacities, rowError, href }: Pick<OrganizationEditProps, 'organization' | 'rowError' | 'href'> & { capacities: Page<Capacity> }) {
  const { t, lang } = useI18n()
  const base = `/organizations/${organization.id}/capacities`
  return (
    <section class="panel" id="capacities" aria-labelledby="capacities-heading">
      <h2 id="capacities-heading">{t('org.capacities')}</h2>
      {capacities.items.length === 0 ? (
        <p class="empty">{t('org.noCapacities')}</p>
      ) : (
        <ul class="edit-list">
          {capacities.items.map((capacity) => (
            <li id={capacity.id}>
              <div class="edit-list__text">
                <strong>{capacity.title}</strong>
                <span class="muted">{capacity.processes.map((code) => processName(code, lang)).join('; ')}</span>
              </div>
              <a class="button button--secondary button--small" href={`${base}/${capacity.id}/edit`}>
                {t('edit.edit')}
              </a>
              <DeleteButton action={`${base}/${capacity.id}/delete`} />
              <RowError id={capacity.id} rowError={rowError} />
            </li>
          ))}
        </ul>
      )}
      <Pager page={capacities.page} pages={Math.ceil(capacities.total / capacities.perPage)} href={(page) => href('capacities', page)} label={t('org.capacities')} />
      <p>
        <a class="button" href={`${base}/new`}>
          {t('edit.addCapacity')}
        </a>
      </p>
    </section>
  )
}

function CertificatesSection({ organization, certificates, rowError, href }: Pick<OrganizationEditProps, 'organization' | 'certificates' | 'rowError' | 'href'>) {
  const { t, lang } = useI18n()
  const base = `/organizations/${organization.id}/certificates`
  return (
    <section class="panel" id="certificates" aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">{t('org.certificates')}</h2>
      {certificates.items.length === 0 ? (
        <p class="empty">{t('org.noCertificates')}</p>
      ) : (
        <ul class="edit-list">
          {certificates.items.map((certificate) => (
            <li id={certificate.id}>
              <div class="edit-list__text">
                <strong title={certificateFullName(certificate.standard, lang)}>{certificateShortName(certificate.standard, lang)}</strong>
                <span class="muted">
                  {certificate.number} · <span class={`badge badge--${certificate.status}`}>{t(`certStatus.${certificate.status}`)}</span>
                </span>
              </div>
              <a class="button button--secondary button--small" href={`${base}/${certificate.id}/edit`}>
                {t('edit.edit')}
              </a>
              <DeleteButton action={`${base}/${certificate.id}/delete`} />
              <RowError id={certificate.id} rowError={rowError} />
            </li>
          ))}
        </ul>
      )}
      <Pager page={certificates.page} pages={Math.ceil(certificates.total / certificates.perPage)} href={(page) => href('certificates', page)} label={t('org.certificates')} />
      <p>
        <a class="button" href={`${base}/new`}>
          {t('edit.addCertificate')}
        </a>
      </p>
    </section>
  )
}

/** What the organization's members (and the curators covering it) keep up to date: sites, capacities, certificates. */
export function OrganizationEditPage(props: OrganizationEditProps) {
  const { t } = useI18n()
  const { organization } = props
  return (
    <>
      <p class="breadcrumb">
        <a href={`/organizations/${organization.id}`}>{organization.name}</a>
      </p>
      <header class="page-head">
        <h1>{t('edit.title', { name: organization.name })}</h1>
        <p class="lead">{t('edit.lead')}</p>
        {props.canManagePeople && (
          <p>
            <a href={`/organizations/${organization.id}/people`}>{t('org.people')}</a>
          </p>
        )}
      </header>
      <SitesSection {...props} />
      {props.capacities && <CapacitiesSection {...props} capacities={props.capacities} />}
      <CertificatesSection {...props} />
    </>
  )
}
