import { computed, type Ref } from 'vue'
import { problemsGetProblem, problemsProblemTimeline } from '@/api'
import type { ProblemDetail } from '@/api'
import { actsForOwnOrg, useTrackedItem } from '@/composables/useTrackedItem'

export type { LoadState } from '@/composables/useTrackedItem'

/** One problem and its timeline (see useTrackedItem). */
export function useProblem(id: Ref<number | null>) {
  const { item: problem, ...rest } = useTrackedItem<ProblemDetail>(
    id,
    async (problem_id) => (await problemsGetProblem({ path: { problem_id } })).data,
    async (problem_id) => (await problemsProblemTimeline({ path: { problem_id } })).data,
  )

  /** May the caller report on this problem (进展, 月报, milestones)? Only decides what shows. */
  const canReport = computed(() => {
    const p = problem.value
    return !!p && p.status !== 'closed' && actsForOwnOrg(p, p.responsible_user_id, 'problem_report')
  })

  return { problem, ...rest, canReport }
}
