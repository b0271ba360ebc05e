import { certificateLabel } from '../../matching/index.js'
import { notifyOrganizationAdmins } from '../../notifications/outbox.js'
import { ForbiddenError, isPlatformAdmin } from '../authorization.js'
import type { ServiceContext } from '../context.js'

/** How long before expiry the owner hears of it: time to book a surveillance audit. */
export const REMINDER_DAYS = 30

interface ExpiringCertificate {
  id: string
  orgId: string
  orgName: string
  standard: string
  number: string
  validUntil: string
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

function reminder(certificate: ExpiringCertificate, daysLeft: number): { subject: string; body: string } {
  const ru = certificateLabel(certificate.standard, 'ru')
  const en = certificateLabel(certificate.standard, 'en')
  const subject = `Сертификат ${ru} истекает ${certificate.validUntil} — «Подряд» / Certificate ${en} expires on ${certificate.validUntil} — Podryad`
  const body = [
    'Здравствуйте!',
    '',
    `Сертификат ${ru} № ${certificate.number} организации ${certificate.orgName} действует до ${certificate.validUntil} (осталось дней: ${daysLeft}).`,
    'После этой даты он перестанет учитываться при подборе: потребности, где он обязателен, не будут предлагаться вашей организации.',
    'Загрузите продлённый сертификат в профиль организации, и центр субконтрактации проверит его.',
    '',
    '—',
    '',
    'Hello,',
    '',
    `Certificate ${en} No. ${certificate.number} of ${certificate.orgName} is valid until ${certificate.validUntil} (${daysLeft} days left).`,
    'After that date it no longer counts in matching: needs that require it will not be offered to your organization.',
    'Add the renewed certificate to the organization profile and the subcontracting centre will verify it.',
  ].join('\n')
  return { subject, body }
}

/**
 * The daily job: each admin of an organization holding a certificate that expires within 30 days
 * gets one reminder per certificate and expiry date, however often the job runs (the dedupe key).
 * Rejected certificates already count for nothing. Returns how many messages were queued.
 */
export async function remindExpiringCertificates(ctx: ServiceContext, now: Date): Promise<number> {
  if (!isPlatformAdmin(ctx.actor)) throw new ForbiddenError('Напоминания рассылает сама платформа / Reminders are sent by the platform itself')
  const today = now.toISOString().slice(0, 10)
  const certificates = await ctx.sql<ExpiringCertificate[]>`
    select ce.id, ce.org_id, o.name as org_name, ce.standard, ce.number, ce.valid_until
    from certificates ce join organizations o on o.id = ce.org_id
    where ce.status <> 'rejected' and ce.valid_until between ${today} and ${addDays(today, REMINDER_DAYS)}
    order by ce.valid_until, ce.id`
  let queued = 0
  for (const certificate of certificates) {
    const daysLeft = Math.round((Date.parse(certificate.validUntil) - Date.parse(today)) / 86_400_000)
    queued += await notifyOrganizationAdmins(ctx.sql, certificate.orgId, {
      kind: 'certificate-expiry',
      ...reminder(certificate, daysLeft),
      dedupeKey: `cert-expiry:${certificate.id}:${certificate.validUntil}`,
    })
  }
  return queued
}
