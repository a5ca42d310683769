import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { configureClient, orgsListOrgs } from '@/api'
import { readTokens, writeTokens } from '@/api/tokens'
import { useAuthStore } from '@/stores/auth'
import { permAllows } from '@/directives/perm'
import { envelope, fakeServer, json } from './fakeServer'

const assignments = [
  {
    id: 11,
    role: 'organizer',
    org_id: 2,
    org_name: '沙河街道党工委',
    org_path: '/1/2/',
    permissions: ['org_read', 'org_write', 'user_read', 'audit_read'],
  },
  {
    id: 12,
    role: 'secretary',
    org_id: 87,
    org_name: '东升村党支部',
    org_path: '/1/86/87/',
    permissions: ['org_read', 'user_read'],
  },
]
const me = {
  user: { id: 5, username: 'shahe_djb', full_name: '王芳', phone: null, org_id: 2 },
  org_name: '沙河街道党工委',
  assignments,
  permissions: ['account_self', 'org_read', 'org_write', 'user_read', 'audit_read'],
}
const tokens = (n: number) => ({
  access_token: `a${n}`,
  refresh_token: `r${n}`,
  token_type: 'bearer',
  expires_in: 900,
})

beforeEach(() => {
  configureClient({ origin: 'http://test', retryDelaysMs: [] })
  setActivePinia(createPinia())
})

describe('auth store', () => {
  it('login stores the token pair and loads me, permissions and the current assignment', async () => {
    const server = fakeServer()
      .on('POST /api/v1/auth/login', () => json(200, tokens(1)))
      .on('GET /api/v1/auth/me', () => json(200, me))
    const auth = useAuthStore()
    expect(auth.loggedIn).toBe(false)

    await auth.login('shahe_djb', 'demo12345')

    expect(server.callsTo('POST /api/v1/auth/login')[0]!.body).toEqual({
      username: 'shahe_djb',
      password: 'demo12345',
    })
    expect(readTokens()).toEqual({ access: 'a1', refresh: 'r1' })
    expect(auth.loggedIn).toBe(true)
    expect(auth.user?.username).toBe('shahe_djb')
    expect(auth.can('org_write')).toBe(true)
    expect(auth.can('role_assign')).toBe(false)
    expect(auth.can(['role_assign', 'audit_read'])).toBe(true)
    expect(auth.can(undefined)).toBe(true)
    expect(auth.currentAssignment?.id).toBe(11)
    expect(auth.currentOrgId).toBe(2)
  })

  it('a refused login leaves the store logged out', async () => {
    fakeServer().on('POST /api/v1/auth/login', () =>
      envelope(401, 'invalid_credentials', '用户名或密码错误'),
    )
    const auth = useAuthStore()
    await expect(auth.login('x', 'y')).rejects.toMatchObject({ message: '用户名或密码错误' })
    expect(auth.loggedIn).toBe(false)
    expect(readTokens()).toBeNull()
  })

  it('canAt checks the assignment whose subtree holds the org', async () => {
    writeTokens({ access: 'a1', refresh: 'r1' })
    fakeServer().on('GET /api/v1/auth/me', () => json(200, me))
    const auth = useAuthStore()
    await auth.loadMe()
    expect(auth.canAt('org_write', '/1/2/3/')).toBe(true) // inside 沙河街道
    expect(auth.canAt('org_write', '/1/86/87/')).toBe(false) // the village: secretary only reads
    expect(auth.canAt('org_read', '/1/86/87/')).toBe(true)
    expect(auth.canAt('org_read', '/1/')).toBe(false) // above every scope
    expect(permAllows({ perm: 'org_write', path: '/1/2/' })).toBe(true)
    expect(permAllows({ perm: 'org_write', path: '/1/86/' })).toBe(false)
    expect(permAllows('audit_read')).toBe(true)
    expect(permAllows(['role_assign', 'user_write'])).toBe(false)
  })

  it('the assignment switcher changes the current org and is remembered', async () => {
    writeTokens({ access: 'a1', refresh: 'r1' })
    fakeServer().on('GET /api/v1/auth/me', () => json(200, me))
    const auth = useAuthStore()
    await auth.loadMe()
    auth.selectAssignment(12)
    expect(auth.currentOrgId).toBe(87)

    setActivePinia(createPinia())
    const again = useAuthStore()
    await again.loadMe()
    expect(again.currentAssignment?.id).toBe(12)
  })

  it('loadMe is shared by concurrent callers', async () => {
    writeTokens({ access: 'a1', refresh: 'r1' })
    const server = fakeServer().on('GET /api/v1/auth/me', () => json(200, me))
    const auth = useAuthStore()
    await Promise.all([auth.loadMe(), auth.loadMe(), auth.loadMe()])
    await auth.loadMe()
    expect(server.callsTo('GET /api/v1/auth/me')).toHaveLength(1)
  })

  it('logout revokes the refresh token on the server and clears everything', async () => {
    writeTokens({ access: 'a1', refresh: 'r1' })
    const server = fakeServer()
      .on('GET /api/v1/auth/me', () => json(200, me))
      .on('POST /api/v1/auth/logout', () => json(204, null))
    const auth = useAuthStore()
    await auth.loadMe()
    await auth.logout()
    expect(server.callsTo('POST /api/v1/auth/logout')[0]!.body).toEqual({ refresh_token: 'r1' })
    expect(readTokens()).toBeNull()
    expect(auth.loggedIn).toBe(false)
    expect(auth.me).toBeNull()
  })

  it('logout still ends the local login when the server is unreachable', async () => {
    writeTokens({ access: 'a1', refresh: 'r1' })
    fakeServer() // every call 404s
    const auth = useAuthStore()
    await auth.logout()
    expect(readTokens()).toBeNull()
    expect(auth.loggedIn).toBe(false)
  })

  it('changing the password logs in again with the new one (the server revoked every token)', async () => {
    writeTokens({ access: 'a1', refresh: 'r1' })
    const server = fakeServer()
      .on('GET /api/v1/auth/me', () => json(200, me))
      .on('POST /api/v1/auth/password', () => json(204, null))
      .on('POST /api/v1/auth/login', () => json(200, tokens(2)))
    const auth = useAuthStore()
    await auth.loadMe()
    await expect(auth.changePassword('demo12345', 'n3w-passw0rd')).resolves.toBe(true)
    expect(server.callsTo('POST /api/v1/auth/password')[0]!.body).toEqual({
      current_password: 'demo12345',
      new_password: 'n3w-passw0rd',
    })
    expect(server.callsTo('POST /api/v1/auth/login')[0]!.body).toEqual({
      username: 'shahe_djb',
      password: 'n3w-passw0rd',
    })
    expect(readTokens()).toEqual({ access: 'a2', refresh: 'r2' })
    expect(auth.loggedIn).toBe(true)
  })

  it('a wrong current password keeps the login and surfaces the 422', async () => {
    writeTokens({ access: 'a1', refresh: 'r1' })
    fakeServer()
      .on('GET /api/v1/auth/me', () => json(200, me))
      .on('POST /api/v1/auth/password', () =>
        envelope(422, 'invalid_current_password', '当前密码不正确', [
          { loc: ['body', 'current_password'], message: '当前密码不正确' },
        ]),
      )
    const auth = useAuthStore()
    await auth.loadMe()
    await expect(auth.changePassword('wrong', 'n3w-passw0rd')).rejects.toMatchObject({
      status: 422,
    })
    expect(readTokens()).toEqual({ access: 'a1', refresh: 'r1' })
  })

  it('when the client loses the login, the store logs out and keeps the reason', async () => {
    writeTokens({ access: 'a1', refresh: 'r1' })
    fakeServer()
      .on('GET /api/v1/auth/me', () => json(200, me))
      .on('GET /api/v1/orgs', () => envelope(401, 'unauthorized', '未登录或登录已失效'))
      .on('POST /api/v1/auth/refresh', () =>
        envelope(401, 'unauthorized', '登录已失效，请重新登录'),
      )
    const auth = useAuthStore()
    await auth.loadMe()
    await expect(orgsListOrgs()).rejects.toMatchObject({ status: 401 })
    expect(auth.loggedIn).toBe(false)
    expect(auth.me).toBeNull()
    expect(auth.lostReason).toBe('登录已失效，请重新登录')
  })
})
