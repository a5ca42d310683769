import type { RouteRecordRaw } from 'vue-router'
import { Trophy } from '@element-plus/icons-vue'

/** 书记项目: the ledger (menu entry), its statistics and reminder list, campaigns and their catalogs. */
export const projectRoutes: RouteRecordRaw[] = [
  {
    path: 'projects',
    name: 'projects',
    component: () => import('@/views/projects/index.vue'),
    meta: { title: 'project.menu', permission: 'project_read', menu: { icon: Trophy, order: 40 } },
  },
  {
    path: 'projects/stats',
    name: 'project-stats',
    component: () => import('@/views/projects/ProjectStats.vue'),
    meta: { section: 'projects', title: 'project.stats.title', permission: 'project_read' },
  },
  {
    path: 'projects/reminders',
    name: 'project-reminders',
    component: () => import('@/views/projects/ProjectReminders.vue'),
    meta: { section: 'projects', title: 'project.remindersTitle', permission: 'project_read' },
  },
  {
    path: 'projects/:id(\\d+)',
    name: 'project',
    component: () => import('@/views/projects/ProjectDetail.vue'),
    meta: { section: 'projects', title: 'project.detailTitle', permission: 'project_read' },
  },
  {
    path: 'projects/:id(\\d+)/plan',
    name: 'project-plan',
    component: () => import('@/views/projects/ProjectPlan.vue'),
    meta: { section: 'projects', title: 'project.plan.editTitle', permission: 'project_claim' },
  },
  {
    path: 'project-campaigns',
    name: 'project-campaigns',
    component: () => import('@/views/projects/campaigns/index.vue'),
    meta: { section: 'projects', title: 'project.campaigns.title', permission: 'project_read' },
  },
  {
    path: 'project-campaigns/:id(\\d+)',
    name: 'project-campaign',
    component: () => import('@/views/projects/campaigns/CampaignDetail.vue'),
    meta: {
      section: 'projects',
      title: 'project.campaigns.detailTitle',
      permission: 'project_read',
    },
  },
]
