import { readFile } from 'node:fs/promises'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AnalyticsDataset, NOW, PERIOD, seedAnalytics } from '../helpers/analyticsDataset.js'
import { signIn } from '../helpers/auth.js'
import { type TestDeps, createTestDeps } from '../helpers/deps.js'
import { cspViolations, getPage } from './http.js'

let deps: TestDeps
let data: AnalyticsDataset
let cookie: Record<keyof AnalyticsDataset['users'], string>

const period = `from=${PERIOD.from}&to=${PERIOD.to}`

beforeAll(async () => {
  deps = await createTestDeps({ now: () => NOW })
  data = await seedAnalytics(deps.sql)
  const entries = await Promise.all(Object.entries(data.users).map(async ([role, user]) => [role, await signIn(deps.app, user.email)] as const))
  cookie = Object.fromEntries(entries) as typeof cookie
})

afterAll(async () => {
  await deps?.close()
})

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\s+/g, ' ')
    .trim()
}

/** The inline SVG with this id, as its own document. */
function svgById(html: string, id: string): string {
  const at = html.indexOf(` id="${id}"`)
  expect(at, `no chart ${id}`).toBeGreaterThan(0)
  const open = html.lastIndexOf('<svg', at)
  return html.slice(open, html.indexOf('</svg>', at) + '</svg>'.length)
}

/** Rows of the table with this caption, as trimmed cell texts. */
function tableRows(html: string, caption: string): string[][] {
  const at = html.indexOf(`>${caption}</caption>`)
  expect(at, `no table "${caption}"`).toBeGreaterThan(0)
  const body = html.slice(html.indexOf('<tbody>', at), html.indexOf('</tbody>', at))
  return (body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) => (row.match(/<t[hd]\b[^>]*>[\s\S]*?<\/t[hd]>/g) ?? []).map(textOf))
}

/** Lines of a CSV body (Response.text() has already dropped the byte order mark). */
function csvLines(body: string): string[] {
  return body.split('\r\n')
}

describe('the analytics dashboard', () => {
  it('is linked from the centre workspace', async () => {
    const res = await getPage(deps.app, '/centre', { cookies: [cookie.curatorA] })
    expect(res.status).toBe(200)
    expect(res.html).toContain('href="/centre/analytics"')
    expect(textOf(res.html)).toContain('Аналитика кластера')
  })

  it('shows the indicators, the unmet demand and the certification gap in tables beside their charts', async () => {
    const res = await getPage(deps.app, `/centre/analytics?${period}`, { cookies: [cookie.curatorA] })
    expect(res.status).toBe(200)
    expect(cspViolations(res.html)).toEqual([])
    const text = textOf(res.html)
    expect(text).toContain('Не обеспечено 3 из 4 заявок периода.')
    expect(text).toContain('20 ч')
    expect(tableRows(res.html, 'Показатели кооперации за период')).toEqual([
      ['Опубликовано заявок', '4'],
      ['С подобранными поставщиками', '3'],
      ['С представленным поставщиком', '3'],
      ['С заключённым договором', '1'],
      ['Медиана: от публикации до представления', '20 ч'],
      ['Доля закрытых поставщиками своего кластера', '66,7 % (2 / 3)'],
    ])
    expect(tableRows(res.html, 'По технологическим процессам')).toEqual([
      ['Токарная обработка на станках с ЧПУ', 'MCH.TURN', '3', '2', '0'],
      ['Фрезерная обработка 3-осевая', 'MCH.MILL3', '1', '1', '0'],
      ['Листовая штамповка (в т.ч. в последовательных штампах)', 'STP.PROG', '1', '1', '1'],
    ])
    expect(tableRows(res.html, 'Сертификаты, которых не хватает поставщикам')).toEqual([
      ['IATF 16949', 'IATF16949', '2', '3', '2'],
      [expect.stringContaining('9001'), 'ISO9001', '1', '1', '1'],
    ])
    expect(tableRows(res.html, 'Показатели по месяцам публикации').map((row) => row.slice(1))).toEqual([
      ['1', '1', '1', '1'],
      ['2', '2', '2', '0'],
      ['1', '0', '0', '0'],
    ])
    for (const table of ['indicators', 'trend', 'unmet-process', 'unmet-material', 'unmet-certificate', 'unmet-region', 'certification-gap', 'gap-suppliers']) {
      expect(res.html).toContain(`href="/centre/analytics/${table}.csv?from=${PERIOD.from}&amp;to=${PERIOD.to}"`)
    }
  })

  it('draws well-formed SVG charts that carry their numbers and names', async () => {
    const res = await getPage(deps.app, `/centre/analytics?${period}`, { cookies: [cookie.curatorA] })
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' })
    for (const id of ['chart-trend', 'chart-unmet-process', 'chart-unmet-material', 'chart-unmet-certificate', 'chart-unmet-region', 'chart-gap']) {
      const svg = svgById(res.html, id)
      expect(XMLValidator.validate(svg), id).toBe(true)
      const root = parser.parse(svg).svg
      expect(root.role).toBe('img')
      expect(root['aria-labelledby']).toBe(`${id}-title ${id}-desc`)
      expect(root.title['#text'].length, id).toBeGreaterThan(0)
      expect(svg).not.toMatch(/\sstyle=/)
    }
    const process = svgById(res.html, 'chart-unmet-process')
    expect(process).toContain('<title>Токарная обработка на станках с ЧПУ: 2 из 3</title>')
    expect(process).toContain('>2 из 3</text>')
    // Bars to one scale: 2 unmet is twice as long as 1.
    const widths = [...process.matchAll(/class="chart__bar"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]))
    expect(widths).toHaveLength(3)
    expect(widths[0]).toBeCloseTo(2 * (widths[1] ?? 0), 0)
    const gap = svgById(res.html, 'chart-gap')
    expect(gap).toContain('<title>IATF 16949: заявок: 3, поставщиков: 2</title>')
    const trend = svgById(res.html, 'chart-trend')
    expect(trend).toContain('<title>Опубликовано заявок, сент. 2026 г.: 2</title>')
    expect(trend).toContain('<title>С заключённым договором, авг. 2026 г.: 1</title>')
  })

  it('speaks English to an English reader', async () => {
    const res = await getPage(deps.app, `/centre/analytics?${period}`, { cookies: [cookie.curatorA, 'lang=en'] })
    const text = textOf(res.html)
    expect(text).toContain('Cluster analytics')
    expect(text).toContain('3 of 4 needs of the period unmet.')
    expect(tableRows(res.html, 'By process')[0]).toEqual(['CNC turning', 'MCH.TURN', '3', '2', '0'])
  })

  it('keeps another centre\'s needs out, and refuses a cluster that is not the curator\'s', async () => {
    const other = await getPage(deps.app, `/centre/analytics?${period}`, { cookies: [cookie.curatorB] })
    expect(other.status).toBe(200)
    expect(textOf(other.html)).toContain('Не обеспечено 1 из 1 заявки периода.')
    expect((await getPage(deps.app, `/centre/analytics?${period}&cluster=${data.clusterA}`, { cookies: [cookie.curatorB] })).status).toBe(404)
  })

  it('is for curators: a supplier or a contractor is refused, a visitor asked to sign in', async () => {
    expect((await getPage(deps.app, '/centre/analytics', { cookies: [cookie.supplierS1] })).status).toBe(403)
    expect((await getPage(deps.app, '/centre/analytics', { cookies: [cookie.contractorK] })).status).toBe(403)
    expect((await getPage(deps.app, '/centre/analytics/unmet-process.csv', { cookies: [cookie.contractorK] })).status).toBe(403)
    const anonymous = await getPage(deps.app, '/centre/analytics')
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toContain('/signin?next=')
  })

  it('brings a period that ends before it starts back to the form with the message at the field', async () => {
    const res = await getPage(deps.app, '/centre/analytics?from=2026-10-01&to=2026-09-01', { cookies: [cookie.curatorA] })
    expect(res.status).toBe(400)
    expect(res.html).toContain('id="f-from-error"')
    expect(res.html).toContain('value="2026-10-01"')
  })
})

describe('CSV downloads', () => {
  it('sends a table as a UTF-8 CSV with a BOM, semicolons, CRLF and a file name', async () => {
    const res = await getPage(deps.app, `/centre/analytics/unmet-process.csv?${period}`, { cookies: [cookie.curatorA] })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="podryad-unmet-process-${PERIOD.from}_${PERIOD.to}.csv"; filename*=UTF-8''podryad-unmet-process-${PERIOD.from}_${PERIOD.to}.csv`,
    )
    const raw = await deps.app.request(`/centre/analytics/unmet-process.csv?${period}`, { headers: { cookie: cookie.curatorA } })
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csvLines(res.html)).toEqual([
      'Процесс;Код;Заявок;Не обеспечено;Без единого поставщика',
      'Токарная обработка на станках с ЧПУ;MCH.TURN;3;2;0',
      'Фрезерная обработка 3-осевая;MCH.MILL3;1;1;0',
      'Листовая штамповка (в т.ч. в последовательных штампах);STP.PROG;1;1;1',
      '',
    ])
  })

  it('writes decimals with a comma and the headers in English for an English reader', async () => {
    const res = await getPage(deps.app, `/centre/analytics/indicators.csv?${period}`, { cookies: [cookie.curatorA, 'lang=en'] })
    expect(csvLines(res.html)).toEqual([
      'Indicator;Value',
      'Needs published;4',
      'With suppliers found;3',
      'With a supplier introduced;3',
      'With a contract;1',
      'Median from publication to introduction;20',
      'Share met by suppliers of the same cluster;66,7',
      '',
    ])
  })

  it('defuses cells a spreadsheet would run as formulas, quoting what holds separators or quotes', async () => {
    const res = await getPage(deps.app, `/centre/analytics/gap-suppliers.csv?${period}`, { cookies: [cookie.curatorA] })
    const lines = csvLines(res.html)
    expect(lines[0]).toBe('Поставщик;Сертификат;Заявок откроет;Из них необеспеченных')
    expect(lines).toContain(`"'=HYPERLINK(""http://example.com"";""ООО Штамп"")";IATF 16949;1;1`)
    expect(lines.some((line) => line.startsWith('='))).toBe(false)
  })

  it('answers 404 for a table that does not exist and 400 for a bad date', async () => {
    expect((await getPage(deps.app, `/centre/analytics/nonsense.csv?${period}`, { cookies: [cookie.curatorA] })).status).toBe(404)
    expect((await getPage(deps.app, '/centre/analytics/trend.csv?from=2026-02-30', { cookies: [cookie.curatorA] })).status).toBe(400)
  })

  it('gives another centre\'s curator only their own numbers', async () => {
    const res = await getPage(deps.app, `/centre/analytics/unmet-region.csv?${period}`, { cookies: [cookie.curatorB] })
    expect(csvLines(res.html).slice(1, -1)).toEqual(['Самарская область;63;1;1;0'])
  })
})

describe('the monthly report', () => {
  it('prints the month\'s indicators, unmet demand and certification gap without the site\'s chrome', async () => {
    const res = await getPage(deps.app, '/centre/reports/monthly?month=2026-09', { cookies: [cookie.curatorA] })
    expect(res.status).toBe(200)
    expect(cspViolations(res.html)).toEqual([])
    const text = textOf(res.html)
    expect(text).toContain('Отчёт центра за сент. 2026 г.')
    expect(text).toContain('Не обеспечено 2 из 2 заявок периода.')
    expect(tableRows(res.html, 'Показатели кооперации за период')[4]).toEqual(['Медиана: от публикации до представления', '30 ч'])
    expect(res.html).toContain('<form method="get" action="/centre/reports/monthly" class="panel analytics-filter no-print"')
    const css = await readFile(new URL('../../web/public/app.css', import.meta.url), 'utf8')
    const print = css.slice(css.indexOf('@media print'))
    expect(print).toMatch(/\.site-header,\s*\.site-footer,\s*\.skip-link,\s*\.no-print\s*\{\s*display: none !important;/)
  })

  it('comes as one CSV with a titled block per table', async () => {
    const res = await getPage(deps.app, '/centre/reports/monthly.csv?month=2026-09', { cookies: [cookie.curatorA] })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('filename="podryad-report-2026-09.csv"')
    const lines = csvLines(res.html)
    expect(lines[0]).toBe('Отчёт центра за сент. 2026 г.')
    expect(lines).toContain('Медиана: от публикации до представления;30')
    expect(lines).toContain('По технологическим процессам')
    expect(lines).toContain('Токарная обработка на станках с ЧПУ;MCH.TURN;2;2;0')
    expect(lines).toContain('IATF 16949;IATF16949;2;2;2')
  })

  it('is for curators', async () => {
    expect((await getPage(deps.app, '/centre/reports/monthly?month=2026-09', { cookies: [cookie.contractorK] })).status).toBe(403)
    expect((await getPage(deps.app, '/centre/reports/monthly.csv?month=2026-09', { cookies: [cookie.supplierS1] })).status).toBe(403)
  })
})

describe('the need export', () => {
  it('prints the need and its shortlisted suppliers for its contractor', async () => {
    const res = await getPage(deps.app, `/needs/${data.needs.n1}/print`, { cookies: [cookie.contractorK] })
    expect(res.status).toBe(200)
    expect(cspViolations(res.html)).toEqual([])
    const text = textOf(res.html)
    expect(text).toContain('Вал КПП, токарная обработка')
    expect(text).toContain('ПАО «КАМАЗ»')
    const rows = tableRows(res.html, 'Поставщики в шорт-листе и далее по воронке, лучшие сверху')
    expect(rows.map((row) => [row[1], row[3], row[4]])).toEqual([
      ['ООО «Алабуга Токарь»', 'Договор заключён', '90'],
      ['ООО «Челны Вал»', 'Представлен заказчику', '85'],
    ])
  })

  it('downloads the same as CSV, for the contractor and the centre\'s curator', async () => {
    for (const who of [cookie.contractorK, cookie.curatorA]) {
      const res = await getPage(deps.app, `/needs/${data.needs.n3}/shortlist.csv`, { cookies: [who] })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toContain(`filename="podryad-${data.needs.n3}-shortlist.csv"`)
      const lines = csvLines(res.html)
      expect(lines[0]).toBe('Корпус датчика, токарно-фрезерная')
      expect(lines).toContain('Заказчик;ПАО «КАМАЗ»')
      expect(lines.some((line) => /^1;ООО «Уфа Металл»;\d{10};Заинтересован;80;30;/.test(line))).toBe(true)
      expect(lines.some((line) => /^2;ООО «Бугульма Мех»;\d{10};В шорт-листе;0;90;/.test(line))).toBe(true)
    }
  })

  it('is the 404 of a missing need for another contractor, another centre and a supplier', async () => {
    for (const who of [cookie.contractorL, cookie.curatorB, cookie.supplierS1]) {
      expect((await getPage(deps.app, `/needs/${data.needs.n3}/print`, { cookies: [who] })).status).toBe(404)
      expect((await getPage(deps.app, `/needs/${data.needs.n3}/shortlist.csv`, { cookies: [who] })).status).toBe(404)
    }
  })
})
