import { defineAsyncComponent } from 'vue'
import type { HomeWidget } from '@/views/home/widgets'

export const statsHomeWidgets: HomeWidget[] = [
  {
    key: 'subtree-stats',
    order: 5,
    wide: true,
    // organizers, secretaries and leadership: the subtree at a glance, drilling down to the villages
    visible: (a) => !!a && a.permissions.includes('stats_read'),
    component: defineAsyncComponent(() => import('./SubtreeStatsCard.vue')),
  },
]
