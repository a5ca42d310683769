import type { LocationQuery, LocationQueryRaw } from 'vue-router'

/**
 * Pure helpers shared by the 责任单, 问题通报 and 书记联系点 screens: ledger state ⇄ URL query ⇄ API query,
 * quarters, completion rates. Kept free of Vue so they are unit-tested directly.
 */

export type FieldType = 'number' | 'string' | 'boolean'
export type FilterValue = string | number | boolean | null
export type FilterSchema<F> = { [K in keyof F]: FieldType }

export interface LedgerState<F> {
  filters: F
  page: number
  sort: string
}

function first(value: LocationQuery[string] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v !== '' ? v : null
}

function parseValue(type: FieldType, raw: string | null): FilterValue {
  if (raw === null) return null
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : null
  if (type === 'number') {
    const n = Number(raw)
    return Number.isInteger(n) && n > 0 ? n : null
  }
  return raw
}

/** Read filters, page and sort from the URL; unknown or malformed values fall back to the defaults. */
export function stateFromQuery<F extends Record<string, FilterValue>>(
  query: LocationQuery,
  schema: FilterSchema<F>,
  defaults: F,
  defaultSort: string,
): LedgerState<F> {
  const filters = { ...defaults }
  for (const key of Object.keys(schema) as (keyof F & string)[]) {
    const parsed = parseValue(schema[key], first(query[key]))
    if (parsed !== null) filters[key] = parsed as F[typeof key]
  }
  const page = Number(first(query.page))
  const sort = first(query.sort)
  return {
    filters,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    sort: sort && /^-?[a-z_]+$/.test(sort) ? sort : defaultSort,
  }
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === ''
}

/** The URL query of a ledger state: only what differs from the defaults, so links stay short. */
export function stateToQuery<F extends Record<string, FilterValue>>(
  state: LedgerState<F>,
  defaults: F,
  defaultSort: string,
): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  for (const [key, value] of Object.entries(state.filters)) {
    if (!isEmpty(value) && value !== defaults[key]) query[key] = String(value)
  }
  if (state.page > 1) query.page = String(state.page)
  if (state.sort !== defaultSort) query.sort = state.sort
  return query
}

/** The API query: empty filters left out (the server treats absent as "any"), text trimmed. */
export function apiQuery<F extends Record<string, FilterValue>>(
  state: LedgerState<F>,
  pageSize: number,
): Record<string, string | number | boolean> {
  const query: Record<string, string | number | boolean> = {
    page: state.page,
    page_size: pageSize,
    sort: state.sort,
  }
  for (const [key, value] of Object.entries(state.filters)) {
    const v = typeof value === 'string' ? value.trim() : value
    if (!isEmpty(v)) query[key] = v as string | number | boolean
  }
  return query
}

/** How many filters are set (shown on the phone's folded filter button). */
export function activeCount(filters: Record<string, FilterValue>, ignore: string[] = []): number {
  return Object.entries(filters).filter(([k, v]) => !ignore.includes(k) && !isEmpty(v)).length
}

/** el-table's sort-change → `field` / `-field`, or the default when the sort is cleared. */
export function tableSort(prop: string | null, order: string | null, fallback: string): string {
  if (!prop || !order) return fallback
  return order === 'descending' ? `-${prop}` : prop
}

/** `-issued_at` → el-table's default-sort. */
export function defaultTableSort(sort: string): {
  prop: string
  order: 'ascending' | 'descending'
} {
  return sort.startsWith('-')
    ? { prop: sort.slice(1), order: 'descending' }
    : { prop: sort, order: 'ascending' }
}

// Quarters -----------------------------------------------------------------------------------------------

/** `2026-Q4` for a date in local time (the county's calendar). */
export function quarterOf(date = new Date()): string {
  return `${date.getFullYear()}-Q${Math.floor(date.getMonth() / 3) + 1}`
}

/** The quarters of `year` a report may be for: none after the current quarter. */
export function reportableQuarters(year: number, now = new Date()): string[] {
  const current = quarterOf(now)
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`).filter((q) => q <= current)
}

/** The last `n` quarters up to the current one, newest first (for compliance pickers). */
export function recentQuarters(n: number, now = new Date()): string[] {
  const list: string[] = []
  let year = now.getFullYear()
  let q = Math.floor(now.getMonth() / 3) + 1
  for (let i = 0; i < n; i++) {
    list.push(`${year}-Q${q}`)
    q -= 1
    if (q === 0) {
      q = 4
      year -= 1
    }
  }
  return list
}

/** Years offered by the year filters: two back, one ahead. */
export function yearOptions(now = new Date()): number[] {
  const y = now.getFullYear()
  return [y + 1, y, y - 1, y - 2]
}

// Completion ---------------------------------------------------------------------------------------------

/** The server's rate (a fraction, 0–1) as a percentage with one decimal, like its statement. */
export function percent(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return 0
  return Math.round(rate * 1000) / 10
}

/** Colour of a completion rate: ≥90 % green, ≥60 % orange, else red. */
export function rateTone(rate: number): 'success' | 'warning' | 'danger' {
  const p = percent(rate)
  if (p >= 90) return 'success'
  if (p >= 60) return 'warning'
  return 'danger'
}

/** `2026年第3期` (or null for an unpublished draft, which has no number yet). */
export function bulletinLabel(
  b: { year: number | null; number: number | null; label?: string | null },
  format: (year: number, n: number) => string,
): string | null {
  if (b.label) return b.label
  if (b.year && b.number) return format(b.year, b.number)
  return null
}

/** Allowed workflow actions that have a button, in a fixed order (the server decides which). */
export function visible<A extends string>(allowed: readonly string[], order: readonly A[]): A[] {
  return order.filter((a) => allowed.includes(a))
}

/** The writes on a responsibility item, each through the item dialog. */
export type ItemStep = 'quarterly' | 'submit' | 'complete' | 'return' | 'reopen'

/** Bars of completion % per org (highest first), coloured by tone; the chart of the completion page. */
export function completionChart(
  rows: { org_id?: number; org_name: string; rate: number; completed: number; total: number }[],
  seriesName: string,
  shortNames: ReadonlyMap<number, string> = new Map(),
): Record<string, unknown> {
  const sorted = [...rows].sort((a, b) => b.rate - a.rate)
  const COLORS = { success: '#67c23a', warning: '#e6a23c', danger: '#f56c6c' }
  return {
    grid: { left: 8, right: 40, top: 10, bottom: 10, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: sorted.map((r) => (r.org_id && shortNames.get(r.org_id)) || r.org_name),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 18,
        data: sorted.map((r) => ({
          value: percent(r.rate),
          itemStyle: { color: COLORS[rateTone(r.rate)] },
        })),
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  }
}

/** A ranking row being edited in a bulletin draft (the org's name kept for display). */
export interface RankingDraft {
  org_id: number | null
  org_name: string
  rank: number
  value: number | null
  note: string
}

/** The rows the server accepts: rows without an org are dropped, empty notes sent as null. */
export function rankingsBody(
  rows: RankingDraft[],
): { org_id: number; rank: number; value: number | null; note: string | null }[] {
  return rows
    .filter((r): r is RankingDraft & { org_id: number } => r.org_id !== null)
    .map((r) => ({ org_id: r.org_id, rank: r.rank, value: r.value, note: r.note.trim() || null }))
}

/**
 * A moment as an ISO timestamp in local time with its offset, to the minute (`2026-11-23T09:30:00+08:00`):
 * the format the date-time picker produces, so a default and a picked value look alike.
 */
export function localTimestamp(date = new Date()): string {
  const off = -date.getTimezoneOffset()
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0')
  const shifted = new Date(date.getTime() + off * 60_000)
  shifted.setUTCSeconds(0, 0)
  const local = shifted.toISOString().slice(0, 19)
  return `${local}${off >= 0 ? '+' : '-'}${pad(off / 60)}:${pad(off % 60)}`
}
