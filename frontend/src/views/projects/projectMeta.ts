/** Pure helpers for the 书记项目 screens: ledger filters ⇄ URL ⇄ API query, workflow actions, reminders. */
import type { LocationQuery } from 'vue-router'
import type {
  OrgDomain,
  OrgLevel,
  ProjectCategory,
  ProjectRead,
  ProjectStatus,
  ProjectsListProjectsData,
} from '@/api'

export const STATUSES: ProjectStatus[] = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'in_progress',
  'completed',
  'accepted',
  'cancelled',
]
export const CATEGORIES: ProjectCategory[] = ['regular', 'key', 'showcase']
export const LEVELS: OrgLevel[] = ['county', 'township', 'village', 'grid', 'group', 'institution']
export const SORTABLE = ['id', 'deadline', 'created_at', 'status', 'progress', 'org_id'] as const
export const DEFAULT_SORT = '-id'

export interface LedgerFilters {
  root_id: number | null
  campaign_id: number | null
  item_id: number | null
  status: ProjectStatus | null
  category: ProjectCategory | null
  level: OrgLevel | null
  domain: OrgDomain | null
  mandatory: boolean | null
  overdue: boolean | null
  /** true = not accepted or cancelled yet */
  open: boolean | null
  q: string
}

export interface LedgerState {
  filters: LedgerFilters
  page: number
  sort: string
}

export function emptyFilters(): LedgerFilters {
  return {
    root_id: null,
    campaign_id: null,
    item_id: null,
    status: null,
    category: null,
    level: null,
    domain: null,
    mandatory: null,
    overdue: null,
    open: null,
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

function id(v: unknown): number | null {
  const n = Number(str(v))
  return Number.isInteger(n) && n > 0 ? n : null
}

export function isValidSort(sort: string): boolean {
  return (SORTABLE as readonly string[]).includes(sort.replace(/^-/, ''))
}

/** The ledger's state from the URL (bookmarkable; links from the home cards and the statistics). */
export function stateFromQuery(q: LocationQuery): LedgerState {
  const sort = str(q.sort)
  return {
    filters: {
      root_id: id(q.root_id),
      campaign_id: id(q.campaign_id),
      item_id: id(q.item_id),
      status: oneOf(q.status, STATUSES),
      category: oneOf(q.category, CATEGORIES),
      level: oneOf(q.level, LEVELS),
      // domains are many and labelled by the server: any snake_case word is passed on
      domain: /^[a-z_]{2,40}$/.test(str(q.domain)) ? (str(q.domain) as OrgDomain) : null,
      mandatory: bool(q.mandatory),
      overdue: bool(q.overdue),
      open: bool(q.open),
      q: str(q.q),
    },
    page: Math.max(1, Number(str(q.page)) || 1),
    sort: sort && isValidSort(sort) ? sort : DEFAULT_SORT,
  }
}

type Setters = { [K in keyof LedgerFilters]: LedgerFilters[K] }

function setFilters(f: Setters): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {}
  for (const [key, value] of Object.entries(f)) {
    if (value === null || value === undefined) continue
    if (typeof value === 'string') {
      if (value.trim()) out[key] = value.trim()
    } else out[key] = value
  }
  return out
}

/** The URL query for a state (defaults left out). */
export function stateToQuery(state: LedgerState): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(setFilters(state.filters))) out[key] = String(value)
  if (state.sort !== DEFAULT_SORT) out.sort = state.sort
  if (state.page > 1) out.page = String(state.page)
  return out
}

export type LedgerQuery = NonNullable<ProjectsListProjectsData['query']>

/** The GET /projects query (also /summary and /rollup, which take the same filters). */
export function filterQuery(f: LedgerFilters): LedgerQuery {
  return setFilters(f) as LedgerQuery
}

export function ledgerQuery(state: LedgerState, pageSize: number): LedgerQuery {
  return { ...filterQuery(state.filters), page: state.page, page_size: pageSize, sort: state.sort }
}

export function activeFilterCount(f: LedgerFilters): number {
  return Object.keys(setFilters(f)).length
}

/** el-table's sort-change → API sort. */
export function tableSortToApi(prop: string | null, order: string | null): string {
  if (!prop || !order || !isValidSort(prop)) return DEFAULT_SORT
  return order === 'descending' ? `-${prop}` : prop
}

export function apiSortToTable(sort: string): { prop: string; order: 'ascending' | 'descending' } {
  return sort.startsWith('-')
    ? { prop: sort.slice(1), order: 'descending' }
    : { prop: sort, order: 'ascending' }
}

// Workflow actions -------------------------------------------------------------------------------

export type ProjectAction =
  'submit' | 'approve' | 'return' | 'start' | 'complete' | 'accept' | 'cancel'

export interface ActionSpec {
  action: ProjectAction
  type: 'primary' | 'success' | 'warning' | 'danger' | 'default'
  /** What the confirmation asks for. */
  form: 'none' | 'note' | 'reason' | 'summary' | 'grade'
}

/** In the order the buttons are shown. The server's `allowed_actions` decides which appear. */
export const ACTIONS: ActionSpec[] = [
  { action: 'submit', type: 'primary', form: 'none' },
  { action: 'approve', type: 'success', form: 'note' },
  { action: 'return', type: 'danger', form: 'reason' },
  { action: 'start', type: 'primary', form: 'note' },
  { action: 'complete', type: 'primary', form: 'summary' },
  { action: 'accept', type: 'success', form: 'grade' },
  { action: 'cancel', type: 'danger', form: 'note' },
]

export function visibleActions(allowed: readonly string[]): ActionSpec[] {
  return ACTIONS.filter((a) => allowed.includes(a.action))
}

/** Statuses in which the plan (一项目一方案) may be written or revised (the server's PLAN_EDITABLE). */
export const PLAN_EDITABLE: ProjectStatus[] = ['draft', 'returned']

/** 一月一调度 and milestones are for projects being carried out. */
export function isRunning(p: Pick<ProjectRead, 'status'>): boolean {
  return p.status === 'in_progress'
}

/** `2026-11`: the current month in local time. */
export function currentPeriod(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}

/** The reminder tags of a ledger row: 本月未调度 and 进度滞后于节点 only matter while it runs. */
export function rowWarnings(
  p: Pick<ProjectRead, 'status' | 'reported_this_month' | 'behind_milestone'>,
): ('no_monthly_report' | 'behind_milestone')[] {
  if (!isRunning(p)) return []
  const out: ('no_monthly_report' | 'behind_milestone')[] = []
  if (!p.reported_this_month) out.push('no_monthly_report')
  if (p.behind_milestone) out.push('behind_milestone')
  return out
}
