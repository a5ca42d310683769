import { computed, reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { orgsGetOrg, reportError, taskAssignmentsListAssignments } from '@/api'
import type { AssignmentRead } from '@/api'
import {
  assignmentFilterQuery,
  assignmentLedgerQuery,
  assignmentStateFromQuery,
  assignmentStateToQuery,
  emptyAssignmentFilters,
  type ActingOrg,
  type AssignmentFilters,
  type LedgerScope,
} from './taskMeta'

/**
 * The 任务落实台账: filters, sort and page mirrored in the URL. `mine` needs the acting org's level (the
 * API filters by subtree and level), so that org is loaded before the first request.
 */
export function useAssignmentLedger(actingOrgId: () => number | null, defaultScope: LedgerScope) {
  const route = useRoute()
  const router = useRouter()

  const initial = assignmentStateFromQuery(route.query, defaultScope)
  const filters = reactive<AssignmentFilters>(initial.filters)
  const page = ref(initial.page)
  const sort = ref(initial.sort)
  const pageSize = ref(20)
  const rows = ref<AssignmentRead[]>([])
  const total = ref(0)
  const loading = ref(false)
  const acting = ref<ActingOrg | null>(null)
  let seq = 0

  function state() {
    return { filters, page: page.value, sort: sort.value }
  }

  async function ensureActing(): Promise<void> {
    const id = actingOrgId()
    if (!id || acting.value?.id === id) return
    const { data } = await orgsGetOrg({ path: { org_id: id } })
    acting.value = { id: data.id, level: data.level }
  }

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      if (filters.scope === 'mine') await ensureActing()
      const query = assignmentLedgerQuery(state(), pageSize.value, acting.value)
      const { data } = await taskAssignmentsListAssignments({ query })
      if (mine !== seq) return
      rows.value = data.items
      total.value = data.total
    } catch (e) {
      if (mine === seq) reportError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  /** What the export sends: the same filters, no paging. */
  const exportParams = computed(() => ({
    ...assignmentFilterQuery(filters, acting.value),
    sort: sort.value,
  }))

  function syncUrl(): void {
    void router.replace({ query: assignmentStateToQuery(state()) })
  }

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

  function goto(p: number): void {
    page.value = p
    syncUrl()
    void load()
  }

  function reset(): void {
    Object.assign(filters, emptyAssignmentFilters(filters.scope))
    search()
  }

  function setSort(value: string): void {
    if (value === sort.value) return
    sort.value = value
    search()
  }

  watch(
    () => [
      filters.scope,
      filters.root_id,
      filters.status,
      filters.overdue,
      filters.open,
      filters.is_key,
      filters.task_list_id,
      filters.period,
      filters.level,
      filters.domain,
    ],
    search,
  )
  // The acting assignment changed: `mine` means another org now.
  watch(actingOrgId, () => {
    acting.value = null
    void load()
  })

  return {
    filters,
    page,
    pageSize,
    sort,
    rows,
    total,
    loading,
    exportParams,
    load,
    search,
    goto,
    reset,
    setSort,
  }
}
