import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { hasPermission } from '@/utils/permissions'
import type { PermissionRequirement } from '@/utils/permissions'

/** What the guard needs to know about the session; the auth store provides it. */
export interface GuardSession {
  loggedIn: boolean
  /** Loads /auth/me when needed; resolves to the permission names (null when the login is gone). */
  ensurePermissions: () => Promise<Iterable<string> | null>
}

/**
 * Decide a navigation: `true` lets it through, a location redirects.
 * - public routes (login, error pages) are always reachable; the login page sends a logged-in user home;
 * - everything else needs a login (→ /login?redirect=…);
 * - `meta.permission` must be held (→ the 403 page, keeping the wanted URL for display).
 */
export async function decideNavigation(
  to: Pick<RouteLocationNormalized, 'meta' | 'fullPath' | 'name'>,
  session: GuardSession,
): Promise<true | RouteLocationRaw> {
  if (to.meta.public) {
    if (to.name === 'login' && session.loggedIn) {
      const perms = await session.ensurePermissions().catch(() => null)
      if (perms) return { name: 'home' }
    }
    return true
  }
  if (!session.loggedIn) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  let perms: Iterable<string> | null
  try {
    perms = await session.ensurePermissions()
  } catch {
    perms = null
  }
  if (perms === null) {
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  const required = to.meta.permission as PermissionRequirement | undefined
  if (!hasPermission(perms, required)) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
}

/** Only same-app paths are accepted as a post-login redirect (no open redirect to another site). */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/'
  if (value.startsWith('/login')) return '/'
  return value
}
