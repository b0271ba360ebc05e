import { BAR_CHART, LINE_CHART, layoutBars, layoutLines } from '../charts/scale.js'

/**
 * Charts drawn on the server as inline SVG: readable without JavaScript, styled by classes of app.css (the CSP
 * forbids style attributes), named by <title>/<desc> for assistive technology, each bar and point carrying its
 * number as text or <title>. Every chart stands next to a table with the same numbers.
 */

const SVG_NS = 'http://www.w3.org/2000/svg'

/** Labels longer than a row is wide end in an ellipsis; the bar's <title> and the table have them whole. */
const LABEL_CHARS = 44

function shortLabel(label: string): string {
  return label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1).trimEnd()}…` : label
}

export interface Bar {
  label: string
  value: number
  /** The value as printed: «12», «12 из 30». */
  valueText: string
  /** The tooltip and accessible name of the bar; by default «label: value». */
  title?: string
}

export interface BarChartProps {
  id: string
  title: string
  description: string
  bars: readonly Bar[]
}

export function BarChart({ id, title, description, bars }: BarChartProps) {
  const { height, bars: placed } = layoutBars(bars)
  return (
    <svg
      xmlns={SVG_NS}
      class="chart chart--bars"
      viewBox={`0 0 ${BAR_CHART.width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      id={id}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {placed.map((bar) => (
        <g class="chart__row">
          <title>{bar.datum.title ?? `${bar.datum.label}: ${bar.datum.valueText}`}</title>
          <text class="chart__label" x={BAR_CHART.padding} y={bar.labelY}>
            {shortLabel(bar.datum.label)}
          </text>
          <rect class="chart__bar" x={BAR_CHART.padding} y={bar.barY} width={bar.width} height={BAR_CHART.barHeight} rx="2" />
          <text class="chart__value" x={bar.valueX} y={bar.barY + BAR_CHART.barHeight - 3}>
            {bar.datum.valueText}
          </text>
        </g>
      ))}
    </svg>
  )
}

export interface Line {
  key: string
  label: string
  values: readonly number[]
}

export interface LineChartProps {
  id: string
  title: string
  description: string
  /** Category names (months), one per value of every line, as the points' titles say them. */
  categories: readonly string[]
  /** The same, short, as written under the axis. */
  axisLabels: readonly string[]
  lines: readonly Line[]
  format: (value: number) => string
}

/** Markers differ in shape as well as colour and dash, so the lines stay apart in grey print and for colour-blind readers. */
function Marker({ index, x, y }: { index: number; x: number; y: number }) {
  switch (index % 4) {
    case 0:
      return <circle cx={x} cy={y} r="3.2" />
    case 1:
      return <rect x={x - 3} y={y - 3} width="6" height="6" />
    case 2:
      return <path d={`M${x} ${y - 3.8} L${x + 3.6} ${y + 2.6} L${x - 3.6} ${y + 2.6} Z`} />
    default:
      return <path d={`M${x} ${y - 4} L${x + 4} ${y} L${x} ${y + 4} L${x - 4} ${y} Z`} />
  }
}

function edgeAnchor(index: number, count: number): 'start' | 'middle' | 'end' {
  if (count > 1 && index === 0) return 'start'
  if (count > 1 && index === count - 1) return 'end'
  return 'middle'
}

export function LineChart({ id, title, description, categories, axisLabels, lines, format }: LineChartProps) {
  const layout = layoutLines(categories.length, lines.map((line) => ({ key: line.key, values: line.values })))
  const { width, height, left, right, bottom } = LINE_CHART
  return (
    <svg xmlns={SVG_NS} class="chart chart--lines" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} id={id}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <g class="chart__grid">
        {layout.ticks.map((tick) => (
          <g>
            <line x1={left} x2={width - right} y1={tick.y} y2={tick.y} />
            <text class="chart__tick" x={left - 5} y={tick.y + 4} text-anchor="end">
              {format(tick.value)}
            </text>
          </g>
        ))}
      </g>
      <g class="chart__months">
        {layout.columns.map((column, i) =>
          column.labelled ? (
            // The end labels lean inwards, so they never run off the drawing.
            <text class="chart__tick" x={column.x} y={height - bottom + 18} text-anchor={edgeAnchor(i, layout.columns.length)}>
              {axisLabels[i] ?? ''}
            </text>
          ) : null,
        )}
      </g>
      {layout.lines.map((line, index) => (
        <g class={`chart__series chart__series--${index + 1}`}>
          <path class="chart__line" d={line.path} />
          {line.points.map((point, i) => (
            <g class="chart__point">
              <title>{`${lines[index]?.label ?? line.key}, ${categories[i] ?? ''}: ${format(point.value)}`}</title>
              <Marker index={index} x={point.x} y={point.y} />
            </g>
          ))}
        </g>
      ))}
    </svg>
  )
}

/** The key to a line chart, as text beside it: a sample of each line's stroke and marker, then its name. */
export function LineLegend({ lines }: { lines: readonly Line[] }) {
  return (
    <ul class="legend chart-legend">
      {lines.map((line, index) => (
        <li>
          <svg xmlns={SVG_NS} class={`legend__icon legend__icon--wide chart__series chart__series--${index + 1}`} viewBox="0 0 24 12" aria-hidden="true" focusable="false">
            <path class="chart__line" d="M1 6 L23 6" />
            <Marker index={index} x={12} y={6} />
          </svg>{' '}
          {line.label}
        </li>
      ))}
    </ul>
  )
}
