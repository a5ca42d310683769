import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { configureClient } from '@/api'
import type { RollupRow } from '@/api'
import { writeTokens } from '@/api/tokens'
import { POLL_MS, useNotificationsStore } from '@/stores/notifications'
import { notificationTarget } from '@/views/notifications/notificationLink'
import {
  activeAssignmentFilters,
  assignmentLedgerQuery,
  assignmentStateFromQuery,
  assignmentStateToQuery,
  buildTargets,
  emptyAssignmentFilters,
  percent,
  rollupChartOption,
  targetFormOf,
  targetProblem,
  visibleAssignmentActions,
} from '@/views/tasks/taskMeta'
import { json, fakeServer } from './fakeServer'

describe('task targets', () => {
  it('explicit orgs clear the level/domain rule (and drop duplicates)', () => {
    expect(
      buildTargets({ mode: 'orgs', org_ids: [5, 6, 5], level: 'village', domain: null }),
    ).toEqual({
      target_org_ids: [5, 6],
      target_level: null,
      target_domain: null,
    })
  })

  it('a level/domain rule clears explicit orgs', () => {
    expect(buildTargets({ mode: 'rule', org_ids: [5], level: 'village', domain: 'rural' })).toEqual(
      { target_org_ids: [], target_level: 'village', target_domain: 'rural' },
    )
  })

  it('refuses empty targets', () => {
    expect(targetProblem({ mode: 'orgs', org_ids: [], level: null, domain: null })).toBe(
      'task.targets.needOrgs',
    )
    expect(targetProblem({ mode: 'rule', org_ids: [], level: null, domain: null })).toBe(
      'task.targets.needRule',
    )
    expect(targetProblem({ mode: 'rule', org_ids: [], level: null, domain: 'school' })).toBeNull()
  })

  it('edits a task in the mode it was written in', () => {
    expect(
      targetFormOf({ target_org_ids: [], target_level: 'village', target_domain: null }),
    ).toEqual({
      mode: 'rule',
      org_ids: [],
      level: 'village',
      domain: null,
    })
    expect(
      targetFormOf({ target_org_ids: [9], target_level: null, target_domain: null }).mode,
    ).toBe('orgs')
    expect(targetFormOf(null)).toEqual({ mode: 'orgs', org_ids: [], level: null, domain: null })
  })
})

describe('assignment ledger state ⇄ URL ⇄ API query', () => {
  it('reads the URL, ignoring invalid values, with the default scope', () => {
    const s = assignmentStateFromQuery(
      { status: 'submitted', overdue: 'true', level: 'bogus', period: '2026-13', sort: 'hack' },
      'issued',
    )
    expect(s.filters.scope).toBe('issued')
    expect(s.filters.status).toBe('submitted')
    expect(s.filters.overdue).toBe(true)
    expect(s.filters.level).toBeNull()
    expect(s.filters.period).toBe('')
    expect(s.sort).toBe('deadline')
    expect(assignmentStateFromQuery({ scope: 'mine' }, 'issued').filters.scope).toBe('mine')
  })

  it('round-trips through the URL', () => {
    const state = {
      filters: {
        ...emptyAssignmentFilters('issued'),
        root_id: 4,
        is_key: true,
        task_list_id: 2,
        period: '2026-11',
      },
      page: 3,
      sort: '-id',
    }
    const query = assignmentStateToQuery(state)
    expect(query).toEqual({
      scope: 'issued',
      root_id: '4',
      is_key: 'true',
      task_list_id: '2',
      period: '2026-11',
      sort: '-id',
      page: '3',
    })
    expect(assignmentStateFromQuery(query, 'mine')).toEqual(state)
  })

  it('"mine" asks for the acting org at its own level, whatever the org filters say', () => {
    const f = { ...emptyAssignmentFilters('mine'), root_id: 99, level: 'grid' as const, open: true }
    expect(
      assignmentLedgerQuery({ filters: f, page: 1, sort: 'deadline' }, 20, {
        id: 3,
        level: 'village',
      }),
    ).toEqual({
      root_id: 3,
      level: 'village',
      open: true,
      page: 1,
      page_size: 20,
      sort: 'deadline',
    })
    expect(activeAssignmentFilters(f)).toBe(1)
  })

  it('"issued" uses the chosen subtree and level', () => {
    const f = { ...emptyAssignmentFilters('issued'), root_id: 7, level: 'village' as const }
    expect(assignmentLedgerQuery({ filters: f, page: 2, sort: 'status' }, 10, null)).toEqual({
      root_id: 7,
      level: 'village',
      page: 2,
      page_size: 10,
      sort: 'status',
    })
    expect(activeAssignmentFilters(f)).toBe(2)
  })
})

describe('assignment actions', () => {
  it("shows exactly the server's allowed actions, in workflow order", () => {
    expect(visibleAssignmentActions(['return', 'accept']).map((a) => a.action)).toEqual([
      'accept',
      'return',
    ])
    expect(visibleAssignmentActions([])).toEqual([])
    expect(visibleAssignmentActions(['delete']).length).toBe(0)
  })
})

describe('completion rates', () => {
  const row = (label: string, total: number, accepted: number, overdue = 0): RollupRow => ({
    key: label,
    label,
    total,
    accepted,
    overdue,
    assigned: total - accepted,
    in_progress: 0,
    submitted: 0,
    rate: total ? accepted / total : 0,
    org_id: null,
    has_children: null,
  })

  it('formats rates as percentages with one decimal', () => {
    expect(percent(0.25)).toBe('25%')
    expect(percent(2 / 3)).toBe('66.7%')
    expect(percent(null)).toBe('—')
  })

  it('charts the rows that have tasks: accepted and overdue bars, the rate in %', () => {
    const option = rollupChartOption([row('滨江社区', 4, 3, 1), row('空村', 0, 0)], {
      rate: '完成率',
      accepted: '已验收',
      overdue: '超期',
    })
    expect(option.xAxis.data).toEqual(['滨江社区'])
    expect(option.series.map((s) => s.data)).toEqual([[3], [1], [75]])
  })
})

describe('notification badge store', () => {
  beforeEach(() => {
    configureClient({ origin: 'http://test', retryDelaysMs: [] })
    writeTokens({ access: 'a1', refresh: 'r1' })
    setActivePinia(createPinia())
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('polls the unread count at start and every minute, and stops', async () => {
    vi.useFakeTimers()
    let unread = 3
    const server = fakeServer().on('GET /api/v1/notifications/unread-count', () =>
      json(200, { unread }),
    )
    const store = useNotificationsStore()
    store.start()
    store.start() // a second shell mount does not double the polling
    await vi.advanceTimersByTimeAsync(0)
    expect(store.unread).toBe(3)
    unread = 5
    await vi.advanceTimersByTimeAsync(POLL_MS)
    expect(store.unread).toBe(5)
    expect(server.callsTo('GET /api/v1/notifications/unread-count')).toHaveLength(2)
    store.stop()
    await vi.advanceTimersByTimeAsync(POLL_MS * 3)
    expect(server.callsTo('GET /api/v1/notifications/unread-count')).toHaveLength(2)
    expect(store.unread).toBe(0)
  })

  it('shares one request between concurrent refreshes and keeps the count on errors', async () => {
    const server = fakeServer().on('GET /api/v1/notifications/unread-count', () =>
      json(200, { unread: 2 }),
    )
    const store = useNotificationsStore()
    await Promise.all([store.refresh(), store.refresh()])
    expect(server.callsTo('GET /api/v1/notifications/unread-count')).toHaveLength(1)
    expect(store.unread).toBe(2)
    server.on('GET /api/v1/notifications/unread-count', () => json(500, {}))
    await store.refresh()
    expect(store.unread).toBe(2)
  })

  it('marking read lowers the badge; already read ones are not sent again', async () => {
    const item = {
      id: 8,
      kind: 'overdue',
      title: '任务已超期',
      body: '',
      org_id: 3,
      object_type: 'task_assignment',
      object_id: 12,
      created_at: '2026-11-23T00:00:00Z',
      read_at: null,
    }
    const server = fakeServer()
      .on('POST /api/v1/notifications/8/read', () =>
        json(200, { ...item, read_at: '2026-11-23T01:00:00Z' }),
      )
      .on('POST /api/v1/notifications/read-all', () => json(200, { unread: 0 }))
    const store = useNotificationsStore()
    store.unread = 2
    const read = await store.markRead(item)
    expect(read.read_at).not.toBeNull()
    expect(store.unread).toBe(1)
    await store.markRead(read)
    expect(server.callsTo('POST /api/v1/notifications/8/read')).toHaveLength(1)
    await store.markAllRead()
    expect(store.unread).toBe(0)
  })
})

describe('notification links', () => {
  const routes = [
    'task-assignment',
    'problem',
    'orgs',
    'project',
    'responsibility-item',
    'case',
    'case-round',
    'contacts',
  ]
  const router = { hasRoute: (name: string) => routes.includes(name) }

  it('opens the object a notification names', () => {
    expect(notificationTarget({ object_type: 'task_assignment', object_id: 12 }, router)).toEqual({
      name: 'task-assignment',
      params: { id: 12 },
    })
    expect(notificationTarget({ object_type: 'org', object_id: 3 }, router)).toEqual({
      name: 'orgs',
      params: { id: 3 },
    })
    expect(notificationTarget({ object_type: 'project', object_id: 4 }, router)).toEqual({
      name: 'project',
      params: { id: 4 },
    })
    expect(
      notificationTarget({ object_type: 'responsibility_item', object_id: 5 }, router),
    ).toEqual({ name: 'responsibility-item', params: { id: 5 } })
    expect(notificationTarget({ object_type: 'case', object_id: 6 }, router)).toEqual({
      name: 'case',
      params: { id: 6 },
    })
    expect(notificationTarget({ object_type: 'case_round', object_id: 7 }, router)).toEqual({
      name: 'case-round',
      params: { id: 7 },
    })
  })

  it('sends a contact-point shortfall to the shortfalls tab', () => {
    expect(notificationTarget({ object_type: 'contact_point', object_id: 9 }, router)).toEqual({
      name: 'contacts',
      query: { tab: 'shortfalls' },
    })
  })

  it('has no link without an object or without a screen for it', () => {
    expect(notificationTarget({ object_type: null, object_id: null }, router)).toBeNull()
    expect(notificationTarget({ object_type: 'bulletin', object_id: 4 }, router)).toBeNull()
    expect(notificationTarget({ object_type: 'weird', object_id: 4 }, router)).toBeNull()
  })

  it('names only routes the app declares', async () => {
    const { routes: all } = await import('@/router/routes')
    const names = new Set<string>()
    const walk = (rs: readonly { name?: unknown; children?: readonly unknown[] }[]): void => {
      for (const r of rs) {
        if (typeof r.name === 'string') names.add(r.name)
        if (r.children) walk(r.children as never)
      }
    }
    walk(all as never)
    const real = { hasRoute: (name: string) => names.has(name) }
    for (const type of [
      'problem',
      'inspection',
      'task_assignment',
      'task_list',
      'project',
      'project_campaign',
      'responsibility_item',
      'responsibility_letter',
      'bulletin',
      'case',
      'case_round',
      'scoring_session',
      'org',
      'contact_point',
    ]) {
      expect(notificationTarget({ object_type: type, object_id: 1 }, real), type).not.toBeNull()
    }
  })
})
