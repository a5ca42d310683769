/** Pure helpers for the 案例 screens: ledger filters ⇄ URL ⇄ API query, which buttons show. */
import type { LocationQuery } from 'vue-router'
import type { CaseChannel, CaseStatus, CasesListCasesData } from '@/api'

export const CASE_STATUSES: CaseStatus[] = [
  'submitted',
  'verified',
  'rejected',
  'in_review',
  'selected',
  'not_selected',
  'announced',
  'published',
  'withdrawn',
]
export const CHANNELS: CaseChannel[] = ['open_call', 'invitation', 'recommendation']

export interface CaseFilters {
  root_id: number | null
  round_id: number | null
  status: CaseStatus | null
  channel: CaseChannel | null
  domain: string
  q: string
}

export function emptyCaseFilters(): CaseFilters {
  return { root_id: null, round_id: null, status: null, channel: null, domain: '', q: '' }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''
}
function int(v: unknown): number | null {
  const n = Number(str(v))
  return Number.isInteger(n) && n > 0 ? n : null
}
function oneOf<T extends string>(v: unknown, allowed: readonly T[]): T | null {
  const s = str(v)
  return (allowed as readonly string[]).includes(s) ? (s as T) : null
}

/** The ledger's state from the URL (shared links, back button); what is not valid is ignored. */
export function caseStateFromQuery(q: LocationQuery): { filters: CaseFilters; page: number } {
  return {
    filters: {
      root_id: int(q.root_id),
      round_id: int(q.round_id),
      status: oneOf(q.status, CASE_STATUSES),
      channel: oneOf(q.channel, CHANNELS),
      domain: str(q.domain).slice(0, 50),
      q: str(q.q).slice(0, 50),
    },
    page: int(q.page) ?? 1,
  }
}

export function caseStateToQuery(f: CaseFilters, page: number): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(f)) {
    if (v !== null && v !== '') out[k] = String(v)
  }
  if (page > 1) out.page = String(page)
  return out
}

export function caseApiQuery(
  f: CaseFilters,
  page: number,
  pageSize: number,
): NonNullable<CasesListCasesData['query']> {
  const query: NonNullable<CasesListCasesData['query']> = { page, page_size: pageSize, sort: '-id' }
  if (f.root_id) query.root_id = f.root_id
  if (f.round_id) query.round_id = f.round_id
  if (f.status) query.status = f.status
  if (f.channel) query.channel = f.channel
  if (f.domain.trim()) query.domain = f.domain.trim()
  if (f.q.trim()) query.q = f.q.trim()
  return query
}

export function activeCaseFilters(f: CaseFilters): number {
  return Object.values(f).filter((v) => v !== null && v !== '').length
}

/** Round actions in the order an organizer takes them; only those the server allows are shown. */
export const ROUND_ACTIONS = ['start_review', 'select', 'announce', 'publish'] as const
export type RoundAction = (typeof ROUND_ACTIONS)[number]

export function visibleRoundActions(allowed: readonly string[]): RoundAction[] {
  return ROUND_ACTIONS.filter((a) => allowed.includes(a))
}

/** Case actions (核查通过 / 核查不通过) the server allows on this case. */
export function visibleCaseActions(allowed: readonly string[]): ('verify' | 'reject')[] {
  return (['verify', 'reject'] as const).filter((a) => allowed.includes(a))
}

/** `张三、李四，王五` → the names (核查人员 are typed as one line; the API takes a list). */
export function splitNames(text: string): string[] {
  return text
    .split(/[、，,;；\s]+/)
    .map((n) => n.trim())
    .filter(Boolean)
    .slice(0, 20)
}
