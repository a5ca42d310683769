import type { RouteRecordRaw } from 'vue-router'
import { DataAnalysis, List, Tickets } from '@element-plus/icons-vue'

/** 任务单: lists (draft → issued), their assignments, completion rates; and the notification inbox. */
export const taskRoutes: RouteRecordRaw[] = [
  {
    path: 'task-assignments',
    name: 'task-assignments',
    component: () => import('@/views/tasks/index.vue'),
    meta: { title: 'assignment.menu', permission: 'task_read', menu: { icon: Tickets, order: 25 } },
  },
  {
    path: 'task-assignments/:id(\\d+)',
    name: 'task-assignment',
    component: () => import('@/views/tasks/AssignmentDetail.vue'),
    meta: { section: 'task-assignments', title: 'assignment.detailTitle', permission: 'task_read' },
  },
  {
    path: 'task-lists',
    name: 'task-lists',
    component: () => import('@/views/tasks/TaskLists.vue'),
    meta: { title: 'task.menu', permission: 'task_read', menu: { icon: List, order: 26 } },
  },
  {
    path: 'task-lists/:id(\\d+)',
    name: 'task-list',
    component: () => import('@/views/tasks/TaskListDetail.vue'),
    meta: { section: 'task-lists', title: 'task.listDetailTitle', permission: 'task_read' },
  },
  {
    path: 'task-stats',
    name: 'task-stats',
    component: () => import('@/views/tasks/TaskRollup.vue'),
    meta: {
      title: 'taskStats.menu',
      permission: 'task_read',
      menu: { icon: DataAnalysis, order: 27 },
    },
  },
  {
    path: 'notifications',
    name: 'notifications',
    component: () => import('@/views/notifications/index.vue'),
    meta: { title: 'notification.title' },
  },
]
