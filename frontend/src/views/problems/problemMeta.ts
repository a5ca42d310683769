/** Pure helpers for the 问题单 screens: ledger filters ⇄ URL ⇄ API query, actions, deadlines, timeline. */
import type { LocationQuery } from 'vue-router'
import type {
  ProblemCategory,
  ProblemRead,
  ProblemSeverity,
  ProblemSource,
  ProblemStatus,
  ProblemsListProblemsData,
} from '@/api'
import { daysUntil } from '@/utils/format'

export const STATUSES: ProblemStatus[] = ['open', 'rectifying', 'submitted', 'closed']
export const SORTABLE = ['id', 'deadline', 'created_at', 'status', 'severity', 'org_id'] as const

export interface LedgerFilters {
  root_id: number | null
  status: ProblemStatus | null
  /** true = only overdue, false = only not overdue */
  overdue: boolean | null
  /** true = not closed off yet */
  open: boolean | null
  category: ProblemCategory | null
  severity: ProblemSeverity | null
  source: ProblemSource | null
  inspection_id: number | null
  q: string
}

export interface LedgerState {
  filters: LedgerFilters
  page: number
  /** `-id`, `deadline`, … (API syntax) */
  sort: string
}

export const DEFAULT_SORT = '-id'

export function emptyFilters(): LedgerFilters {
  return {
    root_id: null,
    status: null,
    overdue: null,
    open: null,
    category: null,
    severity: null,
    source: null,
    inspection_id: null,
    q: '',
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''
}

function bool(v: unknown): boolean | null {
  const s = str(v)
  return s === 'true' ? true : s === 'false' ? false : null
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | null {
  const s = str(v)
  return (allowed as readonly string[]).includes(s) ? (s as T) : null
}

const CATEGORIES: ProblemCategory[] = ['immediate', 'deadline', 'long_term']
const SEVERITIES: ProblemSeverity[] = ['general', 'serious', 'critical']
const SOURCES: ProblemSource[] = [
  'inspection',
  'research',
  'assessment',
  'self_check',
  'report',
  'observation',
  'feedback',
]

export function isValidSort(sort: string): boolean {
  return (SORTABLE as readonly string[]).includes(sort.replace(/^-/, ''))
}

/** The ledger's state from the URL (bookmarkable, and links from the home page and summaries). */
export function stateFromQuery(q: LocationQuery): LedgerState {
  const sort = str(q.sort)
  return {
    filters: {
      root_id: Number(str(q.root_id)) || null,
      status: oneOf(q.status, STATUSES),
      overdue: bool(q.overdue),
      open: bool(q.open),
      category: oneOf(q.category, CATEGORIES),
      severity: oneOf(q.severity, SEVERITIES),
      source: oneOf(q.source, SOURCES),
      inspection_id: Number(str(q.inspection_id)) || null,
      q: str(q.q),
    },
    page: Math.max(1, Number(str(q.page)) || 1),
    sort: sort && isValidSort(sort) ? sort : DEFAULT_SORT,
  }
}

/** The URL query for a state (defaults left out). */
export function stateToQuery(state: LedgerState): Record<string, string> {
  const out: Record<string, string> = {}
  const f = state.filters
  if (f.root_id) out.root_id = String(f.root_id)
  if (f.status) out.status = f.status
  if (f.overdue !== null) out.overdue = String(f.overdue)
  if (f.open !== null) out.open = String(f.open)
  if (f.category) out.category = f.category
  if (f.severity) out.severity = f.severity
  if (f.source) out.source = f.source
  if (f.inspection_id) out.inspection_id = String(f.inspection_id)
  if (f.q.trim()) out.q = f.q.trim()
  if (state.sort !== DEFAULT_SORT) out.sort = state.sort
  if (state.page > 1) out.page = String(state.page)
  return out
}

export type LedgerQuery = NonNullable<ProblemsListProblemsData['query']>

/** The GET /problems query: only the filters that are set. */
export function ledgerQuery(state: LedgerState, pageSize: number): LedgerQuery {
  const f = state.filters
  const query: LedgerQuery = { page: state.page, page_size: pageSize, sort: state.sort }
  if (f.root_id) query.root_id = f.root_id
  if (f.status) query.status = f.status
  if (f.overdue !== null) query.overdue = f.overdue
  if (f.open !== null) query.open = f.open
  if (f.category) query.category = f.category
  if (f.severity) query.severity = f.severity
  if (f.source) query.source = f.source
  if (f.inspection_id) query.inspection_id = f.inspection_id
  if (f.q.trim()) query.q = f.q.trim()
  return query
}

export function activeFilterCount(f: LedgerFilters): number {
  return [
    f.root_id,
    f.status,
    f.overdue !== null,
    f.open !== null,
    f.category,
    f.severity,
    f.source,
    f.inspection_id,
    f.q.trim(),
  ].filter(Boolean).length
}

/** el-table's sort-change → API sort (`ascending` deadline → `deadline`, `descending` → `-deadline`). */
export function tableSortToApi(prop: string | null, order: string | null): string {
  if (!prop || !order || !isValidSort(prop)) return DEFAULT_SORT
  return order === 'descending' ? `-${prop}` : prop
}

/** API sort → el-table's default-sort. */
export function apiSortToTable(sort: string): {
  prop: string
  order: 'ascending' | 'descending'
} {
  return sort.startsWith('-')
    ? { prop: sort.slice(1), order: 'descending' }
    : { prop: sort, order: 'ascending' }
}

// Workflow actions -------------------------------------------------------------------------------

export type TransitionAction = 'rectify' | 'submit' | 'close' | 'reject' | 'recheck' | 'reopen'
export type NoteRule = 'none' | 'optional' | 'required'

export interface ActionSpec {
  action: TransitionAction
  /** Element Plus button type */
  type: 'primary' | 'success' | 'warning' | 'danger' | 'default'
  note: NoteRule
  /** Needs evidence uploads (申请销号). */
  evidence: boolean
}

/** In the order the buttons are shown. The server's `allowed_actions` decides which appear. */
export const ACTIONS: ActionSpec[] = [
  { action: 'rectify', type: 'primary', note: 'none', evidence: false },
  { action: 'submit', type: 'primary', note: 'none', evidence: true },
  { action: 'close', type: 'success', note: 'optional', evidence: false },
  { action: 'reject', type: 'danger', note: 'required', evidence: false },
  { action: 'recheck', type: 'success', note: 'optional', evidence: false },
  { action: 'reopen', type: 'warning', note: 'required', evidence: false },
]

/** The action buttons for a problem: exactly the server's `allowed_actions`, in a stable order. */
export function visibleActions(allowed: readonly string[]): ActionSpec[] {
  return ACTIONS.filter((a) => allowed.includes(a.action))
}

// Deadlines --------------------------------------------------------------------------------------

export interface DeadlineInfo {
  /** days until the deadline (negative: overdue by that many) */
  days: number | null
  tone: 'overdue' | 'soon' | 'normal' | 'none'
}

/** The server decides `overdue`; the day count is shown beside it. */
export function deadlineInfo(
  p: Pick<ProblemRead, 'deadline' | 'overdue' | 'status'>,
  now = new Date(),
): DeadlineInfo {
  const days = daysUntil(p.deadline, now)
  if (days === null || p.status === 'closed') return { days, tone: 'none' }
  if (p.overdue) return { days, tone: 'overdue' }
  if (days <= 7) return { days, tone: 'soon' }
  return { days, tone: 'normal' }
}

// Timeline ---------------------------------------------------------------------------------------

export { transitionOf, type TransitionData } from '@/components/tracking/timeline'

/** `2026-11` → the current month in local time. */
export function currentPeriod(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}
