import type { RouteRecordRaw } from 'vue-router'
import type { Component } from 'vue'
import { House, OfficeBuilding, User, Document } from '@element-plus/icons-vue'
import type { PermissionRequirement } from '@/utils/permissions'
import { problemRoutes } from './domains/problems'
import { projectRoutes } from './domains/projects'
import { taskRoutes } from './domains/tasks'
import { responsibilityRoutes } from './domains/responsibilities'
import { bulletinRoutes } from './domains/bulletins'
import { contactRoutes } from './domains/contacts'
import { caseRoutes, publicCaseRoutes } from './domains/cases'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without login. */
    public?: boolean
    /** Needed to open the route (any of a list); the guard shows the 403 page otherwise. */
    permission?: PermissionRequirement
    /** i18n key of the page title. */
    title?: string
    /** Shown in the side menu with this icon, ordered by `order`. */
    menu?: { icon: Component; order: number }
    /** Name of the menu route whose entry stays highlighted on this page (when the path does not say). */
    section?: string
  }
}

/**
 * Domain screens live in `views/<domain>/`; a new domain (tasks, projects, cases, scoring, …) declares its
 * routes in `router/domains/<domain>.ts` with `meta.permission` and `meta.menu`, spreads them in below, and
 * shows up in the menu by itself.
 */
export const shellRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('@/views/home/index.vue'),
    meta: { title: 'menu.home', menu: { icon: House, order: 0 } },
  },
  {
    path: 'orgs/:id(\\d+)?',
    name: 'orgs',
    component: () => import('@/views/orgs/index.vue'),
    meta: { title: 'menu.orgs', permission: 'org_read', menu: { icon: OfficeBuilding, order: 10 } },
  },
  {
    path: 'users',
    name: 'users',
    component: () => import('@/views/users/index.vue'),
    meta: { title: 'menu.users', permission: 'user_read', menu: { icon: User, order: 20 } },
  },
  ...problemRoutes,
  ...projectRoutes,
  ...taskRoutes,
  ...responsibilityRoutes,
  ...bulletinRoutes,
  ...contactRoutes,
  ...caseRoutes,
  {
    path: 'audit',
    name: 'audit',
    component: () => import('@/views/audit/index.vue'),
    meta: { title: 'menu.audit', permission: 'audit_read', menu: { icon: Document, order: 90 } },
  },
  {
    path: '403',
    name: 'forbidden',
    component: () => import('@/views/errors/Forbidden.vue'),
    meta: { title: 'errors.forbiddenTitle' },
  },
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/Login.vue'),
    meta: { public: true, title: 'auth.login' },
  },
  ...publicCaseRoutes,
  {
    path: '/',
    component: () => import('@/layouts/AppShell.vue'),
    children: [
      ...shellRoutes,
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/errors/NotFound.vue'),
        meta: { title: 'errors.notFoundTitle' },
      },
    ],
  },
]
