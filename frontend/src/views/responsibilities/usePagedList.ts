import { reactive, ref, watch, type UnwrapRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { reportError } from '@/api'
import {
  apiQuery,
  stateFromQuery,
  stateToQuery,
  type FilterSchema,
  type FilterValue,
  type LedgerState,
} from './listMeta'

export interface PagedListOptions<F extends Record<string, FilterValue>, T> {
  schema: FilterSchema<F>
  defaults: () => F
  defaultSort: string
  pageSize?: number
  /** Mirror filters, page and sort in the URL (ledgers); off for lists inside tabs or dialogs. */
  syncUrl?: boolean
  /** Filters typed into a box: searched on submit, not on every keystroke. */
  manual?: (keyof F)[]
  fetch: (
    query: Record<string, string | number | boolean>,
  ) => Promise<{ items: T[]; total: number }>
}

/**
 * A server-paged list: filters, sort and page (optionally in the URL), the latest answer wins when requests
 * overlap, several filter changes in one tick make one request.
 */
export function usePagedList<F extends Record<string, FilterValue>, T>(
  options: PagedListOptions<F, T>,
) {
  const route = useRoute()
  const router = useRouter()
  const sync = options.syncUrl ?? true
  const initial: LedgerState<F> = sync
    ? stateFromQuery(route.query, options.schema, options.defaults(), options.defaultSort)
    : { filters: options.defaults(), page: 1, sort: options.defaultSort }

  const filters = reactive({ ...initial.filters }) as F
  const page = ref(initial.page)
  const sort = ref(initial.sort)
  const pageSize = ref(options.pageSize ?? 20)
  const rows = ref<T[]>([])
  const total = ref(0)
  const loading = ref(false)
  let seq = 0

  function state(): LedgerState<F> {
    return { filters: { ...filters }, page: page.value, sort: sort.value }
  }

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const data = await options.fetch(apiQuery(state(), pageSize.value))
      if (mine !== seq) return
      rows.value = data.items as UnwrapRef<T[]>
      total.value = data.total
    } catch (e) {
      if (mine === seq) reportError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function syncUrl(): void {
    if (!sync) return
    void router.replace({
      query: stateToQuery(state(), options.defaults(), options.defaultSort),
    })
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
    Object.assign(filters, options.defaults())
    search()
  }

  function setSort(value: string): void {
    if (value === sort.value) return
    sort.value = value
    search()
  }

  const manual = new Set<string>((options.manual ?? []) as string[])
  // Read only the watched keys: reading a typed-in filter here would search on every keystroke.
  const watched = (Object.keys(options.schema) as (keyof F & string)[]).filter(
    (k) => !manual.has(k),
  )
  watch(() => watched.map((k) => filters[k]), search)

  return { filters, page, pageSize, sort, rows, total, loading, load, search, goto, reset, setSort }
}
