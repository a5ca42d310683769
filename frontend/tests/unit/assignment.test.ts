import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick, ref } from 'vue'
import { configureClient } from '@/api'
import { writeTokens } from '@/api/tokens'
import { useAuthStore } from '@/stores/auth'
import { useAssignment } from '@/views/tasks/useAssignment'
import { envelope, fakeServer, json } from './fakeServer'

const assignment = (over: Record<string, unknown> = {}) => ({
  id: 12,
  task_id: 3,
  task_list_id: 1,
  task_list_title: '基层党建月度工作清单',
  period: '2026-11',
  org_id: 3,
  org_name: '滨江社区党委',
  org_level: 'village',
  issuer_org_id: 2,
  issuer_org_name: '沙河街道工委',
  title: '开展主题党日活动',
  description: null,
  domain: null,
  is_key: true,
  deadline: '2026-11-30',
  responsible_user_id: null,
  responsible_user_name: null,
  status: 'assigned',
  overdue: false,
  return_count: 0,
  closed_at: null,
  last_report_at: null,
  allowed_actions: ['start'],
  version: 1,
  created_at: '2026-11-23T00:00:00Z',
  updated_at: '2026-11-23T00:00:00Z',
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

describe('useAssignment', () => {
  beforeEach(() => {
    configureClient({ origin: 'http://test', retryDelaysMs: [] })
    writeTokens({ access: 'a1', refresh: 'r1' })
    setActivePinia(createPinia())
  })

  it('loads the assignment and its timeline; an action result replaces it and reloads the timeline', async () => {
    const server = fakeServer()
      .on('GET /api/v1/task-assignments/12', () => json(200, assignment()))
      .on('GET /api/v1/task-assignments/12/timeline', () => json(200, []))
    const a = useAssignment(ref<number | null>(12))
    expect(a.state.value).toBe('loading')
    await flush()
    expect(a.state.value).toBe('ready')
    expect(a.assignment.value?.title).toBe('开展主题党日活动')
    a.apply(assignment({ status: 'in_progress', allowed_actions: ['submit'] }) as never)
    expect(a.assignment.value?.status).toBe('in_progress')
    await flush()
    expect(server.callsTo('GET /api/v1/task-assignments/12/timeline')).toHaveLength(2)
  })

  it("another village's assignment (404) is 'not found', like a missing one", async () => {
    fakeServer().on('GET /api/v1/task-assignments/99', () =>
      envelope(404, 'not_found', '对象不存在'),
    )
    const a = useAssignment(ref(99))
    await flush()
    expect(a.state.value).toBe('not-found')
    expect(a.assignment.value).toBeNull()
  })

  it('offers progress reports to the own org with task_report, not to the issuer, not once accepted', async () => {
    const server = fakeServer()
      .on('GET /api/v1/task-assignments/12', () => json(200, assignment()))
      .on('GET /api/v1/task-assignments/12/timeline', () => json(200, []))
    let current = me(3, ['task_read', 'task_report'])
    server.on('GET /api/v1/auth/me', () => json(200, current))
    const auth = useAuthStore()
    await auth.loadMe()
    const a = useAssignment(ref(12))
    await flush()
    expect(a.canReport.value).toBe(true)

    current = me(2, ['task_read', 'task_issue', 'task_verify'])
    await auth.loadMe(true)
    expect(a.canReport.value).toBe(false)

    current = me(3, ['task_read', 'task_report'])
    await auth.loadMe(true)
    a.apply(assignment({ status: 'accepted', allowed_actions: [] }) as never)
    await nextTick()
    expect(a.canReport.value).toBe(false)
  })
})
