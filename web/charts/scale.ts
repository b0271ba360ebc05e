/**
 * Geometry of the analytics charts, kept apart from the markup so it can be tested with plain numbers.
 * Everything is in the charts' own viewBox units.
 */

/** The smallest of 1, 2, 5 × 10ⁿ (n ≥ 0) that is at least `value`: axis steps people read at a glance. */
export function niceStep(value: number): number {
  if (value <= 1) return 1
  const magnitude = 10 ** Math.floor(Math.log10(value))
  for (const factor of [1, 2, 5, 10]) if (factor * magnitude >= value) return factor * magnitude
  return 10 * magnitude
}

/** Whole-number ticks from 0 to a round top at or above `max`, about four steps. */
export function axisTicks(max: number): number[] {
  const step = niceStep(max / 4)
  const top = Math.max(step, Math.ceil(max / step) * step)
  const ticks: number[] = []
  for (let tick = 0; tick <= top; tick += step) ticks.push(tick)
  return ticks
}

const round = (value: number) => Math.round(value * 10) / 10

export const BAR_CHART = { width: 400, rowHeight: 38, labelOffset: 13, barOffset: 18, barHeight: 14, valueGap: 6, valueRoom: 72, padding: 4 } as const

export interface BarDatum {
  label: string
  value: number
}

export interface PlacedBar<T extends BarDatum> {
  datum: T
  /** Top of the row: the label's line, with the bar under it. */
  y: number
  labelY: number
  barY: number
  width: number
  valueX: number
}

/** One row per bar, labels above the bars (long Russian names need the whole width), widths to a common scale. */
export function layoutBars<T extends BarDatum>(data: readonly T[]): { height: number; bars: PlacedBar<T>[] } {
  const max = Math.max(0, ...data.map((datum) => datum.value))
  const room = BAR_CHART.width - 2 * BAR_CHART.padding - BAR_CHART.valueRoom
  const bars = data.map((datum, i) => {
    const y = BAR_CHART.padding + i * BAR_CHART.rowHeight
    // A zero still shows as a sliver, so the row does not look missing.
    const width = max === 0 ? 0 : Math.max(datum.value > 0 ? 2 : 0, round((datum.value / max) * room))
    return { datum, y, labelY: y + BAR_CHART.labelOffset, barY: y + BAR_CHART.barOffset, width, valueX: round(BAR_CHART.padding + width + BAR_CHART.valueGap) }
  })
  return { height: BAR_CHART.padding * 2 + data.length * BAR_CHART.rowHeight, bars }
}

export const LINE_CHART = { width: 400, height: 220, left: 34, right: 12, top: 12, bottom: 30 } as const

export interface LineSeries {
  key: string
  values: readonly number[]
}

export interface PlacedLine {
  key: string
  points: { x: number; y: number; value: number }[]
  path: string
}

export interface LineLayout {
  ticks: { value: number; y: number }[]
  /** x of each category (month), and whether its label is drawn (every one, or every n-th when crowded). */
  columns: { x: number; labelled: boolean }[]
  lines: PlacedLine[]
}

/** At most about eight month labels fit under the axis; the rest are in the table. */
const MAX_LABELS = 8

export function layoutLines(categories: number, series: readonly LineSeries[]): LineLayout {
  const { width, height, left, right, top, bottom } = LINE_CHART
  const max = Math.max(0, ...series.flatMap((line) => line.values))
  const ticks = axisTicks(max)
  const topValue = ticks.at(-1) ?? 1
  const plotHeight = height - top - bottom
  const plotWidth = width - left - right
  const y = (value: number) => round(top + plotHeight - (value / topValue) * plotHeight)
  // A single month sits in the middle; more spread from edge to edge of the plot.
  const x = (i: number) => round(categories <= 1 ? left + plotWidth / 2 : left + (i / (categories - 1)) * plotWidth)
  const every = Math.ceil(categories / MAX_LABELS)
  return {
    ticks: ticks.map((value) => ({ value, y: y(value) })),
    columns: Array.from({ length: categories }, (_, i) => ({ x: x(i), labelled: (categories - 1 - i) % every === 0 })),
    lines: series.map((line) => {
      const points = line.values.map((value, i) => ({ x: x(i), y: y(value), value }))
      return { key: line.key, points, path: points.map((point, i) => `${i === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' ') }
    }),
  }
}
