import type { Child } from 'hono/jsx'
import type { AuditEntryView, NeedAuditTrail } from '../../src/domain/audit.js'
import { CERTIFICATE_STATUSES } from '../../src/domain/certificate.js'
import { MATCH_TRANSITIONS, type MatchStatus, type NeedMatches, SUPPLIER_ANSWERS } from '../../src/domain/match.js'
import type { Need } from '../../src/domain/need.js'
import type { Organization } from '../../src/domain/organization.js'
import { FACTORS, type Factor } from '../../src/matching/index.js'
import type { NeedView } from '../../src/services/needs/view.js'
import { FieldError, fieldId } from '../components/fields.js'
import { CandidateMap } from '../components/CandidateMap.js'
import { Pager } from '../components/Pager.js'
import { useI18n } from '../components/i18n.js'
import { type FormErrors, fieldError } from '../forms/errors.js'
import { type I18n, type PlainKey, isMessageKey } from '../i18n/index.js'
import { certificateFullName, certificateShortName, materialName, placeName, processName } from '../labels.js'
import type { CandidatePoint } from '../map/places.js'

type SupplierMatch = NeedMatches['matches'][number]
type NearMiss = NeedMatches['nearMisses'][number]
type MatchCertificate = SupplierMatch['certificates'][number]

export const AUDIT_PER_PAGE = 20

/** What a curator's last action on one supplier left to say: a refusal from the service, or a missing reason. */
export interface MatchFeedback {
  orgId: string
  /** Which of the card's reason forms it answers: turning the supplier down, or taking it off the list. */
  form: 'decline' | 'remove'
  message: string | null
  reasonError: string | null
  reason: string
}

export interface SupplierChoice {
  id: string
  name: string
  inn: string
}

/** The "add a supplier by hand" form: what was searched and found, what was chosen and why, what is wrong. */
export interface ManualAdd {
  query: string
  found: SupplierChoice[]
  /** The chosen supplier, kept (with its name) whatever the search shows. */
  chosen: SupplierChoice | null
  reason: string
  errors: FormErrors
  /** The form was sent: it opens where the curator left it. */
  touched: boolean
}

export type NeedStep = 'submit' | 'publish' | 'close' | 'cancel'

/** The workflow steps the viewer may take now, by the need's status and their standing towards it. */
export type NeedWorkflow = Record<NeedStep, boolean>

export interface WorkflowError {
  step: NeedStep
  message: string
  reason: string
}

/** A supplier's own pair on this need, as its inbox knows it. */
export interface SupplierAnswer {
  orgId: string
  orgName: string
  status: MatchStatus
  error: string | null
}

/** The curation half of the page, for those who run the need (its contractor, its centre, admins). */
export interface Curation {
  found: NeedMatches
  points: CandidatePoint[]
  unplaced: string[]
  audit: NeedAuditTrail
  /** A curator may move pairs along the pipeline; the contractor only looks. */
  canCurate: boolean
  manual: ManualAdd
}

export interface NeedPageProps {
  need: NeedView
  contractor: Organization | null
  postedBy: Organization | null
  workflow: NeedWorkflow
  workflowError: WorkflowError | null
  answer: SupplierAnswer | null
  curation: Curation | null
  /** How many matches were asked for, and the next step of "show more" (null when all are shown). */
  nextMatchLimit: number | null
  feedback: MatchFeedback | null
  auditPage: number
}

export function isFullNeed(view: NeedView): view is Need {
  return !('view' in view)
}

function Row({ term, children }: { term: PlainKey; children: Child }) {
  const { t } = useI18n()
  return (
    <div>
      <dt>{t(term)}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function NameList({ names }: { names: string[] }) {
  const { t } = useI18n()
  if (names.length === 0) return <>{t('common.notSpecified')}</>
  return (
    <ul class="plain-list">
      {names.map((name) => (
        <li>{name}</li>
      ))}
    </ul>
  )
}

function CertificateNames({ codes }: { codes: string[] }) {
  const { lang, t } = useI18n()
  if (codes.length === 0) return <>{t('common.none')}</>
  return (
    <ul class="plain-list">
      {codes.map((code) => (
        <li title={certificateFullName(code, lang)}>{certificateShortName(code, lang)}</li>
      ))}
    </ul>
  )
}

function NeedDetails({ need, contractor, postedBy }: Pick<NeedPageProps, 'need' | 'contractor' | 'postedBy'>) {
  const { t, fmt, lang } = useI18n()
  const notSpecified = t('common.notSpecified')
  // Those who run the need see the address as typed; suppliers before an introduction, only the town.
  const delivery = isFullNeed(need) ? need.delivery.address : placeName(need.delivery.city, need.delivery.regionCode, lang)
  return (
    <section class="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">{t('need.details')}</h2>
      {!isFullNeed(need) && <p class="notice">{t('need.redacted')}</p>}
      <dl class="facts facts--wide">
        {contractor && (
          <Row term="need.contractor">
            <a href={`/organizations/${contractor.id}`}>{contractor.name}</a>
          </Row>
        )}
        {postedBy && (
          <Row term="need.postedBy">
            <a href={`/organizations/${postedBy.id}`}>{postedBy.name}</a>
          </Row>
        )}
        <Row term="need.processes">
          <NameList names={need.processes.map((code) => processName(code, lang))} />
        </Row>
        <Row term="need.materials">
          <NameList names={need.materials.map((code) => materialName(code, lang))} />
        </Row>
        <Row term="need.envelope">
          {need.envelope
            ? t('unit.envelope', {
                length: fmt.decimal(need.envelope.lengthMm),
                width: fmt.decimal(need.envelope.widthMm),
                height: fmt.decimal(need.envelope.heightMm),
                mass: fmt.decimal(need.envelope.massKg),
              })
            : notSpecified}
        </Row>
        <Row term="need.tolerance">{need.itGrade === null ? notSpecified : t('unit.itGrade', { grade: need.itGrade })}</Row>
        {need.roughnessRa !== null && <Row term="need.roughness">{t('unit.roughness', { value: fmt.decimal(need.roughnessRa) })}</Row>}
        <Row term="need.quantity">{need.quantity === null ? notSpecified : t('unit.pieces', { count: fmt.integer(need.quantity) })}</Row>
        <Row term="need.batch">{need.batchSize === null ? notSpecified : t('unit.pieces', { count: fmt.integer(need.batchSize) })}</Row>
        {need.machineHours !== null && <Row term="need.machineHours">{t('unit.hours', { count: fmt.decimal(need.machineHours) })}</Row>}
        <Row term="need.requiredCerts">
          <CertificateNames codes={need.requiredCerts} />
        </Row>
        <Row term="need.preferredCerts">
          <CertificateNames codes={need.preferredCerts} />
        </Row>
        {need.strictNational && <Row term="need.strictNational">{t('common.yes')}</Row>}
        <Row term="need.delivery">{delivery}</Row>
        <Row term="need.maxDistance">{need.maxDistanceKm === null ? notSpecified : fmt.km(need.maxDistanceKm)}</Row>
        <Row term="need.deadline">{fmt.date(need.deadline)}</Row>
        <Row term="need.visibility">{t(`visibility.${need.visibility}`)}</Row>
      </dl>
      {need.description && (
        <>
          <h3>{t('need.description')}</h3>
          <p class="prose">{need.description}</p>
        </>
      )}
    </section>
  )
}

function factorValues(breakdown: SupplierMatch['breakdown']): Record<Factor, number> | null {
  const values = FACTORS.map((factor) => {
    const entry = breakdown?.[factor] as { value?: unknown } | undefined
    return typeof entry?.value === 'number' ? entry.value : null
  })
  if (values.some((value) => value === null)) return null
  return Object.fromEntries(FACTORS.map((factor, i) => [factor, values[i]])) as Record<Factor, number>
}

function FactorBars({ match }: { match: SupplierMatch }) {
  const { t, fmt } = useI18n()
  const values = factorValues(match.breakdown)
  if (values === null) return null
  return (
    <div class="factors" role="group" aria-label={t('matches.factors')}>
      {FACTORS.map((factor) => {
        const id = `factor-${match.orgId}-${factor}`
        return (
          <div class="factor">
            <label for={id} class="factor__name">
              {t(`factor.${factor}`)}
            </label>
            <meter id={id} min="0" max="1" low={0.4} high={0.75} optimum={1} value={values[factor]}>
              {fmt.points(values[factor])}
            </meter>
            <span class="factor__value">{fmt.points(values[factor])}</span>
          </div>
        )
      })}
    </div>
  )
}

function certificateStatusKey(status: string): PlainKey | null {
  return (CERTIFICATE_STATUSES as readonly string[]).includes(status) ? (`certStatus.${status}` as PlainKey) : null
}

function UsedCertificates({ certificates }: { certificates: MatchCertificate[] }) {
  const { t, fmt, lang } = useI18n()
  if (certificates.length === 0) return <>{t('common.none')}</>
  return (
    <ul class="plain-list">
      {certificates.map((certificate) => {
        const status = certificateStatusKey(certificate.status)
        return (
          <li>
            <span title={certificateFullName(certificate.standard, lang)}>{certificateShortName(certificate.standard, lang)}</span>{' '}
            {status && <span class={`badge badge--${certificate.status}`}>{t(status)}</span>}{' '}
            <span class="muted">{certificate.validUntil === null ? t('cert.noExpiry') : t('cert.until', { date: fmt.date(certificate.validUntil) })}</span>
          </li>
        )
      })}
    </ul>
  )
}

type MatchStep = Exclude<MatchStatus, 'suggested'>

/**
 * The steps a curator may offer; from an introduction, interest and refusal are the supplier's own answers.
 * Closing is offered as "take off the list", which says why (removeManualMatch).
 */
function curatorSteps(status: MatchStatus): MatchStep[] {
  return MATCH_TRANSITIONS[status].filter(
    (step): step is MatchStep => step !== 'suggested' && !(status === 'introduced' && SUPPLIER_ANSWERS.includes(step)),
  )
}

/** A reason box inside a collapsible form: decline and remove share it, each with ids of its own. */
function ReasonForm(props: {
  id: string
  action: string
  hx: Record<string, string>
  open: PlainKey
  label: PlainKey
  hint: PlainKey
  submit: PlainKey
  danger: boolean
  hidden: Record<string, string>
  feedback: MatchFeedback | null
}) {
  const { t } = useI18n()
  const { id, feedback } = props
  const error = feedback?.reasonError ?? null
  return (
    <details class="decline" open={error ? true : undefined}>
      <summary>{t(props.open)}</summary>
      <form method="post" action={props.action} {...props.hx}>
        {Object.entries(props.hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <div class={error ? 'field field--invalid' : 'field'}>
          <label for={id}>{t(props.label)}</label>
          <textarea id={id} name="reason" rows={2} aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`} aria-invalid={error ? 'true' : undefined}>
            {feedback?.reason ?? ''}
          </textarea>
          <p id={`${id}-hint`} class="hint">
            {t(props.hint)}
          </p>
          {error && (
            <p id={`${id}-error`} class="field-error">
              {error}
            </p>
          )}
        </div>
        <button type="submit" class={props.danger ? 'button button--danger' : 'button button--secondary'}>
          {t(props.submit)}
        </button>
      </form>
    </details>
  )
}

/**
 * Forms that post to the server and work without scripts; with htmx the answer (the page after the
 * redirect, or the page with the error) replaces the match list and the history in place.
 */
function MatchActions({ needId, match, feedback }: { needId: string; match: SupplierMatch; feedback: MatchFeedback | null }) {
  const { t } = useI18n()
  const action = `/needs/${needId}/matches/${match.orgId}`
  const hx = { 'hx-post': action, 'hx-target': '#matches', 'hx-select': '#matches', 'hx-swap': 'outerHTML', 'hx-select-oob': '#audit-trail' }
  const steps = curatorSteps(match.status)
  const quick = steps.filter((step) => step !== 'declined' && step !== 'closed')
  const notesUrl = `${action}/notes`
  return (
    <div class="match__actions">
      <h4 class="visually-hidden">{t('matches.actions')}</h4>
      {steps.length === 0 && <p class="muted">{t('matches.noActions')}</p>}
      {quick.length > 0 && (
        <form method="post" action={action} class="button-row" {...hx}>
          {quick.map((step) => (
            <button type="submit" name="to" value={step} class="button button--secondary">
              {t(`matchStep.${step}`)}
            </button>
          ))}
        </form>
      )}
      {steps.includes('declined') && (
        <ReasonForm
          id={`reason-${match.orgId}`}
          action={action}
          hx={hx}
          open="matches.declineOpen"
          label="matches.declineReason"
          hint="matches.declineReasonHint"
          submit="matches.declineSubmit"
          danger
          hidden={{ to: 'declined' }}
          feedback={feedback?.form === 'decline' ? feedback : null}
        />
      )}
      {steps.includes('closed') && (
        <ReasonForm
          id={`remove-${match.orgId}`}
          action={`${action}/remove`}
          hx={{ ...hx, 'hx-post': `${action}/remove` }}
          open="matches.removeOpen"
          label="matches.removeReason"
          hint="matches.removeReasonHint"
          submit="matches.removeSubmit"
          danger={false}
          hidden={{}}
          feedback={feedback?.form === 'remove' ? feedback : null}
        />
      )}
      {feedback?.message && (
        <p class="field-error" role="alert">
          {feedback.message}
        </p>
      )}
      <div class="notes-slot" id={`notes-slot-${match.orgId}`}>
        <a href={notesUrl} hx-get={notesUrl} hx-target={`#notes-slot-${match.orgId}`} hx-swap="innerHTML">
          {t('notes.open')}
        </a>
      </div>
    </div>
  )
}

function MatchCard({ needId, match, canCurate, feedback }: { needId: string; match: SupplierMatch; canCurate: boolean; feedback: MatchFeedback | null }) {
  const { t, fmt, pick } = useI18n()
  const headingId = `match-${match.orgId}-name`
  return (
    <li class="card match" id={`match-${match.orgId}`}>
      <article aria-labelledby={headingId}>
        <div class="match__head">
          <span class="match__rank">
            <span class="visually-hidden">{t('matches.rank', { rank: match.rank })}: </span>
            <span aria-hidden="true">{match.rank}</span>
          </span>
          <h3 id={headingId} class="match__name">
            <a href={`/organizations/${match.orgId}`}>{match.name}</a>
          </h3>
          <p class="match__score">
            <span class="visually-hidden">{t('matches.score')}: </span>
            {t('unit.score', { value: fmt.points(match.score) })}
          </p>
        </div>
        <FactorBars match={match} />
        <p class="match__why">
          <strong>{t('matches.why')}:</strong> {pick(match.explanation)}
        </p>
        <dl class="facts">
          <Row term="matches.distance">{fmt.km(match.distanceKm)}</Row>
          <Row term="matches.certificates">
            <UsedCertificates certificates={match.certificates} />
          </Row>
          <Row term="matches.status">
            <span class={`badge badge--${match.status}`}>{t(`matchStatus.${match.status}`)}</span>
          </Row>
        </dl>
        {canCurate && <MatchActions needId={needId} match={match} feedback={feedback?.orgId === match.orgId ? feedback : null} />}
      </article>
    </li>
  )
}

/** The supplier choices of the manual form: the chosen one first (kept whatever the search), then what the search found. */
export function SupplierOptions({ manual }: { manual: Pick<ManualAdd, 'found' | 'chosen' | 'query'> }) {
  const { t } = useI18n()
  const choices = [...(manual.chosen ? [manual.chosen] : []), ...manual.found.filter((supplier) => supplier.id !== manual.chosen?.id)]
  if (choices.length === 0) return manual.query ? <p class="hint">{t('manual.noSuppliers')}</p> : null
  return (
    <ul class="choices">
      {choices.map((supplier) => {
        const id = `${fieldId('orgId')}-${supplier.id}`
        return (
          <li>
            <input type="radio" id={id} name="orgId" value={supplier.id} checked={supplier.id === manual.chosen?.id} />
            <label for={id}>
              {supplier.name} <span class="muted">{`${t('org.inn')} ${supplier.inn}`}</span>
            </label>
          </li>
        )
      })}
    </ul>
  )
}

/** A curator adds a supplier the core did not propose (or proposed low), saying why. */
function ManualAddForm({ needId, manual }: { needId: string; manual: ManualAdd }) {
  const { t } = useI18n()
  const action = `/needs/${needId}/matches`
  const orgError = fieldError(manual.errors, 'orgId')
  const reasonError = fieldError(manual.errors, 'reason')
  const queryId = fieldId('supplierQuery')
  const reasonId = fieldId('manualReason')
  return (
    <details class="manual-add" id="manual-add" open={manual.touched ? true : undefined}>
      <summary>{t('manual.title')}</summary>
      <p class="hint">{t('manual.lead')}</p>
      <form method="post" action={action} hx-post={action} hx-target="#matches" hx-select="#matches" hx-swap="outerHTML" hx-select-oob="#audit-trail">
        <div class="field">
          <label for={queryId}>{t('manual.query')}</label>
          <div class="input-with-button">
            <input
              type="search"
              id={queryId}
              name="supplierQuery"
              value={manual.query}
              autocomplete="off"
              aria-controls="manual-options"
              data-picker-search=""
              hx-get={`/needs/${needId}/suppliers`}
              hx-trigger="input changed delay:300ms, search"
              hx-target="#manual-options"
              hx-include="[name='orgId']:checked"
              hx-sync="this:replace"
            />
            <button type="submit" name="intent" value="find" class="button button--secondary">
              {t('field.find')}
            </button>
          </div>
        </div>
        <fieldset id={fieldId('orgId')} class={orgError ? 'picker field--invalid' : 'picker'} aria-describedby={orgError ? `${fieldId('orgId')}-error` : undefined}>
          <legend>{t('manual.supplier')}</legend>
          <div id="manual-options" class="picker__options" aria-live="polite">
            <SupplierOptions manual={manual} />
          </div>
          <FieldError name="orgId" error={orgError} />
        </fieldset>
        <div class={reasonError ? 'field field--invalid' : 'field'}>
          <label for={reasonId}>{t('manual.reason')}</label>
          <textarea id={reasonId} name="reason" rows={2} aria-describedby={reasonError ? `${reasonId}-hint ${reasonId}-error` : `${reasonId}-hint`} aria-invalid={reasonError ? 'true' : undefined}>
            {manual.reason}
          </textarea>
          <p id={`${reasonId}-hint`} class="hint">
            {t('manual.reasonHint')}
          </p>
          <FieldError name="manualReason" error={reasonError} />
        </div>
        {manual.errors.form.map((message) => (
          <p class="field-error" role="alert">
            {message}
          </p>
        ))}
        <button type="submit" name="intent" value="add" class="button">
          {t('manual.submit')}
        </button>
      </form>
    </details>
  )
}

function MatchesSection({ need, curation, nextMatchLimit, feedback }: { need: NeedView; curation: Curation; nextMatchLimit: number | null; feedback: MatchFeedback | null }) {
  const { t, fmt } = useI18n()
  const { found } = curation
  return (
    <section id="matches" class="panel" aria-labelledby="matches-heading">
      <h2 id="matches-heading">{t('matches.title')}</h2>
      <p class="lead">{t('matches.lead')}</p>
      <p class="muted">{t('matches.computed', { time: fmt.dateTime(found.computedAt), count: fmt.integer(found.candidates.suppliers) })}</p>
      {found.candidates.truncated && <p class="notice">{t('matches.truncated')}</p>}
      {curation.canCurate && (need.status === 'draft' || need.status === 'submitted') && <p class="notice">{t('matches.publishFirst')}</p>}
      {found.matches.length === 0 ? (
        <p class="empty">{t('matches.empty')}</p>
      ) : (
        <ol class="match-list">
          {found.matches.map((match) => (
            <MatchCard needId={need.id} match={match} canCurate={curation.canCurate} feedback={feedback} />
          ))}
        </ol>
      )}
      {nextMatchLimit !== null && (
        <p>
          <a href={`/needs/${need.id}?limit=${nextMatchLimit}#matches`}>{t('matches.more')}</a>
        </p>
      )}
      {curation.canCurate && need.status === 'published' && <ManualAddForm needId={need.id} manual={curation.manual} />}
    </section>
  )
}

function constraintLabel(constraint: string, { t }: I18n): string {
  const key = `constraint.${constraint}`
  return isMessageKey(key) ? t(key as PlainKey) : constraint
}

function NearMissesSection({ needId, misses, canAdd }: { needId: string; misses: NearMiss[]; canAdd: boolean }) {
  const i18n = useI18n()
  const { t, fmt, pick } = i18n
  return (
    <section class="panel" aria-labelledby="near-misses-heading">
      <h2 id="near-misses-heading">{t('nearMisses.title')}</h2>
      <p class="lead">{t('nearMisses.lead')}</p>
      {misses.length === 0 ? (
        <p class="empty">{t('nearMisses.empty')}</p>
      ) : (
        <ul class="miss-list">
          {misses.map((miss) => (
            <li class="card miss">
              <h3 class="miss__name">
                <a href={`/organizations/${miss.orgId}`}>{miss.name}</a>
              </h3>
              <p>
                <span class="badge badge--warning">
                  {t('nearMisses.failed')}: {constraintLabel(miss.constraint, i18n)}
                </span>
              </p>
              <p>{pick(miss.explanation)}</p>
              <dl class="facts">
                {miss.distanceKm !== null && <Row term="matches.distance">{fmt.km(miss.distanceKm)}</Row>}
                <Row term="nearMisses.scoreIfWaived">{t('unit.score', { value: fmt.points(miss.score) })}</Row>
              </dl>
              {canAdd && (
                <p>
                  <a href={`/needs/${needId}?addOrg=${miss.orgId}#manual-add`}>{t('nearMisses.addByHand')}</a>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function statusLabel(entity: string, status: unknown, { t }: I18n): string | null {
  if (typeof status !== 'string') return null
  const key = `${entity === 'need' ? 'needStatus' : 'matchStatus'}.${status}`
  return isMessageKey(key) ? t(key as PlainKey) : status
}

function AuditWhat({ entry, names }: { entry: AuditEntryView; names: Map<string, string> }) {
  const i18n = useI18n()
  const { t } = i18n
  const key = `audit.${entry.action}`
  const action = isMessageKey(key) ? t(key as PlainKey) : entry.action
  const orgId = typeof entry.details.orgId === 'string' ? entry.details.orgId : null
  const from = statusLabel(entry.entity, entry.details.from, i18n)
  const to = statusLabel(entry.entity, entry.details.to, i18n)
  return (
    <>
      {action}
      {orgId && (
        <>
          {': '}
          <a href={`/organizations/${orgId}`}>{names.get(orgId) ?? orgId}</a>
        </>
      )}
      {from && to && <span class="muted"> ({t('audit.change', { from, to })})</span>}
    </>
  )
}

function AuditSection({ needId, audit, page, names }: { needId: string; audit: NeedAuditTrail; page: number; names: Map<string, string> }) {
  const { t, fmt } = useI18n()
  const pages = Math.ceil(audit.items.length / AUDIT_PER_PAGE)
  const shown = audit.items.slice((page - 1) * AUDIT_PER_PAGE, page * AUDIT_PER_PAGE)
  return (
    <section id="audit-trail" class="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('audit.title')}</h2>
      {shown.length === 0 ? (
        <p class="empty">{t('audit.empty')}</p>
      ) : (
        <ol class="audit-list">
          {shown.map((entry) => (
            <li>
              <time datetime={entry.at}>{fmt.dateTime(entry.at)}</time>
              <span class="audit-list__who">{entry.actor?.name ?? t('audit.platform')}</span>
              <span class="audit-list__what">
                <AuditWhat entry={entry} names={names} />
              </span>
              {entry.reason && (
                <span class="audit-list__reason">
                  {t('audit.reason')}: {entry.reason}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      <Pager page={page} pages={pages} href={(target) => `/needs/${needId}?auditPage=${target}#audit-trail`} label={t('audit.title')} />
    </section>
  )
}

/** An optional reason for closing or cancelling: it goes to the history. */
function StepWithReason({ needId, step, error, danger }: { needId: string; step: 'close' | 'cancel'; error: WorkflowError | null; danger: boolean }) {
  const { t } = useI18n()
  const id = `${step}-reason`
  const mine = error?.step === step ? error : null
  return (
    <details class="workflow__step" open={mine ? true : undefined}>
      <summary>{t(`workflow.${step}.open`)}</summary>
      <form method="post" action={`/needs/${needId}/${step}`}>
        <div class="field">
          <label for={id}>{t('workflow.reason')}</label>
          <textarea id={id} name="reason" rows={2} aria-describedby={`${id}-hint`}>
            {mine?.reason ?? ''}
          </textarea>
          <p id={`${id}-hint`} class="hint">
            {t(`workflow.${step}.hint`)}
          </p>
        </div>
        <button type="submit" class={danger ? 'button button--danger' : 'button button--secondary'}>
          {t(`workflow.${step}.submit`)}
        </button>
        {mine && (
          <p class="field-error" role="alert">
            {mine.message}
          </p>
        )}
      </form>
    </details>
  )
}

function SimpleStep({ needId, step, hint, error }: { needId: string; step: 'submit' | 'publish'; hint: PlainKey; error: WorkflowError | null }) {
  const { t } = useI18n()
  return (
    <form method="post" action={`/needs/${needId}/${step}`} class="workflow__step">
      <p class="hint">{t(hint)}</p>
      <button type="submit" class="button button--primary">
        {t(step === 'submit' ? 'workflow.submit' : 'need.publish')}
      </button>
      {error?.step === step && (
        <p class="field-error" role="alert">
          {error.message}
        </p>
      )}
    </form>
  )
}

/** Only the steps the workflow allows now and the viewer may take: submit, publish, close, cancel. */
function WorkflowPanel({ needId, workflow, error }: { needId: string; workflow: NeedWorkflow; error: WorkflowError | null }) {
  const { t } = useI18n()
  // A step refused because the need moved on meanwhile may no longer be offered: its message is still shown.
  const orphan = error !== null && !workflow[error.step] ? error : null
  if (!Object.values(workflow).some(Boolean) && orphan === null) return null
  return (
    <section class="workflow" aria-label={t('workflow.title')}>
      {orphan && (
        <p class="field-error" role="alert">
          {orphan.message}
        </p>
      )}
      {workflow.submit && <SimpleStep needId={needId} step="submit" hint="workflow.submitHint" error={error} />}
      {workflow.publish && <SimpleStep needId={needId} step="publish" hint="need.publishHint" error={error} />}
      {(workflow.close || workflow.cancel) && (
        <div class="workflow__more">
          {workflow.close && <StepWithReason needId={needId} step="close" error={error} danger={false} />}
          {workflow.cancel && <StepWithReason needId={needId} step="cancel" error={error} danger />}
        </div>
      )}
    </section>
  )
}

/** The supplier's own word on an introduction; before it, why there is nothing to answer yet. */
function AnswerPanel({ needId, answer }: { needId: string; answer: SupplierAnswer }) {
  const { t } = useI18n()
  return (
    <section class="panel answer" aria-labelledby="answer-heading" id="answer">
      <h2 id="answer-heading">{t('answer.title')}</h2>
      <p>
        {answer.orgName}: <span class={`badge badge--${answer.status}`}>{t(`matchStatus.${answer.status}`)}</span>
      </p>
      {answer.status === 'introduced' ? (
        <AnswerForm needId={needId} orgId={answer.orgId} back="need" />
      ) : (
        <p class="muted">{t(answer.status === 'suggested' || answer.status === 'shortlisted' ? 'answer.afterIntroduction' : 'answer.done')}</p>
      )}
      {answer.error && (
        <p class="field-error" role="alert">
          {answer.error}
        </p>
      )}
    </section>
  )
}

/** "Interesting" or "not for us", from the need page or the inbox; with htmx the inbox item is replaced in place. */
export function AnswerForm({ needId, orgId, back }: { needId: string; orgId: string; back: 'need' | 'inbox' }) {
  const { t } = useI18n()
  const action = `/needs/${needId}/answer`
  const hx = back === 'inbox' ? { 'hx-post': action, 'hx-target': `#inbox-${needId}`, 'hx-select': `#inbox-${needId}`, 'hx-swap': 'outerHTML' } : {}
  return (
    <form method="post" action={action} class="answer-form" {...hx}>
      <p class="hint">{t('answer.hint')}</p>
      <input type="hidden" name="org" value={orgId} />
      <input type="hidden" name="back" value={back} />
      <div class="button-row">
        <button type="submit" name="to" value="interested" class="button button--primary">
          {t('answer.interested')}
        </button>
        <button type="submit" name="to" value="declined" class="button button--secondary">
          {t('answer.notForUs')}
        </button>
      </div>
    </form>
  )
}

export function NeedPage(props: NeedPageProps) {
  const { t, lang } = useI18n()
  const { need, curation } = props
  const names = new Map([...(curation?.found.matches ?? []), ...(curation?.found.nearMisses ?? [])].map((candidate) => [candidate.orgId, candidate.name]))
  return (
    <>
      <header class="page-head">
        <p class="page-head__meta">
          <span class={`badge badge--${need.status}`}>{t(`needStatus.${need.status}`)}</span>
        </p>
        <h1>{need.title}</h1>
        {curation && (
          <p class="page-head__meta">
            <a href={`/needs/${need.id}/print`}>{t('needPrint.open')}</a>
          </p>
        )}
        <WorkflowPanel needId={need.id} workflow={props.workflow} error={props.workflowError} />
      </header>
      {props.answer && <AnswerPanel needId={need.id} answer={props.answer} />}
      <div class="need-grid">
        <NeedDetails need={need} contractor={props.contractor} postedBy={props.postedBy} />
        {curation && isFullNeed(need) && (
          <CandidateMap
            delivery={{ lat: need.delivery.lat, lon: need.delivery.lon }}
            deliveryName={placeName(need.delivery.city, need.delivery.regionCode, lang)}
            maxDistanceKm={need.maxDistanceKm}
            points={curation.points}
            unplaced={curation.unplaced}
          />
        )}
      </div>
      {curation && (
        <>
          <MatchesSection need={need} curation={curation} nextMatchLimit={props.nextMatchLimit} feedback={props.feedback} />
          <NearMissesSection needId={need.id} misses={curation.found.nearMisses} canAdd={curation.canCurate && need.status === 'published'} />
          <AuditSection needId={need.id} audit={curation.audit} page={props.auditPage} names={names} />
        </>
      )}
    </>
  )
}
