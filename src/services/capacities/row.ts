import type { Sql } from '../../db/client.js'
import type { Capacity, CapacityUpdate, FreeHoursEntry } from '../../domain/capacity.js'
import type { Envelope } from '../../domain/common.js'
import type { Tx } from '../context.js'

interface EnvelopeColumns {
  lengthMm: number | null
  widthMm: number | null
  heightMm: number | null
  massKg: number | null
}

interface CapacityRow extends Omit<Capacity, 'envelope' | 'createdAt' | 'updatedAt'>, EnvelopeColumns {
  createdAt: Date
  updatedAt: Date
}

/** Capacities and needs store an envelope as four columns, always written together, so one null means none. */
export function envelopeOf({ lengthMm, widthMm, heightMm, massKg }: EnvelopeColumns): Envelope | null {
  return lengthMm === null || widthMm === null || heightMm === null || massKg === null ? null : { lengthMm, widthMm, heightMm, massKg }
}

export function envelopeColumns(envelope: Envelope | null): EnvelopeColumns {
  return { lengthMm: envelope?.lengthMm ?? null, widthMm: envelope?.widthMm ?? null, heightMm: envelope?.heightMm ?? null, massKg: envelope?.massKg ?? null }
}

export function toCapacity(row: CapacityRow): Capacity {
  const { lengthMm, widthMm, heightMm, massKg, ...rest } = row
  return { ...rest, envelope: envelopeOf(row), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

/** The select list of a capacity row, aliased `c`; callers add joins, where, order and limit. */
export function selectCapacities(sql: Sql | Tx) {
  return sql`
    select c.id, c.org_id, c.site_id, c.title, c.processes, c.equipment, c.materials,
           c.length_mm, c.width_mm, c.height_mm, c.mass_kg, c.it_grade, c.roughness_ra, c.batch_min, c.batch_max,
           c.free_hours, c.lead_time_days, c.description_ru, c.description_en, c.created_at, c.updated_at
    from capacities c`
}

export async function selectCapacity(sql: Sql | Tx, id: string): Promise<Capacity | undefined> {
  const [row] = await sql<CapacityRow[]>`${selectCapacities(sql)} where c.id = ${id}`
  return row ? toCapacity(row) : undefined
}

/** Input fields as `capacities` columns for `tx(values)`; absent fields are left out, so an update keeps them. */
export function capacityColumns(tx: Tx, input: CapacityUpdate): Record<string, unknown> {
  const { envelope, processes, materials, freeHours, ...scalars } = input
  const columns: Record<string, unknown> = Object.fromEntries(Object.entries(scalars).filter(([, v]) => v !== undefined))
  if (processes !== undefined) columns.processes = tx.array(processes)
  if (materials !== undefined) columns.materials = tx.array(materials)
  if (freeHours !== undefined) columns.freeHours = tx.json(sortedByMonth(freeHours))
  return envelope === undefined ? columns : { ...columns, ...envelopeColumns(envelope) }
}

function sortedByMonth(entries: readonly FreeHoursEntry[]): FreeHoursEntry[] {
  return [...entries].sort((a, b) => a.month.localeCompare(b.month))
}

export type { CapacityRow }
