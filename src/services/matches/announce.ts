import { getProcess } from '../../domain/taxonomy/index.js'
import { notifyOrganizationAdmins } from '../../notifications/outbox.js'
import type { Tx } from '../context.js'

interface AnnouncedNeed {
  id: string
  title: string
  processes: string[]
  city: string | null
  regionCode: string
  deadline: string
  quantity: number | null
  sector: string | null
}

function names(codes: readonly string[], language: 'ru' | 'en'): string {
  return codes.map((code) => {
    const process = getProcess(code)
    return process ? (language === 'ru' ? process.nameRu : process.nameEn) : code
  }).join(', ')
}

function announcement(need: AnnouncedNeed): { subject: string; body: string } {
  const title = need.title.replace(/\s+/g, ' ').trim()
  const place = need.city ? `${need.city} (${need.regionCode})` : need.regionCode
  const sector = need.sector ? { ru: `, отрасль: ${need.sector}`, en: `, sector: ${need.sector}` } : { ru: '', en: '' }
  const quantity = need.quantity === null ? { ru: '', en: '' } : { ru: `Количество: ${need.quantity} шт.`, en: `Quantity: ${need.quantity} pcs` }
  const body = [
    'Здравствуйте!',
    '',
    `Опубликована потребность, которую ваша организация может выполнить: «${title}» (${need.id}).`,
    `Процессы: ${names(need.processes, 'ru')}.`,
    `Поставка: ${place}${sector.ru}. Срок: ${need.deadline}. ${quantity.ru}`.trim(),
    '',
    'Заказчика называет центр субконтрактации, когда знакомит стороны. Откройте потребность в «Подряде», чтобы узнать подробности.',
    '',
    '—',
    '',
    'Hello,',
    '',
    `A need your organization can answer has been published: "${title}" (${need.id}).`,
    `Processes: ${names(need.processes, 'en')}.`,
    `Delivery: ${place}${sector.en}. Deadline: ${need.deadline}. ${quantity.en}`.trim(),
    '',
    'The subcontracting centre names the contractor when it introduces the parties. Open the need in Podryad for the details.',
  ].join('\n')
  return { subject: `Новая подходящая потребность: ${title} — «Подряд» / A new matching need: ${title} — Podryad`, body }
}

/**
 * Tells suppliers that a published need matches them, once per pair (`need-match:<needId>:<orgId>`).
 * The message names neither the contractor nor its address: sector, city and region only.
 */
export async function announceNeedToSuppliers(tx: Tx, needId: string, orgIds: readonly string[]): Promise<void> {
  if (orgIds.length === 0) return
  const [need] = await tx<AnnouncedNeed[]>`
    select n.id, n.title, n.processes, n.delivery_city as city, n.delivery_region_code as region_code, n.deadline, n.quantity,
           (select c.sector from clusters c
            where c.id = coalesce(n.cluster_id, (select oc.cluster_id from organization_clusters oc where oc.org_id = n.org_id order by oc.cluster_id limit 1))) as sector
    from needs n where n.id = ${needId} and n.status = 'published'`
  if (!need) return
  const message = announcement(need)
  for (const orgId of orgIds) {
    await notifyOrganizationAdmins(tx, orgId, { kind: 'need-match', ...message, dedupeKey: `need-match:${needId}:${orgId}` })
  }
}
