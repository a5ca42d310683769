import { ref, watch, type Ref } from 'vue'
import { ApiError, reportError } from '@/api'
import type { Permission, TimelineEntry } from '@/api'
import { useAuthStore } from '@/stores/auth'

export type LoadState = 'idle' | 'loading' | 'ready' | 'not-found' | 'error'

/**
 * One tracked item (problem, assignment, project …) and its timeline. An item outside the caller's scope
 * answers 404 like a missing one: `state` is then 'not-found' and the page shows the not-found screen.
 */
export function useTrackedItem<T extends { id: number }>(
  id: Ref<number | null>,
  fetchItem: (id: number) => Promise<T>,
  fetchTimeline: (id: number) => Promise<TimelineEntry[]>,
) {
  const item = ref<T | null>(null) as Ref<T | null>
  const timeline = ref<TimelineEntry[]>([])
  const state = ref<LoadState>('idle')
  const timelineLoading = ref(false)
  let seq = 0

  async function loadTimeline(): Promise<void> {
    const current = id.value
    if (!current) return
    timelineLoading.value = true
    try {
      const data = await fetchTimeline(current)
      if (id.value === current) timeline.value = data
    } catch (e) {
      if (id.value === current) reportError(e)
    } finally {
      timelineLoading.value = false
    }
  }

  async function load(withTimeline = true): Promise<void> {
    const current = id.value
    const mine = ++seq
    if (!current) {
      item.value = null
      state.value = 'idle'
      return
    }
    if (item.value?.id !== current) {
      state.value = 'loading'
      timeline.value = []
    }
    try {
      const data = await fetchItem(current)
      if (mine !== seq) return
      item.value = data
      state.value = 'ready'
      if (withTimeline) void loadTimeline()
    } catch (e) {
      if (mine !== seq) return
      item.value = null
      if (e instanceof ApiError && e.isNotFound) state.value = 'not-found'
      else {
        state.value = 'error'
        reportError(e)
      }
    }
  }

  /** After an action: the server's answer is the new state; the timeline has a new entry. */
  function apply(updated: T): void {
    if (updated.id !== id.value) return
    item.value = updated
    void loadTimeline()
  }

  watch(id, () => void load(), { immediate: true })

  return { item, timeline, state, timelineLoading, load, loadTimeline, apply }
}

/**
 * Mirrors the server's OWN_ORG rule: an assignment at the item's own org holding the permission, or being
 * its responsible person (owner) with the permission somewhere. Only decides what shows; the server decides.
 */
export function actsForOwnOrg(
  item: { org_id: number } | null,
  personId: number | null | undefined,
  permission: Permission,
): boolean {
  if (!item) return false
  const auth = useAuthStore()
  const own = auth.assignments.some(
    (a) => a.org_id === item.org_id && a.permissions.includes(permission),
  )
  return own || (!!auth.user && personId === auth.user.id && auth.can(permission))
}
