import { getProcess } from '../../domain/taxonomy/index.js'
import { getSubject } from '../../geo/index.js'
import { enqueueNotification } from '../../notifications/outbox.js'
import { ForbiddenError, isPlatformAdmin } from '../authorization.js'
import type { ServiceContext } from '../context.js'
import { publishedToOrganizations } from '../needs/view.js'

/** Digests are dated in Moscow time, where most clusters work: one per person and Moscow day. */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000
/** A first digest, or one after a long opt-out, reaches back this far at most. */
const LOOKBACK_DAYS = 7
/** A long list is cut here in the message; the inbox shows them all. */
const LISTED_NEEDS = 30

type Language = 'ru' | 'en'

interface DigestRow {
  userId: string
  email: string
  language: Language
  orgId: string
  orgName: string
  needId: string
  title: string
  processes: string[]
  city: string | null
  regionCode: string
  deadline: string
  quantity: number | null
  alertNames: string[]
}

export interface DigestOptions {
  /** Where links in the message point, e.g. https://podryad.example.ru. */
  publicOrigin: string
}

export interface DigestResult {
  /** Messages queued now; zero when today's digests already went out. */
  sent: number
  needs: number
}

/** The calendar day in Moscow at `now`, e.g. `2026-11-22`. */
export function digestDay(now: Date): string {
  return new Date(now.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 10)
}

/**
 * Every (member, need) pair owed a digest line: a hit of an active alert of the member's supplier, found since
 * the member's last digest (and within the last week) and never listed to them, on a need still published, not
 * past its deadline and still shown to the supplier. Paused alerts and members who opted out contribute nothing;
 * nor does anyone whose digest for `day` exists already. The day's hits are gathered first (an index range on
 * `found_at`), so the plan stays small however many hits accumulate and whatever the statistics say.
 */
async function owedLines(ctx: ServiceContext, day: string): Promise<DigestRow[]> {
  const { sql } = ctx
  const now = ctx.now()
  const today = now.toISOString().slice(0, 10)
  const since = new Date(now.getTime() - LOOKBACK_DAYS * 24 * 60 * 60 * 1000)
  return sql<DigestRow[]>`
    with owed as materialized (
      select h.need_id, h.found_at, a.org_id, a.name
      from alert_hits h join supplier_alerts a on a.id = h.alert_id
      where h.found_at > ${since} and h.found_at <= ${now} and a.status = 'active'
    )
    select m.user_id, u.email, u.language, w.org_id, o.name as org_name, n.id as need_id, n.title, n.processes,
           n.delivery_city as city, n.delivery_region_code as region_code, to_char(n.deadline, 'YYYY-MM-DD') as deadline,
           n.quantity, array_agg(distinct w.name order by w.name) as alert_names
    from owed w
    join organizations o on o.id = w.org_id
    join memberships m on m.org_id = w.org_id
    join users u on u.id = m.user_id and u.active
    join needs n on n.id = w.need_id
    where w.found_at > coalesce((select max(g.sent_at) from alert_digests g where g.user_id = m.user_id), '-infinity'::timestamptz)
      and n.deadline >= ${today} and ${publishedToOrganizations(sql, sql`array[w.org_id]`)}
      and not exists (select 1 from alert_digest_opt_outs x where x.user_id = m.user_id and x.org_id = w.org_id)
      and not exists (select 1 from alert_digest_needs d where d.user_id = m.user_id and d.need_id = n.id)
      and not exists (select 1 from alert_digests g where g.user_id = m.user_id and g.day = ${day})
    group by m.user_id, u.email, u.language, w.org_id, o.name, n.id
    order by m.user_id, o.name, w.org_id, n.deadline, n.id`
}

function processNames(codes: readonly string[], language: Language): string {
  return codes
    .map((code) => {
      const process = getProcess(code)
      return process ? (language === 'ru' ? process.nameRu : process.nameEn) : code
    })
    .join(', ')
}

function placeOf(line: DigestRow, language: Language): string {
  const subject = getSubject(line.regionCode)
  const region = subject ? (language === 'ru' ? subject.nameRu : subject.nameEn) : line.regionCode
  return line.city ? `${line.city}, ${region}` : region
}

const TEXT = {
  ru: {
    subject: (count: number) => `Новые потребности по вашим оповещениям: ${count} — «Подряд»`,
    greeting: 'Здравствуйте!',
    intro: (day: string) => `Со времени прошлой сводки опубликованы потребности, подходящие под оповещения вашей организации (сводка на ${day}):`,
    organization: (name: string) => `Организация: ${name}`,
    processes: 'Процессы',
    delivery: 'Поставка',
    deadline: 'Срок',
    quantity: (count: number) => `Количество: ${count} шт.`,
    alerts: 'Оповещения',
    more: (count: number) => `…и ещё ${count}: все они во «Входящих».`,
    contractor: 'Заказчика называет центр субконтрактации, когда знакомит стороны.',
    manage: (url: string) => `Приостановить или удалить оповещения, отказаться от сводки: ${url}`,
  },
  en: {
    subject: (count: number) => `New needs matching your alerts: ${count} — Podryad`,
    greeting: 'Hello,',
    intro: (day: string) => `Since the last digest, needs matching your organization's alerts have been published (digest of ${day}):`,
    organization: (name: string) => `Organization: ${name}`,
    processes: 'Processes',
    delivery: 'Delivery',
    deadline: 'Deadline',
    quantity: (count: number) => `Quantity: ${count} pcs`,
    alerts: 'Alerts',
    more: (count: number) => `…and ${count} more: all of them are in the inbox.`,
    contractor: 'The subcontracting centre names the contractor when it introduces the parties.',
    manage: (url: string) => `Pause or delete alerts, or stop this digest: ${url}`,
  },
} as const

/** One person's digest: the needs grouped by organization, each with a link to the need page. No contractor is named. */
function digestMessage(lines: readonly DigestRow[], day: string, origin: string, language: Language): { subject: string; body: string } {
  const text = TEXT[language]
  const body: string[] = [text.greeting, '', text.intro(day)]
  const listed = lines.slice(0, LISTED_NEEDS)
  let orgId: string | null = null
  for (const line of listed) {
    if (line.orgId !== orgId) {
      orgId = line.orgId
      body.push('', text.organization(line.orgName))
    }
    const quantity = line.quantity === null ? '' : ` ${text.quantity(line.quantity)}`
    body.push(
      '',
      `• ${line.title.replace(/\s+/g, ' ').trim()}`,
      `  ${text.processes}: ${processNames(line.processes, language)}.`,
      `  ${text.delivery}: ${placeOf(line, language)}. ${text.deadline}: ${line.deadline}.${quantity}`,
      `  ${text.alerts}: ${line.alertNames.join('; ')}`,
      `  ${origin}/needs/${line.needId}`,
    )
  }
  if (lines.length > listed.length) body.push('', text.more(lines.length - listed.length))
  const manageOrg = lines[0]?.orgId ?? ''
  body.push('', text.contractor, text.manage(`${origin}/alerts?org=${manageOrg}`))
  return { subject: text.subject(lines.length), body: body.join('\n') }
}

/**
 * The daily digest: each member of a supplier with alerts owed lines gets one message listing exactly those
 * needs, in their language (Russian unless their account says English). Re-running on the same Moscow day
 * queues nothing more (the digest row is unique per person and day, and so is the message's dedupe key); a need
 * listed once is never listed to that person again. A platform job.
 */
export async function sendAlertDigests(ctx: ServiceContext, options: DigestOptions): Promise<DigestResult> {
  if (!isPlatformAdmin(ctx.actor)) throw new ForbiddenError('Сводки рассылает сама платформа / Digests are sent by the platform itself')
  const now = ctx.now()
  const day = digestDay(now)
  const byUser = new Map<string, DigestRow[]>()
  for (const line of await owedLines(ctx, day)) byUser.set(line.userId, [...(byUser.get(line.userId) ?? []), line])
  const result: DigestResult = { sent: 0, needs: 0 }
  for (const [userId, lines] of byUser) {
    const needIds = [...new Set(lines.map((line) => line.needId))]
    const unique = lines.filter((line, i) => lines.findIndex((other) => other.needId === line.needId) === i)
    const first = unique[0]
    if (!first) continue
    const queued = await ctx.sql.begin(async (tx) => {
      const [digest] = await tx<{ id: string }[]>`
        insert into alert_digests (user_id, day, sent_at, need_ids) values (${userId}, ${day}, ${now}, ${tx.array(needIds)}::text[])
        on conflict (user_id, day) do nothing
        returning id::text as id`
      if (!digest) return false
      await tx`
        insert into alert_digest_needs (user_id, need_id, digest_id)
        select ${userId}, unnest(${tx.array(needIds)}::text[]), ${digest.id}::bigint
        on conflict do nothing`
      const message = digestMessage(unique, day, options.publicOrigin, first.language)
      return enqueueNotification(tx, { kind: 'alert-digest', recipient: first.email, ...message, dedupeKey: `alert-digest:${userId}:${day}` })
    })
    if (queued) {
      result.sent += 1
      result.needs += needIds.length
    }
  }
  return result
}
