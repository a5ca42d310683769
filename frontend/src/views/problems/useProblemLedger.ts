import { reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { problemsListProblems, problemsProblemSummary, reportError } from '@/api'
import type { ProblemRead, ProblemSummary } from '@/api'
import {
  emptyFilters,
  ledgerQuery,
  stateFromQuery,
  stateToQuery,
  type LedgerFilters,
} from './problemMeta'

/**
 * The 整改台账: filters, sort and page mirrored in the URL; the summary strip (销号率, 超期, 本月未更新)
 * follows the org filter (or the org the user works for).
 */
export function useProblemLedger(defaultRoot: () => number | null) {
  const route = useRoute()
  const router = useRouter()

  const initial = stateFromQuery(route.query)
  const filters = reactive<LedgerFilters>(initial.filters)
  const page = ref(initial.page)
  const sort = ref(initial.sort)
  const pageSize = ref(20)
  const rows = ref<ProblemRead[]>([])
  const total = ref(0)
  const loading = ref(false)
  const summary = ref<ProblemSummary | null>(null)
  const summaryRoot = ref<number | null>(null)
  let seq = 0
  let summarySeq = 0

  function state() {
    return { filters, page: page.value, sort: sort.value }
  }

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const { data } = await problemsListProblems({ query: ledgerQuery(state(), pageSize.value) })
      if (mine !== seq) return
      rows.value = data.items
      total.value = data.total
    } catch (e) {
      if (mine === seq) reportError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  async function loadSummary(): Promise<void> {
    const mine = ++summarySeq
    const root = filters.root_id ?? defaultRoot()
    try {
      const { data } = await problemsProblemSummary({ query: root ? { root_id: root } : {} })
      if (mine !== summarySeq) return
      summary.value = data
      summaryRoot.value = root
    } catch (e) {
      if (mine === summarySeq) reportError(e)
    }
  }

  function syncUrl(): void {
    void router.replace({ query: stateToQuery(state()) })
  }

  // Several filters may change in one tick (reset, summary chips): one request for all of them.
  let scheduled = false
  function search(): void {
    if (scheduled) return
    scheduled = true
    queueMicrotask(() => {
      scheduled = false
      page.value = 1
      syncUrl()
      void load()
    })
  }

  /** The pager moved. */
  function goto(p: number): void {
    page.value = p
    syncUrl()
    void load()
  }

  function reset(): void {
    Object.assign(filters, emptyFilters())
    search()
  }

  /** Apply a set of filters at once (summary chips): the others are cleared. */
  function only(patch: Partial<LedgerFilters>): void {
    Object.assign(filters, emptyFilters(), { root_id: filters.root_id }, patch)
    search()
  }

  function setSort(value: string): void {
    if (value === sort.value) return
    sort.value = value
    search()
  }

  watch(
    () => [
      filters.root_id,
      filters.status,
      filters.overdue,
      filters.open,
      filters.category,
      filters.severity,
      filters.source,
    ],
    search,
  )
  watch(() => filters.root_id, loadSummary)

  function refresh(): void {
    void load()
    void loadSummary()
  }

  return {
    filters,
    page,
    pageSize,
    sort,
    rows,
    total,
    loading,
    summary,
    summaryRoot,
    load,
    loadSummary,
    refresh,
    search,
    goto,
    reset,
    only,
    setSort,
  }
}
