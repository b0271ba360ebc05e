import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from '../../src/lib/csv.js'
import { axisTicks, layoutBars, layoutLines, niceStep } from '../../web/charts/scale.js'

describe('CSV cells', () => {
  it('prefixes text a spreadsheet would run as a formula with an apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/)
    expect(csvCell('Сталь 45')).toBe('Сталь 45')
  })

  it('leaves numbers alone, negative ones too, and writes decimals with a comma', () => {
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(66.666)).toBe('66,67')
    expect(csvCell(null)).toBe('')
  })

  it('quotes cells holding the separator, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('ООО «Штамп»; цех 2')).toBe('"ООО «Штамп»; цех 2"')
    expect(csvCell('Вал "А"')).toBe('"Вал ""А"""')
    expect(csvCell('две\nстроки')).toBe('"две\nстроки"')
  })

  it('starts the file with a byte order mark and separates titled tables by a blank line', () => {
    const csv = toCsv([
      { title: 'Первая', header: ['a', 'b'], rows: [[1, 'x']] },
      { header: ['c'], rows: [] },
    ])
    expect(csv).toBe('\uFEFFПервая\r\na;b\r\n1;x\r\n\r\nc\r\n')
  })
})

describe('chart geometry', () => {
  it('steps axes by 1, 2 or 5 times a power of ten and covers the maximum', () => {
    expect([0.3, 1, 1.5, 3, 7, 12, 45, 130].map(niceStep)).toEqual([1, 1, 2, 5, 10, 20, 50, 200])
    expect(axisTicks(0)).toEqual([0, 1])
    expect(axisTicks(7)).toEqual([0, 2, 4, 6, 8])
    expect(axisTicks(130)).toEqual([0, 50, 100, 150])
  })

  it('draws bars to one scale, the longest filling the room left for its value', () => {
    const { bars, height } = layoutBars([
      { label: 'a', value: 4 },
      { label: 'b', value: 1 },
      { label: 'c', value: 0 },
    ])
    expect(bars.map((bar) => bar.width)).toEqual([320, 80, 0])
    expect(height).toBe(4 * 2 + 3 * 38)
    expect(bars.every((bar, i) => i === 0 || bar.y > (bars[i - 1]?.y ?? 0))).toBe(true)
  })

  it('places line points from the bottom of the plot up to the top tick, months edge to edge', () => {
    const layout = layoutLines(3, [{ key: 'published', values: [0, 4, 8] }])
    const [line] = layout.lines
    expect(layout.ticks.map((tick) => tick.value)).toEqual([0, 2, 4, 6, 8])
    expect(line?.points.map((point) => point.y)).toEqual([190, 101, 12])
    expect(line?.points.map((point) => point.x)).toEqual([34, 211, 388])
    expect(line?.path).toBe('M34 190 L211 101 L388 12')
  })

  it('labels at most about eight months, always the last', () => {
    const columns = layoutLines(24, [{ key: 'x', values: Array(24).fill(1) }]).columns
    expect(columns.filter((column) => column.labelled).length).toBeLessThanOrEqual(8)
    expect(columns.at(-1)?.labelled).toBe(true)
  })
})
