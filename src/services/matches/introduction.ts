import { notifyOrganizationAdmins } from '../../notifications/outbox.js'
import type { Tx } from '../context.js'

interface Party {
  id: string
  name: string
  inn: string
  website: string | null
  contacts: { name: string; email: string }[]
}

interface IntroducedNeed {
  id: string
  title: string
  deadline: string
  quantity: number | null
  city: string | null
  regionCode: string
}

async function loadParty(tx: Tx, orgId: string): Promise<Party | undefined> {
  const [organization] = await tx<Omit<Party, 'contacts'>[]>`select id, name, inn, website from organizations where id = ${orgId}`
  if (!organization) return undefined
  const contacts = await tx<{ name: string; email: string }[]>`
    select u.name, u.email from memberships m join users u on u.id = m.user_id
    where m.org_id = ${orgId} and m.role = 'admin' and u.active order by u.name, u.id`
  return { ...organization, contacts }
}

function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function partyLines(party: Party, language: 'ru' | 'en'): string[] {
  const none = language === 'ru' ? 'контакты не указаны' : 'no contacts on file'
  return [
    `${singleLine(party.name)} (${language === 'ru' ? 'ИНН' : 'INN'} ${party.inn})${party.website ? `, ${party.website}` : ''}`,
    ...(party.contacts.length ? party.contacts.map((c) => `  ${singleLine(c.name)} <${c.email}>`) : [`  ${none}`]),
  ]
}

function needLine(need: IntroducedNeed): { ru: string; en: string } {
  const place = need.city ? `${need.city} (${need.regionCode})` : need.regionCode
  const quantity = need.quantity === null ? '' : `, ${need.quantity} `
  return {
    ru: `«${singleLine(need.title)}» (${need.id}): поставка в ${place}${quantity ? `${quantity}шт.` : ''}, срок ${need.deadline}`,
    en: `"${singleLine(need.title)}" (${need.id}): delivery to ${place}${quantity ? `${quantity}pcs` : ''}, by ${need.deadline}`,
  }
}

function message(lines: { ru: string[]; en: string[] }): string {
  return ['Здравствуйте!', '', ...lines.ru, '', '—', '', 'Hello,', '', ...lines.en].join('\n')
}

/**
 * An introduction is the moment the parties learn who the other is: the supplier's admins get the
 * contractor's name and contacts, the contractor's admins the supplier's. One message per side and
 * admin, once per pair (dedupe `intro:<needId>:<orgId>:<side>`).
 */
export async function queueIntroduction(tx: Tx, needId: string, supplierOrgId: string): Promise<void> {
  const [need] = await tx<(IntroducedNeed & { orgId: string })[]>`
    select id, org_id, title, deadline, quantity, delivery_city as city, delivery_region_code as region_code from needs where id = ${needId}`
  if (!need) return
  const [contractor, supplier] = await Promise.all([loadParty(tx, need.orgId), loadParty(tx, supplierOrgId)])
  if (!contractor || !supplier) return
  const about = needLine(need)
  const key = `intro:${needId}:${supplierOrgId}`

  await notifyOrganizationAdmins(tx, supplier.id, {
    kind: 'introduction',
    subject: `Знакомство с заказчиком: ${singleLine(contractor.name)} — «Подряд» / Introduction to a contractor: ${singleLine(contractor.name)} — Podryad`,
    body: message({
      ru: [
        `Центр субконтрактации представляет вашу организацию ${singleLine(supplier.name)} заказчику по потребности ${about.ru}.`,
        '',
        'Заказчик:',
        ...partyLines(contractor, 'ru'),
        '',
        'Откройте потребность в «Подряде» и ответьте: интересно или нет.',
      ],
      en: [
        `The subcontracting centre introduces your organization ${singleLine(supplier.name)} to the contractor of ${about.en}.`,
        '',
        'Contractor:',
        ...partyLines(contractor, 'en'),
        '',
        'Open the need in Podryad and answer whether you are interested.',
      ],
    }),
    dedupeKey: `${key}:supplier`,
  })

  await notifyOrganizationAdmins(tx, contractor.id, {
    kind: 'introduction',
    subject: `Центр представляет поставщика: ${singleLine(supplier.name)} — «Подряд» / The centre introduces a supplier: ${singleLine(supplier.name)} — Podryad`,
    body: message({
      ru: [`Центр субконтрактации представляет вам поставщика по потребности ${about.ru}.`, '', 'Поставщик:', ...partyLines(supplier, 'ru')],
      en: [`The subcontracting centre introduces a supplier for ${about.en}.`, '', 'Supplier:', ...partyLines(supplier, 'en')],
    }),
    dedupeKey: `${key}:contractor`,
  })
}
