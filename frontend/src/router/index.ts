import { createRouter, createWebHistory } from 'vue-router'
import { routes } from './routes'
import { decideNavigation } from './guard'
import { useAuthStore } from '@/stores/auth'
import { i18n } from '@/locales'

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach((to) => {
  const auth = useAuthStore()
  return decideNavigation(to, {
    loggedIn: auth.loggedIn,
    ensurePermissions: async () => ((await auth.loadMe()) ? auth.permissions : null),
  })
})

router.afterEach((to) => {
  const t = i18n.global.t
  const app = t('app.title')
  document.title = to.meta.title ? `${t(to.meta.title)} - ${app}` : app
})
