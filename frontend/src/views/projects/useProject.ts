import { computed, type Ref } from 'vue'
import { projectsGetProject, projectsProjectTimeline } from '@/api'
import type { Permission, ProjectDetail } from '@/api'
import { actsForOwnOrg, useTrackedItem } from '@/composables/useTrackedItem'
import { PLAN_EDITABLE, isRunning } from './projectMeta'

export type { LoadState } from '@/composables/useTrackedItem'

/** One project and its timeline (see useTrackedItem). */
export function useProject(id: Ref<number | null>) {
  const { item: project, ...rest } = useTrackedItem<ProjectDetail>(
    id,
    async (project_id) => (await projectsGetProject({ path: { project_id } })).data,
    async (project_id) => (await projectsProjectTimeline({ path: { project_id } })).data,
  )

  const ownOrg = (permission: Permission) =>
    actsForOwnOrg(project.value, project.value?.owner_id, permission)

  /** 一月一调度 and milestone completion: while the project runs, by its own org. */
  const canReport = computed(
    () => !!project.value && isRunning(project.value) && ownOrg('project_report'),
  )
  /** 编写方案: before 申报 or after 退回, by its own org. */
  const canEditPlan = computed(
    () =>
      !!project.value && PLAN_EDITABLE.includes(project.value.status) && ownOrg('project_claim'),
  )

  return { project, ...rest, canReport, canEditPlan }
}
