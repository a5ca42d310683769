/**
 * The one HTTP client. The SDK in ./generated (from the backend's OpenAPI) sends every request through
 * `authFetch`, which
 * - adds the bearer token,
 * - adds an `Idempotency-Key` to POSTs, so a retry after a network failure never creates anything twice,
 * - retries GETs and keyed POSTs after a network failure (weak mobile networks),
 * - on 401 refreshes the token pair once (single flight: every concurrent 401 waits for the same refresh,
 *   because the refresh token rotates and reusing it revokes the whole login) and repeats the request,
 * - on a failed refresh clears the tokens and calls the "auth lost" handler (→ login page).
 * Every failure reaches callers as an ApiError (errors.ts).
 */
import { ElMessage } from 'element-plus'
import { client } from './generated/client.gen'
import { ApiError, toApiError } from './errors'
import { clearTokens, readTokens, writeTokens } from './tokens'

export const API_PREFIX = '/api/v1'

/** Endpoints that never carry the bearer token and never trigger a refresh. */
const PUBLIC_AUTH_PATHS = ['/auth/login', '/auth/refresh', '/auth/token', '/auth/logout']

interface ClientSettings {
  /** Origin prepended to the SDK's `/api/v1/...` URLs: empty in the browser (same origin). */
  origin: string
  /** Delays before retrying after a network failure; one retry per entry. */
  retryDelaysMs: number[]
}

const settings: ClientSettings = { origin: '', retryDelaysMs: [400, 1500] }

type AuthLostHandler = (error: ApiError) => void
let authLostHandler: AuthLostHandler = () => {}

let refreshInFlight: Promise<string | null> | null = null

export function configureClient(overrides: Partial<ClientSettings>): void {
  Object.assign(settings, overrides)
  client.setConfig({ baseUrl: settings.origin })
}

/** Registered by the auth store: what to do when the login is gone (refresh failed, token revoked). */
export function setAuthLostHandler(fn: AuthLostHandler): void {
  authLostHandler = fn
}

function pathOf(request: Request): string {
  return new URL(request.url, 'http://localhost').pathname
}

function isPublicAuth(path: string): boolean {
  return PUBLIC_AUTH_PATHS.some((p) => path === API_PREFIX + p)
}

function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID()
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/** fetch with retries after network failures, for requests that are safe to repeat. */
async function send(request: Request, retryable: boolean): Promise<Response> {
  const delays = retryable ? settings.retryDelaysMs : []
  for (let attempt = 0; ; attempt++) {
    try {
      return await globalThis.fetch(request.clone())
    } catch (error) {
      if (isAbort(error) || attempt >= delays.length) throw error
      await sleep(delays[attempt] ?? 0)
    }
  }
}

/** The full URL of an API path (`/attachments/1/content` → `/api/v1/attachments/1/content`). */
export function apiUrl(path: string): string {
  return `${settings.origin}${API_PREFIX}${path}`
}

/** The login is gone: clear the tokens and tell the auth store (→ login page). */
export function loseAuth(error: ApiError): void {
  clearTokens()
  authLostHandler(error)
}

async function exchangeRefreshToken(refreshToken: string): Promise<string | null> {
  // A second tab may have rotated the pair while we waited for the lock: use its result.
  const latest = readTokens()
  if (!latest) return null
  if (latest.refresh !== refreshToken) return latest.access

  let response: Response
  try {
    response = await globalThis.fetch(
      new Request(`${settings.origin}${API_PREFIX}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: refreshToken }),
      }),
    )
  } catch {
    // The network failed: the login may still be valid, so keep the tokens and report the failure.
    throw toApiError(0, null)
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok && body && typeof body === 'object' && 'access_token' in body) {
    const pair = body as { access_token: string; refresh_token?: string | null }
    writeTokens({ access: pair.access_token, refresh: pair.refresh_token ?? refreshToken })
    return pair.access_token
  }
  const error = toApiError(response.status, body)
  if (response.status === 429 || response.status >= 500) throw error // transient: keep the login
  loseAuth(error)
  return null
}

/**
 * Get a fresh access token after `staleAccess` was rejected. Concurrent callers share one refresh; a caller
 * whose token was already replaced gets the replacement without another refresh. Resolves to null when the
 * login is gone (the tokens are then cleared and the auth-lost handler has run).
 */
export function refreshAccessToken(staleAccess: string): Promise<string | null> {
  const current = readTokens()
  if (!current) return Promise.resolve(null)
  if (current.access !== staleAccess) return Promise.resolve(current.access)
  if (!refreshInFlight) {
    const run = () => exchangeRefreshToken(current.refresh)
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
    // Web Locks serialize refreshes across tabs too (they share localStorage).
    const pending = locks ? locks.request('dj-token-refresh', run) : run()
    refreshInFlight = pending.finally(() => {
      refreshInFlight = null
    })
  }
  return refreshInFlight
}

export async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request && !init ? input : new Request(input, init)
  const path = pathOf(request)
  const protectedCall = path.startsWith(API_PREFIX) && !isPublicAuth(path)
  if (request.method === 'POST' && protectedCall && !request.headers.has('Idempotency-Key')) {
    request.headers.set('Idempotency-Key', newIdempotencyKey())
  }
  const retryable = request.method === 'GET' || request.headers.has('Idempotency-Key')
  const sentAccess = protectedCall ? (readTokens()?.access ?? null) : null
  if (sentAccess) request.headers.set('Authorization', `Bearer ${sentAccess}`)

  const response = await send(request, retryable)
  if (response.status !== 401 || !protectedCall) return response
  if (!sentAccess) {
    loseAuth(
      toApiError(
        401,
        await response
          .clone()
          .json()
          .catch(() => null),
      ),
    )
    return response
  }
  const fresh = await refreshAccessToken(sentAccess)
  if (!fresh) return response
  request.headers.set('Authorization', `Bearer ${fresh}`)
  const retried = await send(request, retryable)
  if (retried.status === 401) {
    // A brand-new token was refused too (account deactivated, all sessions revoked).
    loseAuth(
      toApiError(
        401,
        await retried
          .clone()
          .json()
          .catch(() => null),
      ),
    )
  }
  return retried
}

/** `If-Match` for optimistic concurrency: the server answers 412 when `version` is no longer current. */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` }
}

/** Show an API failure to the user (ElMessage with the server's Chinese message). */
export function reportError(error: unknown): void {
  if (error instanceof ApiError) {
    // 401s are handled once, by the auth-lost handler (it redirects to the login page).
    if (error.status === 401) return
    if (error.isStale) {
      ElMessage.warning({ message: error.message, grouping: true })
      return
    }
    ElMessage.error({ message: error.message, grouping: true })
    return
  }
  console.error(error)
  ElMessage.error({
    message: error instanceof Error ? error.message : String(error),
    grouping: true,
  })
}

client.setConfig({ baseUrl: settings.origin, fetch: authFetch, throwOnError: true })
client.interceptors.error.use((error, response) => toApiError(response?.status ?? 0, error))

export { client }
