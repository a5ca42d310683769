import type { RouteRecordRaw } from 'vue-router'
import { Connection } from '@element-plus/icons-vue'

/** 书记联系点: contact points, visits, quarterly compliance and shortfalls (tabs of one page). */
export const contactRoutes: RouteRecordRaw[] = [
  {
    path: 'contacts',
    name: 'contacts',
    component: () => import('@/views/contacts/index.vue'),
    meta: {
      title: 'contact.menu',
      permission: 'contact_point_read',
      menu: { icon: Connection, order: 38 },
    },
  },
]
