import type { RouteRecordRaw } from 'vue-router'
import { Flag, Warning } from '@element-plus/icons-vue'

/** 问题单 and 督查/调研/观摩. */
export const problemRoutes: RouteRecordRaw[] = [
  {
    path: 'problems',
    name: 'problems',
    component: () => import('@/views/problems/index.vue'),
    meta: { title: 'problem.menu', permission: 'problem_read', menu: { icon: Warning, order: 30 } },
  },
  {
    path: 'problems/new',
    name: 'problem-new',
    component: () => import('@/views/problems/ProblemCreate.vue'),
    meta: { section: 'problems', title: 'problem.createTitle', permission: 'problem_issue' },
  },
  {
    path: 'problems/:id(\\d+)',
    name: 'problem',
    component: () => import('@/views/problems/ProblemDetail.vue'),
    meta: { section: 'problems', title: 'problem.detailTitle', permission: 'problem_read' },
  },
  {
    path: 'inspections',
    name: 'inspections',
    component: () => import('@/views/inspections/index.vue'),
    meta: { title: 'inspection.menu', permission: 'problem_read', menu: { icon: Flag, order: 35 } },
  },
  {
    path: 'inspections/:id(\\d+)',
    name: 'inspection',
    component: () => import('@/views/inspections/InspectionDetail.vue'),
    meta: { section: 'inspections', title: 'inspection.title', permission: 'problem_read' },
  },
]
