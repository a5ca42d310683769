import { defineAsyncComponent } from 'vue'
import type { MeAssignment, Permission } from '@/api'
import type { HomeWidget } from '@/views/home/widgets'

const has = (a: MeAssignment | null, p: Permission) => !!a && a.permissions.includes(p)

/** Who reports on their own org's problems but verifies none below (党务工作者, 委员, 副书记). */
const reporterOnly = (a: MeAssignment | null) =>
  has(a, 'problem_report') && !has(a, 'problem_verify') && !has(a, 'problem_issue')

export const problemHomeWidgets: HomeWidget[] = [
  {
    key: 'problems-summary',
    order: 20,
    // organizers, secretaries, leadership: the subtree's rectification at a glance
    visible: (a) => has(a, 'problem_read') && !reporterOnly(a),
    component: defineAsyncComponent(() => import('./ProblemsSummaryCard.vue')),
  },
  {
    key: 'problems-due',
    order: 10,
    // whoever rectifies: the own org's open problems, nearest deadline first
    visible: (a) => has(a, 'problem_report'),
    component: defineAsyncComponent(() => import('./ProblemsDueCard.vue')),
  },
]
