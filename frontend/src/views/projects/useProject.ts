import { computed, ref, watch, type Ref } from 'vue'
import { ApiError, projectsGetProject, projectsProjectTimeline, reportError } from '@/api'
import type { Permission, ProjectDetail, TimelineEntry } from '@/api'
import { useAuthStore } from '@/stores/auth'
import { PLAN_EDITABLE, isRunning } from './projectMeta'

export type LoadState = 'idle' | 'loading' | 'ready' | 'not-found' | 'error'

/**
 * One project and its timeline. A project outside the caller's scope answers 404 like a missing one:
 * `state` is then 'not-found' and the page shows the not-found screen.
 */
export function useProject(id: Ref<number | null>) {
  const auth = useAuthStore()
  const project = ref<ProjectDetail | null>(null)
  const timeline = ref<TimelineEntry[]>([])
  const state = ref<LoadState>('idle')
  const timelineLoading = ref(false)
  let seq = 0

  async function loadTimeline(): Promise<void> {
    const current = id.value
    if (!current) return
    timelineLoading.value = true
    try {
      const { data } = await projectsProjectTimeline({ path: { project_id: current } })
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
      project.value = null
      state.value = 'idle'
      return
    }
    if (project.value?.id !== current) {
      state.value = 'loading'
      timeline.value = []
    }
    try {
      const { data } = await projectsGetProject({ path: { project_id: current } })
      if (mine !== seq) return
      project.value = data
      state.value = 'ready'
      if (withTimeline) void loadTimeline()
    } catch (e) {
      if (mine !== seq) return
      project.value = null
      if (e instanceof ApiError && e.isNotFound) state.value = 'not-found'
      else {
        state.value = 'error'
        reportError(e)
      }
    }
  }

  /** After an action: the server's answer is the new state; the timeline may have a new entry. */
  function apply(updated: ProjectDetail): void {
    if (updated.id !== id.value) return
    project.value = updated
    void loadTimeline()
  }

  watch(id, () => void load(), { immediate: true })

  /**
   * Mirrors the server's OWN_ORG rule (an assignment at the project's own org holding the permission, or
   * being its owner with it in scope). Only decides what shows; the server decides what is allowed.
   */
  function ownOrg(permission: Permission): boolean {
    const p = project.value
    if (!p) return false
    const own = auth.assignments.some(
      (a) => a.org_id === p.org_id && a.permissions.includes(permission),
    )
    return own || (!!auth.user && p.owner_id === auth.user.id && auth.can(permission))
  }

  /** 一月一调度 and milestone completion: while the project runs, by its own org. */
  const canReport = computed(
    () => !!project.value && isRunning(project.value) && ownOrg('project_report'),
  )
  /** 编写方案: before 申报 or after 退回, by its own org. */
  const canEditPlan = computed(
    () =>
      !!project.value && PLAN_EDITABLE.includes(project.value.status) && ownOrg('project_claim'),
  )

  return {
    project,
    timeline,
    state,
    timelineLoading,
    load,
    loadTimeline,
    apply,
    canReport,
    canEditPlan,
  }
}
