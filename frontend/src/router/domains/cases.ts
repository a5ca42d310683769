import type { RouteRecordRaw } from 'vue-router'
import { Collection, Medal, Reading, Stamp, Trophy } from '@element-plus/icons-vue'

/** 案例制: cases, rounds, the library; the scoring engine's sessions and the judges' scoring pages. */
export const caseRoutes: RouteRecordRaw[] = [
  {
    path: 'cases',
    name: 'cases',
    component: () => import('@/views/cases/index.vue'),
    meta: { title: 'cases.menu', permission: 'case_read', menu: { icon: Collection, order: 50 } },
  },
  {
    path: 'cases/new',
    name: 'case-new',
    component: () => import('@/views/cases/CaseCreate.vue'),
    meta: { section: 'cases', title: 'cases.createTitle', permission: 'case_submit' },
  },
  {
    path: 'cases/:id(\\d+)',
    name: 'case',
    component: () => import('@/views/cases/CaseDetail.vue'),
    meta: { section: 'cases', title: 'cases.detailTitle', permission: 'case_read' },
  },
  {
    path: 'case-rounds',
    name: 'case-rounds',
    component: () => import('@/views/cases/rounds/index.vue'),
    meta: { title: 'cases.round.menu', permission: 'case_read', menu: { icon: Stamp, order: 51 } },
  },
  {
    path: 'case-rounds/:id(\\d+)',
    name: 'case-round',
    component: () => import('@/views/cases/rounds/RoundDetail.vue'),
    meta: { section: 'case-rounds', title: 'cases.round.detailTitle', permission: 'case_read' },
  },
  {
    path: 'case-library',
    name: 'case-library',
    component: () => import('@/views/cases/library/index.vue'),
    meta: {
      title: 'cases.library.menu',
      permission: 'case_read',
      menu: { icon: Reading, order: 53 },
    },
  },
  {
    path: 'case-library/:id(\\d+)',
    name: 'case-library-item',
    component: () => import('@/views/cases/library/LibraryDetail.vue'),
    meta: { section: 'case-library', title: 'cases.library.detailTitle', permission: 'case_read' },
  },
  {
    path: 'scoring-sessions',
    name: 'scoring-sessions',
    component: () => import('@/views/scoring/index.vue'),
    meta: { title: 'scoring.menu', permission: 'scoring_read', menu: { icon: Trophy, order: 55 } },
  },
  {
    path: 'scoring-sessions/:id(\\d+)',
    name: 'scoring-session',
    component: () => import('@/views/scoring/SessionDetail.vue'),
    meta: { section: 'scoring-sessions', title: 'scoring.detailTitle', permission: 'scoring_read' },
  },
  {
    path: 'scoring-sessions/assigned',
    name: 'scoring-assigned',
    component: () => import('@/views/scoring/AssignedSessions.vue'),
    meta: {
      title: 'scoring.assigned.title',
      permission: 'score_submit',
      menu: { icon: Medal, order: 56 },
    },
  },
  {
    path: 'scoring-sessions/:id(\\d+)/score',
    name: 'scoring-judge',
    component: () => import('@/views/scoring/JudgeScoring.vue'),
    meta: { section: 'scoring-assigned', title: 'scoring.judge.title', permission: 'score_submit' },
  },
]

/** The 公示 pages: readable and open to objections without a login, outside the app shell. */
export const publicCaseRoutes: RouteRecordRaw[] = [
  {
    path: '/public/announcements',
    component: () => import('@/views/cases/public/PublicLayout.vue'),
    meta: { public: true },
    children: [
      {
        path: '',
        name: 'public-announcements',
        component: () => import('@/views/cases/public/PublicAnnouncements.vue'),
        meta: { public: true, title: 'cases.public.listTitle' },
      },
      {
        path: ':roundId(\\d+)',
        name: 'public-announcement',
        component: () => import('@/views/cases/public/PublicRound.vue'),
        meta: { public: true, title: 'cases.public.title' },
      },
      {
        path: ':roundId(\\d+)/cases/:caseId(\\d+)',
        name: 'public-case',
        component: () => import('@/views/cases/public/PublicCase.vue'),
        meta: { public: true, title: 'cases.public.caseTitle' },
      },
    ],
  },
]
