import { randomInt } from 'node:crypto'
import type { CapacityInput } from '../../src/domain/capacity.js'
import type { NeedInput } from '../../src/domain/need.js'
import { silentLogger } from '../../src/lib/log.js'
import { createOutboxWorker } from '../../src/search/worker.js'
import { createCapacity } from '../../src/services/capacities/create.js'
import { createCertificate } from '../../src/services/certificates/create.js'
import { createCluster } from '../../src/services/clusters/create.js'
import { queueMatchRecomputation } from '../../src/services/matches/queue.js'
import { createNeed } from '../../src/services/needs/create.js'
import { createOrganization } from '../../src/services/organizations/create.js'
import { createSite } from '../../src/services/sites/create.js'
import { createMatchWorker } from '../../src/workers/matches.js'
import type { TestDeps } from '../helpers/deps.js'
import { randomInn } from '../helpers/fixtures.js'
import { createTestUser } from '../helpers/auth.js'

/**
 * A small Kama cluster built through the services as the platform itself: a centre with a curator,
 * a contractor in Набережные Челны, and stamping suppliers that match, nearly match (an ISO 9001
 * shop without IATF 16949, a certified one in Пермь, beyond the 400 km limit) or do something else entirely.
 */

export const STAMPING: Omit<CapacityInput, 'siteId'> = {
  title: 'Листовая штамповка в последовательных штампах, прессы до 400 т',
  processes: ['STP.PROG'],
  materials: ['ST_08PS'],
  envelope: { lengthMm: 800, widthMm: 600, heightMm: 200, massKg: 25 },
  itGrade: 10,
  batchMin: 1000,
  batchMax: 200_000,
  freeHours: [
    { month: '2027-01', hours: 320 },
    { month: '2027-02', hours: 280 },
  ],
  leadTimeDays: 21,
}

export const MILLING: Omit<CapacityInput, 'siteId'> = {
  title: 'Фрезерная обработка корпусных деталей из алюминия на станках с ЧПУ',
  processes: ['MCH.MILL3'],
  materials: ['AL_D16'],
  envelope: { lengthMm: 1000, widthMm: 500, heightMm: 500, massKg: 300 },
  itGrade: 7,
  leadTimeDays: 14,
}

export function needInput(overrides: Partial<NeedInput> = {}): NeedInput {
  return {
    title: 'Кронштейн крепления топливного бака, штамповка, 08пс',
    processes: ['STP.PROG'],
    materials: ['ST_08PS'],
    envelope: { lengthMm: 320, widthMm: 140, heightMm: 60, massKg: 1.2 },
    itGrade: 12,
    quantity: 120_000,
    batchSize: 10_000,
    requiredCerts: ['IATF16949'],
    delivery: { address: 'Набережные Челны, Республика Татарстан' },
    maxDistanceKm: 400,
    deadline: '2027-03-01',
    ...overrides,
  }
}

export interface SupplierSpec {
  name: string
  address: string
  certificates: { standard: string; validUntil: string | null }[]
  capacity: Omit<CapacityInput, 'siteId'>
}

export async function createSupplierWithCapacity(deps: TestDeps, spec: SupplierSpec): Promise<{ orgId: string; capacityId: string }> {
  const { ctx } = deps
  const organization = await createOrganization(ctx, { name: spec.name, inn: randomInn(), kinds: ['supplier'], smeSize: 'small' })
  const site = await createSite(ctx, organization.id, { name: 'Производственная площадка', address: spec.address })
  for (const certificate of spec.certificates) {
    await createCertificate(ctx, organization.id, {
      standard: certificate.standard,
      number: `RU-${randomInt(1_000_000)}`,
      issuer: 'Русский Регистр',
      validFrom: '2024-01-15',
      validUntil: certificate.validUntil,
    })
  }
  const capacity = await createCapacity(ctx, organization.id, { siteId: site.id, ...spec.capacity })
  return { orgId: organization.id, capacityId: capacity.id }
}

export interface Scenario {
  clusterId: string
  centreId: string
  contractorId: string
  suppliers: { elabuga: string; chelny: string; far: string; milling: string }
  curator: { id: string; email: string }
}

export async function seedScenario(deps: TestDeps): Promise<Scenario> {
  const { ctx } = deps
  const cluster = await createCluster(ctx, {
    nameRu: 'Камский инновационный территориально-производственный кластер',
    nameEn: 'Kama Innovative Territorial Production Cluster',
    sector: 'automotive',
    regionCodes: ['16'],
    lat: 55.74,
    lon: 52.4,
  })
  const centre = await createOrganization(ctx, { name: 'Центр субконтрактации Республики Татарстан', inn: randomInn(), kinds: ['centre'], clusterIds: [cluster.id] })
  const contractor = await createOrganization(ctx, { name: 'ПАО «КАМАЗ»', inn: randomInn(), kinds: ['contractor'], clusterIds: [cluster.id] })
  const elabuga = await createSupplierWithCapacity(deps, {
    name: 'ООО «Алабуга Штамп»',
    address: 'Елабуга, Республика Татарстан',
    certificates: [{ standard: 'IATF16949', validUntil: '2028-06-30' }],
    capacity: STAMPING,
  })
  const chelny = await createSupplierWithCapacity(deps, {
    name: 'ООО «Челны Металл»',
    address: 'Набережные Челны, Республика Татарстан',
    certificates: [{ standard: 'ISO9001', validUntil: '2028-06-30' }],
    capacity: STAMPING,
  })
  const far = await createSupplierWithCapacity(deps, {
    name: 'ООО «Пермьштамп»',
    address: 'Пермь, Пермский край',
    certificates: [{ standard: 'IATF16949', validUntil: '2029-01-01' }],
    capacity: STAMPING,
  })
  const milling = await createSupplierWithCapacity(deps, {
    name: 'ООО «Кама Фреза»',
    address: 'Нижнекамск, Республика Татарстан',
    certificates: [{ standard: 'ISO9001', validUntil: '2029-01-01' }],
    capacity: MILLING,
  })
  const curator = await createTestUser(deps.sql, { name: 'Ирина Куратор', platformRole: 'curator', memberships: [{ orgId: centre.id, role: 'member' }] })
  await drainSearch(deps)
  return {
    clusterId: cluster.id,
    centreId: centre.id,
    contractorId: contractor.id,
    suppliers: { elabuga: elabuga.orgId, chelny: chelny.orgId, far: far.orgId, milling: milling.orgId },
    curator,
  }
}

/** Makes every pending write searchable, as the worker would within a second in production. */
export async function drainSearch(deps: Pick<TestDeps, 'sql' | 'search'>): Promise<void> {
  await createOutboxWorker({ sql: deps.sql, search: deps.search }).drainOnce()
}

/**
 * Search first, then what indexing queues: the search worker hands published needs and changed suppliers to
 * the match outbox, whose worker ranks them, so suppliers' inboxes fill as they would in production.
 */
export async function drainAll(deps: Pick<TestDeps, 'sql' | 'search'>, now: () => Date): Promise<void> {
  await createOutboxWorker({ sql: deps.sql, search: deps.search, onIndexed: queueMatchRecomputation }).drainOnce()
  await createMatchWorker({ sql: deps.sql, search: deps.search, log: silentLogger, now }).drainOnce()
}

export async function createDraftNeed(deps: TestDeps, contractorId: string, overrides: Partial<NeedInput> = {}): Promise<string> {
  const need = await createNeed(deps.ctx, contractorId, needInput(overrides))
  return need.id
}
