import { defineAsyncComponent } from 'vue'
import type { MeAssignment, Permission } from '@/api'
import type { HomeWidget } from '@/views/home/widgets'

const has = (a: MeAssignment | null, p: Permission) => !!a && a.permissions.includes(p)

/** 责任单 completion and 书记联系点 reminders on the home page. */
export const listHomeWidgets: HomeWidget[] = [
  {
    key: 'responsibility-completion',
    order: 30,
    // organizers and secretaries: how far the letters they issued (and their own) have got
    visible: (a) => has(a, 'responsibility_read') && has(a, 'responsibility_issue'),
    component: defineAsyncComponent(() => import('./RespCompletionCard.vue')),
  },
  {
    key: 'contact-shortfalls',
    order: 15,
    // secretaries: their own contact points still short of visits this quarter
    visible: (a) => has(a, 'visit_record'),
    component: defineAsyncComponent(() => import('./ContactShortfallCard.vue')),
  },
]
