export type Cell = string | number | null | undefined

/** A GitHub-flavoured Markdown table; empty cells for null/undefined and `|` escaped inside cells. */
export function markdownTable(header: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly Cell[]) => `| ${cells.map((cell) => (cell === null || cell === undefined ? '' : String(cell).replaceAll('|', '\\|'))).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
