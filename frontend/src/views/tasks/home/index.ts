import { defineAsyncComponent } from 'vue'
import type { MeAssignment, Permission } from '@/api'
import type { HomeWidget } from '@/views/home/widgets'

const has = (a: MeAssignment | null, p: Permission) => !!a && a.permissions.includes(p)

export const taskHomeWidgets: HomeWidget[] = [
  {
    key: 'tasks-due',
    order: 12,
    // whoever carries tasks out (书记, 党务工作者, 委员): the own org's open tasks, nearest deadline first
    visible: (a) => has(a, 'task_report'),
    component: defineAsyncComponent(() => import('./TasksDueCard.vue')),
  },
  {
    key: 'tasks-rate',
    order: 22,
    // issuers and leadership: how the subtree is doing
    visible: (a) =>
      has(a, 'task_issue') ||
      has(a, 'task_verify') ||
      (has(a, 'task_read') && !has(a, 'task_report')),
    component: defineAsyncComponent(() => import('./TasksRateCard.vue')),
  },
]
