import { enqueueSearch } from '../../search/outbox.js'
import { capacityColumns } from '../capacities/row.js'
import type { Tx } from '../context.js'
import type { CapacityPlan, ImportPlan } from './plan.js'

/** Rows per multi-row insert: few round trips, well under PostgreSQL's 65 535 parameters per statement. */
const CHUNK = 500

export type ProgressReporter = (done: number, total: number) => Promise<void>

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK))
  return result
}

/** Every column of a new capacity, so the rows of one multi-row insert share their column list. */
function newCapacityRow(tx: Tx, capacity: CapacityPlan): Record<string, unknown> {
  const { input } = capacity
  return {
    id: capacity.id,
    orgId: capacity.orgId,
    siteId: capacity.siteId,
    title: input.title,
    processes: tx.array(input.processes),
    equipment: input.equipment ?? '',
    materials: tx.array(input.materials ?? []),
    lengthMm: input.envelope?.lengthMm ?? null,
    widthMm: input.envelope?.widthMm ?? null,
    heightMm: input.envelope?.heightMm ?? null,
    massKg: input.envelope?.massKg ?? null,
    itGrade: input.itGrade ?? null,
    roughnessRa: input.roughnessRa ?? null,
    batchMin: input.batchMin ?? null,
    batchMax: input.batchMax ?? null,
    freeHours: tx.json([...(input.freeHours ?? [])].sort((a, b) => a.month.localeCompare(b.month))),
    leadTimeDays: input.leadTimeDays ?? null,
    descriptionRu: input.descriptionRu ?? '',
    descriptionEn: input.descriptionEn ?? '',
  }
}

/**
 * Writes a validated plan inside the caller's transaction: organizations, their cluster memberships, sites,
 * certificates, capacities, and one search-outbox row per capacity of every organization touched (capacity
 * documents embed the organization's name, clusters, sites and certificates). Nothing is deleted; on update only the
 * columns the file gives change, and a certificate whose details change goes back to unverified, as an edit does.
 */
export async function writeImportPlan(tx: Tx, plan: ImportPlan, progress: ProgressReporter): Promise<void> {
  const total = plan.organizations.length + plan.sites.length + plan.certificates.length + plan.capacities.length
  let done = 0
  const step = async (n: number) => {
    done += n
    await progress(done, total)
  }

  const newOrganizations = plan.organizations.filter((o) => o.action === 'create')
  for (const batch of chunks(newOrganizations)) {
    const rows = batch.map((o) => ({
      id: o.id,
      name: o.name,
      inn: o.inn,
      ogrn: o.fields.ogrn ?? null,
      kinds: tx.array(o.kinds),
      smeSize: o.fields.smeSize ?? null,
      description: o.fields.description ?? '',
      website: o.fields.website ?? null,
    }))
    await tx`insert into organizations ${tx(rows)}`
    await step(batch.length)
  }
  for (const organization of plan.organizations.filter((o) => o.action === 'update')) {
    const values: Record<string, unknown> = { ...organization.fields, kinds: tx.array(organization.kinds) }
    await tx`update organizations set ${tx(values)}, updated_at = now() where id = ${organization.id}`
  }
  await step(plan.organizations.length - newOrganizations.length)
  const orgIds = plan.organizations.map((o) => o.id)
  if (plan.clusterIds.length && orgIds.length) {
    await tx`
      insert into organization_clusters (org_id, cluster_id)
      select o, c from unnest(${tx.array(orgIds)}::text[]) o cross join unnest(${tx.array(plan.clusterIds)}::text[]) c
      on conflict do nothing`
  }

  const siteRow = (s: ImportPlan['sites'][number]) => ({ name: s.name, address: s.address, city: s.city, regionCode: s.regionCode, lat: s.lat, lon: s.lon, precision: s.precision })
  for (const batch of chunks(plan.sites.filter((s) => s.action === 'create'))) {
    await tx`insert into sites ${tx(batch.map((s) => ({ id: s.id, orgId: s.orgId, ...siteRow(s) })))}`
    await step(batch.length)
  }
  for (const site of plan.sites.filter((s) => s.action === 'update')) {
    await tx`update sites set ${tx(siteRow(site))}, updated_at = now() where id = ${site.id}`
    await step(1)
  }

  for (const batch of chunks(plan.certificates.filter((c) => c.action === 'create'))) {
    const rows = batch.map(({ id, orgId, input }) => ({
      id,
      orgId,
      standard: input.standard,
      number: input.number,
      issuer: input.issuer,
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      scope: input.scope ?? '',
    }))
    await tx`insert into certificates ${tx(rows)}`
    await step(batch.length)
  }
  for (const { id, input } of plan.certificates.filter((c) => c.action === 'update')) {
    // A centre verified what the certificate said before, so a changed certificate goes back for verification.
    await tx`
      update certificates
      set issuer = ${input.issuer}, valid_from = ${input.validFrom}, valid_until = ${input.validUntil ?? null}, scope = ${input.scope ?? ''},
          status = 'unverified', status_reason = null,
          status_changed_at = case when status = 'unverified' then status_changed_at else now() end,
          updated_at = now()
      where id = ${id}
        and (issuer, valid_from, valid_until, scope) is distinct from (${input.issuer}, ${input.validFrom}::date, ${input.validUntil ?? null}::date, ${input.scope ?? ''})`
    await step(1)
  }

  for (const batch of chunks(plan.capacities.filter((c) => c.action === 'create'))) {
    await tx`insert into capacities ${tx(batch.map((c) => newCapacityRow(tx, c)))}`
    await step(batch.length)
  }
  for (const capacity of plan.capacities.filter((c) => c.action === 'update')) {
    await tx`update capacities set ${tx(capacityColumns(tx, capacity.input))}, updated_at = now() where id = ${capacity.id}`
    await step(1)
  }

  if (orgIds.length) {
    const touched = await tx<{ id: string }[]>`select id from capacities where org_id = any(${tx.array(orgIds)}::text[])`
    await enqueueSearch(tx, 'capacity', touched.map((c) => c.id))
  }
}
