import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ElMessage } from 'element-plus'
import {
  ApiError,
  authLogin,
  authMe,
  configureClient,
  ifMatch,
  orgsCreateOrg,
  orgsListOrgs,
  orgsUpdateOrg,
  reportError,
  setAuthLostHandler,
  usersListUsers,
} from '@/api'
import { readTokens, writeTokens } from '@/api/tokens'
import { deferred, envelope, fakeServer, json } from './fakeServer'

const page = { items: [], total: 0, page: 1, page_size: 20 }
const pair = (n: number) => ({
  access_token: `a${n}`,
  refresh_token: `r${n}`,
  token_type: 'bearer',
  expires_in: 900,
})
const unauthorized = () => envelope(401, 'unauthorized', '未登录或登录已失效')
/** A protected endpoint that accepts only the given access token. */
const onlyWith =
  (token: string, body: unknown = page) =>
  (c: { headers: Headers }) =>
    c.headers.get('Authorization') === `Bearer ${token}` ? json(200, body) : unauthorized()

let lost: ReturnType<typeof vi.fn<(e: ApiError) => void>>

beforeEach(() => {
  configureClient({ origin: 'http://test', retryDelaysMs: [0, 0] })
  writeTokens({ access: 'a1', refresh: 'r1' })
  lost = vi.fn<(e: ApiError) => void>()
  setAuthLostHandler(lost)
})

describe('bearer token', () => {
  it('is sent on protected calls and never on login', async () => {
    const server = fakeServer()
      .on('GET /api/v1/orgs', onlyWith('a1'))
      .on('POST /api/v1/auth/login', () => json(200, pair(9)))
    await orgsListOrgs()
    await authLogin({ body: { username: 'admin', password: 'x' } })
    expect(server.calls[0]!.headers.get('Authorization')).toBe('Bearer a1')
    expect(server.calls[1]!.headers.get('Authorization')).toBeNull()
  })

  it('a refused login (401) does not try to refresh', async () => {
    const server = fakeServer().on('POST /api/v1/auth/login', () =>
      envelope(401, 'invalid_credentials', '用户名或密码错误'),
    )
    await expect(authLogin({ body: { username: 'a', password: 'b' } })).rejects.toMatchObject({
      status: 401,
      code: 'invalid_credentials',
      message: '用户名或密码错误',
    })
    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(0)
    expect(lost).not.toHaveBeenCalled()
  })
})

describe('refresh on 401', () => {
  it('concurrent 401s share exactly one refresh, then every request is repeated', async () => {
    const gate = deferred<Response>()
    const server = fakeServer()
      .on('GET /api/v1/orgs', onlyWith('a2'))
      .on('GET /api/v1/users', onlyWith('a2'))
      .on('GET /api/v1/auth/me', onlyWith('a2', { user: { id: 1 } }))
      .on('POST /api/v1/auth/refresh', () => gate.promise)

    const all = Promise.all([orgsListOrgs(), usersListUsers(), authMe(), orgsListOrgs()])
    await vi.waitFor(() => expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1))
    gate.resolve(json(200, pair(2)))
    const results = await all

    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200])
    const refreshes = server.callsTo('POST /api/v1/auth/refresh')
    expect(refreshes).toHaveLength(1)
    expect(refreshes[0]!.body).toEqual({ refresh_token: 'r1' })
    expect(refreshes[0]!.headers.get('Authorization')).toBeNull()
    expect(readTokens()).toEqual({ access: 'a2', refresh: 'r2' })
    expect(lost).not.toHaveBeenCalled()
  })

  it('a 401 that arrives after the refresh finished reuses the new token (no second refresh)', async () => {
    const slow = deferred<Response>()
    let firstUsers = true
    const server = fakeServer()
      .on('GET /api/v1/orgs', onlyWith('a2'))
      .on('GET /api/v1/users', (c) => {
        if (firstUsers) {
          firstUsers = false
          return slow.promise // sent with a1, answered late
        }
        return onlyWith('a2')(c)
      })
      .on('POST /api/v1/auth/refresh', () => json(200, pair(2)))

    const users = usersListUsers()
    await orgsListOrgs() // 401 → refresh → a2
    slow.resolve(unauthorized())
    await users

    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1)
    expect(server.callsTo('GET /api/v1/users').map((c) => c.headers.get('Authorization'))).toEqual([
      'Bearer a1',
      'Bearer a2',
    ])
  })

  it('a refused refresh logs out once: tokens cleared, auth-lost handler called, calls reject', async () => {
    const server = fakeServer()
      .on('GET /api/v1/orgs', unauthorized)
      .on('GET /api/v1/users', unauthorized)
      .on('POST /api/v1/auth/refresh', () =>
        envelope(401, 'refresh_token_reused', '刷新令牌已被使用，为安全起见本次登录已失效'),
      )

    const results = await Promise.allSettled([orgsListOrgs(), usersListUsers()])

    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    const reason = (results[0] as PromiseRejectedResult).reason
    expect(reason).toBeInstanceOf(ApiError)
    expect(reason.status).toBe(401)
    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1)
    expect(readTokens()).toBeNull()
    expect(lost).toHaveBeenCalledTimes(1)
    expect(lost.mock.calls[0]![0].code).toBe('refresh_token_reused')
  })

  it('a network failure during refresh keeps the login (the token may still be valid)', async () => {
    fakeServer().on('GET /api/v1/orgs', unauthorized)
    const realFetch = globalThis.fetch
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: Request) => {
        if (input.url.endsWith('/auth/refresh')) throw new TypeError('Failed to fetch')
        return realFetch(input)
      }),
    )
    await expect(orgsListOrgs()).rejects.toMatchObject({ status: 0, code: 'network_error' })
    expect(readTokens()).toEqual({ access: 'a1', refresh: 'r1' })
    expect(lost).not.toHaveBeenCalled()
  })

  it('a refreshed token that is refused too (account deactivated) logs out', async () => {
    fakeServer()
      .on('GET /api/v1/orgs', unauthorized)
      .on('POST /api/v1/auth/refresh', () => json(200, pair(2)))
    await expect(orgsListOrgs()).rejects.toMatchObject({ status: 401 })
    expect(readTokens()).toBeNull()
    expect(lost).toHaveBeenCalledTimes(1)
  })

  it('uses a pair another tab already rotated instead of refreshing again', async () => {
    const server = fakeServer()
      .on('GET /api/v1/orgs', (c) => {
        // the other tab rotates the tokens while our request is in flight
        writeTokens({ access: 'a7', refresh: 'r7' })
        return onlyWith('a7')(c)
      })
      .on('POST /api/v1/auth/refresh', () => json(200, pair(2)))
    await orgsListOrgs()
    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(0)
    expect(server.callsTo('GET /api/v1/orgs').map((c) => c.headers.get('Authorization'))).toEqual([
      'Bearer a1',
      'Bearer a7',
    ])
  })
})

describe('idempotency and retries', () => {
  const org = {
    name: 'x',
    parent_id: 1,
    kind: 'branch',
    level: 'village',
    domain: 'rural',
  } as const

  it('a create keeps one Idempotency-Key across the 401 retry', async () => {
    const server = fakeServer()
      .on('POST /api/v1/orgs', (c) =>
        c.headers.get('Authorization') === 'Bearer a2' ? json(201, { id: 5 }) : unauthorized(),
      )
      .on('POST /api/v1/auth/refresh', () => json(200, pair(2)))
    await orgsCreateOrg({ body: org })
    const keys = server.callsTo('POST /api/v1/orgs').map((c) => c.headers.get('Idempotency-Key'))
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(/^[0-9a-f-]{20,}$/)
    expect(keys[1]).toBe(keys[0])
    expect(server.callsTo('POST /api/v1/orgs')[1]!.body).toEqual(org)
  })

  it('a create is repeated with the same key after a network failure', async () => {
    let attempts = 0
    const server = fakeServer().on('POST /api/v1/orgs', () => json(201, { id: 5 }))
    const inner = server.fetch.getMockImplementation()!
    server.fetch.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      attempts++
      if (attempts === 1) {
        await inner(input, init) // the server got it, the answer was lost
        throw new TypeError('network down')
      }
      return inner(input, init)
    })
    const { data } = await orgsCreateOrg({ body: org })
    expect(data).toEqual({ id: 5 })
    const keys = server.callsTo('POST /api/v1/orgs').map((c) => c.headers.get('Idempotency-Key'))
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
  })

  it('gives up after the configured retries with a network ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('offline')
      }),
    )
    await expect(orgsListOrgs()).rejects.toMatchObject({ status: 0, code: 'network_error' })
    expect(globalThis.fetch).toHaveBeenCalledTimes(3)
  })

  it('sends If-Match with the quoted version', async () => {
    const server = fakeServer().on('PATCH /api/v1/orgs/7', () =>
      envelope(412, 'precondition_failed', '数据已被他人修改，请刷新后重试'),
    )
    const err = await orgsUpdateOrg({
      path: { org_id: 7 },
      body: { name: 'n' },
      headers: ifMatch(3),
    }).catch((e: unknown) => e)
    expect(server.calls[0]!.headers.get('If-Match')).toBe('"3"')
    expect(server.calls[0]!.headers.get('Idempotency-Key')).toBeNull()
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).isStale).toBe(true)
  })
})

describe('errors reach the user', () => {
  it('an envelope becomes an ApiError with fields', async () => {
    fakeServer().on('GET /api/v1/orgs', () =>
      envelope(422, 'validation_error', '提交的数据不符合要求', [
        { loc: ['query', 'page_size'], message: '数值过大' },
      ]),
    )
    const err = (await orgsListOrgs({ query: { page_size: 100 } }).catch((e) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('validation_error')
    expect(err.fields).toEqual([{ loc: ['query', 'page_size'], message: '数值过大' }])
  })

  it('reportError shows the server message; 412 as a warning; 401 silently', () => {
    reportError(new ApiError(403, 'forbidden', '没有权限执行此操作'))
    expect(ElMessage.error).toHaveBeenCalledWith(
      expect.objectContaining({ message: '没有权限执行此操作' }),
    )
    reportError(new ApiError(412, 'precondition_failed', '数据已被他人修改'))
    expect(ElMessage.warning).toHaveBeenCalledWith(
      expect.objectContaining({ message: '数据已被他人修改' }),
    )
    vi.mocked(ElMessage.error).mockClear()
    reportError(new ApiError(401, 'unauthorized', '未登录'))
    expect(ElMessage.error).not.toHaveBeenCalled()
  })
})
