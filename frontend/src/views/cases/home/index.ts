import { defineAsyncComponent } from 'vue'
import type { HomeWidget } from '@/views/home/widgets'

export const caseHomeWidgets: HomeWidget[] = [
  {
    key: 'judge-queue',
    order: 5,
    // judges: what is left to score comes first on their home page
    visible: (a) => !!a && a.permissions.includes('score_submit'),
    component: defineAsyncComponent(() => import('./JudgeQueueCard.vue')),
  },
]
