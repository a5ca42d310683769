import type { RouteLocationRaw, Router } from 'vue-router'
import type { NotificationRead } from '@/api'

/** object_type (the event feed's singular resource names) → the detail route and its id parameter. */
const DETAIL_ROUTES: Record<string, string> = {
  problem: 'problem',
  task_assignment: 'task-assignment',
  task_list: 'task-list',
  inspection: 'inspection',
  org: 'orgs',
  // screens of other domains: linked as soon as their route exists
  project: 'project',
  responsibility_letter: 'responsibility-letter',
  case: 'case',
  scoring_session: 'scoring-session',
}

/** Where a notification leads, or null when it names no object (or no screen shows that object yet). */
export function notificationTarget(
  n: Pick<NotificationRead, 'object_type' | 'object_id'>,
  router: Pick<Router, 'hasRoute'>,
): RouteLocationRaw | null {
  if (!n.object_type || !n.object_id) return null
  const name = DETAIL_ROUTES[n.object_type]
  if (!name || !router.hasRoute(name)) return null
  return { name, params: { id: n.object_id } }
}
