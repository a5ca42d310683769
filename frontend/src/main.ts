import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { i18n } from './locales'
import { router } from './router'
import { ApiError, reportError } from './api'
import { isTokenStorageKey } from './api/tokens'
import { vPerm } from './directives/perm'
import { useAuthStore } from './stores/auth'
import { useEnumsStore } from './stores/enums'
import { useOrgsStore } from './stores/orgs'
import { useUsersStore } from './stores/users'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
app.use(router)
app.directive('perm', vPerm)

// API failures nobody caught still reach the user, in Chinese, from the server's error envelope.
app.config.errorHandler = (err) => reportError(err)
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof ApiError) {
    event.preventDefault()
    reportError(event.reason)
  }
})

const auth = useAuthStore() // registers the client's auth-lost handler
void useEnumsStore()
  .load()
  .catch(() => undefined)

// The login ended (logout, refresh refused, another tab logged out): leave the protected pages.
watch(
  () => auth.loggedIn,
  (loggedIn) => {
    if (!loggedIn) {
      // Names cached for one login are not shown to the next one.
      useOrgsStore().names.clear()
      useUsersStore().names.clear()
    }
    const route = router.currentRoute.value
    if (!loggedIn && !route.meta.public) {
      void router.replace({ name: 'login', query: { redirect: route.fullPath } })
    }
  },
)
window.addEventListener('storage', (event) => {
  if (isTokenStorageKey(event.key)) auth.syncFromStorage()
})

document.documentElement.lang = i18n.global.locale.value
app.mount('#app')
