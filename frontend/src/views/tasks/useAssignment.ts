import { computed, type Ref } from 'vue'
import { taskAssignmentsAssignmentTimeline, taskAssignmentsGetAssignment } from '@/api'
import type { AssignmentRead } from '@/api'
import { actsForOwnOrg, useTrackedItem } from '@/composables/useTrackedItem'

export type { LoadState } from '@/composables/useTrackedItem'

/** One assignment and its timeline (see useTrackedItem). */
export function useAssignment(id: Ref<number | null>) {
  const { item: assignment, ...rest } = useTrackedItem<AssignmentRead>(
    id,
    async (assignment_id) => (await taskAssignmentsGetAssignment({ path: { assignment_id } })).data,
    async (assignment_id) =>
      (await taskAssignmentsAssignmentTimeline({ path: { assignment_id } })).data,
  )

  /** May the caller report progress on an open assignment? Only decides whether the button shows. */
  const canReport = computed(() => {
    const a = assignment.value
    return !!a && a.status !== 'accepted' && actsForOwnOrg(a, a.responsible_user_id, 'task_report')
  })

  return { assignment, ...rest, canReport }
}
