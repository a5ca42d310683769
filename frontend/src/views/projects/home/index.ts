import { defineAsyncComponent } from 'vue'
import type { MeAssignment, Permission } from '@/api'
import type { HomeWidget } from '@/views/home/widgets'

const has = (a: MeAssignment | null, p: Permission) => !!a && a.permissions.includes(p)

export const projectHomeWidgets: HomeWidget[] = [
  {
    key: 'projects-status',
    order: 30,
    // organizers (review), secretaries (claim) and leadership (read only): the subtree's projects by status
    visible: (a) =>
      has(a, 'project_read') &&
      (has(a, 'project_review') || has(a, 'project_claim') || !has(a, 'project_report')),
    component: defineAsyncComponent(() => import('./ProjectsStatusCard.vue')),
  },
  {
    key: 'projects-reminders',
    order: 15,
    // whoever reports monthly (一月一调度): the own org's projects missing a report or behind a milestone
    visible: (a) => has(a, 'project_report'),
    component: defineAsyncComponent(() => import('./ProjectRemindersCard.vue')),
  },
]
