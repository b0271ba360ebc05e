import type { TableModel } from '../analytics/tables.js'
import { useI18n } from './i18n.js'

export interface DataTableProps {
  table: TableModel
  /** Where its CSV is downloaded; none on pages that offer one file for all their tables. */
  csvHref?: string | undefined
  /** Show only the first rows, saying how many there are (the CSV has all). */
  limit?: number
}

/** A table of numbers with a caption, row headers and its CSV download: the text twin of a chart. */
export function DataTable({ table, csvHref, limit }: DataTableProps) {
  const { t, fmt } = useI18n()
  const captionId = `table-${table.name}-caption`
  const rows = limit === undefined ? table.rows : table.rows.slice(0, limit)
  return (
    <div class="data-table">
      <div class="table-scroll" role="region" aria-labelledby={captionId} tabindex={0}>
        <table>
          <caption id={captionId}>{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th scope="col" class={column.numeric ? 'numeric' : undefined}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan={table.columns.length} class="empty">
                  {t('analytics.noRows')}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr>
                  {row.map((cell, i) => {
                    const content = cell.href ? <a href={cell.href}>{cell.text}</a> : cell.text
                    return i === 0 ? (
                      <th scope="row">{content}</th>
                    ) : (
                      <td class={table.columns[i]?.numeric ? 'numeric' : undefined}>{content}</td>
                    )
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {rows.length < table.rows.length && <p class="hint">{t('analytics.firstRows', { shown: fmt.integer(rows.length), count: table.rows.length })}</p>}
      {csvHref && (
        <p class="data-table__download no-print">
          <a href={csvHref} download>
            {t('analytics.downloadCsv')}
          </a>
          <span class="visually-hidden">: {table.caption}</span>
        </p>
      )}
    </div>
  )
}
