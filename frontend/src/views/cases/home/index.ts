import { defineAsyncComponent } from 'vue'
import type { HomeWidget } from '@/views/home/widgets'

export const caseHomeWidgets: HomeWidget[] = [
  {
    key: 'judge-queue',
    order: 5,
    // judges: what is left to score comes first on their home page (admins hold every permission, so
    // "score but not manage" singles out the panel members)
    visible: (a) =>
      !!a && a.permissions.includes('score_submit') && !a.permissions.includes('scoring_manage'),
    component: defineAsyncComponent(() => import('./JudgeQueueCard.vue')),
  },
]
