import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick, ref } from 'vue'
import { configureClient } from '@/api'
import { writeTokens } from '@/api/tokens'
import { useAuthStore } from '@/stores/auth'
import {
  activeFilterCount,
  apiSortToTable,
  deadlineInfo,
  emptyFilters,
  ledgerQuery,
  stateFromQuery,
  stateToQuery,
  tableSortToApi,
  transitionOf,
  visibleActions,
} from '@/views/problems/problemMeta'
import { useProblem } from '@/views/problems/useProblem'
import { envelope, fakeServer, json } from './fakeServer'

describe('ledger state ⇄ URL ⇄ API query', () => {
  it('reads filters, page and sort from the URL and ignores what is not valid', () => {
    const state = stateFromQuery({
      root_id: '3',
      status: 'rectifying',
      overdue: 'true',
      category: 'long_term',
      severity: 'bogus',
      source: 'self_check',
      q: '三会一课',
      page: '2',
      sort: '-deadline',
    })
    expect(state.filters).toMatchObject({
      root_id: 3,
      status: 'rectifying',
      overdue: true,
      open: null,
      category: 'long_term',
      severity: null,
      source: 'self_check',
      q: '三会一课',
    })
    expect(state.page).toBe(2)
    expect(state.sort).toBe('-deadline')
    expect(stateFromQuery({ sort: 'password' }).sort).toBe('-id')
    expect(stateFromQuery({ page: '-4' }).page).toBe(1)
  })

  it('round-trips through the URL, leaving defaults out', () => {
    const state = stateFromQuery({ overdue: 'false', open: 'true', inspection_id: '5', q: ' x ' })
    expect(stateToQuery(state)).toEqual({
      overdue: 'false',
      open: 'true',
      inspection_id: '5',
      q: 'x',
    })
    expect(stateToQuery({ filters: emptyFilters(), page: 1, sort: '-id' })).toEqual({})
  })

  it('sends only the filters that are set', () => {
    const state = stateFromQuery({ root_id: '9', overdue: 'false', q: '  ' })
    expect(ledgerQuery(state, 20)).toEqual({
      page: 1,
      page_size: 20,
      sort: '-id',
      root_id: 9,
      overdue: false,
    })
    expect(activeFilterCount(state.filters)).toBe(2)
  })

  it('maps table sorting onto the API sort and back', () => {
    expect(tableSortToApi('deadline', 'ascending')).toBe('deadline')
    expect(tableSortToApi('severity', 'descending')).toBe('-severity')
    expect(tableSortToApi('deadline', null)).toBe('-id')
    expect(tableSortToApi('title', 'ascending')).toBe('-id') // not sortable on the server
    expect(apiSortToTable('-created_at')).toEqual({ prop: 'created_at', order: 'descending' })
  })
})

describe('actions, deadlines, timeline', () => {
  it('shows exactly the allowed actions, in workflow order, whatever order the server lists them', () => {
    expect(visibleActions(['reopen', 'recheck']).map((a) => a.action)).toEqual([
      'recheck',
      'reopen',
    ])
    expect(visibleActions([])).toEqual([])
    expect(visibleActions(['launch_rockets'])).toEqual([])
    const reject = visibleActions(['reject'])[0]!
    expect(reject.note).toBe('required')
    expect(visibleActions(['submit'])[0]!.evidence).toBe(true)
  })

  it('tells overdue (from the server), soon, normal and closed apart', () => {
    const now = new Date(2026, 10, 23)
    expect(
      deadlineInfo({ deadline: '2026-11-20', overdue: true, status: 'rectifying' }, now),
    ).toEqual({ days: -3, tone: 'overdue' })
    expect(deadlineInfo({ deadline: '2026-11-27', overdue: false, status: 'open' }, now).tone).toBe(
      'soon',
    )
    expect(deadlineInfo({ deadline: '2026-12-31', overdue: false, status: 'open' }, now).tone).toBe(
      'normal',
    )
    expect(
      deadlineInfo({ deadline: '2026-11-01', overdue: false, status: 'closed' }, now).tone,
    ).toBe('none')
    expect(deadlineInfo({ deadline: null, overdue: false, status: 'open' }, now)).toEqual({
      days: null,
      tone: 'none',
    })
  })

  it('reads status changes from timeline entries', () => {
    expect(
      transitionOf({
        kind: 'transition',
        data: { action: 'reject', from: 'submitted', to: 'rectifying' },
      }),
    ).toEqual({ action: 'reject', from: 'submitted', to: 'rectifying' })
    expect(transitionOf({ kind: 'monthly', data: {} })).toBeNull()
  })
})

const problem = (over: Record<string, unknown> = {}) => ({
  id: 42,
  org_id: 3,
  org_name: '滨江社区党委',
  issuer_org_id: 2,
  source: 'inspection',
  inspection_id: null,
  title: '三会一课记录不规范',
  description: '三会一课记录不规范',
  category: 'deadline',
  severity: 'general',
  measures: null,
  responsible_user_id: null,
  deadline: null,
  status: 'open',
  overdue: false,
  closed_at: null,
  last_report_at: null,
  reported_this_month: false,
  recheck_count: 0,
  allowed_actions: ['rectify'],
  version: 1,
  created_at: '2026-11-23T00:00:00Z',
  updated_at: '2026-11-23T00:00:00Z',
  milestones: [],
  ...over,
})

const me = (orgId: number, permissions: string[]) => ({
  user: { id: 18, username: 'shahe_v01_shuji', full_name: '郝静', phone: null, org_id: orgId },
  org_name: '滨江社区党委',
  assignments: [
    { id: 1, role: 'secretary', org_id: orgId, org_name: 'x', org_path: '/1/2/3/', permissions },
  ],
  permissions,
})

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('useProblem', () => {
  beforeEach(() => {
    configureClient({ origin: 'http://test', retryDelaysMs: [] })
    writeTokens({ access: 'a1', refresh: 'r1' })
    setActivePinia(createPinia())
  })

  it('loads the problem and its timeline; applies an action result and reloads the timeline', async () => {
    const server = fakeServer()
      .on('GET /api/v1/problems/42', () => json(200, problem()))
      .on('GET /api/v1/problems/42/timeline', () => json(200, []))
    const id = ref<number | null>(42)
    const p = useProblem(id)
    expect(p.state.value).toBe('loading')
    await flush()
    expect(p.state.value).toBe('ready')
    expect(p.problem.value?.title).toBe('三会一课记录不规范')
    expect(server.callsTo('GET /api/v1/problems/42/timeline')).toHaveLength(1)

    p.apply(problem({ status: 'rectifying', version: 2, allowed_actions: ['submit'] }) as never)
    expect(p.problem.value?.status).toBe('rectifying')
    await flush()
    expect(server.callsTo('GET /api/v1/problems/42/timeline')).toHaveLength(2)
  })

  it('a problem outside the scope (404) is "not found"', async () => {
    fakeServer().on('GET /api/v1/problems/7', () => envelope(404, 'not_found', '对象不存在'))
    const p = useProblem(ref(7))
    await flush()
    expect(p.state.value).toBe('not-found')
    expect(p.problem.value).toBeNull()
  })

  it('offers reports to the own org with problem_report, not to the org above', async () => {
    const server = fakeServer()
      .on('GET /api/v1/problems/42', () => json(200, problem()))
      .on('GET /api/v1/problems/42/timeline', () => json(200, []))
    let current = me(3, ['problem_read', 'problem_report'])
    server.on('GET /api/v1/auth/me', () => json(200, current))
    const auth = useAuthStore()
    await auth.loadMe()
    const p = useProblem(ref(42))
    await flush()
    expect(p.canReport.value).toBe(true)

    current = me(2, ['problem_read', 'problem_verify', 'problem_issue'])
    await auth.loadMe(true)
    expect(p.canReport.value).toBe(false)

    current = me(3, ['problem_read', 'problem_report'])
    await auth.loadMe(true)
    p.apply(problem({ status: 'closed', allowed_actions: ['recheck'] }) as never)
    await nextTick()
    expect(p.canReport.value).toBe(false) // closed: nothing to report
  })
})
