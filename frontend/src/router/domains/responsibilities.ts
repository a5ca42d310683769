import type { RouteRecordRaw } from 'vue-router'
import { Tickets } from '@element-plus/icons-vue'

/** 责任单: letters (党建目标责任书), their items and the completion rollup. */
export const responsibilityRoutes: RouteRecordRaw[] = [
  {
    path: 'responsibilities',
    name: 'responsibilities',
    component: () => import('@/views/responsibilities/index.vue'),
    meta: {
      title: 'resp.menu',
      permission: 'responsibility_read',
      menu: { icon: Tickets, order: 25 },
    },
  },
  {
    path: 'responsibilities/letters/:id(\\d+)',
    name: 'responsibility-letter',
    component: () => import('@/views/responsibilities/LetterDetail.vue'),
    meta: {
      section: 'responsibilities',
      title: 'resp.letter.detailTitle',
      permission: 'responsibility_read',
    },
  },
  {
    path: 'responsibilities/items',
    name: 'responsibility-items',
    component: () => import('@/views/responsibilities/ItemLedger.vue'),
    meta: {
      section: 'responsibilities',
      title: 'resp.item.ledgerTitle',
      permission: 'responsibility_read',
    },
  },
  {
    path: 'responsibilities/items/:id(\\d+)',
    name: 'responsibility-item',
    component: () => import('@/views/responsibilities/ItemDetail.vue'),
    meta: {
      section: 'responsibilities',
      title: 'resp.item.detailTitle',
      permission: 'responsibility_read',
    },
  },
  {
    path: 'responsibilities/completion',
    name: 'responsibility-completion',
    component: () => import('@/views/responsibilities/Completion.vue'),
    meta: {
      section: 'responsibilities',
      title: 'resp.completion.title',
      permission: 'responsibility_read',
    },
  },
]
