import { describe, expect, it } from 'vitest'
import * as cells from '../../src/domain/import/cells.js'
import { isKnownProcessName, lookupCertificate, lookupMaterial, lookupProcess, splitList } from '../../src/domain/import/lookup.js'

const code = (result: ReturnType<typeof lookupProcess>) => (result.ok ? result.code : result.message)

describe('import look-ups by the names curators type', () => {
  it('finds processes by name in any case, with ё or е, without the remark, by code and by an ОКВЭД2 class of one process', () => {
    expect(code(lookupProcess('ТОКАРНАЯ ОБРАБОТКА НА СТАНКАХ С ЧПУ'))).toBe('MCH.TURN')
    expect(code(lookupProcess('литье под давлением'))).toBe('CST.HPDC')
    expect(code(lookupProcess('Токарно-фрезерная обработка'))).toBe('MCH.TURNMILL')
    expect(code(lookupProcess('mch.mill5'))).toBe('MCH.MILL5')
    expect(code(lookupProcess('CNC turning'))).toBe('MCH.TURN')
    expect(code(lookupProcess('25.73'))).toBe('TOOL.DIE')
    expect(code(lookupProcess('25.62'))).toMatch(/^Код ОКВЭД2 25\.62 соответствует нескольким процессам/u)
    expect(code(lookupProcess('Токарка'))).toMatch(/^Процесс «Токарка» не найден/u)
  })

  it('keeps a catalogue name that contains «;» whole when splitting a list', () => {
    const fsw = 'Сварка трением с перемешиванием (43); сварка трением (42)'
    expect(splitList(`Лазерная резка листа; ${fsw}`, isKnownProcessName)).toEqual(['Лазерная резка листа', fsw])
    expect(code(lookupProcess(fsw))).toBe('WLD.FSW')
  })

  it('finds materials by grade, «Сталь …», alias and family, and certificates by their usual designations', () => {
    expect(code(lookupMaterial('сталь 45'))).toBe('ST_45')
    expect(code(lookupMaterial('Д16Т'))).toBe('AL_D16')
    expect(code(lookupMaterial('12х18н10т'))).toBe('ST_12KH18N10T')
    expect(code(lookupMaterial('Алюминий и алюминиевые сплавы'))).toBe('ALUMINIUM')
    expect(code(lookupCertificate('ISO 9001'))).toBe('ISO9001')
    expect(code(lookupCertificate('iso 9001:2015'))).toBe('ISO9001')
    expect(code(lookupCertificate('ГОСТ Р ИСО 9001-2015'))).toBe('GOST_R_ISO9001')
    expect(code(lookupCertificate('IATF 16949'))).toBe('IATF16949')
    expect(code(lookupCertificate('EN 9100:2018'))).toBe('AS9100')
    expect(lookupCertificate('ISO 9999').ok).toBe(false)
  })
})

describe('import cells', () => {
  it('restores the leading zero an ИНН typed as a number lost, and reads dates and decimal commas', () => {
    expect(cells.digits(274012345, [10, 12])).toBe('0274012345')
    expect(cells.digits(' 1650 123450 ', [10, 12])).toBe('1650123450')
    expect(cells.date('5.3.2027')).toEqual({ ok: true, value: '2027-03-05' })
    expect(cells.date(new Date('2027-03-05T00:00:00Z'))).toEqual({ ok: true, value: '2027-03-05' })
    expect(cells.date('31.02.2027')?.ok).toBe(false)
    expect(cells.number('1,6')).toEqual({ ok: true, value: 1.6 })
    expect(cells.number('много')?.ok).toBe(false)
    expect(cells.itGrade('IT7')).toEqual({ ok: true, value: 7 })
    expect(cells.kinds('Поставщик; заказчик')).toEqual({ ok: true, value: ['supplier', 'contractor'] })
    expect(cells.freeHours('2027-03: 320; 2027-04 280')).toEqual({ ok: true, value: [{ month: '2027-03', hours: 320 }, { month: '2027-04', hours: 280 }] })
  })
})
