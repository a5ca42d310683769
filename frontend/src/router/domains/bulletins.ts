import type { RouteRecordRaw } from 'vue-router'
import { Notebook } from '@element-plus/icons-vue'

/** 问题通报: numbered per year, drafted, published, printed. */
export const bulletinRoutes: RouteRecordRaw[] = [
  {
    path: 'bulletins',
    name: 'bulletins',
    component: () => import('@/views/bulletins/index.vue'),
    meta: {
      title: 'bulletin.menu',
      permission: 'bulletin_read',
      menu: { icon: Notebook, order: 37 },
    },
  },
  {
    path: 'bulletins/new',
    name: 'bulletin-new',
    component: () => import('@/views/bulletins/BulletinForm.vue'),
    meta: { section: 'bulletins', title: 'bulletin.createTitle', permission: 'bulletin_write' },
  },
  {
    path: 'bulletins/:id(\\d+)',
    name: 'bulletin',
    component: () => import('@/views/bulletins/BulletinDetail.vue'),
    meta: { section: 'bulletins', title: 'bulletin.detailTitle', permission: 'bulletin_read' },
  },
  {
    path: 'bulletins/:id(\\d+)/edit',
    name: 'bulletin-edit',
    component: () => import('@/views/bulletins/BulletinForm.vue'),
    meta: { section: 'bulletins', title: 'bulletin.editTitle', permission: 'bulletin_write' },
  },
  {
    path: 'bulletins/:id(\\d+)/print',
    name: 'bulletin-print',
    component: () => import('@/views/bulletins/BulletinPrint.vue'),
    meta: { section: 'bulletins', title: 'bulletin.printTitle', permission: 'bulletin_read' },
  },
]
