import { describe, expect, it } from 'vitest'
import { filters, quote } from '../../src/search/filters.js'

const c = filters('capacities')
const n = filters('needs')

describe('quote', () => {
  it('escapes backslashes before quotes and wraps the value', () => {
    expect(quote('plain')).toBe('"plain"')
    expect(quote('say "hi"')).toBe('"say \\"hi\\""')
    expect(quote('C:\\dir')).toBe('"C:\\\\dir"')
    // A trailing backslash must not escape the closing quote.
    expect(quote('end\\')).toBe('"end\\\\"')
    expect(quote('\\"')).toBe('"\\\\\\""')
  })
})

describe('filter builder', () => {
  it('quotes string values, so spaces and operators inside them stay data', () => {
    expect(c.build(c.eq('regionCode', '16'))).toBe('regionCode = "16"')
    expect(c.build(c.eq('clusterIds', 'a b AND c OR d'))).toBe('clusterIds = "a b AND c OR d"')
    expect(c.build(c.eq('clusterIds', 'x" OR orgId EXISTS OR "'))).toBe('clusterIds = "x\\" OR orgId EXISTS OR \\""')
    expect(n.build(n.eq('status', 'published) OR (visibility = "invited"'))).toBe(
      'status = "published) OR (visibility = \\"invited\\""',
    )
  })

  it('keeps Cyrillic and other non-ASCII text as it is', () => {
    expect(c.build(c.in('materials', ['12Х18Н10Т', 'Ст3сп']))).toBe('materials IN ["12Х18Н10Т", "Ст3сп"]')
  })

  it('writes finite numbers bare and rejects NaN and infinities', () => {
    expect(c.build(c.lte('itGrade', 7), c.gte('maxLengthMm', 120.5))).toBe('(itGrade <= 7) AND (maxLengthMm >= 120.5)')
    expect(c.build(c.eq('itGrade', 0))).toBe('itGrade = 0')
    expect(() => c.gte('maxLengthMm', Number.NaN)).toThrow(RangeError)
    expect(() => c.lte('itGrade', Number.POSITIVE_INFINITY)).toThrow(RangeError)
    expect(() => c.in('itGrade', [7, Number.NEGATIVE_INFINITY])).toThrow(RangeError)
  })

  it('rejects attributes that are not whitelisted, at compile time and at run time', () => {
    // @ts-expect-error orgName is searchable, not filterable
    expect(() => c.eq('orgName', 'x')).toThrow(/not filterable on the capacities index/)
    // @ts-expect-error capacities have no status
    expect(() => c.eq('status', 'published')).toThrow(RangeError)
    // @ts-expect-error a filter-language injection through the attribute name
    expect(() => c.eq('regionCode = "1" OR id', 'x')).toThrow(RangeError)
    // @ts-expect-error inherited object keys are not attributes
    expect(() => c.eq('constructor', 'x')).toThrow(RangeError)
    // @ts-expect-error ranges need a numeric attribute
    expect(() => c.gte('regionCode', 5)).toThrow(/not numeric/)
    // @ts-expect-error a string attribute takes strings
    expect(() => c.eq('regionCode', 16)).toThrow(TypeError)
  })

  it('keeps one index’s filters out of another’s', () => {
    // @ts-expect-error a needs filter cannot join a capacities filter
    c.all(n.eq('status', 'published'))
  })

  it('combines conditions with explicit parentheses and drops absent optional ones', () => {
    const filter = n.build(
      n.eq('visibility', 'public'),
      n.any(n.in('processes', ['MCH.MILL3', 'MCH.TURN']), n.in('processGroups', ['WLD'])),
      undefined,
      false,
      n.not(n.eq('status', 'closed')),
    )
    expect(filter).toBe(
      '(visibility = "public") AND ((processes IN ["MCH.MILL3", "MCH.TURN"]) OR (processGroups IN ["WLD"])) AND (NOT (status = "closed"))',
    )
    expect(c.build()).toBeUndefined()
    expect(c.build(c.all(), undefined)).toBeUndefined()
    expect(c.build(c.any(c.all(), c.eq('regionCode', '16')))).toBeUndefined()
    expect(c.build(c.any(c.isNull('itGrade'), c.lte('itGrade', 7)))).toBe('(itGrade IS NULL) OR (itGrade <= 7)')
    expect(c.build(c.any(c.isEmpty('materials'), c.in('materialFamilies', ['ALUMINIUM'])))).toBe('(materials IS EMPTY) OR (materialFamilies IN ["ALUMINIUM"])')
    expect(() => c.isEmpty('colour' as never)).toThrow(/not filterable/)
  })

  it('refuses conditions that can match nothing instead of writing them', () => {
    expect(() => c.in('processes', [])).toThrow(/matches nothing/)
    expect(() => c.any()).toThrow(/matches nothing/)
    expect(() => c.not(c.all())).toThrow(/matches nothing/)
  })

  it('builds bounding boxes, including one across the antimeridian, and checks coordinates', () => {
    expect(c.build(c.geoBox({ south: 53, west: 45, north: 58, east: 52.5 }))).toBe('_geoBoundingBox([58, 52.5], [53, 45])')
    expect(c.build(c.geoBox({ south: 64, west: 177, north: 66, east: -177 }))).toBe('_geoBoundingBox([66, -177], [64, 177])')
    expect(() => c.geoBox({ south: 60, west: 0, north: 50, east: 1 })).toThrow(RangeError)
    expect(() => c.geoBox({ south: 0, west: 0, north: 91, east: 1 })).toThrow(RangeError)
    expect(() => c.geoBox({ south: 0, west: Number.NaN, north: 1, east: 1 })).toThrow(RangeError)
  })
})
