import { describe, expect, it, vi } from 'vitest'
import type { RouteMeta } from 'vue-router'
import { decideNavigation, safeRedirect, type GuardSession } from '@/router/guard'
import { grantsAt, hasPermission } from '@/utils/permissions'

const route = (fullPath: string, meta: RouteMeta = {}, name = 'x') => ({ fullPath, meta, name })
const session = (loggedIn: boolean, perms: string[] | null = []): GuardSession => ({
  loggedIn,
  ensurePermissions: vi.fn(async () => perms),
})

describe('hasPermission', () => {
  it('no requirement is always allowed; a list means any of', () => {
    expect(hasPermission([], undefined)).toBe(true)
    expect(hasPermission(['org_read'], 'org_read')).toBe(true)
    expect(hasPermission(['org_read'], 'org_write')).toBe(false)
    expect(hasPermission(new Set(['audit_read']), ['org_write', 'audit_read'])).toBe(true)
    expect(hasPermission(['org_read'], [])).toBe(true)
  })
})

describe('grantsAt', () => {
  const a = [
    { org_path: '/1/2/', permissions: ['org_write' as const] },
    { org_path: '/1/86/87/', permissions: ['org_read' as const] },
  ]
  it('applies an assignment to its org and every descendant only', () => {
    expect(grantsAt(a, 'org_write', '/1/2/')).toBe(true)
    expect(grantsAt(a, 'org_write', '/1/2/10/55/')).toBe(true)
    expect(grantsAt(a, 'org_write', '/1/')).toBe(false)
    expect(grantsAt(a, 'org_write', '/1/20/')).toBe(false) // "/1/2" is not a prefix of "/1/20/"
    expect(grantsAt(a, 'org_write', '/1/86/87/')).toBe(false)
    expect(grantsAt(a, ['org_write', 'org_read'], '/1/86/87/')).toBe(true)
  })
})

describe('decideNavigation', () => {
  it('public pages are open to everyone', async () => {
    const s = session(false)
    expect(await decideNavigation(route('/login', { public: true }, 'login'), s)).toBe(true)
    expect(s.ensurePermissions).not.toHaveBeenCalled()
  })

  it('a logged-in user opening /login goes home', async () => {
    expect(
      await decideNavigation(route('/login', { public: true }, 'login'), session(true, [])),
    ).toEqual({ name: 'home' })
  })

  it('a logged-in user whose login is dead may stay on /login', async () => {
    expect(
      await decideNavigation(route('/login', { public: true }, 'login'), session(true, null)),
    ).toBe(true)
  })

  it('anything else needs a login and remembers where the user wanted to go', async () => {
    expect(
      await decideNavigation(route('/orgs/87', { permission: 'org_read' }), session(false)),
    ).toEqual({ name: 'login', query: { redirect: '/orgs/87' } })
    expect(await decideNavigation(route('/'), session(false))).toEqual({ name: 'login', query: {} })
  })

  it('a missing permission leads to the 403 page', async () => {
    expect(
      await decideNavigation(
        route('/audit', { permission: 'audit_read' }),
        session(true, ['org_read']),
      ),
    ).toEqual({ name: 'forbidden', query: { from: '/audit' } })
  })

  it('a held permission (or none required) lets the navigation through', async () => {
    expect(
      await decideNavigation(
        route('/users', { permission: 'user_read' }),
        session(true, ['user_read']),
      ),
    ).toBe(true)
    expect(await decideNavigation(route('/'), session(true, []))).toBe(true)
  })

  it('when /auth/me shows the login is gone, back to the login page', async () => {
    expect(
      await decideNavigation(route('/users', { permission: 'user_read' }), session(true, null)),
    ).toEqual({ name: 'login', query: { redirect: '/users' } })
    const failing: GuardSession = {
      loggedIn: true,
      ensurePermissions: () => Promise.reject(new Error()),
    }
    expect(await decideNavigation(route('/users'), failing)).toEqual({
      name: 'login',
      query: { redirect: '/users' },
    })
  })
})

describe('safeRedirect', () => {
  it('accepts only paths inside the app', () => {
    expect(safeRedirect('/orgs/3?x=1')).toBe('/orgs/3?x=1')
    expect(safeRedirect('https://evil.example')).toBe('/')
    expect(safeRedirect('//evil.example/x')).toBe('/')
    expect(safeRedirect('/login?redirect=/x')).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
    expect(safeRedirect(['/a'])).toBe('/')
  })
})
