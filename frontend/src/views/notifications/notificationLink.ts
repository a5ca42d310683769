import type { RouteLocationNamedRaw, RouteLocationRaw, Router } from 'vue-router'
import type { NotificationRead } from '@/api'

type Target = (id: number) => RouteLocationNamedRaw & { name: string }
const detail =
  (name: string): Target =>
  (id) => ({ name, params: { id } })

/**
 * object_type → the screen that shows it. The values are the tracked kinds (problem, task_assignment, project,
 * responsibility_item, case), the audited models the event feed names, and the reminder rules' own types
 * (`org` for term endings, `contact_point` for visit shortfalls).
 */
const TARGETS: Record<string, Target> = {
  problem: detail('problem'),
  inspection: detail('inspection'),
  task_assignment: detail('task-assignment'),
  task_list: detail('task-list'),
  project: detail('project'),
  project_campaign: detail('project-campaign'),
  responsibility_item: detail('responsibility-item'),
  responsibility_letter: detail('responsibility-letter'),
  bulletin: detail('bulletin'),
  case: detail('case'),
  case_round: detail('case-round'),
  scoring_session: detail('scoring-session'),
  org: detail('orgs'),
  // The contacts page has no per-point screen; a shortfall is best read on its own tab.
  contact_point: () => ({ name: 'contacts', query: { tab: 'shortfalls' } }),
}

/** Where a notification leads, or null when it names no object (or no screen shows that object). */
export function notificationTarget(
  n: Pick<NotificationRead, 'object_type' | 'object_id'>,
  router: Pick<Router, 'hasRoute'>,
): RouteLocationRaw | null {
  if (!n.object_type || !n.object_id) return null
  const target = TARGETS[n.object_type]?.(n.object_id)
  if (!target || !router.hasRoute(target.name)) return null
  return target
}
