import type { Child } from 'hono/jsx'
import type { MatchNote } from '../../src/domain/match.js'
import type { Organization } from '../../src/domain/organization.js'
import type { NeedView } from '../../src/services/needs/view.js'
import { useI18n } from '../components/i18n.js'

export interface NotesSectionProps {
  needId: string
  orgId: string
  notes: MatchNote[]
  /** The note as typed, kept when it could not be saved. */
  body: string
  error: string | null
}

/**
 * The curators' working notes on one pair, never shown to the parties. The same section is the notes page's
 * content and, with htmx, what the match card loads in place; a new note replaces the section.
 */
export function NotesSection({ needId, orgId, notes, body, error }: NotesSectionProps) {
  const { t, fmt } = useI18n()
  const action = `/needs/${needId}/matches/${orgId}/notes`
  const id = `note-${orgId}`
  return (
    <section class="notes" id={`notes-${orgId}`} aria-labelledby={`notes-${orgId}-heading`}>
      <h4 id={`notes-${orgId}-heading`}>{t('notes.title')}</h4>
      <p class="hint">{t('notes.private')}</p>
      {notes.length === 0 ? (
        <p class="empty">{t('notes.empty')}</p>
      ) : (
        <ol class="notes__list">
          {notes.map((note) => (
            <li>
              <p class="notes__meta">
                <span class="notes__author">{note.author.name}</span> <time datetime={note.createdAt}>{fmt.dateTime(note.createdAt)}</time>
              </p>
              <p class="prose">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action={action} hx-post={action} hx-target={`#notes-${orgId}`} hx-swap="outerHTML">
        <div class={error ? 'field field--invalid' : 'field'}>
          <label for={id}>{t('notes.add')}</label>
          <textarea id={id} name="body" rows={3} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
            {body}
          </textarea>
          {error && (
            <p id={`${id}-error`} class="field-error">
              {error}
            </p>
          )}
        </div>
        <button type="submit" class="button button--secondary">
          {t('notes.submit')}
        </button>
      </form>
    </section>
  )
}

/** Without scripts the notes have a page of their own, with the way back to the need. */
export function MatchNotesPage({ need, supplier, children }: { need: NeedView; supplier: Organization; children: Child }) {
  const { t } = useI18n()
  return (
    <>
      <p class="breadcrumb">
        <a href={`/needs/${need.id}#match-${supplier.id}`}>{need.title}</a>
      </p>
      <h1>{t('notes.pageTitle', { supplier: supplier.name })}</h1>
      <div class="panel">{children}</div>
    </>
  )
}
