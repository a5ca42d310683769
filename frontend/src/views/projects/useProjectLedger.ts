import { reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { projectsListProjects, projectsSummary, reportError } from '@/api'
import type { ProjectRead, ProjectSummary } from '@/api'
import {
  emptyFilters,
  filterQuery,
  ledgerQuery,
  stateFromQuery,
  stateToQuery,
  type LedgerFilters,
} from './projectMeta'

/**
 * 书记项目台账: filters, sort and page mirrored in the URL; the status summary follows the same filters
 * (scoped to the org filter, or the org the user works for).
 */
export function useProjectLedger(defaultRoot: () => number | null) {
  const route = useRoute()
  const router = useRouter()

  const initial = stateFromQuery(route.query)
  const filters = reactive<LedgerFilters>(initial.filters)
  const page = ref(initial.page)
  const sort = ref(initial.sort)
  const pageSize = ref(20)
  const rows = ref<ProjectRead[]>([])
  const total = ref(0)
  const loading = ref(false)
  const summary = ref<ProjectSummary | null>(null)
  let seq = 0
  let summarySeq = 0

  function state() {
    return { filters, page: page.value, sort: sort.value }
  }

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const { data } = await projectsListProjects({ query: ledgerQuery(state(), pageSize.value) })
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
    // the strip counts every status: the status filter itself is left out
    const query = { ...filterQuery({ ...filters, status: null }) }
    const root = filters.root_id ?? defaultRoot()
    if (root) query.root_id = root
    try {
      const { data } = await projectsSummary({ query })
      if (mine === summarySeq) summary.value = data
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
      void loadSummary()
    })
  }

  function goto(p: number): void {
    page.value = p
    syncUrl()
    void load()
  }

  function reset(): void {
    Object.assign(filters, emptyFilters())
    search()
  }

  /** Apply a set of filters at once (summary chips); the others except org and campaign are cleared. */
  function only(patch: Partial<LedgerFilters>): void {
    Object.assign(
      filters,
      emptyFilters(),
      { root_id: filters.root_id, campaign_id: filters.campaign_id },
      patch,
    )
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
      filters.campaign_id,
      filters.status,
      filters.category,
      filters.level,
      filters.domain,
      filters.mandatory,
      filters.overdue,
      filters.open,
    ],
    search,
  )

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
