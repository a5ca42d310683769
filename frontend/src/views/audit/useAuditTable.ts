import { reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { auditEventsListAuditEvents, reportError } from '@/api'
import type { AuditEventRead } from '@/api'
import { useOrgsStore } from '@/stores/orgs'

export interface AuditFilters {
  object_type: string
  object_id: string
  actor_id: number | null
  action: string
  /** [since, until) as ISO strings */
  range: [string, string] | null
}

/** The audit list (newest first): filters mirrored in the URL, paging, actor and org names. */
export function useAuditTable() {
  const route = useRoute()
  const router = useRouter()
  const orgs = useOrgsStore()

  const q = route.query
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  const filters = reactive<AuditFilters>({
    object_type: str(q.object_type),
    object_id: str(q.object_id),
    actor_id: Number(q.actor_id) || null,
    action: str(q.action),
    range: str(q.since) && str(q.until) ? [str(q.since), str(q.until)] : null,
  })
  const page = ref(Number(q.page) || 1)
  const pageSize = ref(20)
  const rows = ref<AuditEventRead[]>([])
  const total = ref(0)
  const loading = ref(false)
  let seq = 0

  function query() {
    return {
      page: page.value,
      page_size: pageSize.value,
      ...(filters.object_type ? { object_type: filters.object_type } : {}),
      ...(filters.object_id.trim() ? { object_id: filters.object_id.trim() } : {}),
      ...(filters.actor_id ? { actor_id: filters.actor_id } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.range ? { since: filters.range[0], until: filters.range[1] } : {}),
    }
  }

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const { data } = await auditEventsListAuditEvents({ query: query() })
      if (mine !== seq) return
      rows.value = data.items
      total.value = data.total
      void orgs.names.ensure(data.items.map((e) => e.org_id))
    } catch (e) {
      if (mine === seq) reportError(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function syncUrl(): void {
    const params: Record<string, string> = {}
    for (const [k, v] of Object.entries(query())) {
      if (k !== 'page_size' && !(k === 'page' && v === 1)) params[k] = String(v)
    }
    void router.replace({ query: params })
  }

  function search(): void {
    page.value = 1
    syncUrl()
    void load()
  }

  function reset(): void {
    Object.assign(filters, {
      object_type: '',
      object_id: '',
      actor_id: null,
      action: '',
      range: null,
    })
    search()
  }

  watch(page, () => {
    syncUrl()
    void load()
  })

  return { filters, page, pageSize, rows, total, loading, load, search, reset }
}
