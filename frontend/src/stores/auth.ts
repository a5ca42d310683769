import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  authChangePassword,
  authLogin,
  authLogout,
  authMe,
  setAuthLostHandler,
  type ApiError,
  type MeAssignment,
  type MeResponse,
  type Permission,
} from '@/api'
import { clearTokens, onTokensChanged, readTokens, writeTokens } from '@/api/tokens'
import { grantsAt, hasPermission, type PermissionRequirement } from '@/utils/permissions'

const ASSIGNMENT_KEY = 'dj.assignment'

export const useAuthStore = defineStore('auth', () => {
  const loggedIn = ref(readTokens() !== null)
  const me = ref<MeResponse | null>(null)
  const selectedAssignmentId = ref<number | null>(
    Number(localStorage.getItem(ASSIGNMENT_KEY)) || null,
  )
  /** Why the last login ended on its own (refresh failed, revoked); shown on the login page. */
  const lostReason = ref<string | null>(null)
  let mePending: Promise<MeResponse | null> | null = null

  onTokensChanged((pair) => {
    loggedIn.value = pair !== null
    if (!pair) me.value = null
  })

  const user = computed(() => me.value?.user ?? null)
  const assignments = computed<MeAssignment[]>(() => me.value?.assignments ?? [])
  const permissions = computed(() => new Set<string>(me.value?.permissions ?? []))
  /** The assignment chosen in the top-bar switcher (the first one by default). */
  const currentAssignment = computed<MeAssignment | null>(
    () =>
      assignments.value.find((a) => a.id === selectedAssignmentId.value) ??
      assignments.value[0] ??
      null,
  )
  /** The org the user is working for: default root of org trees and filters. */
  const currentOrgId = computed<number | null>(
    () => currentAssignment.value?.org_id ?? me.value?.user.org_id ?? null,
  )

  function can(required: PermissionRequirement | undefined): boolean {
    return hasPermission(permissions.value, required)
  }

  /** Whether a permission applies to an org (by its materialized path): decides which buttons show. */
  function canAt(required: PermissionRequirement, orgPath: string): boolean {
    return grantsAt(assignments.value, required, orgPath)
  }

  function selectAssignment(id: number): void {
    selectedAssignmentId.value = id
    localStorage.setItem(ASSIGNMENT_KEY, String(id))
  }

  async function login(username: string, password: string): Promise<void> {
    const { data } = await authLogin({ body: { username, password } })
    writeTokens({ access: data.access_token, refresh: data.refresh_token ?? '' })
    lostReason.value = null
    me.value = null
    await loadMe(true)
  }

  /** Load /auth/me once (or again with force). Resolves to null when not logged in. */
  function loadMe(force = false): Promise<MeResponse | null> {
    if (!loggedIn.value) return Promise.resolve(null)
    if (me.value && !force) return Promise.resolve(me.value)
    if (!mePending) {
      mePending = authMe()
        .then(({ data }) => {
          me.value = data
          if (!data.assignments.some((a) => a.id === selectedAssignmentId.value)) {
            selectedAssignmentId.value = data.assignments[0]?.id ?? null
          }
          return data
        })
        .finally(() => {
          mePending = null
        })
    }
    return mePending
  }

  /** End the login on the server (best effort) and locally. */
  async function logout(): Promise<void> {
    const refresh = readTokens()?.refresh
    clearTokens()
    me.value = null
    if (refresh) {
      try {
        await authLogout({ body: { refresh_token: refresh } })
      } catch {
        // Already dead on the server, or offline: the local logout is what matters.
      }
    }
  }

  /**
   * Change the password. The server then revokes every token, so log in again with the new password;
   * resolves to false when that second login failed (the caller sends the user to the login page).
   */
  async function changePassword(currentPassword: string, newPassword: string): Promise<boolean> {
    await authChangePassword({
      body: { current_password: currentPassword, new_password: newPassword },
    })
    const username = me.value?.user.username
    try {
      if (!username) throw new Error('no user')
      await login(username, newPassword) // replaces the now revoked pair without leaving the page
      return true
    } catch {
      clearTokens()
      return false
    }
  }

  /** The client calls this when the login is gone (refresh refused, session revoked). */
  function onAuthLost(error: ApiError): void {
    me.value = null
    loggedIn.value = false
    lostReason.value = error.message
  }

  /** Another tab logged in or out: follow it. */
  function syncFromStorage(): void {
    const has = readTokens() !== null
    if (has !== loggedIn.value) {
      loggedIn.value = has
      me.value = null
    }
  }

  setAuthLostHandler(onAuthLost)

  return {
    loggedIn,
    me,
    user,
    assignments,
    permissions,
    currentAssignment,
    currentOrgId,
    lostReason,
    can,
    canAt,
    selectAssignment,
    login,
    loadMe,
    logout,
    changePassword,
    onAuthLost,
    syncFromStorage,
  }
})

export type AuthStore = ReturnType<typeof useAuthStore>
export type { Permission }
