/** Pure helpers for the 任务单 screens: ledger state ⇄ URL ⇄ API query, task targets, actions, rollups. */
import type { LocationQuery } from 'vue-router'
import type {
  OrgDomain,
  OrgLevel,
  RollupRow,
  TaskAssignmentsListAssignmentsData,
  TaskAssignmentStatus,
  TaskIn,
  TaskRead,
} from '@/api'

export const ASSIGNMENT_STATUSES: TaskAssignmentStatus[] = [
  'assigned',
  'in_progress',
  'submitted',
  'accepted',
]
export const LEVELS: OrgLevel[] = [
  'province',
  'city',
  'county',
  'township',
  'village',
  'grid',
  'group',
  'institution',
]
export const DOMAINS: OrgDomain[] = [
  'rural',
  'urban_community',
  'government',
  'public_institution',
  'school',
  'state_enterprise',
  'private_enterprise',
  'social_organization',
  'public_hospital',
]
export const ASSIGNMENT_SORTABLE = ['id', 'deadline', 'status', 'org_id', 'created_at'] as const

/**
 * `mine`: what the acting org itself has to do (我的任务); `issued`: how the orgs below carry out what
 * was issued to them (下发的任务). The API filters by subtree and org level, so `mine` is "the acting org's
 * subtree, at its own level".
 */
export type LedgerScope = 'mine' | 'issued'

export interface AssignmentFilters {
  scope: LedgerScope
  root_id: number | null
  status: TaskAssignmentStatus | null
  overdue: boolean | null
  open: boolean | null
  is_key: boolean | null
  task_list_id: number | null
  period: string
  level: OrgLevel | null
  domain: OrgDomain | null
  q: string
}

export interface AssignmentLedgerState {
  filters: AssignmentFilters
  page: number
  sort: string
}

export const DEFAULT_ASSIGNMENT_SORT = 'deadline'

export function emptyAssignmentFilters(scope: LedgerScope = 'mine'): AssignmentFilters {
  return {
    scope,
    root_id: null,
    status: null,
    overdue: null,
    open: null,
    is_key: null,
    task_list_id: null,
    period: '',
    level: null,
    domain: null,
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
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/

export function isValidAssignmentSort(sort: string): boolean {
  return (ASSIGNMENT_SORTABLE as readonly string[]).includes(sort.replace(/^-/, ''))
}

/** The ledger from the URL; `defaultScope` applies when the URL names none (issuers start on `issued`). */
export function assignmentStateFromQuery(
  q: LocationQuery,
  defaultScope: LedgerScope,
): AssignmentLedgerState {
  const sort = str(q.sort)
  const period = str(q.period)
  return {
    filters: {
      scope: oneOf(q.scope, ['mine', 'issued'] as const) ?? defaultScope,
      root_id: Number(str(q.root_id)) || null,
      status: oneOf(q.status, ASSIGNMENT_STATUSES),
      overdue: bool(q.overdue),
      open: bool(q.open),
      is_key: bool(q.is_key),
      task_list_id: Number(str(q.task_list_id)) || null,
      period: PERIOD.test(period) ? period : '',
      level: oneOf(q.level, LEVELS),
      domain: oneOf(q.domain, DOMAINS),
      q: str(q.q),
    },
    page: Math.max(1, Number(str(q.page)) || 1),
    sort: sort && isValidAssignmentSort(sort) ? sort : DEFAULT_ASSIGNMENT_SORT,
  }
}

export function assignmentStateToQuery(state: AssignmentLedgerState): Record<string, string> {
  const f = state.filters
  const out: Record<string, string> = { scope: f.scope }
  if (f.root_id) out.root_id = String(f.root_id)
  if (f.status) out.status = f.status
  if (f.overdue !== null) out.overdue = String(f.overdue)
  if (f.open !== null) out.open = String(f.open)
  if (f.is_key !== null) out.is_key = String(f.is_key)
  if (f.task_list_id) out.task_list_id = String(f.task_list_id)
  if (f.period) out.period = f.period
  if (f.level) out.level = f.level
  if (f.domain) out.domain = f.domain
  if (f.q.trim()) out.q = f.q.trim()
  if (state.sort !== DEFAULT_ASSIGNMENT_SORT) out.sort = state.sort
  if (state.page > 1) out.page = String(state.page)
  return out
}

export type AssignmentQuery = NonNullable<TaskAssignmentsListAssignmentsData['query']>

/** The acting org, for `mine`: its id and level. */
export interface ActingOrg {
  id: number
  level: OrgLevel
}

/** Filters only (no paging): the export takes the same ones. */
export function assignmentFilterQuery(
  f: AssignmentFilters,
  acting: ActingOrg | null,
): Omit<AssignmentQuery, 'page' | 'page_size' | 'sort'> {
  const query: AssignmentQuery = {}
  if (f.scope === 'mine' && acting) {
    query.root_id = acting.id
    query.level = acting.level
  } else {
    if (f.root_id) query.root_id = f.root_id
    if (f.level) query.level = f.level
  }
  if (f.status) query.status = f.status
  if (f.overdue !== null) query.overdue = f.overdue
  if (f.open !== null) query.open = f.open
  if (f.is_key !== null) query.is_key = f.is_key
  if (f.task_list_id) query.task_list_id = f.task_list_id
  if (f.period) query.period = f.period
  if (f.domain) query.domain = f.domain
  if (f.q.trim()) query.q = f.q.trim()
  return query
}

export function assignmentLedgerQuery(
  state: AssignmentLedgerState,
  pageSize: number,
  acting: ActingOrg | null,
): AssignmentQuery {
  return {
    ...assignmentFilterQuery(state.filters, acting),
    page: state.page,
    page_size: pageSize,
    sort: state.sort,
  }
}

export function activeAssignmentFilters(f: AssignmentFilters): number {
  return [
    f.scope === 'issued' && f.root_id,
    f.status,
    f.overdue !== null,
    f.open !== null,
    f.is_key !== null,
    f.task_list_id,
    f.period,
    f.scope === 'issued' && f.level,
    f.domain,
    f.q.trim(),
  ].filter(Boolean).length
}

// Targets ----------------------------------------------------------------------------------------

/** How the task form describes whom a task goes to. */
export interface TargetForm {
  mode: 'orgs' | 'rule'
  org_ids: number[]
  level: OrgLevel | null
  domain: OrgDomain | null
}

export type TargetFields = Pick<TaskIn, 'target_org_ids' | 'target_level' | 'target_domain'>

/**
 * The API's target fields: explicit orgs, or "every org below the issuer of level L and/or domain D".
 * The other kind is sent empty so that editing a task from one kind to the other replaces it.
 */
export function buildTargets(form: TargetForm): TargetFields {
  if (form.mode === 'orgs') {
    return { target_org_ids: [...new Set(form.org_ids)], target_level: null, target_domain: null }
  }
  return { target_org_ids: [], target_level: form.level, target_domain: form.domain }
}

/** Why a target form cannot be sent (an i18n key), or null. */
export function targetProblem(form: TargetForm): string | null {
  if (form.mode === 'orgs') return form.org_ids.length ? null : 'task.targets.needOrgs'
  return form.level || form.domain ? null : 'task.targets.needRule'
}

export function targetFormOf(
  task: Pick<TaskRead, 'target_org_ids' | 'target_level' | 'target_domain'> | null,
): TargetForm {
  if (task && (task.target_level || task.target_domain)) {
    return {
      mode: 'rule',
      org_ids: [],
      level: task.target_level ?? null,
      domain: task.target_domain ?? null,
    }
  }
  return { mode: 'orgs', org_ids: [...(task?.target_org_ids ?? [])], level: null, domain: null }
}

// Workflow actions -------------------------------------------------------------------------------

export type AssignmentAction = 'start' | 'submit' | 'accept' | 'return'
/** The steps confirmed in a dialog with a form (start only asks for confirmation). */
export type DialogAction = 'report' | 'submit' | 'accept' | 'return'

export interface AssignmentActionSpec {
  action: AssignmentAction
  type: 'primary' | 'success' | 'warning' | 'danger'
  /** What the confirmation asks for. */
  form: 'confirm' | 'report' | 'optional-note' | 'required-note'
}

export const ASSIGNMENT_ACTIONS: AssignmentActionSpec[] = [
  { action: 'start', type: 'primary', form: 'confirm' },
  { action: 'submit', type: 'primary', form: 'report' },
  { action: 'accept', type: 'success', form: 'optional-note' },
  { action: 'return', type: 'danger', form: 'required-note' },
]

/** Exactly the server's `allowed_actions`, in a stable order. */
export function visibleAssignmentActions(allowed: readonly string[]): AssignmentActionSpec[] {
  return ASSIGNMENT_ACTIONS.filter((a) => allowed.includes(a.action))
}

// Rollups ----------------------------------------------------------------------------------------

export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—'
  return `${Math.round(rate * 1000) / 10}%`
}

/** A current month as `2026-11`. */
export function currentPeriod(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}

export interface RollupChartLabels {
  rate: string
  accepted: string
  overdue: string
}

/**
 * Completion per row as a bar chart: accepted and overdue counts as bars, the rate (%) on a second axis.
 * Rows with no assignment are left out (a 0% with nothing to do would read as failure).
 */
export function rollupChartOption(
  rows: readonly RollupRow[],
  labels: RollupChartLabels,
  narrow = false,
) {
  const data = rows.filter((r) => r.total > 0)
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.map((r) => r.label),
      // a phone has room for upright labels only with few bars
      axisLabel: {
        interval: 0,
        rotate: data.length > (narrow ? 3 : 6) ? (narrow ? 60 : 30) : 0,
        width: 90,
        overflow: 'truncate',
      },
    },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        name: labels.accepted,
        type: 'bar',
        data: data.map((r) => r.accepted),
        itemStyle: { color: '#67c23a' },
      },
      {
        name: labels.overdue,
        type: 'bar',
        data: data.map((r) => r.overdue),
        itemStyle: { color: '#f56c6c' },
      },
      {
        name: labels.rate,
        type: 'line',
        yAxisIndex: 1,
        data: data.map((r) => Math.round(r.rate * 1000) / 10),
        itemStyle: { color: '#c8161d' },
      },
    ],
  }
}
