import { computed, ref, watch, type Ref } from 'vue'
import { ApiError, problemsGetProblem, problemsProblemTimeline, reportError } from '@/api'
import type { ProblemDetail, TimelineEntry } from '@/api'
import { useAuthStore } from '@/stores/auth'

export type LoadState = 'idle' | 'loading' | 'ready' | 'not-found' | 'error'

/**
 * One problem and its timeline. A problem outside the caller's scope answers 404 like a missing one:
 * `state` is then 'not-found' and the page shows the not-found screen.
 */
export function useProblem(id: Ref<number | null>) {
  const auth = useAuthStore()
  const problem = ref<ProblemDetail | null>(null)
  const timeline = ref<TimelineEntry[]>([])
  const state = ref<LoadState>('idle')
  const timelineLoading = ref(false)
  let seq = 0

  async function loadTimeline(): Promise<void> {
    const current = id.value
    if (!current) return
    timelineLoading.value = true
    try {
      const { data } = await problemsProblemTimeline({ path: { problem_id: current } })
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
      problem.value = null
      state.value = 'idle'
      return
    }
    if (problem.value?.id !== current) {
      state.value = 'loading'
      timeline.value = []
    }
    try {
      const { data } = await problemsGetProblem({ path: { problem_id: current } })
      if (mine !== seq) return
      problem.value = data
      state.value = 'ready'
      void loadTimeline()
    } catch (e) {
      if (mine !== seq) return
      problem.value = null
      if (e instanceof ApiError && e.isNotFound) state.value = 'not-found'
      else {
        state.value = 'error'
        reportError(e)
      }
    }
  }

  /** After an action: the server's answer is the new state; the timeline has a new entry. */
  function apply(updated: ProblemDetail): void {
    if (updated.id !== id.value) return
    problem.value = updated
    void loadTimeline()
  }

  watch(id, () => void load(), { immediate: true })

  /**
   * May the caller report on this problem (进展, 月报, milestones)? Mirrors the server's rule: an assignment at
   * the problem's own org with problem_report, or being its responsible person. Only decides what shows.
   */
  const canReport = computed(() => {
    const p = problem.value
    if (!p || p.status === 'closed') return false
    const own = auth.assignments.some(
      (a) => a.org_id === p.org_id && a.permissions.includes('problem_report'),
    )
    const responsible = !!auth.user && p.responsible_user_id === auth.user.id
    return own || (responsible && auth.can('problem_report'))
  })

  return { problem, timeline, state, timelineLoading, load, loadTimeline, apply, canReport }
}
