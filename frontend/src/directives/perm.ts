import type { Directive, DirectiveBinding } from 'vue'
import { useAuthStore } from '@/stores/auth'
import type { PermissionRequirement } from '@/utils/permissions'

/**
 * `v-perm="'org_write'"`, `v-perm="['user_write', 'role_assign']"` (any of), or
 * `v-perm="{ perm: 'org_write', path: org.path }"` (held on that org's subtree).
 * It only hides the control: the server decides what is allowed, and answers 403 otherwise.
 */
export type PermValue =
  PermissionRequirement | { perm: PermissionRequirement; path?: string | null }

export function permAllows(value: PermValue): boolean {
  const auth = useAuthStore()
  if (typeof value === 'object' && !Array.isArray(value)) {
    return value.path ? auth.canAt(value.perm, value.path) : auth.can(value.perm)
  }
  return auth.can(value)
}

function apply(el: HTMLElement, binding: DirectiveBinding<PermValue>): void {
  const allowed = permAllows(binding.value)
  if (!allowed) {
    if (el.dataset.permDisplay === undefined) el.dataset.permDisplay = el.style.display
    el.style.display = 'none'
  } else if (el.dataset.permDisplay !== undefined) {
    el.style.display = el.dataset.permDisplay
    delete el.dataset.permDisplay
  }
}

export const vPerm: Directive<HTMLElement, PermValue> = {
  mounted: apply,
  updated: apply,
}
