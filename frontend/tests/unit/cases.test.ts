import { beforeEach, describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { configureClient } from '@/api'
import type { CriterionRead, QueueEntry } from '@/api'
import { writeTokens } from '@/api/tokens'
import { routes } from '@/router/routes'
import { decideNavigation } from '@/router/guard'
import {
  draftFor,
  draftTotal,
  filenameFrom,
  nextSubject,
  queueProgress,
  remaining,
  scoresBody,
  validateDraft,
} from '@/views/scoring/scoringMeta'
import { useJudgeQueue } from '@/views/scoring/useJudgeQueue'
import {
  caseApiQuery,
  caseStateFromQuery,
  caseStateToQuery,
  splitNames,
  visibleCaseActions,
  visibleRoundActions,
} from '@/views/cases/caseMeta'
import { fakeServer, json } from './fakeServer'

const rubric: CriterionRead[] = [
  { name: '创新性', max_points: 30, weight: 1 },
  { name: '实效性', max_points: 40, weight: 1.5 },
]

function entry(id: number, extra: Partial<QueueEntry> = {}): QueueEntry {
  return {
    subject_id: id,
    label: `案例${id}`,
    org_id: 1,
    org_name: '滨江社区党委',
    complete: false,
    conflict: null,
    conflict_reason: null,
    content: null,
    scores: [],
    ...extra,
  }
}

describe('the judge’s sheet', () => {
  it('starts empty, or prefilled with the scores already given', () => {
    expect(draftFor(rubric, entry(1))).toEqual([
      { criterion: '创新性', max: 30, points: null, comment: '' },
      { criterion: '实效性', max: 40, points: null, comment: '' },
    ])
    const given = entry(2, {
      scores: [{ criterion: '实效性', points: 35.5, comment: '扎实', updated_at: null }],
    })
    expect(draftFor(rubric, given)[1]).toEqual({
      criterion: '实效性',
      max: 40,
      points: 35.5,
      comment: '扎实',
    })
  })

  it('refuses missing points, points above the maximum or below 0, and more than two decimals', () => {
    const items = draftFor(rubric, null)
    expect(validateDraft(items)).toEqual([
      { criterion: '创新性', kind: 'missing' },
      { criterion: '实效性', kind: 'missing' },
    ])
    items[0]!.points = 31
    items[1]!.points = -1
    expect(validateDraft(items).map((p) => p.kind)).toEqual(['range', 'range'])
    items[0]!.points = 29.125
    items[1]!.points = 40
    expect(validateDraft(items)).toEqual([{ criterion: '创新性', kind: 'step' }])
    items[0]!.points = 0
    items[1]!.points = 33.25
    expect(validateDraft(items)).toEqual([])
  })

  it('sends one score per criterion and omits blank comments; shows the weighted total', () => {
    const items = draftFor(rubric, null)
    items[0]!.points = 28
    items[0]!.comment = '  有创新  '
    items[1]!.points = 30
    items[1]!.comment = '   '
    expect(scoresBody(189, items)).toEqual([
      { subject_id: 189, criterion: '创新性', points: 28, comment: '有创新' },
      { subject_id: 189, criterion: '实效性', points: 30 },
    ])
    expect(draftTotal(items, rubric)).toBe(73)
  })
})

describe('the queue', () => {
  const queue = [
    entry(1, { complete: true }),
    entry(2, { conflict: 'same_org' }),
    entry(3),
    entry(4, { complete: true }),
    entry(5),
  ]

  it('counts n of m without the subjects the judge must avoid', () => {
    expect(queueProgress(queue)).toEqual({ done: 2, total: 4, percent: 50 })
    expect(queueProgress([])).toEqual({ done: 0, total: 0, percent: 0 })
    expect(remaining({ assigned: 3, scored: 1 })).toBe(2)
    expect(remaining({ assigned: 3, scored: 5 })).toBe(0)
  })

  it('goes on to the next unscored subject, wrapping around, and stops when all are done', () => {
    expect(nextSubject(queue, 3)).toBe(5)
    expect(nextSubject(queue, 5)).toBe(3)
    expect(nextSubject(queue, null)).toBe(3)
    expect(nextSubject([entry(1, { complete: true })], 1)).toBeNull()
  })
})

describe('useJudgeQueue', () => {
  beforeEach(() => {
    configureClient({ origin: 'http://test', retryDelaysMs: [] })
    writeTokens({ access: 'a1', refresh: 'r1' })
  })

  const assigned = {
    id: 2,
    org_id: 2,
    org_name: '沙河街道',
    title: '红色物业案例评审',
    purpose: 'case_review',
    subject_type: 'case',
    rubric,
    status: 'open',
    opened_at: null,
    closed_at: null,
    assigned: 3,
    scored: 1,
    conflicts: 0,
  }

  it('takes the rubric from the assigned list and reads every page of the queue', async () => {
    const server = fakeServer()
      .on('GET /api/v1/scoring-sessions/assigned', () =>
        json(200, { items: [assigned], total: 1, page: 1, page_size: 100 }),
      )
      .on('GET /api/v1/scoring-sessions/2/queue', (call) => {
        const page = Number(new URL(call.path, 'http://x').searchParams.get('page'))
        const items = page === 1 ? [entry(1, { complete: true }), entry(2)] : [entry(3)]
        return json(200, { items, total: 3, page, page_size: 2 })
      })
    const q = useJudgeQueue(ref(2))
    await q.load()
    expect(q.state.value).toBe('ready')
    expect(q.session.value?.rubric).toEqual(rubric)
    expect(q.entries.value.map((e) => e.subject_id)).toEqual([1, 2, 3])
    expect(q.progress.value).toEqual({ done: 1, total: 3, percent: 33 })
    expect(server.callsTo('GET /api/v1/scoring-sessions/2/queue')).toHaveLength(2)
  })

  it('a session not assigned to the judge is "not found" and its queue is never asked for', async () => {
    const server = fakeServer().on('GET /api/v1/scoring-sessions/assigned', () =>
      json(200, { items: [assigned], total: 1, page: 1, page_size: 100 }),
    )
    const q = useJudgeQueue(ref(9))
    await q.load()
    expect(q.state.value).toBe('not-found')
    expect(server.callsTo('GET /api/v1/scoring-sessions/9/queue')).toHaveLength(0)
  })
})

describe('case ledger state', () => {
  it('reads valid filters from the URL and writes back only what is set', () => {
    const s = caseStateFromQuery({
      status: 'announced',
      channel: 'bogus',
      round_id: '2',
      q: '物业',
    })
    expect(s.filters).toEqual({
      root_id: null,
      round_id: 2,
      status: 'announced',
      channel: null,
      domain: '',
      q: '物业',
    })
    expect(caseStateToQuery(s.filters, 2)).toEqual({
      round_id: '2',
      status: 'announced',
      q: '物业',
      page: '2',
    })
    expect(caseApiQuery(s.filters, 1, 20)).toEqual({
      page: 1,
      page_size: 20,
      sort: '-id',
      round_id: 2,
      status: 'announced',
      q: '物业',
    })
  })

  it('splits the inspectors typed on one line', () => {
    expect(splitNames(' 张三、李四，王五 , 赵六  ')).toEqual(['张三', '李四', '王五', '赵六'])
    expect(splitNames('  ')).toEqual([])
  })

  it('shows exactly the actions the server allows, in workflow order', () => {
    expect(visibleCaseActions(['reject', 'verify', 'edit'])).toEqual(['verify', 'reject'])
    expect(visibleCaseActions([])).toEqual([])
    expect(visibleRoundActions(['publish', 'announce', 'bogus'])).toEqual(['announce', 'publish'])
  })
})

describe('public announcement routes', () => {
  it('are reachable without a login; the scoring pages are not', async () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    const anonymous = { loggedIn: false, ensurePermissions: async () => null }
    for (const path of [
      '/public/announcements',
      '/public/announcements/1',
      '/public/announcements/1/cases/175',
    ]) {
      const to = router.resolve(path)
      expect(to.matched.length).toBeGreaterThan(0)
      expect(await decideNavigation({ ...to, name: to.name ?? undefined }, anonymous)).toBe(true)
    }
    const scoring = router.resolve('/scoring-sessions/2/score')
    expect(scoring.name).toBe('scoring-judge')
    expect(await decideNavigation({ ...scoring, name: 'scoring-judge' }, anonymous)).toMatchObject({
      name: 'login',
    })
  })
})

describe('export filename', () => {
  it('prefers the RFC 5987 name, then the plain one, then the fallback', () => {
    expect(
      filenameFrom(
        'attachment; filename="scores.xlsx"; filename*=UTF-8\'\'%E8%AF%84%E5%88%86.xlsx',
        'x.xlsx',
      ),
    ).toBe('评分.xlsx')
    expect(filenameFrom('attachment; filename="scores.xlsx"', 'x.xlsx')).toBe('scores.xlsx')
    expect(filenameFrom(null, 'x.xlsx')).toBe('x.xlsx')
  })
})
