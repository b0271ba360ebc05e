import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CERTIFICATES,
  CERTIFICATE_EDGES,
  MATERIALS,
  MATERIAL_FAMILIES,
  NON_IMPLICATIONS,
  PROCESSES,
  PROCESS_GROUPS,
  SOFT_EDGE_CREDIT,
  certificateCodeSchema,
  certificateCredit,
  closureOf,
  getCertificate,
  getMaterial,
  getMaterialFamily,
  getProcess,
  isCertificateCode,
  isMaterialCode,
  isProcessCode,
  materialCodeSchema,
  materialFamilyOf,
  materialMatch,
  processCodeSchema,
  satisfiersOf,
  searchMaterials,
  searchProcesses,
  type MaterialFamilyCode,
} from '../../src/domain/taxonomy/index.js'

const CLASSIFIER_CODE = /^\d{2}(\.\d{1,2}){0,2}$/
const CYRILLIC = /[А-Яа-яЁё]/
const STRICT = { strictNational: true }

function codesOf(items: readonly { code: string }[]): string[] {
  return items.map((item) => item.code)
}

function expectUnique(codes: readonly string[]): void {
  expect(new Set(codes).size).toBe(codes.length)
}

describe('process taxonomy', () => {
  it('has the 14 groups and 113 processes of the reference', () => {
    expect(PROCESS_GROUPS).toHaveLength(14)
    expect(PROCESSES).toHaveLength(113)
    expectUnique(codesOf(PROCESS_GROUPS))
    expectUnique(codesOf(PROCESSES))
  })

  it('puts every process in an existing group, STP./TOOL. under FRG and RUB. under PLS', () => {
    const groupOfPrefix: Record<string, string> = { STP: 'FRG', TOOL: 'FRG', RUB: 'PLS' }
    const groups = new Set(codesOf(PROCESS_GROUPS))
    for (const process of PROCESSES) {
      const prefix = process.code.split('.')[0] ?? ''
      expect(groups.has(process.group)).toBe(true)
      expect(process.group).toBe(groupOfPrefix[prefix] ?? prefix)
    }
  })

  it('names every process in Russian and English and classifies it by ОКВЭД2', () => {
    for (const process of PROCESSES) {
      expect(process.nameRu).toMatch(CYRILLIC)
      expect(process.nameEn.trim()).not.toBe('')
      expect(process.okved2).toMatch(CLASSIFIER_CODE)
      for (const related of process.okved2Related ?? []) expect(related).toMatch(CLASSIFIER_CODE)
      if (process.okpd2 !== undefined) expect(process.okpd2).toMatch(CLASSIFIER_CODE)
      expectUnique(process.params)
    }
  })

  it('looks processes up by code', () => {
    expect(getProcess('MCH.TURN')?.nameEn).toBe('CNC turning')
    expect(getProcess('MCH.TURN')?.okpd2).toBe('25.62.10')
    expect(getProcess('STP.PROG')?.group).toBe('FRG')
    expect(isProcessCode('RUB.MOLD')).toBe(true)
    expect(isProcessCode('MCH.NOPE')).toBe(false)
    expect(getProcess('mch.turn')).toBeUndefined()
  })
})

describe('searchProcesses', () => {
  it('finds milling in Russian, whatever the case', () => {
    for (const query of ['фрезер', 'ФРЕЗЕР']) {
      expect(codesOf(searchProcesses(query))).toEqual(expect.arrayContaining(['MCH.MILL3', 'MCH.MILL4', 'MCH.MILL5']))
    }
  })

  it('treats ё and е alike on both sides', () => {
    expect(codesOf(searchProcesses('объемная'))).toContain('FRG.CLOSED')
    expect(codesOf(searchProcesses('объёмная'))).toContain('FRG.CLOSED')
    expect(codesOf(searchProcesses('литье'))).toEqual(expect.arrayContaining(['CST.SAND', 'CST.INVEST', 'PLS.INJ']))
  })

  it('matches English names and codes', () => {
    expect(codesOf(searchProcesses('laser'))).toEqual(expect.arrayContaining(['SHT.LASER', 'WLD.LASER', 'SHT.TUBELASER']))
    expect(codesOf(searchProcesses('mch.grind'))).toEqual(['MCH.GRIND.CYL', 'MCH.GRIND.SURF'])
  })

  it('ranks names that start with the query first and honours the limit', () => {
    expect(codesOf(searchProcesses('гибка')).slice(0, 2)).toEqual(['SHT.BEND', 'SHT.TUBEBEND'])
    expect(searchProcesses('а', 5)).toHaveLength(5)
    expect(searchProcesses('   ')).toEqual([])
  })
})

const METAL_PREFIX: Partial<Record<MaterialFamilyCode, string>> = {
  NICKEL_ALLOY: 'NI',
  ALUMINIUM: 'AL',
  TITANIUM: 'TI',
  MAGNESIUM: 'MG',
  COPPER_ALLOY: 'CU',
  CAST_IRON: 'CI',
}
const NON_METAL_PREFIX: Partial<Record<MaterialFamilyCode, string>> = {
  POLYMER: 'PL',
  RUBBER: 'RB',
  COMPOSITE: 'CM',
  OTHER: 'OT',
}
const LATIN_OF_CYRILLIC: Record<string, string> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ж: 'ZH', З: 'Z', И: 'I', Й: 'Y', К: 'K', Л: 'L', М: 'M', Н: 'N',
  О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'KH', Ц: 'TS', Ч: 'CH', Ш: 'SH', Щ: 'SHCH', Ы: 'Y',
  Э: 'E', Ю: 'YU', Я: 'YA',
}

function transliterate(nameRu: string): string {
  const latin = [...nameRu.toUpperCase()].map((char) => LATIN_OF_CYRILLIC[char] ?? char).join('')
  return latin.replace(/[^A-Z0-9]+/g, '_')
}

describe('materials', () => {
  it('has families and about ninety grades with unique codes', () => {
    expect(MATERIAL_FAMILIES.length).toBeGreaterThanOrEqual(14)
    expect(MATERIALS.length).toBeGreaterThanOrEqual(80)
    expectUnique([...codesOf(MATERIALS), ...codesOf(MATERIAL_FAMILIES)])
    const families = new Set<string>(codesOf(MATERIAL_FAMILIES))
    for (const material of MATERIALS) expect(families.has(material.family)).toBe(true)
  })

  it('derives metal codes from the Russian grade and prefixes the others by family', () => {
    for (const material of MATERIALS) {
      const metalPrefix = material.family.startsWith('STEEL_') ? 'ST' : METAL_PREFIX[material.family]
      if (metalPrefix !== undefined) expect(material.code).toBe(`${metalPrefix}_${transliterate(material.nameRu)}`)
      else expect(material.code).toMatch(new RegExp(`^${NON_METAL_PREFIX[material.family]}_[A-Z0-9_]+$`))
    }
  })

  it('looks grades and families up by code', () => {
    expect(getMaterial('ST_40KH')?.nameRu).toBe('40Х')
    expect(getMaterial('AL_D16')?.equivalents).toContainEqual({ system: 'AA', designation: '2024', quality: 'exact' })
    expect(getMaterialFamily('ALUMINIUM')?.nameRu).toBe('Алюминий и алюминиевые сплавы')
    expect(getMaterialFamily('ST_40KH')).toBeUndefined()
    expect(isMaterialCode('ST_12KH18N10T')).toBe(true)
    expect(isMaterialCode('STEEL_ALLOY')).toBe(true)
    expect(isMaterialCode('UNOBTAINIUM')).toBe(false)
    expect(materialFamilyOf('AL_D16')).toBe('ALUMINIUM')
    expect(materialFamilyOf('ALUMINIUM')).toBe('ALUMINIUM')
    expect(materialFamilyOf('UNOBTAINIUM')).toBeUndefined()
  })

  it.each([
    ['ST_40KH', ['ST_40KH'], 'grade'],
    ['ST_40KH', ['AL_D16', 'ST_40KH'], 'grade'],
    ['ST_40KH', ['STEEL_ALLOY'], 'family'],
    ['ST_40KH', ['ST_20KH'], 'family'],
    ['ST_40KH', ['STEEL_CARBON', 'AL_D16'], 'none'],
    ['ST_40KH', [], 'none'],
    ['STEEL_ALLOY', ['ST_40KH'], 'grade'],
    ['STEEL_ALLOY', ['STEEL_ALLOY'], 'grade'],
    ['ALUMINIUM', ['TI_VT6', 'STEEL_ALLOY'], 'none'],
    ['UNOBTAINIUM', ['ST_40KH'], 'none'],
  ])('materialMatch(%s, %j) is %s', (required, offered, expected) => {
    expect(materialMatch(required, offered)).toBe(expected)
  })

  it('finds grades by foreign designation, Russian grade, alias and family-free code', () => {
    expect(searchMaterials('AISI 321')[0]?.code).toBe('ST_12KH18N10T')
    expect(codesOf(searchMaterials('1.4541'))).toEqual(['ST_12KH18N10T'])
    expect(codesOf(searchMaterials('12х18н10т'))).toEqual(['ST_12KH18N10T'])
    expect(codesOf(searchMaterials('Д16Т'))).toEqual(['AL_D16'])
    expect(codesOf(searchMaterials('капролон'))).toEqual(['PL_PA6G'])
    expect(codesOf(searchMaterials('ЭП718'))).toEqual(['NI_KHN45MVTYUBR'])
    expect(searchMaterials('')).toEqual([])
    expect(searchMaterials('ст', 3)).toHaveLength(3)
  })
})

describe('certificate catalogue', () => {
  it('holds the reference schemes, national twins, welding ladders and class-society entries', () => {
    expectUnique(codesOf(CERTIFICATES))
    expect(CERTIFICATES.length).toBeGreaterThanOrEqual(29)
    const required = [
      'ISO9001', 'GOST_R_ISO9001', 'GOST_R_ISO14001', 'GOST_R_ISO45001', 'GOST_ISO_IEC17025', 'GOST_R_EN9110',
      'GOST_R_EN9100_2011', 'ISO3834-2', 'ISO3834-3', 'ISO3834-4', 'EN15085_CL1', 'EN1090_EXC2', 'EN1090_EXC3',
      'EN1090_EXC4', 'NAKS_TECH', 'NAKS_PERS', 'RMRS_SPI', 'RMRS_STO', 'RMRS_WELD', 'GOST_RV_0015_002',
    ]
    for (const code of required) expect(isCertificateCode(code)).toBe(true)
    expect(getCertificate('RMRS_STO')?.supplierCapability).toBe(false)
    expect(getCertificate('GOST_R_58139')?.national).toBe(true)
    expect(getCertificate('IATF16949')?.national).toBe(false)
  })

  it('only links catalogued codes', () => {
    for (const { from, to } of [...CERTIFICATE_EDGES, ...NON_IMPLICATIONS]) {
      expect(isCertificateCode(from)).toBe(true)
      expect(isCertificateCode(to)).toBe(true)
    }
  })
})

describe('certificate implication closure', () => {
  it.each([
    ['IATF16949', 'ISO9001', 1],
    ['AS9100', 'ISO9001', 1],
    ['AS9100', 'GOST_R_ISO9001', 1],
    ['GOST_R_ISO9001', 'ISO9001', 1],
    ['ISO9001', 'GOST_R_ISO9001', 1],
    ['GOST_R_58139', 'GOST_R_ISO9001', 1],
    ['ISO3834-2', 'ISO3834-4', 1],
    ['EN1090_EXC3', 'ISO3834-4', 1],
    ['EN1090_EXC4', 'EN1090_EXC2', 1],
    ['AS9100', 'GOST_R_EN9100_2011', SOFT_EDGE_CREDIT],
    ['GOST_R_EN9100_2011', 'AS9100', SOFT_EDGE_CREDIT],
    ['GOST_R_EN9100_2011', 'ISO9001', SOFT_EDGE_CREDIT],
    ['IATF16949', 'GOST_R_58139', SOFT_EDGE_CREDIT],
    ['ISO13485', 'ISO9001', 0],
    ['ISO9001', 'IATF16949', 0],
    ['ISO3834-4', 'ISO3834-2', 0],
  ])('%s satisfies %s with credit %d', (held, required, credit) => {
    expect(certificateCredit(held, required)).toBe(credit)
  })

  it.each([
    ['IATF16949', 'ISO9001', 0],
    ['GOST_R_58139', 'GOST_R_ISO9001', 0],
    ['AS9100', 'GOST_R_EN9100_2011', 0],
    ['EN1090_EXC3', 'ISO3834-4', 0],
    ['GOST_R_ISO9001', 'ISO9001', 1],
    ['ISO9001', 'GOST_R_ISO9001', 1],
    ['AS9110', 'GOST_R_EN9110', 1],
    ['ISO3834-2', 'ISO3834-4', 1],
    ['EN1090_EXC4', 'EN1090_EXC1', 1],
  ])('in strict national mode %s satisfies %s with credit %d', (held, required, credit) => {
    expect(certificateCredit(held, required, STRICT)).toBe(credit)
  })

  it('never reaches an explicit non-implication', () => {
    for (const { from, to } of NON_IMPLICATIONS) {
      expect(certificateCredit(from, to), `${from} ↛ ${to}`).toBe(0)
      expect(certificateCredit(from, to, STRICT), `${from} ↛ ${to}`).toBe(0)
    }
    expect([...closureOf('RMRS_STO').keys()]).toEqual(['RMRS_STO'])
  })

  it('lists the satisfiers of ISO 9001 for search filters', () => {
    const satisfiers = satisfiersOf('ISO9001')
    for (const code of ['ISO9001', 'GOST_R_ISO9001', 'IATF16949', 'AS9100', 'GOST_R_58139', 'ISO_TS22163']) {
      expect(satisfiers.get(code), code).toBe(1)
    }
    expect(satisfiers.get('GOST_R_EN9100_2011')).toBe(SOFT_EDGE_CREDIT)
    expect(satisfiers.has('ISO13485')).toBe(false)
    expect(satisfiers.has('ISO3834-2')).toBe(false)
    expect([...satisfiersOf('ISO9001', STRICT).keys()].sort()).toEqual(['GOST_R_ISO9001', 'ISO9001'])
  })

  it('agrees between closureOf, satisfiersOf and certificateCredit', () => {
    for (const held of codesOf(CERTIFICATES)) {
      for (const [required, credit] of closureOf(held)) {
        expect(satisfiersOf(required).get(held)).toBe(credit)
        expect(certificateCredit(held, required)).toBe(credit)
      }
    }
  })

  it('gives no credit to unknown codes', () => {
    expect(certificateCredit('ISO0000', 'ISO0000')).toBe(0)
    expect(closureOf('ISO0000').size).toBe(0)
    expect(satisfiersOf('ISO0000').size).toBe(0)
  })

  it('is reflexive and transitive in both modes', () => {
    const code = fc.constantFrom(...codesOf(CERTIFICATES))
    fc.assert(
      fc.property(code, code, code, fc.boolean(), (a, b, c, strictNational) => {
        const opts = { strictNational }
        const chained = certificateCredit(a, b, opts) * certificateCredit(b, c, opts)
        expect(certificateCredit(a, a, opts)).toBe(1)
        expect(certificateCredit(a, c, opts)).toBeGreaterThanOrEqual(chained - 1e-12)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('code schemas', () => {
  it('accept catalogued codes', () => {
    expect(processCodeSchema.safeParse('MCH.TURN').success).toBe(true)
    expect(materialCodeSchema.safeParse('ST_40KH').success).toBe(true)
    expect(materialCodeSchema.safeParse('STEEL_ALLOY').success).toBe(true)
    expect(certificateCodeSchema.safeParse('ISO3834-2').success).toBe(true)
  })

  it.each([
    [processCodeSchema, 'MCH.NOPE', 'Неизвестный код процесса «MCH.NOPE» / Unknown process code "MCH.NOPE"'],
    [materialCodeSchema, 'UNOBTAINIUM', 'Неизвестный код материала «UNOBTAINIUM» / Unknown material code "UNOBTAINIUM"'],
    [certificateCodeSchema, 'ISO0000', 'Неизвестный код сертификата «ISO0000» / Unknown certificate code "ISO0000"'],
  ])('reject unknown codes with a bilingual message', (schema, input, message) => {
    const result = schema.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message])
  })
})
