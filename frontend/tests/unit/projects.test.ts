import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ref } from 'vue'
import { configureClient } from '@/api'
import type { Permission, ProjectDetail } from '@/api'
import { writeTokens } from '@/api/tokens'
import { useAuthStore } from '@/stores/auth'
import {
  addMilestone,
  draftFrom,
  isDirty,
  moveMilestone,
  newRow,
  removeMilestone,
  sortByDue,
  updateBody,
  validatePlan,
  MAX_MILESTONES,
  type PlanDraft,
} from '@/views/projects/planDraft'
import {
  emptyFilters,
  ledgerQuery,
  rowWarnings,
  stateFromQuery,
  stateToQuery,
  visibleActions,
} from '@/views/projects/projectMeta'
import { abilities, claimOrgs, claimsLeft } from '@/views/projects/campaigns/campaignMeta'
import { useProject } from '@/views/projects/useProject'
import { fakeServer, json } from './fakeServer'

const project = (over: Partial<ProjectDetail> = {}): ProjectDetail => ({
  id: 42,
  campaign_id: 1,
  item_id: 3,
  item_title: '流动党员教育管理',
  category: 'regular',
  domain: null,
  is_mandatory: false,
  org_id: 3,
  org_name: '滨江社区党委',
  org_level: 'village',
  issuer_org_id: 1,
  owner_id: 18,
  owner_name: '郝静',
  title: '流动党员“红色驿站”',
  deadline: '2026-12-31',
  status: 'draft',
  overdue: false,
  progress: 0,
  progress_period: null,
  reported_this_month: false,
  behind_milestone: false,
  grade: null,
  acceptance_comment: null,
  closed_at: null,
  last_report_at: null,
  allowed_actions: ['submit', 'cancel'],
  version: 3,
  created_at: '2026-11-23T00:00:00Z',
  updated_at: '2026-11-23T00:00:00Z',
  plan: {
    goals: '联系全覆盖',
    measures: null,
    team: ['郝静（组长）'],
    milestones: [
      { id: 7, title: '摸清底数', due_on: '2026-12-10', completed_at: null },
      { id: 8, title: '建立联络群', due_on: '2026-12-20', completed_at: null },
    ],
  },
  ...over,
})

const complete = (over: Partial<PlanDraft> = {}): PlanDraft => ({
  title: '流动党员“红色驿站”',
  deadline: '2026-12-31',
  goals: '联系全覆盖',
  measures: '建群、季度线上组织生活',
  team: ['郝静（组长）'],
  milestones: [newRow('摸清底数', '2026-12-10')],
  ...over,
})

describe('milestone editing', () => {
  it('adds, removes and moves rows without touching the others', () => {
    let rows = [newRow('a', '2026-12-01'), newRow('b', '2026-12-02'), newRow('c', '2026-12-03')]
    const keys = rows.map((r) => r.key)
    rows = moveMilestone(rows, 2, -1)
    expect(rows.map((r) => r.title)).toEqual(['a', 'c', 'b'])
    // row identity (the v-for key) travels with the row
    expect(rows.map((r) => r.key)).toEqual([keys[0], keys[2], keys[1]])
    expect(moveMilestone(rows, 0, -1)).toBe(rows) // nothing above the first
    expect(moveMilestone(rows, 2, 1)).toBe(rows) // nothing below the last
    rows = removeMilestone(rows, 1)
    expect(rows.map((r) => r.title)).toEqual(['a', 'b'])
    rows = addMilestone(rows)
    expect(rows).toHaveLength(3)
    expect(rows[2]).toMatchObject({ title: '', due_on: '' })
  })

  it('stops adding at 24 milestones', () => {
    const full = Array.from({ length: MAX_MILESTONES }, () => newRow('x', '2026-12-01'))
    expect(addMilestone(full)).toBe(full)
  })

  it('sorts by due date, undated rows last, equal dates in their order', () => {
    const rows = [
      newRow('undated'),
      newRow('late', '2026-12-20'),
      newRow('early-1', '2026-12-01'),
      newRow('early-2', '2026-12-01'),
    ]
    expect(sortByDue(rows).map((r) => r.title)).toEqual(['early-1', 'early-2', 'late', 'undated'])
  })
})

describe('plan validation', () => {
  it('accepts a complete plan for 申报', () => {
    expect(validatePlan(complete(), true)).toEqual({})
  })

  it('saving a draft needs only a title and well-formed milestones', () => {
    const draft = complete({ goals: '', measures: '', team: [], deadline: '', milestones: [] })
    expect(validatePlan(draft, false)).toEqual({})
    expect(validatePlan({ ...draft, title: '  ' }, false)).toEqual({ title: 'title_required' })
  })

  it('lists every gap before 申报, keyed like the server', () => {
    const draft = complete({ goals: ' ', measures: '', team: ['  '], deadline: '', milestones: [] })
    expect(validatePlan(draft, true)).toEqual({
      'plan.goals': 'goals_required',
      'plan.measures': 'measures_required',
      'plan.team': 'team_required',
      deadline: 'deadline_required',
      'plan.milestones': 'milestones_required',
    })
  })

  it('checks each milestone row: half-filled rows, dates after the deadline; blank rows are ignored', () => {
    const draft = complete({
      milestones: [
        newRow('摸清底数', '2026-12-10'),
        newRow('', '2026-12-11'),
        newRow('建群', ''),
        newRow('总结', '2027-01-15'),
        newRow(),
      ],
    })
    expect(validatePlan(draft, true)).toEqual({
      'plan.milestones.1.title': 'milestone_title_required',
      'plan.milestones.2.due_on': 'milestone_due_required',
      'plan.milestones.3.due_on': 'milestone_after_deadline',
    })
    // only blank rows: nothing to save, and 申报 needs one
    expect(validatePlan(complete({ milestones: [newRow()] }), true)).toEqual({
      'plan.milestones': 'milestones_required',
    })
  })

  it('refuses team members longer than the server allows', () => {
    expect(validatePlan(complete({ team: ['张'.repeat(51)] }), false)).toEqual({
      'plan.team': 'team_too_long',
    })
  })
})

describe('plan ⇄ API', () => {
  it('reads a project into a draft and sends the whole plan back, trimmed, blanks dropped', () => {
    const draft = draftFrom(project())
    expect(draft).toMatchObject({
      title: '流动党员“红色驿站”',
      measures: '',
      deadline: '2026-12-31',
    })
    expect(draft.milestones.map((m) => m.title)).toEqual(['摸清底数', '建立联络群'])
    draft.milestones = [...draft.milestones, newRow()]
    draft.team = [' 郝静（组长） ', '', '李明']
    draft.goals = '  联系全覆盖 '
    expect(updateBody(draft)).toEqual({
      title: '流动党员“红色驿站”',
      deadline: '2026-12-31',
      plan: {
        goals: '联系全覆盖',
        measures: null,
        team: ['郝静（组长）', '李明'],
        milestones: [
          { title: '摸清底数', due_on: '2026-12-10' },
          { title: '建立联络群', due_on: '2026-12-20' },
        ],
      },
    })
  })

  it('is dirty only when what would be sent changes', () => {
    const saved = draftFrom(project())
    const draft = draftFrom(project())
    expect(isDirty(draft, saved)).toBe(false)
    draft.milestones = [...draft.milestones, newRow()] // a blank row is not a change
    expect(isDirty(draft, saved)).toBe(false)
    draft.milestones = moveMilestone(draft.milestones, 1, -1)
    expect(isDirty(draft, saved)).toBe(true)
  })
})

describe('ledger state and actions', () => {
  it('reads filters from the URL, ignoring what is not valid, and writes back only what is set', () => {
    const state = stateFromQuery({
      status: 'in_progress',
      category: 'bogus',
      level: 'village',
      mandatory: 'true',
      campaign_id: '1',
      root_id: '-3',
      sort: '-progress',
      page: '2',
    })
    expect(state.filters).toMatchObject({
      status: 'in_progress',
      category: null,
      level: 'village',
      mandatory: true,
      campaign_id: 1,
      root_id: null,
    })
    expect(state.sort).toBe('-progress')
    expect(stateToQuery(state)).toEqual({
      status: 'in_progress',
      level: 'village',
      mandatory: 'true',
      campaign_id: '1',
      sort: '-progress',
      page: '2',
    })
    expect(stateFromQuery({ sort: 'owner_password' }).sort).toBe('-id')
    expect(
      ledgerQuery(
        { filters: { ...emptyFilters(), overdue: false, q: ' 驿站 ' }, page: 1, sort: '-id' },
        20,
      ),
    ).toEqual({
      overdue: false,
      q: '驿站',
      page: 1,
      page_size: 20,
      sort: '-id',
    })
  })

  it('shows exactly the allowed actions in workflow order', () => {
    expect(visibleActions(['cancel', 'submit']).map((a) => a.action)).toEqual(['submit', 'cancel'])
    expect(visibleActions(['accept', 'rectify']).map((a) => a.action)).toEqual(['accept'])
    expect(visibleActions([])).toEqual([])
  })

  it('flags missing monthly reports and late milestones only while a project runs', () => {
    const running = {
      status: 'in_progress' as const,
      reported_this_month: false,
      behind_milestone: true,
    }
    expect(rowWarnings(running)).toEqual(['no_monthly_report', 'behind_milestone'])
    expect(rowWarnings({ ...running, reported_this_month: true, behind_milestone: false })).toEqual(
      [],
    )
    expect(rowWarnings({ ...running, status: 'approved' })).toEqual([])
  })
})

describe('campaign abilities and claiming', () => {
  const assignment = (org_id: number, org_path: string, permissions: Permission[]) => ({
    org_id,
    org_name: `org ${org_id}`,
    org_path,
    permissions,
  })

  it('organizers edit the catalog only while it is a draft', () => {
    expect(abilities({ status: 'draft', allowed_actions: ['open'] })).toEqual({
      actions: ['open'],
      editCampaign: true,
      editCatalog: true,
    })
    expect(abilities({ status: 'open', allowed_actions: ['close', 'preclaim'] })).toEqual({
      actions: ['close', 'preclaim'],
      editCampaign: true,
      editCatalog: false,
    })
    expect(abilities({ status: 'open', allowed_actions: [] })).toEqual({
      actions: [],
      editCampaign: false,
      editCatalog: false,
    })
  })

  it('claims for own orgs strictly below the campaign org, while it is open', () => {
    const list = [
      assignment(3, '/1/2/3/', ['project_claim']),
      assignment(1, '/1/', ['project_claim']), // the organizing org itself
      assignment(9, '/5/9/', ['project_claim']), // another county
      assignment(4, '/1/2/4/', ['project_report']), // reports, does not claim
      assignment(3, '/1/2/3/', ['project_claim']), // same org twice
    ]
    expect(claimOrgs(list, { org_id: 1, status: 'open' })).toEqual([
      { org_id: 3, org_name: 'org 3' },
    ])
    expect(claimOrgs(list, { org_id: 1, status: 'draft' })).toEqual([])
    // the org id must match a whole path segment: 1 is not 11
    expect(
      claimOrgs([assignment(12, '/11/12/', ['project_claim'])], { org_id: 1, status: 'open' }),
    ).toEqual([])
    expect(claimsLeft({ max_claims: 3, my_claim_count: 1 })).toBe(2)
    expect(claimsLeft({ max_claims: 3, my_claim_count: 4 })).toBe(0)
  })
})

const flush = () => new Promise((r) => setTimeout(r, 0))

const me = (orgId: number, orgPath: string, permissions: string[], userId = 18) => ({
  user: { id: userId, username: 'u', full_name: '郝静', phone: null, org_id: orgId },
  org_name: 'x',
  assignments: [
    { id: 1, role: 'secretary', org_id: orgId, org_name: 'x', org_path: orgPath, permissions },
  ],
  permissions,
})

describe('useProject', () => {
  beforeEach(() => {
    configureClient({ origin: 'http://test', retryDelaysMs: [] })
    writeTokens({ access: 'a1', refresh: 'r1' })
    setActivePinia(createPinia())
  })

  it('offers the plan editor to the own org before 申报, monthly reports while it runs, neither to the org above', async () => {
    let current = project()
    let who = me(3, '/1/2/3/', ['project_read', 'project_claim', 'project_report'])
    const server = fakeServer()
      .on('GET /api/v1/projects/42', () => json(200, current))
      .on('GET /api/v1/projects/42/timeline', () => json(200, []))
      .on('GET /api/v1/auth/me', () => json(200, who))
    const auth = useAuthStore()
    await auth.loadMe()
    const p = useProject(ref(42))
    await flush()
    expect(p.state.value).toBe('ready')
    expect(p.canEditPlan.value).toBe(true)
    expect(p.canReport.value).toBe(false)

    current = project({ status: 'in_progress', allowed_actions: ['complete'] })
    p.apply(current)
    expect(p.canEditPlan.value).toBe(false)
    expect(p.canReport.value).toBe(true)
    await flush()
    expect(server.callsTo('GET /api/v1/projects/42/timeline')).toHaveLength(2)

    // the township above reviews; it neither writes the plan nor reports
    who = me(2, '/1/2/', ['project_read', 'project_review'], 99)
    await auth.loadMe(true)
    p.apply(project({ status: 'returned' }))
    expect(p.canEditPlan.value).toBe(false)
    expect(p.canReport.value).toBe(false)
  })

  it('a project outside the scope (404) is "not found"', async () => {
    fakeServer().on('GET /api/v1/projects/42', () =>
      json(404, { error: { code: 'not_found', message: '对象不存在', fields: [] } }),
    )
    const p = useProject(ref(42))
    await flush()
    expect(p.state.value).toBe('not-found')
    expect(p.project.value).toBeNull()
  })
})
