import type { FieldError } from '@/api/errors'

export interface ImportRowError {
  /** Excel row number (the header is row 1); null for errors about the whole file (missing columns). */
  row: number | null
  column: string
  message: string
}

/**
 * The server rejects an import as a whole and lists every problem as a field error:
 * `["row", 5, "组织编码"]` (a cell), `["row", 5]` (the row), `["file", "header"]` (the file).
 * Sorted by row so the report reads like the spreadsheet.
 */
export function importRowErrors(fields: readonly FieldError[]): ImportRowError[] {
  const rows = fields.map((f) => {
    const [scope, where, column] = f.loc
    if (scope === 'row' && typeof where === 'number') {
      return { row: where, column: column === undefined ? '' : String(column), message: f.message }
    }
    return { row: null, column: '', message: f.message }
  })
  return rows.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
}
