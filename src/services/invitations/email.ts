import type { MembershipRole } from '../context.js'
import type { InvitationKind } from './row.js'

export interface InvitationEmailInput {
  kind: InvitationKind
  organizationName: string
  inviterName: string
  role: MembershipRole
  link: string
  expiresAt: Date
}

const ROLE_NAMES: Record<MembershipRole, { ru: string; en: string }> = {
  admin: { ru: 'администратор', en: 'an admin' },
  member: { ru: 'сотрудник', en: 'a member' },
}

/** Moscow time: the clusters' users read dates in it, and a bare UTC time would mislead them. */
function moscowTime(date: Date, locale: 'ru-RU' | 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Moscow' }).format(date)
}

/** A name typed by a user goes into a mail header: no line breaks there. */
function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** The invitation e-mail, Russian first and English second, as every message of the platform. */
export function invitationEmail(input: InvitationEmailInput): { subject: string; body: string } {
  const organization = singleLine(input.organizationName)
  const inviter = singleLine(input.inviterName)
  const role = ROLE_NAMES[input.role]
  const purpose =
    input.kind === 'organization'
      ? {
          ru: `${inviter} (центр субконтрактации) подключает вашу организацию ${organization} к платформе «Подряд» и приглашает вас стать её первым администратором.`,
          en: `${inviter} (subcontracting centre) is connecting your organization ${organization} to Podryad and invites you to be its first admin.`,
        }
      : {
          ru: `${inviter} приглашает вас в организацию ${organization} на платформе «Подряд», роль: ${role.ru}.`,
          en: `${inviter} invites you to join ${organization} on Podryad as ${role.en}.`,
        }
  const subject = `Приглашение в ${organization} — «Подряд» / Invitation to ${organization} — Podryad`
  const body = [
    'Здравствуйте!',
    '',
    purpose.ru,
    '',
    'Чтобы принять приглашение, откройте ссылку:',
    input.link,
    '',
    `Ссылка действует до ${moscowTime(input.expiresAt, 'ru-RU')} (МСК) и срабатывает один раз. Если вы не ждали этого письма, просто не отвечайте на него.`,
    '',
    '—',
    '',
    'Hello,',
    '',
    purpose.en,
    '',
    'To accept, open this link:',
    input.link,
    '',
    `The link is valid until ${moscowTime(input.expiresAt, 'en-GB')} (Moscow time) and works once. If you did not expect this e-mail, simply ignore it.`,
  ].join('\n')
  return { subject, body }
}
