import { beforeEach, describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { configureClient, responsibilityItemsGetItem } from '@/api'
import { writeTokens } from '@/api/tokens'
import {
  activeCount,
  apiQuery,
  bulletinLabel,
  completionChart,
  defaultTableSort,
  localTimestamp,
  percent,
  quarterOf,
  rankingsBody,
  rateTone,
  recentQuarters,
  reportableQuarters,
  stateFromQuery,
  stateToQuery,
  tableSort,
  visible,
} from '@/views/responsibilities/listMeta'
import { useLoaded } from '@/views/responsibilities/useLoaded'
import { envelope, fakeServer, json } from './fakeServer'

type Filters = {
  year: number | null
  root_id: number | null
  status: string | null
  overdue: boolean | null
  q: string | null
}
const SCHEMA = {
  year: 'number',
  root_id: 'number',
  status: 'string',
  overdue: 'boolean',
  q: 'string',
} as const
const defaults = (): Filters => ({
  year: 2026,
  root_id: null,
  status: null,
  overdue: null,
  q: null,
})

describe('ledger state ⇄ URL ⇄ API query', () => {
  it('reads typed filters, page and sort from the URL; malformed values keep the defaults', () => {
    const state = stateFromQuery(
      {
        year: '2025',
        root_id: 'abc',
        status: 'submitted',
        overdue: 'maybe',
        q: '三会一课',
        page: '3',
        sort: 'deadline; drop',
      },
      SCHEMA,
      defaults(),
      '-id',
    )
    expect(state.filters).toEqual({
      year: 2025,
      root_id: null,
      status: 'submitted',
      overdue: null,
      q: '三会一课',
    })
    expect(state.page).toBe(3)
    expect(state.sort).toBe('-id')
    expect(
      stateFromQuery({ overdue: 'false', page: '-1' }, SCHEMA, defaults(), '-id'),
    ).toMatchObject({ filters: { overdue: false, year: 2026 }, page: 1 })
  })

  it('writes only what differs from the defaults into the URL, and round-trips', () => {
    const state = {
      filters: { ...defaults(), root_id: 5, overdue: false },
      page: 2,
      sort: 'deadline',
    }
    const query = stateToQuery(state, defaults(), '-id')
    expect(query).toEqual({ root_id: '5', overdue: 'false', page: '2', sort: 'deadline' })
    const back = stateFromQuery(query as Record<string, string>, SCHEMA, defaults(), '-id')
    expect(back).toEqual(state)
    expect(stateToQuery({ filters: defaults(), page: 1, sort: '-id' }, defaults(), '-id')).toEqual(
      {},
    )
  })

  it('sends set filters to the API (text trimmed, empties left out)', () => {
    const query = apiQuery(
      {
        filters: { ...defaults(), status: 'in_progress', q: '  台账 ', overdue: false },
        page: 2,
        sort: '-id',
      },
      20,
    )
    expect(query).toEqual({
      page: 2,
      page_size: 20,
      sort: '-id',
      year: 2026,
      status: 'in_progress',
      overdue: false,
      q: '台账',
    })
    expect(
      apiQuery({ filters: { ...defaults(), q: '   ' }, page: 1, sort: '-id' }, 20),
    ).not.toHaveProperty('q')
  })

  it('counts active filters and maps table sorting', () => {
    expect(activeCount({ a: null, b: '', c: false, d: 3 })).toBe(2)
    expect(activeCount({ active: true, root_id: 1 }, ['active'])).toBe(1)
    expect(tableSort('deadline', 'descending', '-id')).toBe('-deadline')
    expect(tableSort('deadline', 'ascending', '-id')).toBe('deadline')
    expect(tableSort('deadline', null, '-id')).toBe('-id')
    expect(defaultTableSort('-issued_at')).toEqual({ prop: 'issued_at', order: 'descending' })
  })
})

describe('quarters', () => {
  it('knows the quarter of a date and which quarters may be reported', () => {
    expect(quarterOf(new Date(2026, 0, 1))).toBe('2026-Q1')
    expect(quarterOf(new Date(2026, 10, 23))).toBe('2026-Q4')
    const now = new Date(2026, 4, 10)
    expect(reportableQuarters(2026, now)).toEqual(['2026-Q1', '2026-Q2'])
    expect(reportableQuarters(2025, now)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'])
    expect(reportableQuarters(2027, now)).toEqual([])
  })

  it('lists recent quarters newest first across a year boundary', () => {
    expect(recentQuarters(3, new Date(2026, 1, 1))).toEqual(['2026-Q1', '2025-Q4', '2025-Q3'])
  })

  it('formats a local timestamp with its offset, to the minute', () => {
    const value = localTimestamp(new Date(2026, 10, 23, 9, 30, 45))
    expect(value).toMatch(/^2026-11-23T09:30:00[+-]\d{2}:\d{2}$/)
    expect(new Date(value).getTime()).toBe(new Date(2026, 10, 23, 9, 30, 0).getTime())
  })
})

describe('completion, bulletins, actions', () => {
  it('shows rates as percentages like the server statement, coloured by level', () => {
    expect(percent(0.3685)).toBe(36.9)
    expect(percent(1)).toBe(100)
    expect(percent(null)).toBe(0)
    expect(rateTone(0.95)).toBe('success')
    expect(rateTone(0.6)).toBe('warning')
    expect(rateTone(0.2)).toBe('danger')
  })

  it('charts orgs highest first with one coloured bar each', () => {
    const option = completionChart(
      [
        { org_name: '沙河街道', rate: 0.4, completed: 2, total: 5 },
        { org_name: '城门街道', rate: 0.95, completed: 19, total: 20 },
      ],
      '完成率',
    ) as {
      yAxis: { data: string[] }
      series: { data: { value: number; itemStyle: { color: string } }[] }[]
    }
    expect(option.yAxis.data).toEqual(['城门街道', '沙河街道'])
    expect(option.series[0]?.data.map((d) => d.value)).toEqual([95, 40])
    expect(option.series[0]?.data[0]?.itemStyle.color).toBe('#67c23a')
  })

  it('labels a bulletin by its number once published', () => {
    const fmt = (y: number, n: number) => `${y}年第${n}期`
    expect(bulletinLabel({ year: 2026, number: 3 }, fmt)).toBe('2026年第3期')
    expect(bulletinLabel({ year: 2026, number: 3, label: '2026年第3期' }, fmt)).toBe('2026年第3期')
    expect(bulletinLabel({ year: null, number: null }, fmt)).toBeNull()
  })

  it('sends only ranking rows with an org', () => {
    expect(
      rankingsBody([
        { org_id: 2, org_name: '沙河', rank: 1, value: 91.7, note: ' 问题12条 ' },
        { org_id: null, org_name: '', rank: 2, value: null, note: '' },
        { org_id: 30, org_name: '城门', rank: 2, value: null, note: '' },
      ]),
    ).toEqual([
      { org_id: 2, rank: 1, value: 91.7, note: '问题12条' },
      { org_id: 30, rank: 2, value: null, note: null },
    ])
  })

  it('shows exactly the allowed actions, in a fixed order', () => {
    const order = ['submit', 'complete', 'return', 'reopen'] as const
    expect(visible(['return', 'edit', 'complete'], order)).toEqual(['complete', 'return'])
    expect(visible([], order)).toEqual([])
  })
})

describe('useLoaded', () => {
  const flush = () => new Promise((r) => setTimeout(r, 0))
  beforeEach(() => {
    configureClient({ origin: 'http://test', retryDelaysMs: [] })
    writeTokens({ access: 'a1', refresh: 'r1' })
  })

  it('loads by id and follows id changes', async () => {
    fakeServer()
      .on('GET /api/v1/responsibility-items/1', () => json(200, { id: 1, title: '三会一课' }))
      .on('GET /api/v1/responsibility-items/2', () => json(200, { id: 2, title: '主题党日' }))
    const id = ref<number | null>(1)
    const item = useLoaded(
      id,
      async (i) => (await responsibilityItemsGetItem({ path: { item_id: i } })).data,
    )
    expect(item.state.value).toBe('loading')
    await flush()
    expect(item.state.value).toBe('ready')
    expect(item.data.value?.title).toBe('三会一课')
    id.value = 2
    await flush()
    await flush()
    expect(item.data.value?.title).toBe('主题党日')
  })

  it('treats an item outside the scope (404) as not found', async () => {
    fakeServer().on('GET /api/v1/responsibility-items/9', () =>
      envelope(404, 'not_found', '对象不存在'),
    )
    const item = useLoaded(
      ref(9),
      async (i) => (await responsibilityItemsGetItem({ path: { item_id: i } })).data,
    )
    await flush()
    expect(item.state.value).toBe('not-found')
    expect(item.data.value).toBeNull()
  })
})
