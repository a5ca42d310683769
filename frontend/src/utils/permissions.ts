import type { MeAssignment, Permission } from '@/api/generated/types.gen'

/** A permission requirement: one name, or a list meaning "any of these". */
export type PermissionRequirement = Permission | Permission[]

export function requirementList(required: PermissionRequirement | undefined): Permission[] {
  if (!required) return []
  return Array.isArray(required) ? required : [required]
}

/** True when `granted` satisfies the requirement (no requirement = allowed). */
export function hasPermission(
  granted: Iterable<string>,
  required: PermissionRequirement | undefined,
): boolean {
  const list = requirementList(required)
  if (list.length === 0) return true
  const set = granted instanceof Set ? (granted as Set<string>) : new Set(granted)
  return list.some((p) => set.has(p))
}

/**
 * True when some role assignment covering the org at `orgPath` (materialized path such as `/1/86/87/`)
 * grants the permission: an assignment's scope is its org's whole subtree. This only decides what the UI
 * shows; the server decides what is allowed.
 */
export function grantsAt(
  assignments: readonly Pick<MeAssignment, 'org_path' | 'permissions'>[],
  required: PermissionRequirement,
  orgPath: string,
): boolean {
  const list = requirementList(required)
  return assignments.some(
    (a) => orgPath.startsWith(a.org_path) && list.some((p) => a.permissions.includes(p)),
  )
}
