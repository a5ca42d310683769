import { computed, ref, watch, type Ref } from 'vue'
import {
  ApiError,
  reportError,
  taskAssignmentsAssignmentTimeline,
  taskAssignmentsGetAssignment,
} from '@/api'
import type { AssignmentRead, TimelineEntry } from '@/api'
import { useAuthStore } from '@/stores/auth'

export type LoadState = 'idle' | 'loading' | 'ready' | 'not-found' | 'error'

/**
 * One assignment and its timeline. Outside the caller's scope the server answers 404 exactly like a
 * missing id: `state` is then 'not-found' and the page shows the not-found screen.
 */
export function useAssignment(id: Ref<number | null>) {
  const auth = useAuthStore()
  const assignment = ref<AssignmentRead | null>(null)
  const timeline = ref<TimelineEntry[]>([])
  const state = ref<LoadState>('idle')
  const timelineLoading = ref(false)
  let seq = 0

  async function loadTimeline(): Promise<void> {
    const current = id.value
    if (!current) return
    timelineLoading.value = true
    try {
      const { data } = await taskAssignmentsAssignmentTimeline({ path: { assignment_id: current } })
      if (id.value === current) timeline.value = data
    } catch (e) {
      if (id.value === current) reportError(e)
    } finally {
      timelineLoading.value = false
    }
  }

  async function load(): Promise<void> {
    const current = id.value
    const mine = ++seq
    if (!current) {
      assignment.value = null
      state.value = 'idle'
      return
    }
    if (assignment.value?.id !== current) {
      state.value = 'loading'
      timeline.value = []
    }
    try {
      const { data } = await taskAssignmentsGetAssignment({ path: { assignment_id: current } })
      if (mine !== seq) return
      assignment.value = data
      state.value = 'ready'
      void loadTimeline()
    } catch (e) {
      if (mine !== seq) return
      assignment.value = null
      if (e instanceof ApiError && e.isNotFound) state.value = 'not-found'
      else {
        state.value = 'error'
        reportError(e)
      }
    }
  }

  function apply(updated: AssignmentRead): void {
    if (updated.id !== id.value) return
    assignment.value = updated
    void loadTimeline()
  }

  watch(id, () => void load(), { immediate: true })

  /**
   * May the caller report progress? Mirrors the server's rule (the assignment's own org with task_report,
   * or its responsible person) for open assignments; only decides whether the button shows.
   */
  const canReport = computed(() => {
    const a = assignment.value
    if (!a || a.status === 'accepted') return false
    const own = auth.assignments.some(
      (x) => x.org_id === a.org_id && x.permissions.includes('task_report'),
    )
    const responsible = !!auth.user && a.responsible_user_id === auth.user.id
    return own || (responsible && auth.can('task_report'))
  })

  return { assignment, timeline, state, timelineLoading, load, apply, canReport }
}
