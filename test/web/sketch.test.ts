import { describe, expect, it } from 'vitest'
import { roadKm } from '../../src/geo/index.js'
import { pagerItems } from '../../web/components/Pager.js'
import { SKETCH_RADIUS, projectKm, sketch } from '../../web/map/sketch.js'

const CHELNY = { lat: 55.7436, lon: 52.3958 }
const ELABUGA = { lat: 55.7567, lon: 52.0543 }
const YEKATERINBURG = { lat: 56.8389, lon: 60.6057 }

describe('the candidate sketch', () => {
  it('projects around the delivery point: east is +x, north is -y, longitude shrinks with cos(latitude)', () => {
    const east = projectKm(CHELNY, { lat: CHELNY.lat, lon: CHELNY.lon + 1 })
    expect(east.x).toBeCloseTo(111.19 * Math.cos((CHELNY.lat * Math.PI) / 180), 1)
    expect(east.y).toBeCloseTo(0, 6)
    expect(projectKm(CHELNY, { lat: CHELNY.lat + 1, lon: CHELNY.lon }).y).toBeCloseTo(-111.19, 1)
  })

  it('puts each candidate as far from the centre as its distance, at the scale of the rings', () => {
    const drawing = sketch(CHELNY, [{ id: 'elabuga', point: ELABUGA }], 400)
    const limit = drawing.rings.find((ring) => ring.limit)
    expect(limit?.roadKm).toBe(400)
    const [placed] = drawing.placed
    const drawnRoadKm = (Math.hypot(placed?.x ?? 0, placed?.y ?? 0) / (limit?.r ?? 1)) * 400
    expect(drawnRoadKm).toBeCloseTo(roadKm(CHELNY, ELABUGA), -1)
  })

  it('fits the farthest candidate inside the drawing and keeps rings in order', () => {
    const drawing = sketch(CHELNY, [{ id: 'far', point: YEKATERINBURG }], 400)
    const farthest = Math.max(...drawing.placed.map(({ x, y }) => Math.hypot(x, y)))
    expect(farthest).toBeLessThanOrEqual(SKETCH_RADIUS)
    expect(farthest).toBeGreaterThan(SKETCH_RADIUS * 0.85)
    const radii = drawing.rings.map((ring) => ring.r)
    expect(radii).toEqual([...radii].sort((a, b) => a - b))
    expect(drawing.rings.length).toBeGreaterThanOrEqual(2)
  })

  it('draws round rings only without a distance limit', () => {
    const drawing = sketch(CHELNY, [], null)
    expect(drawing.rings.every((ring) => !ring.limit)).toBe(true)
    // With nothing to show, the picture spans 50 road km (plus its margin).
    expect(drawing.rings.at(-1)?.roadKm).toBe(50)
    expect(drawing.rings.at(-1)?.r).toBeCloseTo(SKETCH_RADIUS / 1.08, 3)
  })
})

describe('pagination', () => {
  it('shows the ends and a window around the current page', () => {
    expect(pagerItems(1, 1)).toEqual([1])
    expect(pagerItems(1, 5)).toEqual([1, 2, 3, 4, 5])
    expect(pagerItems(10, 20)).toEqual([1, 'gap', 8, 9, 10, 11, 12, 'gap', 20])
    expect(pagerItems(20, 20)).toEqual([1, 'gap', 18, 19, 20])
  })
})
