import { describe, expect, it } from 'vitest'
import { shellRoutes } from '@/router/routes'
import { activeMenuPath, menuEntryOf } from '@/layouts/menuSection'

const menu = shellRoutes.filter((r) => r.meta?.menu).map(menuEntryOf)
const byName = new Map(shellRoutes.map((r) => [r.name, r]))

/** The active menu path on the page of a named shell route, its parameters filled with 7. */
function activeOn(name: string): string {
  const r = byName.get(name)!
  const path = '/' + r.path.replace(/:\w+(\([^)]*\))?\??/g, '7')
  return activeMenuPath({ name, path, meta: r.meta ?? {} }, menu)
}

describe('side menu section', () => {
  it('highlights a menu page itself', () => {
    expect(activeOn('problems')).toBe('/problems')
    expect(activeOn('scoring-assigned')).toBe('/scoring-sessions/assigned')
  })

  it('keeps the section of pages whose path does not start with it', () => {
    expect(activeOn('project-campaigns')).toBe('/projects')
    expect(activeOn('project-campaign')).toBe('/projects')
    // the judge's page lives under /scoring-sessions but belongs to 我的评分
    expect(activeOn('scoring-judge')).toBe('/scoring-sessions/assigned')
  })

  it('falls back to the path prefix', () => {
    expect(activeMenuPath({ name: 'x', path: '/problems/3/anything', meta: {} }, menu)).toBe(
      '/problems',
    )
  })

  it('puts every page of a domain under a menu entry', () => {
    const outside = new Set(['home', 'notifications', 'forbidden'])
    const menuPaths = new Set(menu.map((m) => m.path))
    for (const r of shellRoutes) {
      const name = r.name as string
      if (outside.has(name)) continue
      expect(menuPaths.has(activeOn(name)), name).toBe(true)
    }
  })

  it('names only existing menu routes as sections', () => {
    const menuNames = new Set(menu.map((m) => m.name))
    for (const r of shellRoutes) {
      if (r.meta?.section) expect(menuNames.has(r.meta.section), r.name as string).toBe(true)
    }
  })
})
