import type { RouteLocationNormalizedLoaded, RouteRecordRaw } from 'vue-router'

export interface MenuEntry {
  name: string
  path: string
}

/** A shell route's menu entry: its path up to the first parameter. */
export function menuEntryOf(r: RouteRecordRaw): MenuEntry {
  return { name: r.name as string, path: '/' + r.path.replace(/\/?:.*$/, '') }
}

/**
 * The menu entry to highlight for the current page: the page itself when it is in the menu, else the
 * section its route names in `meta.section` (pages whose path does not start with their section's, like
 * /project-campaigns under 书记项目), else the longest menu path the URL starts with (/problems/42 →
 * 问题整改). Answers the route's own path when nothing matches, which highlights nothing.
 */
export function activeMenuPath(
  route: Pick<RouteLocationNormalizedLoaded, 'name' | 'path' | 'meta'>,
  menu: readonly MenuEntry[],
): string {
  const hit = menu.find((m) => m.name === route.name)
  if (hit) return hit.path
  const declared = route.meta.section && menu.find((m) => m.name === route.meta.section)
  if (declared) return declared.path
  const section = menu
    .filter((m) => m.path !== '/' && route.path.startsWith(m.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0]
  return section?.path ?? route.path
}
