import { reactive, ref, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { reportError, usersListUsers } from '@/api'
import type { UserRead } from '@/api'

export interface UserFilters {
  root_id: number | null
  is_active: boolean | null
  q: string
}

function fromQuery(q: LocationQuery): UserFilters & { page: number } {
  const active = q.is_active
  return {
    root_id: Number(q.root_id) || null,
    is_active: active === 'true' ? true : active === 'false' ? false : null,
    q: typeof q.q === 'string' ? q.q : '',
    page: Number(q.page) || 1,
  }
}

/** The users list: filters mirrored in the URL (so a link from an org opens its users), paging. */
export function useUserTable() {
  const route = useRoute()
  const router = useRouter()

  const initial = fromQuery(route.query)
  const filters = reactive<UserFilters>({
    root_id: initial.root_id,
    is_active: initial.is_active,
    q: initial.q,
  })
  const page = ref(initial.page)
  const pageSize = ref(20)
  const rows = ref<UserRead[]>([])
  const total = ref(0)
  const loading = ref(false)
  let seq = 0

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const { data } = await usersListUsers({
        query: {
          page: page.value,
          page_size: pageSize.value,
          sort: 'username',
          ...(filters.root_id ? { root_id: filters.root_id } : {}),
          ...(filters.is_active !== null ? { is_active: filters.is_active } : {}),
          ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
        },
      })
      if (mine !== seq) return
      rows.value = data.items
      total.value = data.total
    } catch (e) {
      if (mine === seq) reportError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function syncUrl(): void {
    const query: Record<string, string> = {}
    if (filters.root_id) query.root_id = String(filters.root_id)
    if (filters.is_active !== null) query.is_active = String(filters.is_active)
    if (filters.q.trim()) query.q = filters.q.trim()
    if (page.value > 1) query.page = String(page.value)
    void router.replace({ query })
  }

  function search(): void {
    page.value = 1
    syncUrl()
    void load()
  }

  function reset(): void {
    filters.root_id = null
    filters.is_active = null
    filters.q = ''
    search()
  }

  watch(page, () => {
    syncUrl()
    void load()
  })
  watch(() => [filters.root_id, filters.is_active], search)

  /** Put an updated row in place (after edit, deactivate, activate). */
  function replaceRow(user: UserRead): void {
    const i = rows.value.findIndex((u) => u.id === user.id)
    if (i >= 0) rows.value[i] = user
  }

  return { filters, page, pageSize, rows, total, loading, load, search, reset, replaceRow }
}
