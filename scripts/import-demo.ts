/**
 * `npm run import:demo -- --out register.xlsx [--capacities 2000] [--seed 1] [--now 2026-11-22] [--csv]`: writes a
 * realistic register of a centre's suppliers in the import layout (scripts/data/importWorkbook.ts), to try
 * `npm run import` or the «Импорт предприятий» page on. With --csv, one CSV file per sheet next to --out.
 * Exit codes: 0 written, 2 wrong usage.
 */
import { writeFile } from 'node:fs/promises'
import { SHEETS } from '../src/domain/import/layout.js'
import { writeImportCsv, writeImportWorkbook } from '../src/domain/import/write.js'
import { generateImportRecords } from './data/importWorkbook.js'
import { UsageError, parseNow, parseOptions, parsePositiveInt, parseSeed, runCli } from './lib/cli.js'

const USAGE = `Usage: npm run import:demo -- --out <file.xlsx> [--capacities 2000] [--seed 1] [--now YYYY-MM-DD] [--csv]
`

await runCli(USAGE, async () => {
  const { values } = parseOptions(process.argv.slice(2), {
    out: { type: 'string' },
    capacities: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
    csv: { type: 'boolean' },
  })
  if (!values.out) throw new UsageError('Missing --out')
  const records = generateImportRecords({
    capacities: values.capacities ? parsePositiveInt('capacities', values.capacities, 20_000) : 2000,
    seed: values.seed ? parseSeed(values.seed) : 1,
    now: values.now ? parseNow(values.now) : new Date().toISOString().slice(0, 10),
  })
  if (values.csv) {
    const stem = values.out.replace(/\.(xlsx|csv)$/u, '')
    for (const sheet of SHEETS) await writeFile(`${stem}-${sheet.key}.csv`, writeImportCsv(sheet.key, records[sheet.key] ?? []))
  } else {
    await writeFile(values.out, await writeImportWorkbook(records, { reference: true }))
  }
  const counts = SHEETS.map((sheet) => `${sheet.nameRu} ${records[sheet.key]?.length ?? 0}`).join(', ')
  console.log(`Written ${values.out}: ${counts}`)
})
