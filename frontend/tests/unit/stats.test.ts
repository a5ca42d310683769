import { describe, expect, it } from 'vitest'
import { chartHeight, drillBack, drillInto, formatMetric, rankingChart } from '@/views/stats/drill'

const county = { orgId: 1, name: '柴桑区委' }
const township = { orgId: 2, name: '沙河街道党工委' }
const village = { orgId: 3, name: '滨江社区党委' }

describe('drill-down path', () => {
  it('appends a child and returns to an earlier step like a breadcrumb', () => {
    const deep = drillInto(drillInto([county], township), village)
    expect(deep.map((s) => s.orgId)).toEqual([1, 2, 3])
    expect(drillInto(deep, county)).toEqual([county])
    expect(drillInto(deep, township)).toEqual([county, township])
  })

  it('goes back one level but never above the starting org', () => {
    expect(drillBack([county, township])).toEqual([county])
    expect(drillBack([county])).toEqual([county])
  })
})

describe('ranking chart', () => {
  const items = [
    { org_id: 2, org_name: '沙河街道党工委', value: 0.9125, rank: 1, total: 80 },
    { org_id: 5, org_name: '港口街镇党委', value: 0.5, rank: 2, total: 12 },
  ]

  it('draws the best child on top and carries org ids for the click-through', () => {
    const option = rankingChart(items, 'done_rate', '完成率') as {
      yAxis: { data: string[] }
      xAxis: { max?: number }
      series: { data: { value: number; orgId: number }[] }[]
    }
    expect(option.yAxis.data).toEqual(['港口街镇党委', '沙河街道党工委'])
    expect(option.series[0]!.data.map((d) => d.orgId)).toEqual([5, 2])
    expect(option.xAxis.max).toBe(1)
  })

  it('labels the bars with the short names it knows, the full name otherwise', () => {
    const full = [
      { org_id: 2, org_name: '中共九江市柴桑区沙河街道工作委员会', value: 0.9, rank: 1, total: 8 },
      { org_id: 5, org_name: '中共九江市柴桑区港口街镇委员会', value: 0.5, rank: 2, total: 4 },
    ]
    const option = rankingChart(full, 'done_rate', '完成率', new Map([[2, '沙河街道党工委']])) as {
      yAxis: { data: string[] }
    }
    expect(option.yAxis.data).toEqual(['中共九江市柴桑区港口街镇委员会', '沙河街道党工委'])
  })

  it('has no chart without children and formats rates as percentages, counts as integers', () => {
    expect(rankingChart([], 'overdue', '超期数')).toBeNull()
    expect(formatMetric('done_rate', 0.9125)).toBe('91.3%')
    expect(formatMetric('overdue', 7)).toBe('7')
    expect(chartHeight(2)).toBe('160px')
    expect(chartHeight(20)).toBe('544px')
  })
})
