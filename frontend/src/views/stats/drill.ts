import type { EChartsCoreOption } from '@/components/echarts'
import type { RankedChild, Ranking } from '@/api'

export type MetricName = Ranking['metric']

/** A step of the drill-down path: the org whose subtree is shown. */
export interface DrillStep {
  orgId: number
  name: string
}

/** Going into a child appends it; going back to a step drops everything after it (breadcrumb semantics). */
export function drillInto(path: DrillStep[], step: DrillStep): DrillStep[] {
  const at = path.findIndex((s) => s.orgId === step.orgId)
  return at >= 0 ? path.slice(0, at + 1) : [...path, step]
}

export function drillBack(path: DrillStep[]): DrillStep[] {
  return path.length > 1 ? path.slice(0, -1) : path
}

/** Rates arrive as 0–1 with four decimals; shown as percentages with one. */
export function formatMetric(metric: MetricName, value: number): string {
  return metric === 'done_rate' ? `${(value * 100).toFixed(1)}%` : String(Math.round(value))
}

/**
 * Horizontal bars, best first at the top; the org id rides along so a click can drill into it. `shortNames`
 * (org id → 简称) label the axis: full names all begin with 中共九江市柴桑区… and truncate to the same text.
 */
export function rankingChart(
  items: RankedChild[],
  metric: MetricName,
  metricLabel: string,
  shortNames: ReadonlyMap<number, string> = new Map(),
): EChartsCoreOption | null {
  if (items.length === 0) return null
  const shown = [...items].reverse() // ECharts draws the first category at the bottom
  const rate = metric === 'done_rate'
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      max: rate ? 1 : undefined,
      axisLabel: { show: false },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'category',
      data: shown.map((i) => shortNames.get(i.org_id) || i.org_name),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    series: [
      {
        name: metricLabel,
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: metric === 'overdue' || metric === 'open' ? '#e6a23c' : '#c0161d' },
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: number }) => formatMetric(metric, p.value),
        },
        data: shown.map((i) => ({ value: i.value, orgId: i.org_id })),
      },
    ],
  }
}

/** Room for every child's bar: 26px a row, at least 160px. */
export function chartHeight(count: number): string {
  return `${Math.max(160, count * 26 + 24)}px`
}
