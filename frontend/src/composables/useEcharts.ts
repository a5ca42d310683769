import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import { echarts, type EChartsCoreOption } from '@/components/echarts'

/** Bind a chart to an element: created on mount, resized with the element, disposed on unmount. */
export function useEcharts(el: Ref<HTMLElement | null>, option: Ref<EChartsCoreOption | null>) {
  const chart = shallowRef<echarts.ECharts | null>(null)
  let observer: ResizeObserver | null = null

  onMounted(() => {
    if (!el.value) return
    chart.value = echarts.init(el.value)
    if (option.value) chart.value.setOption(option.value)
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => chart.value?.resize())
      observer.observe(el.value)
    }
  })

  watch(option, (value) => {
    if (chart.value && value) chart.value.setOption(value, { notMerge: true })
  })

  onBeforeUnmount(() => {
    observer?.disconnect()
    chart.value?.dispose()
    chart.value = null
  })

  return { chart }
}
